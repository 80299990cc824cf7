package api

import (
	"testing"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/floor"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/live"
)

func TestNotifications(t *testing.T) {
	e := newEnv(t)
	grace, _ := e.login(t, "grace@salesfloor.test")
	maya, me := e.login(t, "maya@salesfloor.test")
	var before floor.Inbox
	if code := e.call(t, maya, "GET", "/api/notifications", nil, &before); code != 200 || before.Items == nil {
		t.Fatalf("inbox: %d %+v", code, before)
	}
	// Grace, her manager, records a deal for Maya.
	if code := e.call(t, grace, "POST", "/api/sales", map[string]any{"userId": me.User.ID, "amount": 1200, "customer": "Initech", "product": "Team Plan"}, nil); code != 201 {
		t.Fatalf("sale: %d", code)
	}
	var in floor.Inbox
	e.call(t, maya, "GET", "/api/notifications", nil, &in)
	if in.Unread != before.Unread+1 || len(in.Items) == 0 || in.Items[0].Title != "Grace Liu logged a sale for you" {
		t.Fatalf("after the sale: %+v", in)
	}
	if n := live.Recorded[live.UserNotification](e.rec); len(n) == 0 || n[len(n)-1].UserID != me.User.ID {
		t.Fatalf("not delivered live: %+v", n)
	}
	var unread struct{ Unread int }
	if code := e.call(t, maya, "POST", "/api/notifications/read", map[string]any{"ids": []int64{in.Items[0].ID}}, &unread); code != 200 || unread.Unread != in.Unread-1 {
		t.Fatalf("mark read: %d %+v", code, unread)
	}
	var bad struct{ Error struct{ Code, Field string } }
	if code := e.call(t, maya, "POST", "/api/notifications/read", map[string]any{"ids": []int64{}}, &bad); code != 400 || bad.Error.Field != "ids" {
		t.Fatalf("no ids: %d %+v", code, bad)
	}
	if code := e.call(t, e.client(t), "GET", "/api/notifications", nil, nil); code != 401 {
		t.Fatalf("logged out: %d", code)
	}
}

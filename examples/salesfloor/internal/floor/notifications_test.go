package floor

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/live"
)

// sent returns the notifications delivered since the last Reset, as "user:title".
func sent(f *fixture) []string {
	var out []string
	for _, n := range live.Recorded[live.UserNotification](f.rec) {
		out = append(out, strings.Join([]string{name(f, n.UserID), n.Title}, ":"))
	}
	return out
}

func name(f *fixture, id int64) string {
	return map[int64]string{f.ava: "Ava", f.ben: "Ben", f.cy: "Cy", f.admin: "Root"}[id]
}

func TestSaleNotifiesThosePassedAndTheSellerOfARecordedSale(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.sell(t, f.ben, 10_000_00)
	f.sell(t, f.cy, 5_000_00)
	f.rec.Reset()
	// Cy, a manager, records $12K for Ava, who passes Ben and Cy.
	if _, err := f.svc.RecordSale(ctx, NewSale{UserID: f.ava, AmountCents: 12_000_00, Customer: "Initech", Product: "Suite", RecordedBy: f.cy}); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(sent(f), ", ")
	want := "Ben:Ava passed you, Cy:Ava passed you, Ava:Cy logged a sale for you"
	if got != want {
		t.Fatalf("notifications %s, want %s", got, want)
	}
	ben := live.Recorded[live.UserNotification](f.rec)[0]
	if ben.Level != NoticeWarning || ben.Message != "You're now #2 on the leaderboard; $2K wins your place back." || ben.ID == 0 {
		t.Fatalf("Ben's notification %+v", ben)
	}
	unread := live.Recorded[live.UnreadCount](f.rec)
	if len(unread) != 3 || unread[0] != (live.UnreadCount{UserID: f.ben, Count: 1}) {
		t.Fatalf("unread counts %+v", unread)
	}
	// Recording your own sale tells nobody you recorded it.
	f.rec.Reset()
	if _, err := f.svc.RecordSale(ctx, NewSale{UserID: f.ava, AmountCents: 1_00, Customer: "Initech", Product: "Suite", RecordedBy: f.ava}); err != nil {
		t.Fatal(err)
	}
	if got := sent(f); len(got) != 0 {
		t.Fatalf("own sale notified %v", got)
	}
	if _, err := f.svc.RecordSale(ctx, NewSale{UserID: f.ava, AmountCents: 1_00, Customer: "Initech", Product: "Suite", RecordedBy: 999}); err == nil {
		t.Fatal("a sale recorded by an unknown user was accepted")
	}
}

func TestTeamGoalNotifiesTheTeam(t *testing.T) {
	f := newFixture(t)
	f.sell(t, f.ava, 60_000_00)
	f.rec.Reset()
	f.sell(t, f.ben, 45_000_00)
	got := sent(f)
	if len(got) != 2 || got[0] != "Ava:A reached its 2026 goal" || got[1] != "Ben:A reached its 2026 goal" {
		t.Fatalf("notifications %v", got)
	}
	if m := live.Recorded[live.UserNotification](f.rec)[0].Message; m != "$105K closed against a goal of $100K. Well done, team!" {
		t.Fatalf("message %q", m)
	}
}

func TestContestEntryByAManagerNotifiesTheEntrant(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if _, err := f.svc.AddContestEntry(ctx, NewEntry{ContestID: f.contest, UserID: f.ben, Points: 15, Note: "Referral", AddedBy: f.cy}); err != nil {
		t.Fatal(err)
	}
	n := live.Recorded[live.UserNotification](f.rec)
	if len(n) != 1 || n[0].UserID != f.ben || n[0].Title != "+15 points in Cup" || n[0].Message != "Cy added an entry for you: Referral. You're #1." {
		t.Fatalf("notifications %+v", n)
	}
}

func TestInboxAndMarkRead(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.sell(t, f.ava, 10_000_00)
	f.sell(t, f.ben, 20_000_00) // passes Ava
	f.sell(t, f.cy, 30_000_00)  // passes Ava and Ben
	in, err := f.svc.Notifications(ctx, f.ava)
	if err != nil || in.Unread != 2 || len(in.Items) != 2 || in.Items[0].Title != "Cy passed you" || in.Items[0].Read {
		t.Fatalf("inbox %+v %v", in, err)
	}
	f.rec.Reset()
	n, err := f.svc.MarkNotificationsRead(ctx, f.ava, []int64{in.Items[0].ID})
	if err != nil || n != 1 {
		t.Fatalf("mark read: %d %v", n, err)
	}
	if u := live.Recorded[live.UnreadCount](f.rec); len(u) != 1 || u[0] != (live.UnreadCount{UserID: f.ava, Count: 1}) {
		t.Fatalf("unread notified %+v", u)
	}
	// Nothing changed, nothing to tell.
	f.rec.Reset()
	if n, err := f.svc.MarkNotificationsRead(ctx, f.ava, []int64{in.Items[0].ID}); err != nil || n != 1 || len(f.rec.Calls()) != 0 {
		t.Fatalf("again: %d %v %v", n, err, f.rec.Methods())
	}
	// Someone else's notification is not theirs to read.
	ben, _ := f.svc.Notifications(ctx, f.ben)
	if n, _ := f.svc.MarkNotificationsRead(ctx, f.ava, []int64{ben.Items[0].ID}); n != 1 {
		t.Fatalf("marking another's: %d", n)
	}
	if again, _ := f.svc.Notifications(ctx, f.ben); again.Unread != 1 {
		t.Fatalf("Ben's notification was marked by Ava: %+v", again)
	}
	in, _ = f.svc.Notifications(ctx, f.ava)
	if !in.Items[0].Read || in.Items[1].Read {
		t.Fatalf("read flags %+v", in.Items)
	}
	var ve *ValidationError
	for _, ids := range [][]int64{nil, {0}, {-3}, make([]int64, MaxMarkRead+1)} {
		if _, err := f.svc.MarkNotificationsRead(ctx, f.ava, ids); !errors.As(err, &ve) || ve.Field != "ids" {
			t.Errorf("ids %v: %v", ids, err)
		}
	}
	if _, err := f.svc.Notifications(ctx, 999); err == nil {
		t.Fatal("inbox of an unknown user")
	}
}

package store

import (
	"context"
	"testing"
)

func TestNotifications(t *testing.T) {
	s, _ := open(t)
	team, rep1, rep2, _ := floor(t, s)
	var first, second, theirs int64
	write(t, s, func(tx *Tx) (err error) {
		if first, err = tx.InsertNotification(Notification{UserID: rep1, Level: "info", Title: "One", Message: "m1", CreatedAt: t0}); err != nil {
			return err
		}
		if second, err = tx.InsertNotification(Notification{UserID: rep1, Level: "success", Title: "Two", Message: "m2", Link: "/training", CreatedAt: t0.Add(1)}); err != nil {
			return err
		}
		theirs, err = tx.InsertNotification(Notification{UserID: rep2, Level: "warning", Title: "Theirs", Message: "m3", CreatedAt: t0})
		return err
	})
	write(t, s, func(tx *Tx) error {
		if _, err := tx.InsertNotification(Notification{UserID: rep1, Level: "shout", Title: "x", Message: "x", CreatedAt: t0}); err == nil {
			t.Fatal("unknown level accepted")
		}
		return nil
	})
	read(t, s, func(tx *Tx) error {
		list, err := tx.Notifications(rep1, 10)
		if err != nil || len(list) != 2 || list[0].ID != second || list[0].Link != "/training" || !list[0].ReadAt.IsZero() || !list[1].CreatedAt.Equal(t0) {
			t.Fatalf("list %+v %v", list, err)
		}
		if n, err := tx.UnreadNotifications(rep1); err != nil || n != 2 {
			t.Fatalf("unread %d %v", n, err)
		}
		return nil
	})
	write(t, s, func(tx *Tx) error {
		// Someone else's id is ignored; an id already read is not counted twice.
		n, err := tx.MarkNotificationsRead(rep1, []int64{first, theirs}, t0.Add(5))
		if err != nil || n != 1 {
			t.Fatalf("marked %d %v", n, err)
		}
		if n, _ := tx.MarkNotificationsRead(rep1, []int64{first}, t0.Add(6)); n != 0 {
			t.Fatalf("marked again: %d", n)
		}
		if n, err := tx.MarkNotificationsRead(rep1, nil, t0); n != 0 || err != nil {
			t.Fatalf("no ids: %d %v", n, err)
		}
		return nil
	})
	read(t, s, func(tx *Tx) error {
		if n, _ := tx.UnreadNotifications(rep1); n != 1 {
			t.Fatalf("rep1 unread %d", n)
		}
		if n, _ := tx.UnreadNotifications(rep2); n != 1 {
			t.Fatalf("rep2 unread %d", n)
		}
		list, _ := tx.Notifications(rep1, 1)
		if len(list) != 1 || list[0].ID != second {
			t.Fatalf("limit: %+v", list)
		}
		members, err := tx.TeamMembers(team)
		if err != nil || len(members) != 2 || members[0].ID != rep1 {
			t.Fatalf("team members %+v %v", members, err)
		}
		return nil
	})
}

func TestMigratesAnOlderDatabase(t *testing.T) {
	s, dir := open(t)
	_, rep1, _, _ := floor(t, s)
	// A database from before the notifications table: schema version 1.
	if _, err := s.write.Exec(`DROP TABLE notifications; PRAGMA user_version = 1`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s2, err := Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	write(t, s2, func(tx *Tx) error {
		_, err := tx.InsertNotification(Notification{UserID: rep1, Level: "info", Title: "Hi", Message: "m", CreatedAt: t0})
		return err
	})
	read(t, s2, func(tx *Tx) error {
		if u, err := tx.User(rep1); err != nil || u.Name != "Ava" {
			t.Fatalf("data lost in migration: %+v %v", u, err)
		}
		return nil
	})
}

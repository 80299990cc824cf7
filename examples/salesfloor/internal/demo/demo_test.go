package demo

import (
	"context"
	"testing"
	"time"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/auth"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/floor"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/store"
)

func seeded(t *testing.T, now time.Time) (*store.Store, *floor.Service) {
	t.Helper()
	s, err := store.Open(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	ok, err := Seed(context.Background(), s, now, 1000)
	if err != nil || !ok {
		t.Fatalf("seed: %v %v", ok, err)
	}
	return s, floor.New(floor.Config{Store: s, Now: func() time.Time { return now }, Location: now.Location()})
}

func TestSeedBuildsAConsistentFloor(t *testing.T) {
	now := time.Date(2026, 6, 15, 10, 30, 0, 0, time.UTC)
	s, f := seeded(t, now)
	ctx := context.Background()

	board, err := f.Leaderboard(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sellers := 0
	for _, p := range people {
		if p.role.Sells() {
			sellers++
		}
	}
	if len(board.Rows) != sellers {
		t.Fatalf("%d rows, want %d sellers", len(board.Rows), sellers)
	}
	for i, r := range board.Rows {
		t.Logf("#%d %-15s %-9s $%9.0f %2d deals", r.Rank, r.UserName, r.TeamName, r.Value, r.Deals)
		if r.Deals == 0 || r.Value <= 0 {
			t.Errorf("%s has no sales", r.UserName)
		}
		if i > 0 && r.Value > board.Rows[i-1].Value {
			t.Errorf("rows out of order at %d", i)
		}
	}
	// The main demo account sits mid-table, so a sale visibly moves it.
	me, _ := f.Profile(ctx, userID(t, s, people[0].email))
	if me.Rank < 3 || me.Rank > len(board.Rows)-2 {
		t.Errorf("%s is #%d; seed should put the demo login mid-table", me.Name, me.Rank)
	}
	if me.Streak.Days != 2 || me.Streak.ActiveToday {
		t.Errorf("demo login streak %+v, want 2 days continuing today", me.Streak)
	}

	teams, _ := f.Teams(ctx)
	for _, tm := range teams {
		t.Logf("%-9s goal $%.0f total $%.0f (%.0f%%)", tm.Name, tm.Goal, tm.Total, tm.Progress*100)
		if tm.Goal <= 0 || tm.Progress <= 0.5 || tm.Progress >= 1 {
			t.Errorf("team %s progress %.2f: want a goal within reach", tm.Name, tm.Progress)
		}
	}
	contests, _ := f.Contests(ctx)
	if len(contests) != 1 || !contests[0].Active || len(contests[0].Standings) == 0 || len(contests[0].Recent) == 0 {
		t.Fatalf("contest: %+v", contests)
	}
	feed, _ := f.RecentAchievements(ctx, 50)
	if len(feed) == 0 {
		t.Error("no achievements replayed")
	}

	// A demo account logs in with the demo password.
	m, err := auth.NewManager(s)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := m.Login(ctx, "tv@salesfloor.test", Password); err != nil {
		t.Fatalf("TV login: %v", err)
	}
}

func TestSeedOnlyOnce(t *testing.T) {
	now := time.Date(2026, 6, 15, 10, 30, 0, 0, time.UTC)
	s, f := seeded(t, now)
	before, _ := f.Leaderboard(context.Background())
	again, err := Seed(context.Background(), s, now.Add(time.Hour), 1000)
	if err != nil || again {
		t.Fatalf("second seed: %v %v", again, err)
	}
	after, _ := f.Leaderboard(context.Background())
	if len(after.Rows) != len(before.Rows) || after.Rows[0] != before.Rows[0] {
		t.Fatal("second seed changed the floor")
	}
}

func TestSeedEarlyInTheYear(t *testing.T) {
	// On January 2nd, the whole history must fall inside the new year.
	now := time.Date(2027, 1, 2, 9, 0, 0, 0, time.UTC)
	_, f := seeded(t, now)
	board, _ := f.Leaderboard(context.Background())
	total := 0
	for _, r := range board.Rows {
		total += r.Deals
	}
	if total == 0 {
		t.Fatal("no sales this year")
	}
}

func TestLoginsListEveryAccount(t *testing.T) {
	l := Logins()
	if len(l) != len(people) || l[0].Email != "maya@salesfloor.test" || l[len(l)-1].Role != "display" {
		t.Fatalf("logins %+v", l)
	}
}

func userID(t *testing.T, s *store.Store, email string) int64 {
	t.Helper()
	var id int64
	err := s.Read(context.Background(), func(tx *store.Tx) error {
		u, _, err := tx.UserByEmail(email)
		id = u.ID
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

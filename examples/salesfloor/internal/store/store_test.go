package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/rules"
)

var t0 = time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)

func open(t *testing.T) (*Store, string) {
	t.Helper()
	dir := t.TempDir()
	s, err := Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, dir
}

func write(t *testing.T, s *Store, fn func(*Tx) error) {
	t.Helper()
	if err := s.Write(context.Background(), fn); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, s *Store, fn func(*Tx) error) {
	t.Helper()
	if err := s.Read(context.Background(), fn); err != nil {
		t.Fatal(err)
	}
}

// floor creates two teams and three users: two reps and an admin.
func floor(t *testing.T, s *Store) (team1, rep1, rep2, admin int64) {
	t.Helper()
	write(t, s, func(tx *Tx) (err error) {
		if team1, err = tx.InsertTeam("East", "#3b82f6", 100_000_00); err != nil {
			return err
		}
		if rep1, err = tx.InsertUser(NewUser{Email: "a@x.test", Name: "Ava", Role: RoleRep, TeamID: team1, PasswordHash: "h1"}, t0); err != nil {
			return err
		}
		if rep2, err = tx.InsertUser(NewUser{Email: "b@x.test", Name: "Ben", Role: RoleManager, TeamID: team1, PasswordHash: "h2"}, t0); err != nil {
			return err
		}
		admin, err = tx.InsertUser(NewUser{Email: "root@x.test", Name: "Root", Role: RoleAdmin, PasswordHash: "h3"}, t0)
		return err
	})
	return
}

func TestOpenCreatesAndReopens(t *testing.T) {
	s, dir := open(t)
	_, rep1, _, _ := floor(t, s)
	write(t, s, func(tx *Tx) error {
		_, err := tx.InsertSale(rep1, 5_000_00, "Acme", "Pro", t0)
		return err
	})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, FileName)); err != nil {
		t.Fatal(err)
	}
	s2, err := Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	read(t, s2, func(tx *Tx) error {
		sales, err := tx.RecentSales(10)
		if err != nil || len(sales) != 1 || sales[0].AmountCents != 5_000_00 || sales[0].UserName != "Ava" || sales[0].TeamName != "East" {
			t.Fatalf("after reopen: %+v %v", sales, err)
		}
		return nil
	})
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	s, dir := open(t)
	if _, err := s.write.Exec(`PRAGMA user_version = 999`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(context.Background(), dir); err == nil {
		t.Fatal("opened a database from a newer server")
	}
}

func TestUsers(t *testing.T) {
	s, _ := open(t)
	team, rep1, _, admin := floor(t, s)
	read(t, s, func(tx *Tx) error {
		u, hash, err := tx.UserByEmail("A@X.TEST")
		if err != nil || u.ID != rep1 || hash != "h1" || u.TeamID != team || u.TeamColor != "#3b82f6" || !u.Role.Sells() {
			t.Fatalf("by email: %+v %q %v", u, hash, err)
		}
		a, err := tx.User(admin)
		if err != nil || a.TeamID != 0 || a.Role.Sells() {
			t.Fatalf("admin: %+v %v", a, err)
		}
		if _, err := tx.User(9999); !errors.Is(err, ErrNotFound) {
			t.Fatalf("missing user: %v", err)
		}
		return nil
	})
	write(t, s, func(tx *Tx) error {
		if _, err := tx.InsertUser(NewUser{Email: "a@X.test", Name: "Dup", Role: RoleRep, PasswordHash: "x"}, t0); err == nil {
			t.Fatal("duplicate email (case-insensitive) accepted")
		}
		return nil
	})
	write(t, s, func(tx *Tx) error {
		if _, err := tx.InsertUser(NewUser{Email: "z@x.test", Name: "Z", Role: "boss"}, t0); err == nil {
			t.Fatal("invalid role accepted")
		}
		before, after, err := tx.AddXP(rep1, 40)
		if err != nil || before != 0 || after != 40 {
			t.Fatalf("AddXP: %d %d %v", before, after, err)
		}
		return tx.SetStreak(rep1, rules.Streak{Days: 3, Longest: 5, Last: rules.DateOf(t0)})
	})
	read(t, s, func(tx *Tx) error {
		u, _ := tx.User(rep1)
		if u.XP != 40 || u.Streak.Days != 3 || u.Streak.Longest != 5 || u.Streak.Last != rules.DateOf(t0) {
			t.Fatalf("after updates: %+v", u)
		}
		return nil
	})
}

func TestStandingsCountOnlySellersInPeriod(t *testing.T) {
	s, _ := open(t)
	_, rep1, rep2, admin := floor(t, s)
	write(t, s, func(tx *Tx) error {
		for _, sale := range []struct {
			user  int64
			cents int64
			at    time.Time
		}{
			{rep1, 10_000_00, t0},
			{rep1, 2_500_00, t0.Add(time.Hour)},
			{rep2, 30_000_00, t0},
			{rep2, 99_000_00, t0.AddDate(-1, 0, 0)}, // last year
			{admin, 1_00, t0},                       // admins are not ranked even if a row exists
		} {
			if _, err := tx.InsertSale(sale.user, sale.cents, "C", "P", sale.at); err != nil {
				return err
			}
		}
		return nil
	})
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	read(t, s, func(tx *Tx) error {
		st, err := tx.Standings(from, from.AddDate(1, 0, 0))
		if err != nil {
			return err
		}
		got := map[int64][2]int64{}
		for _, x := range st {
			got[x.UserID] = [2]int64{x.Value, int64(x.Count)}
		}
		want := map[int64][2]int64{rep1: {12_500_00, 2}, rep2: {30_000_00, 1}}
		if len(got) != 2 || got[rep1] != want[rep1] || got[rep2] != want[rep2] {
			t.Fatalf("standings %v, want %v", got, want)
		}
		rev, err := tx.TeamRevenues(from, from.AddDate(1, 0, 0))
		if err != nil || len(rev) != 1 {
			t.Fatalf("team revenues %v %v", rev, err)
		}
		one, err := tx.TeamRevenue(st[0].TeamID, from, from.AddDate(1, 0, 0))
		if err != nil || one != 42_500_00 {
			t.Fatalf("team revenue %d %v", one, err)
		}
		return nil
	})
}

func TestSessions(t *testing.T) {
	s, _ := open(t)
	_, rep1, _, _ := floor(t, s)
	hash := []byte("0123456789abcdef0123456789abcdef")
	write(t, s, func(tx *Tx) error { return tx.InsertSession(hash, rep1, t0, t0.Add(time.Hour)) })
	read(t, s, func(tx *Tx) error {
		if got, err := tx.Session(hash, t0.Add(time.Minute)); err != nil || got.UserID != rep1 {
			t.Fatalf("live session: %+v %v", got, err)
		}
		if _, err := tx.Session(hash, t0.Add(time.Hour)); !errors.Is(err, ErrNotFound) {
			t.Fatalf("expired session: %v", err)
		}
		return nil
	})
	write(t, s, func(tx *Tx) error {
		n, err := tx.DeleteExpiredSessions(t0.Add(2 * time.Hour))
		if n != 1 {
			t.Fatalf("expired deleted: %d", n)
		}
		return err
	})
}

func TestContestsAndEntries(t *testing.T) {
	s, _ := open(t)
	_, rep1, rep2, _ := floor(t, s)
	var running, ended, sale int64
	write(t, s, func(tx *Tx) (err error) {
		if running, err = tx.InsertContest(Contest{Name: "Sprint", Description: "d", StartsAt: t0.AddDate(0, 0, -7), EndsAt: t0.AddDate(0, 0, 7), PointsPerThousand: 1}); err != nil {
			return err
		}
		if ended, err = tx.InsertContest(Contest{Name: "Old", Description: "d", StartsAt: t0.AddDate(0, -2, 0), EndsAt: t0.AddDate(0, -1, 0), PointsPerThousand: 1}); err != nil {
			return err
		}
		if _, err = tx.InsertContest(Contest{Name: "Bad", StartsAt: t0, EndsAt: t0, PointsPerThousand: 1}); err == nil {
			t.Fatal("contest ending when it starts accepted")
		}
		if sale, err = tx.InsertSale(rep1, 4_000_00, "C", "P", t0); err != nil {
			return err
		}
		if _, err = tx.InsertContestEntry(running, rep1, sale, 4, "Deal", t0); err != nil {
			return err
		}
		_, err = tx.InsertContestEntry(running, rep2, 0, 6, "Referral", t0.Add(time.Minute))
		return err
	})
	read(t, s, func(tx *Tx) error {
		active, err := tx.ActiveContests(t0)
		if err != nil || len(active) != 1 || active[0].ID != running || !active[0].Active(t0) {
			t.Fatalf("active: %+v %v", active, err)
		}
		all, _ := tx.Contests(t0)
		if len(all) != 2 || all[0].ID != running || all[1].ID != ended {
			t.Fatalf("contests order: %+v", all)
		}
		st, _ := tx.ContestStandings(running)
		ranked := rules.Rank(st)
		if ranked[0].UserID != rep2 || ranked[0].Value != 6 || ranked[1].Value != 4 {
			t.Fatalf("contest ranking: %+v", ranked)
		}
		recent, _ := tx.RecentContestEntries(running, 10)
		if len(recent) != 2 || recent[0].Note != "Referral" || recent[1].SaleID != sale {
			t.Fatalf("recent entries: %+v", recent)
		}
		return nil
	})
	// Voiding the sale removes the entry it earned.
	write(t, s, func(tx *Tx) error { return tx.DeleteSale(sale) })
	read(t, s, func(tx *Tx) error {
		st, _ := tx.ContestStandings(running)
		if len(st) != 1 || st[0].UserID != rep2 {
			t.Fatalf("after void: %+v", st)
		}
		return nil
	})
}

func TestTeamGoalMarkedOncePerYear(t *testing.T) {
	s, _ := open(t)
	team, _, _, _ := floor(t, s)
	write(t, s, func(tx *Tx) error {
		first, err := tx.MarkTeamGoalReached(team, 2026, t0)
		if err != nil || !first {
			t.Fatalf("first mark: %v %v", first, err)
		}
		again, err := tx.MarkTeamGoalReached(team, 2026, t0.Add(time.Hour))
		if err != nil || again {
			t.Fatalf("second mark: %v %v", again, err)
		}
		at, err := tx.TeamGoalReachedAt(team, 2026)
		if err != nil || !at.Equal(t0) {
			t.Fatalf("reached at %v %v", at, err)
		}
		if at, _ := tx.TeamGoalReachedAt(team, 2025); !at.IsZero() {
			t.Fatalf("2025: %v", at)
		}
		if err := tx.SetTeamGoal(999, 1); !errors.Is(err, ErrNotFound) {
			t.Fatalf("unknown team goal: %v", err)
		}
		return nil
	})
}

func TestTrainingAndChats(t *testing.T) {
	s, _ := open(t)
	_, rep1, _, _ := floor(t, s)
	write(t, s, func(tx *Tx) error {
		for i, score := range []int{60, 90, 80} {
			if _, err := tx.InsertQuizResult(QuizResult{UserID: rep1, QuizID: "q1", Score: score, Correct: 1, Total: 1, XP: 5, CompletedAt: t0.Add(time.Duration(i) * time.Minute)}); err != nil {
				return err
			}
		}
		if _, err := tx.InsertQuizResult(QuizResult{UserID: rep1, QuizID: "q1", Score: 101}); err == nil {
			t.Fatal("score 101 accepted")
		}
		if _, err := tx.InsertAchievement(rep1, rules.TopPerformer(), t0); err != nil {
			return err
		}
		if err := tx.InsertRoleplaySession(RoleplaySession{ID: "rp1", UserID: rep1, ScenarioID: "price", CreatedAt: t0}); err != nil {
			return err
		}
		if _, err := tx.InsertRoleplayMessage(RoleplayMessage{SessionID: "rp1", Speaker: "rep", Text: "hi", CreatedAt: t0}); err != nil {
			return err
		}
		if _, err := tx.InsertRoleplayMessage(RoleplayMessage{SessionID: "rp1", Speaker: "buyer", Text: "no", Score: 40, Techniques: []string{"a", "b"}, CreatedAt: t0}); err != nil {
			return err
		}
		for i := range 5 {
			if _, err := tx.InsertFieldMessage(FieldMessage{UserID: rep1, Author: "user", Text: string(rune('a' + i)), CreatedAt: t0}); err != nil {
				return err
			}
		}
		return nil
	})
	read(t, s, func(tx *Tx) error {
		best, _ := tx.BestScores(rep1)
		if best["q1"] != 90 {
			t.Fatalf("best %v", best)
		}
		recent, _ := tx.RecentQuizResults(rep1, 2)
		if len(recent) != 2 || recent[0].Score != 80 {
			t.Fatalf("recent %+v", recent)
		}
		has, _ := tx.HasAchievement(rep1, "rank:1")
		hasNot, _ := tx.HasAchievement(rep1, "rank:2")
		if !has || hasNot {
			t.Fatalf("HasAchievement: %v %v", has, hasNot)
		}
		all, _ := tx.Achievements(0, 10)
		mine, _ := tx.Achievements(rep1, 10)
		if len(all) != 1 || len(mine) != 1 || all[0].UserName != "Ava" || all[0].Rarity != rules.RarityEpic {
			t.Fatalf("achievements %+v %+v", all, mine)
		}
		msgs, _ := tx.RoleplayMessages("rp1")
		if len(msgs) != 2 || msgs[1].Score != 40 || len(msgs[1].Techniques) != 2 || msgs[0].Techniques == nil {
			t.Fatalf("roleplay messages %+v", msgs)
		}
		if _, err := tx.RoleplaySession("nope"); !errors.Is(err, ErrNotFound) {
			t.Fatalf("missing session: %v", err)
		}
		field, _ := tx.FieldMessages(rep1, 3)
		if len(field) != 3 || field[0].Text != "c" || field[2].Text != "e" {
			t.Fatalf("field messages %+v", field)
		}
		return nil
	})
}

func TestConcurrentWritesAreSerialised(t *testing.T) {
	s, _ := open(t)
	_, rep1, _, _ := floor(t, s)
	var wg sync.WaitGroup
	errs := make(chan error, 44)
	for range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- s.Write(context.Background(), func(tx *Tx) error {
				_, _, err := tx.AddXP(rep1, 1)
				return err
			})
		}()
	}
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- s.Read(context.Background(), func(tx *Tx) error { _, err := tx.User(rep1); return err })
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	read(t, s, func(tx *Tx) error {
		u, _ := tx.User(rep1)
		if u.XP != 40 {
			t.Fatalf("lost updates: XP %d, want 40", u.XP)
		}
		return nil
	})
}

func TestWriteRollsBackOnError(t *testing.T) {
	s, _ := open(t)
	_, rep1, _, _ := floor(t, s)
	boom := errors.New("boom")
	err := s.Write(context.Background(), func(tx *Tx) error {
		if _, err := tx.InsertSale(rep1, 1_00, "C", "P", t0); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("got %v", err)
	}
	read(t, s, func(tx *Tx) error {
		if sales, _ := tx.RecentSales(5); len(sales) != 0 {
			t.Fatalf("rolled-back sale visible: %+v", sales)
		}
		return nil
	})
}

func TestReadIsReadOnly(t *testing.T) {
	s, _ := open(t)
	err := s.Read(context.Background(), func(tx *Tx) error {
		_, err := tx.InsertTeam("X", "#000", 0)
		return err
	})
	if err == nil {
		t.Fatal("a read transaction wrote")
	}
}

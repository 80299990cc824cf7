package floor

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/live"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/store"
)

// fixture is a small floor: team A (goal $100K) with Ava and Ben, team B with Cy, an admin, and a
// contest running around t0.
type fixture struct {
	svc                        *Service
	rec                        *live.Recorder
	st                         *store.Store
	now                        time.Time
	teamA, ava, ben, cy, admin int64
	contest                    int64
}

var t0 = time.Date(2026, 4, 14, 10, 0, 0, 0, time.UTC)

func newFixture(t *testing.T) *fixture {
	t.Helper()
	st, err := store.Open(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f := &fixture{st: st, rec: &live.Recorder{}, now: t0}
	err = st.Write(context.Background(), func(tx *store.Tx) (err error) {
		if f.teamA, err = tx.InsertTeam("A", "#111", 100_000_00); err != nil {
			return err
		}
		teamB, err := tx.InsertTeam("B", "#222", 0)
		if err != nil {
			return err
		}
		add := func(name string, role store.Role, team int64) int64 {
			if err != nil {
				return 0
			}
			var id int64
			id, err = tx.InsertUser(store.NewUser{Email: name + "@x.test", Name: name, Role: role, TeamID: team, PasswordHash: "x"}, t0)
			return id
		}
		f.ava = add("Ava", store.RoleRep, f.teamA)
		f.ben = add("Ben", store.RoleRep, f.teamA)
		f.cy = add("Cy", store.RoleManager, teamB)
		f.admin = add("Root", store.RoleAdmin, 0)
		if err != nil {
			return err
		}
		f.contest, err = tx.InsertContest(store.Contest{Name: "Cup", Description: "d", StartsAt: t0.AddDate(0, 0, -1), EndsAt: t0.AddDate(0, 0, 10), PointsPerThousand: 2})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	f.svc = New(Config{Store: st, Notifier: f.rec, Presence: f.rec, Now: func() time.Time { return f.now }, Location: time.UTC})
	return f
}

func (f *fixture) sell(t *testing.T, user int64, cents int64) SaleOutcome {
	t.Helper()
	out, err := f.svc.RecordSale(context.Background(), NewSale{UserID: user, AmountCents: cents, Customer: "Initech", Product: "Suite"})
	if err != nil {
		t.Fatal(err)
	}
	f.now = f.now.Add(time.Minute)
	return out
}

type move struct {
	user     int64
	from, to int
}

func moves(us []live.RankingUpdate) []move {
	var out []move
	for _, u := range us {
		out = append(out, move{u.UserID, u.PreviousRank, u.NewRank})
	}
	return out
}

func TestRecordSaleReportsRankChanges(t *testing.T) {
	f := newFixture(t)
	// Initial order by name with zero revenue: Ava #1, Ben #2, Cy #3.
	f.sell(t, f.cy, 30_000_00)  // Cy 30K → #1; Ava #2, Ben #3
	f.sell(t, f.ben, 20_000_00) // Ben 20K → #2; Ava #3
	f.rec.Reset()

	out := f.sell(t, f.ava, 25_000_00) // Ava 25K → #2, Ben → #3
	if out.PreviousRank != 3 || out.NewRank != 2 {
		t.Fatalf("Ava moved %d → %d, want 3 → 2", out.PreviousRank, out.NewRank)
	}
	want := []move{{f.ava, 3, 2}, {f.ben, 2, 3}}
	got := moves(out.Updates)
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("updates %v, want %v", got, want)
	}
	changes := live.Recorded[live.RankingsChange](f.rec)
	if len(changes) != 1 {
		t.Fatalf("RankingsChanged called %d times", len(changes))
	}
	c := changes[0]
	if c.Sale.UserID != f.ava || c.Sale.Amount != 25_000 || c.Sale.Customer != "Initech" || c.Sale.TeamName != "A" {
		t.Errorf("sale %+v", c.Sale)
	}
	if len(c.Top) != 3 || c.Top[0].UserID != f.cy || c.Top[1].UserID != f.ava || c.Top[1].Value != 25_000 {
		t.Errorf("top %+v", c.Top)
	}
	u := c.Updates[0]
	if u.UserName != "Ava" || u.Metric != "yearlyRevenue" || u.Value != 25_000 || u.Deals != 1 || !u.Timestamp.Equal(t0.Add(2*time.Minute)) || !u.Moved() {
		t.Errorf("update %+v", u)
	}
	// Contest: 25K at 2 points per thousand.
	entries := live.Recorded[live.ContestEntry](f.rec)
	if len(entries) != 1 || entries[0].Points != 50 || entries[0].ContestID != f.contest {
		t.Errorf("contest entries %+v", entries)
	}
}

func TestRecordSaleSellerWhoseRankHeldIsStillReported(t *testing.T) {
	f := newFixture(t)
	f.sell(t, f.ava, 50_000_00)
	f.rec.Reset()
	out := f.sell(t, f.ava, 1_000_00)
	if got := moves(out.Updates); len(got) != 1 || got[0] != (move{f.ava, 1, 1}) {
		t.Fatalf("updates %v", got)
	}
	if out.Updates[0].Moved() {
		t.Fatal("a held rank must not count as moved")
	}
}

func TestTakingTheLeadEarnsTopPerformer(t *testing.T) {
	f := newFixture(t)
	f.sell(t, f.ben, 10_000_00) // Ben #1 (previous #2): top performer
	f.rec.Reset()
	out := f.sell(t, f.ava, 12_000_00) // Ava #2 → #1
	var titles []string
	for _, a := range out.Achievements {
		titles = append(titles, a.Event.Title)
	}
	if len(titles) != 2 || titles[0] != "Top Performer!" || titles[1] != "Contest Leader" {
		t.Fatalf("achievements %v", titles)
	}
	a := live.Recorded[live.Achievement](f.rec)
	if len(a) != 2 || a[0].Event.UserID != f.ava || a[0].Event.AchievementType != "rank" || !a[0].Public || a[0].Event.Icon != "🏆" {
		t.Fatalf("recorded %+v", a)
	}
	// Staying at #1 earns nothing more.
	f.rec.Reset()
	if out := f.sell(t, f.ava, 1_000_00); len(out.Achievements) != 0 {
		t.Fatalf("held #1 earned %+v", out.Achievements)
	}
}

func TestRevenueMilestonesOnce(t *testing.T) {
	f := newFixture(t)
	out := f.sell(t, f.cy, 260_000_00)
	var keys []string
	for _, a := range out.Achievements {
		keys = append(keys, a.Event.Title)
	}
	// Cy takes #1 (from #3), crosses $100K and $250K, and leads the contest.
	want := []string{"Top Performer!", "$100K Club", "$250K Club", "Contest Leader"}
	if len(keys) != len(want) {
		t.Fatalf("achievements %v, want %v", keys, want)
	}
	for i := range want {
		if keys[i] != want[i] {
			t.Fatalf("achievements %v, want %v", keys, want)
		}
	}
	if out.Achievements[1].Public || !out.Achievements[2].Public {
		t.Error("the $100K milestone is private, the $250K one is celebrated")
	}
}

func TestTeamGoalReachedOnce(t *testing.T) {
	f := newFixture(t)
	if out := f.sell(t, f.ava, 60_000_00); out.TeamGoal != nil {
		t.Fatal("goal reported at 60%")
	}
	out := f.sell(t, f.ben, 45_000_00)
	if out.TeamGoal == nil || out.TeamGoal.TeamID != f.teamA || out.TeamGoal.Goal != 100_000 || out.TeamGoal.Total != 105_000 {
		t.Fatalf("team goal %+v", out.TeamGoal)
	}
	if len(live.Recorded[live.TeamGoal](f.rec)) != 1 {
		t.Fatal("TeamGoalReached not notified")
	}
	if out := f.sell(t, f.ava, 10_000_00); out.TeamGoal != nil {
		t.Fatal("goal reported twice")
	}
	teams, _ := f.svc.Teams(context.Background())
	if teams[0].ReachedAt == nil || teams[0].Progress < 1.14 || teams[1].Goal != 0 {
		t.Fatalf("teams %+v", teams)
	}
}

func TestSetTeamGoalAlreadyMet(t *testing.T) {
	f := newFixture(t)
	f.sell(t, f.cy, 5_000_00)
	teams, _ := f.svc.Teams(context.Background())
	teamB := teams[1].ID
	v, err := f.svc.SetTeamGoal(context.Background(), teamB, 4_000_00)
	if err != nil || v.ReachedAt == nil || v.Goal != 4_000 {
		t.Fatalf("%+v %v", v, err)
	}
	if g := live.Recorded[live.TeamGoal](f.rec); len(g) != 1 || g[0].TeamID != teamB {
		t.Fatalf("notified %+v", g)
	}
	var ve *ValidationError
	if _, err := f.svc.SetTeamGoal(context.Background(), teamB, -1); !errors.As(err, &ve) {
		t.Fatalf("negative goal: %v", err)
	}
	if _, err := f.svc.SetTeamGoal(context.Background(), 999, 1); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("unknown team: %v", err)
	}
}

func TestRecordSaleValidation(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	var ve *ValidationError
	for _, in := range []NewSale{
		{UserID: f.ava, AmountCents: 0, Customer: "C", Product: "P"},
		{UserID: f.ava, AmountCents: MaxSaleCents + 1, Customer: "C", Product: "P"},
		{UserID: f.ava, AmountCents: 100, Customer: "  ", Product: "P"},
		{UserID: f.ava, AmountCents: 100, Customer: "C", Product: string(make([]byte, 200))},
	} {
		if _, err := f.svc.RecordSale(ctx, in); !errors.As(err, &ve) {
			t.Errorf("%+v: %v", in, err)
		}
	}
	if _, err := f.svc.RecordSale(ctx, NewSale{UserID: f.admin, AmountCents: 100, Customer: "C", Product: "P"}); !errors.Is(err, ErrNotSeller) {
		t.Errorf("admin sale: %v", err)
	}
	if _, err := f.svc.RecordSale(ctx, NewSale{UserID: 12345, AmountCents: 100, Customer: "C", Product: "P"}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown user: %v", err)
	}
	if n := len(f.rec.Calls()); n != 0 {
		t.Errorf("failed sales notified %d times", n)
	}
}

func TestVoidSaleRefreshesBoard(t *testing.T) {
	f := newFixture(t)
	out := f.sell(t, f.ben, 10_000_00)
	f.rec.Reset()
	board, err := f.svc.VoidSale(context.Background(), out.Sale.ID)
	if err != nil {
		t.Fatal(err)
	}
	if board.Rows[0].UserID != f.ava || board.Rows[0].Value != 0 {
		t.Fatalf("board %+v", board.Rows)
	}
	if got := f.rec.Methods(); len(got) != 1 || got[0] != "LeaderboardRefreshed" {
		t.Fatalf("calls %v", got)
	}
	if _, err := f.svc.VoidSale(context.Background(), out.Sale.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("double void: %v", err)
	}
	c, _ := f.svc.Contest(context.Background(), f.contest)
	if len(c.Standings) != 0 {
		t.Fatalf("voided sale's contest entry remains: %+v", c.Standings)
	}
}

func TestContestEntries(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.sell(t, f.ava, 5_000_00) // 10 points
	f.rec.Reset()
	out, err := f.svc.AddContestEntry(ctx, NewEntry{ContestID: f.contest, UserID: f.ben, Points: 15, Note: "Referral"})
	if err != nil {
		t.Fatal(err)
	}
	if out.Entry.Rank != 1 || out.Entry.Total != 15 || out.Achievement == nil {
		t.Fatalf("entry %+v", out)
	}
	if len(out.Updates) != 2 || out.Updates[0].UserID != f.ben || out.Updates[0].PreviousRank != 0 || out.Updates[1].UserID != f.ava || out.Updates[1].NewRank != 2 {
		t.Fatalf("updates %+v", out.Updates)
	}
	if got := f.rec.Methods(); len(got) != 3 || got[0] != "ContestEntryAdded" || got[1] != "ContestRanksChanged" || got[2] != "AchievementEarned" {
		t.Fatalf("calls %v", got)
	}
	var ve *ValidationError
	if _, err := f.svc.AddContestEntry(ctx, NewEntry{ContestID: f.contest, UserID: f.ben, Points: 0, Note: "x"}); !errors.As(err, &ve) {
		t.Errorf("0 points: %v", err)
	}
	if _, err := f.svc.AddContestEntry(ctx, NewEntry{ContestID: f.contest, UserID: f.admin, Points: 1, Note: "x"}); !errors.Is(err, ErrNotSeller) {
		t.Errorf("admin entry: %v", err)
	}
	f.now = t0.AddDate(0, 1, 0)
	if _, err := f.svc.AddContestEntry(ctx, NewEntry{ContestID: f.contest, UserID: f.ben, Points: 1, Note: "late"}); !errors.Is(err, ErrConflict) {
		t.Errorf("finished contest: %v", err)
	}
	views, _ := f.svc.Contests(ctx)
	if len(views) != 1 || views[0].Active || views[0].Standings[0].UserName != "Ben" || len(views[0].Recent) != 2 {
		t.Fatalf("views %+v", views)
	}
}

func TestOnlineAndConnectedClients(t *testing.T) {
	f := newFixture(t)
	f.rec.SetConnected(f.ben, true)
	on := f.svc.Online(context.Background(), []int64{f.ava, f.ben})
	if on[f.ava] || !on[f.ben] || f.svc.ConnectedClients(context.Background()) != 1 {
		t.Fatalf("online %v", on)
	}
}

func TestAnnounce(t *testing.T) {
	f := newFixture(t)
	n, err := f.svc.Announce(context.Background(), " Lunch ", "Pizza in the kitchen", "")
	if err != nil || n.Title != "Lunch" || n.Level != "info" {
		t.Fatalf("%+v %v", n, err)
	}
	var ve *ValidationError
	for _, c := range [][3]string{{"", "m", "info"}, {"t", "", "info"}, {"t", "m", "loud"}} {
		if _, err := f.svc.Announce(context.Background(), c[0], c[1], c[2]); !errors.As(err, &ve) {
			t.Errorf("%v: %v", c, err)
		}
	}
	if len(live.Recorded[live.Notice](f.rec)) != 1 {
		t.Fatal("notice not sent once")
	}
}

// Package demo fills an empty sales floor with a believable company: three teams of reps with a
// manager each, an admin, a TV display account, a running contest, and this year's sales history
// replayed through the rules so that ranks, milestones and contest standings are consistent.
// Seeding is deterministic: the same clock gives the same floor.
package demo

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/auth"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/quiz"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/rules"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/store"
)

// Password is every demo account's password.
const Password = "salesfloor"

// Login is a demo account to offer on the login page.
type Login struct {
	Email string `json:"email"`
	Name  string `json:"name"`
	Role  string `json:"role"`
	Title string `json:"title"`
	Team  string `json:"team"`
}

type team struct {
	name, color string
	goalFactor  float64 // yearly goal as a multiple of the seeded revenue
}

var teams = []team{
	{"Northstar", "#6366f1", 1.03},
	{"Summit", "#10b981", 1.45},
	{"Horizon", "#f59e0b", 1.6},
}

type person struct {
	name, email, title string
	role               store.Role
	team               int // index into teams; -1 for none
	skill              float64
}

// people: the first one is the account most demos log in with; seeded to sit mid-table.
var people = []person{
	{"Maya Chen", "maya@salesfloor.test", "Account Executive", store.RoleRep, 0, 1.0},
	{"Jordan Blake", "jordan@salesfloor.test", "Senior Account Executive", store.RoleRep, 0, 1.25},
	{"Priya Raman", "priya@salesfloor.test", "Account Executive", store.RoleRep, 0, 0.95},
	{"Luis Ortega", "luis@salesfloor.test", "Sales Development Rep", store.RoleRep, 0, 0.7},
	{"Grace Liu", "grace@salesfloor.test", "Sales Manager", store.RoleManager, 0, 0.6},
	{"Aisha Okafor", "aisha@salesfloor.test", "Senior Account Executive", store.RoleRep, 1, 1.3},
	{"Ben Carter", "ben@salesfloor.test", "Account Executive", store.RoleRep, 1, 0.9},
	{"Sofia Rossi", "sofia@salesfloor.test", "Account Executive", store.RoleRep, 1, 1.05},
	{"Kenji Watanabe", "kenji@salesfloor.test", "Sales Development Rep", store.RoleRep, 1, 0.75},
	{"Daniel Reyes", "daniel@salesfloor.test", "Sales Manager", store.RoleManager, 1, 0.55},
	{"Olivia Park", "olivia@salesfloor.test", "Account Executive", store.RoleRep, 2, 1.1},
	{"Marcus Johnson", "marcus@salesfloor.test", "Senior Account Executive", store.RoleRep, 2, 1.2},
	{"Elena Petrova", "elena@salesfloor.test", "Account Executive", store.RoleRep, 2, 0.85},
	{"Sam Whitaker", "sam@salesfloor.test", "Sales Development Rep", store.RoleRep, 2, 0.65},
	{"Nora Bennett", "nora@salesfloor.test", "Sales Manager", store.RoleManager, 2, 0.5},
	{"Alex Morgan", "admin@salesfloor.test", "Sales Operations", store.RoleAdmin, -1, 0},
	{"Sales Floor TV", "tv@salesfloor.test", "Lobby display", store.RoleDisplay, -1, 0},
}

// Customers and Products are what demo sales are made of; the simulator draws from them too.
var (
	Customers = []string{
		"Northwind Logistics", "Brightline Fitness", "Harbor Health", "Cedar & Pine Furniture", "Ruiz Landscaping",
		"Bluewave Analytics", "Summit Dental Group", "Foxglove Media", "Ironclad Security", "Lumen Solar",
		"Maple Street Bakery", "Pioneer Credit Union", "Quantum Freight", "Redwood Realty", "Silverline Travel",
		"Tidewater Marine", "Urban Harvest Grocers", "Vantage Legal", "Willow Creek Schools", "Zenith Aerospace",
	}
	Products = []string{"Growth Plan", "Enterprise Suite", "Analytics Add-on", "Onboarding Package", "Team Plan", "Premium Support"}
)

// Logins lists the demo accounts, in display order.
func Logins() []Login {
	out := make([]Login, 0, len(people))
	for _, p := range people {
		l := Login{Email: p.email, Name: p.name, Role: string(p.role), Title: p.title}
		if p.team >= 0 {
			l.Team = teams[p.team].name
		}
		out = append(out, l)
	}
	return out
}

// Seed fills an empty database and reports whether it did; a database with users is left alone.
// now (in the floor's time zone) decides the year the history falls in. iterations is the
// password-hashing cost (0: auth.DefaultIterations).
func Seed(ctx context.Context, s *store.Store, now time.Time, iterations int) (bool, error) {
	var seeded bool
	// The password hash is computed outside the transaction: it is slow by design.
	hash, err := auth.HashPassword(Password, iterations)
	if err != nil {
		return false, err
	}
	err = s.Write(ctx, func(tx *store.Tx) error {
		n, err := tx.CountUsers()
		if err != nil || n > 0 {
			return err
		}
		seeded = true
		return seed(tx, now, hash)
	})
	return seeded, err
}

type sale struct {
	user  int64
	name  string
	team  int
	cents int64
	at    time.Time
}

func seed(tx *store.Tx, now time.Time, hash string) error {
	rng := rand.New(rand.NewPCG(20260101, 42))
	teamIDs := make([]int64, len(teams))
	for i, t := range teams {
		id, err := tx.InsertTeam(t.name, t.color, 0)
		if err != nil {
			return err
		}
		teamIDs[i] = id
	}
	yearStart := time.Date(now.Year(), time.January, 1, 0, 0, 0, 0, now.Location())
	historyStart := now.AddDate(0, 0, -90)
	if historyStart.Before(yearStart) {
		historyStart = yearStart
	}
	span := now.Add(-time.Hour).Sub(historyStart)

	var sales []sale
	users := make([]store.User, len(people))
	for i, p := range people {
		var teamID int64
		if p.team >= 0 {
			teamID = teamIDs[p.team]
		}
		id, err := tx.InsertUser(store.NewUser{Email: p.email, Name: p.name, Title: p.title, Role: p.role, TeamID: teamID, PasswordHash: hash}, historyStart)
		if err != nil {
			return fmt.Errorf("demo user %s: %w", p.email, err)
		}
		users[i] = store.User{ID: id, Name: p.name}
		if !p.role.Sells() || span <= 0 {
			continue
		}
		deals := 5 + int(p.skill*7) + rng.IntN(4)
		for range deals {
			sales = append(sales, sale{
				user: id, name: p.name, team: p.team,
				cents: DealCents(rng, p.skill),
				at:    historyStart.Add(time.Duration(rng.Int64N(int64(span)))).Truncate(time.Minute),
			})
		}
		if err := training(tx, rng, id, p, now); err != nil {
			return err
		}
	}
	slices.SortFunc(sales, func(a, b sale) int { return a.at.Compare(b.at) })

	contest := store.Contest{
		Name:              "Closer’s Cup",
		Description:       "One point for every $1,000 closed. Top three win a team dinner.",
		StartsAt:          now.AddDate(0, 0, -12).Truncate(24 * time.Hour),
		EndsAt:            now.AddDate(0, 0, 16).Truncate(24 * time.Hour),
		PointsPerThousand: 1,
	}
	contestID, err := tx.InsertContest(contest)
	if err != nil {
		return err
	}
	contest.ID = contestID

	teamTotals := make([]int64, len(teams))
	if err := replay(tx, sales, contest, teamTotals); err != nil {
		return err
	}
	for i, t := range teams {
		goal := int64(math.Round(float64(teamTotals[i])*t.goalFactor/5_000_000)) * 5_000_000 // round to $50K
		if err := tx.SetTeamGoal(teamIDs[i], max(goal, 5_000_000)); err != nil {
			return err
		}
	}
	return nil
}

// replay inserts the history in time order and grants what the rules would have granted: taking
// #1, revenue milestones, contest entries and contest leads.
func replay(tx *store.Tx, sales []sale, contest store.Contest, teamTotals []int64) error {
	totals := map[int64]rules.Standing{}
	contestTotals := map[int64]rules.Standing{}
	standings := func(m map[int64]rules.Standing) []rules.Standing {
		out := make([]rules.Standing, 0, len(m))
		for _, s := range m {
			out = append(out, s)
		}
		slices.SortFunc(out, func(a, b rules.Standing) int { return cmp.Compare(a.UserID, b.UserID) })
		return out
	}
	for _, s := range sales {
		saleID, err := tx.InsertSale(s.user, s.cents, Customers[int(s.cents/100)%len(Customers)], Products[int(s.cents/1000)%len(Products)], s.at)
		if err != nil {
			return err
		}
		teamTotals[s.team] += s.cents
		before := rules.Rank(standings(totals))
		t := totals[s.user]
		t.UserID, t.UserName = s.user, s.name
		t.Value += s.cents
		t.Count++
		totals[s.user] = t
		for _, c := range rules.RankChanges(before, rules.Rank(standings(totals)), s.user) {
			if c.UserID == s.user && rules.TookTheLead(c) && len(before) > 0 {
				if _, err := tx.InsertAchievement(s.user, rules.TopPerformer(), s.at); err != nil {
					return err
				}
			}
		}
		for _, m := range rules.MilestonesCrossed(t.Value-s.cents, t.Value) {
			if _, err := tx.InsertAchievement(s.user, rules.RevenueMilestone(m), s.at); err != nil {
				return err
			}
		}
		if !contest.Active(s.at) || s.cents < 100_000 {
			continue
		}
		points := int(s.cents/100_000) * contest.PointsPerThousand
		if _, err := tx.InsertContestEntry(contest.ID, s.user, saleID, points, "Closed "+rules.ShortMoney(s.cents), s.at); err != nil {
			return err
		}
		before = rules.Rank(standings(contestTotals))
		ct := contestTotals[s.user]
		ct.UserID, ct.UserName = s.user, s.name
		ct.Value += int64(points)
		ct.Count++
		contestTotals[s.user] = ct
		for _, c := range rules.RankChanges(before, rules.Rank(standings(contestTotals)), s.user) {
			if c.UserID == s.user && rules.TookTheLead(c) {
				if has, err := tx.HasAchievement(s.user, rules.ContestLeader(contest.ID, contest.Name).Key); err != nil {
					return err
				} else if !has {
					if _, err := tx.InsertAchievement(s.user, rules.ContestLeader(contest.ID, contest.Name), s.at); err != nil {
						return err
					}
				}
			}
		}
	}
	return nil
}

// DealCents draws a deal size in cents: log-normal around $9K scaled by skill (1 is an average
// rep), between $1.5K and $90K, in whole $50 steps.
func DealCents(rng *rand.Rand, skill float64) int64 {
	d := 9000 * math.Exp(rng.NormFloat64()*0.6) * (0.6 + 0.4*skill)
	d = min(max(d, 1500), 90000)
	return int64(math.Round(d/50)) * 50 * 100 // whole $50 steps
}

// training gives a rep some XP, a streak that can continue today, and a quiz history.
func training(tx *store.Tx, rng *rand.Rand, userID int64, p person, now time.Time) error {
	xp := 40 + rng.IntN(900)
	if _, _, err := tx.AddXP(userID, xp); err != nil {
		return err
	}
	days := rng.IntN(6)
	if p.email == people[0].email {
		days = 2 // checking in today reaches the 3-day milestone
	}
	if days > 0 {
		yesterday := rules.DateOf(now).AddDays(-1)
		if err := tx.SetStreak(userID, rules.Streak{Days: days, Longest: days + rng.IntN(5), Last: yesterday}); err != nil {
			return err
		}
	}
	quizzes := quiz.Default().Quizzes()
	for i, q := range quizzes[:rng.IntN(4)] {
		total := len(q.Questions)
		correct := total - rng.IntN(3)
		score := rules.Percent(correct, total)
		xp, err := rules.QuizXP(score)
		if err != nil {
			return err
		}
		_, err = tx.InsertQuizResult(store.QuizResult{UserID: userID, QuizID: q.ID, Score: score, Correct: correct, Total: total, XP: xp,
			CompletedAt: now.AddDate(0, 0, -(i+1)*3)})
		if err != nil {
			return err
		}
	}
	return nil
}

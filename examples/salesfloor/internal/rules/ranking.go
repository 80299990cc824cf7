package rules

import (
	"cmp"
	"slices"
)

// MetricYearlyRevenue is the leaderboard's metric: revenue closed in the current calendar year.
const MetricYearlyRevenue = "yearlyRevenue"

// Standing is one participant's score before ranking. Value is what the ranking sorts by (revenue in
// cents for the leaderboard, points for a contest); Count breaks ties (more deals first).
type Standing struct {
	UserID   int64
	UserName string
	Value    int64
	Count    int
}

// Ranked is a Standing with its 1-based position.
type Ranked struct {
	Standing
	Rank int
}

// Rank orders standings by Value (highest first), then Count (highest first), then name and id, so
// every participant gets a distinct, stable rank and equal inputs always rank the same way.
func Rank(standings []Standing) []Ranked {
	sorted := slices.Clone(standings)
	slices.SortStableFunc(sorted, func(a, b Standing) int {
		if c := cmp.Compare(b.Value, a.Value); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		if c := cmp.Compare(a.UserName, b.UserName); c != 0 {
			return c
		}
		return cmp.Compare(a.UserID, b.UserID)
	})
	out := make([]Ranked, len(sorted))
	for i, s := range sorted {
		out[i] = Ranked{Standing: s, Rank: i + 1}
	}
	return out
}

// RankChange is one participant's position before and after an event. PreviousRank is 0 when the
// participant was not ranked before (a newcomer).
type RankChange struct {
	Ranked
	PreviousRank int
}

// Moved reports whether the rank is different from the previous one.
func (c RankChange) Moved() bool { return c.PreviousRank != c.Rank }

// RankChanges compares two rankings and returns, in new-rank order, every participant whose rank
// moved plus the actor (whose value changed even when the rank did not); actor 0 means none.
func RankChanges(before, after []Ranked, actor int64) []RankChange {
	prev := make(map[int64]int, len(before))
	for _, r := range before {
		prev[r.UserID] = r.Rank
	}
	var out []RankChange
	for _, r := range after {
		c := RankChange{Ranked: r, PreviousRank: prev[r.UserID]}
		if c.Moved() || r.UserID == actor {
			out = append(out, c)
		}
	}
	return out
}

// TookTheLead reports whether a change put a participant at #1 who was not there before.
func TookTheLead(c RankChange) bool { return c.Rank == 1 && c.PreviousRank != 1 }

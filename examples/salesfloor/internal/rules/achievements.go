package rules

import (
	"fmt"
	"strconv"
)

// AchievementType is the seed's achievement category.
type AchievementType string

const (
	AchievementRank      AchievementType = "rank"
	AchievementMilestone AchievementType = "milestone"
	AchievementStreak    AchievementType = "streak"
	AchievementContest   AchievementType = "contest"
)

// Rarity grades an achievement; rare and above are showcased to everyone.
type Rarity string

const (
	RarityCommon    Rarity = "common"
	RarityRare      Rarity = "rare"
	RarityEpic      Rarity = "epic"
	RarityLegendary Rarity = "legendary"
)

// Showcased reports whether an achievement of this rarity is shown to everyone, not only its owner.
func (r Rarity) Showcased() bool { return r != RarityCommon && r != "" }

// Achievement describes an achievement independent of who earned it. Key identifies the kind, so
// that once-only achievements can be recognised (e.g. "revenue:25000000").
type Achievement struct {
	Key         string
	Type        AchievementType
	Title       string
	Description string
	Icon        string
	Rarity      Rarity
}

// TopPerformer is earned by taking #1 on the leaderboard.
func TopPerformer() Achievement {
	return Achievement{
		Key:         "rank:1",
		Type:        AchievementRank,
		Title:       "Top Performer!",
		Description: "Reached #1 on the leaderboard",
		Icon:        "🏆",
		Rarity:      RarityEpic,
	}
}

// RevenueMilestone is earned by crossing a yearly revenue mark (in cents).
func RevenueMilestone(cents int64) Achievement {
	r := RarityCommon
	switch {
	case cents >= 1_000_000_00:
		r = RarityLegendary
	case cents >= 500_000_00:
		r = RarityEpic
	case cents >= 250_000_00:
		r = RarityRare
	}
	return Achievement{
		Key:         "revenue:" + strconv.FormatInt(cents, 10),
		Type:        AchievementMilestone,
		Title:       ShortMoney(cents) + " Club",
		Description: "Closed " + ShortMoney(cents) + " in revenue this year",
		Icon:        "💰",
		Rarity:      r,
	}
}

// StreakMilestone is earned by a daily streak reaching a milestone.
func StreakMilestone(days int) Achievement {
	r := RarityCommon
	switch {
	case days >= 100:
		r = RarityLegendary
	case days >= 30:
		r = RarityEpic
	case days >= 7:
		r = RarityRare
	}
	return Achievement{
		Key:         "streak:" + strconv.Itoa(days),
		Type:        AchievementStreak,
		Title:       fmt.Sprintf("%d-Day Streak", days),
		Description: fmt.Sprintf("Trained %d days in a row", days),
		Icon:        "🔥",
		Rarity:      r,
	}
}

// ContestLeader is earned by taking #1 in a contest.
func ContestLeader(contestID int64, contestName string) Achievement {
	return Achievement{
		Key:         "contest:" + strconv.FormatInt(contestID, 10) + ":lead",
		Type:        AchievementContest,
		Title:       "Contest Leader",
		Description: "Took the lead in " + contestName,
		Icon:        "🥇",
		Rarity:      RarityRare,
	}
}

// ShortMoney renders cents as a compact dollar amount: $950, $12.5K, $250K, $1.2M. Amounts round
// half away from zero, as the web front end's compact currency format does, so both agree.
func ShortMoney(cents int64) string {
	neg := ""
	if cents < 0 {
		neg, cents = "-", -cents
	}
	tenthsOf := func(unit int64) int64 { return (cents + unit/20) / (unit / 10) } // rounded, in tenths of unit
	switch {
	case cents >= 100_000_000 || tenthsOf(100_000) >= 10_000: // $999,950 and up read as $1M
		return neg + "$" + tenths(tenthsOf(100_000_000)) + "M"
	case cents >= 100_000:
		return neg + "$" + tenths(tenthsOf(100_000)) + "K"
	default:
		return neg + "$" + strconv.FormatInt((cents+50)/100, 10)
	}
}

// tenths writes a count of tenths as a decimal without a trailing ".0": 125 → "12.5", 120 → "12".
func tenths(n int64) string {
	s := strconv.FormatInt(n/10, 10)
	if n%10 != 0 {
		s += "." + strconv.FormatInt(n%10, 10)
	}
	return s
}

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

// ShortMoney renders cents as a compact dollar amount: $950, $12.5K, $250K, $1.2M.
func ShortMoney(cents int64) string {
	d := float64(cents) / 100
	neg := ""
	if d < 0 {
		neg, d = "-", -d
	}
	switch {
	case d >= 1_000_000:
		return neg + "$" + trimZero(strconv.FormatFloat(d/1_000_000, 'f', 1, 64)) + "M"
	case d >= 1_000:
		return neg + "$" + trimZero(strconv.FormatFloat(d/1_000, 'f', 1, 64)) + "K"
	default:
		return neg + "$" + strconv.FormatFloat(d, 'f', 0, 64)
	}
}

func trimZero(s string) string {
	if len(s) > 2 && s[len(s)-2:] == ".0" {
		return s[:len(s)-2]
	}
	return s
}

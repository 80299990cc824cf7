package rules

import "testing"

func TestShortMoney(t *testing.T) {
	cases := map[int64]string{
		0: "$0", 95_000: "$950", 1_250_000: "$12.5K", 25_000_000: "$250K", 120_000_000: "$1.2M",
		100_000_000: "$1M", -250_000: "-$2.5K", 1_585_000: "$15.9K", 1_584_999: "$15.8K", 100_000: "$1K",
		99_995_000: "$1M", 99_994_999: "$999.9K", 99_949: "$999", 1_49: "$1",
	}
	for cents, want := range cases {
		if got := ShortMoney(cents); got != want {
			t.Errorf("ShortMoney(%d) = %q, want %q", cents, got, want)
		}
	}
}

func TestAchievementRarity(t *testing.T) {
	if RevenueMilestone(100_000_00).Rarity.Showcased() {
		t.Error("the first revenue milestone is common and not showcased")
	}
	if got := RevenueMilestone(1_000_000_00); got.Rarity != RarityLegendary || got.Title != "$1M Club" {
		t.Errorf("$1M milestone: %+v", got)
	}
	if !StreakMilestone(7).Rarity.Showcased() || StreakMilestone(3).Rarity.Showcased() {
		t.Error("streak showcase threshold is 7 days")
	}
	if TopPerformer().Type != AchievementRank || ContestLeader(4, "Spring Sprint").Key != "contest:4:lead" {
		t.Error("achievement identity")
	}
}

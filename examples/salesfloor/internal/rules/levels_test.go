package rules

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLevelForXPBoundaries(t *testing.T) {
	cases := []struct{ xp, level int }{
		{-5, 1}, {0, 1}, {99, 1}, {100, 2}, {249, 2}, {250, 3}, {3199, 9}, {3200, 10},
		{3999, 10}, {4000, 11}, {4800, 12},
	}
	for _, c := range cases {
		if got := LevelForXP(c.xp); got != c.level {
			t.Errorf("LevelForXP(%d) = %d, want %d", c.xp, got, c.level)
		}
	}
}

func TestLevelFloorIsIncreasing(t *testing.T) {
	for l := 1; l < 40; l++ {
		if LevelFloor(l+1) <= LevelFloor(l) {
			t.Fatalf("floor of level %d (%d) not above level %d (%d)", l+1, LevelFloor(l+1), l, LevelFloor(l))
		}
		if LevelForXP(LevelFloor(l)) != l {
			t.Fatalf("LevelForXP(LevelFloor(%d)) = %d", l, LevelForXP(LevelFloor(l)))
		}
	}
}

func TestProgressFor(t *testing.T) {
	got := ProgressFor(175)
	want := LevelProgress{Level: 2, TotalXP: 175, Floor: 100, Next: 250, InLevel: 75, ToNext: 75, Fraction: 0.5}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("(-want +got):\n%s", diff)
	}
}

func TestLevelUpFor(t *testing.T) {
	if _, ok := LevelUpFor(100, 249); ok {
		t.Fatal("no level boundary crossed, but a level-up was reported")
	}
	up, ok := LevelUpFor(90, 460)
	if !ok {
		t.Fatal("90→460 XP crosses levels 2, 3 and 4")
	}
	want := LevelUp{
		PreviousLevel: 1, NewLevel: 4, TotalXP: 460,
		Rewards: Rewards{Badges: []string{"Rookie Closer", "Pipeline Builder"}, Unlocks: []string{"Advanced objection handling"}},
	}
	if diff := cmp.Diff(want, up); diff != "" {
		t.Fatalf("(-want +got):\n%s", diff)
	}
	up, _ = LevelUpFor(1000, 1400) // level 6 → 7
	if up.Rewards.Empty() || up.Rewards.Unlocks[0] != "Executive roleplay scenarios" {
		t.Fatalf("level 7 rewards: %+v", up.Rewards)
	}
	up, _ = LevelUpFor(700, 1000) // level 5 → 6 has no rewards
	if !up.Rewards.Empty() {
		t.Fatalf("level 6 has no rewards, got %+v", up.Rewards)
	}
}

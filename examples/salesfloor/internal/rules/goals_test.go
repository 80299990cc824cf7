package rules

import (
	"slices"
	"testing"
)

func TestGoalCrossed(t *testing.T) {
	cases := []struct {
		goal, before, after int64
		want                bool
	}{
		{100, 50, 100, true},
		{100, 50, 150, true},
		{100, 100, 150, false}, // already reached
		{100, 10, 99, false},
		{0, 0, 10, false}, // unset goal
		{-5, -10, 10, false},
	}
	for _, c := range cases {
		if got := GoalCrossed(c.goal, c.before, c.after); got != c.want {
			t.Errorf("GoalCrossed(%d, %d, %d) = %v", c.goal, c.before, c.after, got)
		}
	}
}

func TestMilestonesCrossed(t *testing.T) {
	got := MilestonesCrossed(90_000_00, 600_000_00)
	if !slices.Equal(got, []int64{100_000_00, 250_000_00, 500_000_00}) {
		t.Fatalf("got %v", got)
	}
	if got := MilestonesCrossed(100_000_00, 120_000_00); len(got) != 0 {
		t.Fatalf("nothing crossed, got %v", got)
	}
}

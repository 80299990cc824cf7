package rules

// GoalCrossed reports whether a running total crossed a goal on its way from before to after: it was
// below the goal and now meets or exceeds it. A goal of 0 or less is unset and never crossed.
func GoalCrossed(goal, before, after int64) bool {
	return goal > 0 && before < goal && after >= goal
}

// RevenueMilestones are the yearly revenue marks, in cents, that earn a milestone achievement.
var RevenueMilestones = []int64{
	100_000_00,
	250_000_00,
	500_000_00,
	1_000_000_00,
}

// MilestonesCrossed lists the revenue milestones crossed going from before to after, lowest first.
func MilestonesCrossed(before, after int64) []int64 {
	var out []int64
	for _, m := range RevenueMilestones {
		if GoalCrossed(m, before, after) {
			out = append(out, m)
		}
	}
	return out
}

package rules

import "testing"

func day(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestCheckInSequence(t *testing.T) {
	var s Streak
	steps := []struct {
		day             string
		days, longest   int
		counted, broken bool
		milestone       int
	}{
		{"2026-02-27", 1, 1, true, false, 0},
		{"2026-02-27", 1, 1, false, false, 0}, // same day again
		{"2026-02-28", 2, 2, true, false, 0},
		{"2026-03-01", 3, 3, true, false, 3},  // month end, milestone 3
		{"2026-03-03", 1, 3, true, true, 0},   // missed the 2nd
		{"2026-03-02", 1, 3, false, false, 0}, // clock went backwards
	}
	for i, st := range steps {
		c := CheckInOn(s, day(st.day))
		if c.Streak.Days != st.days || c.Streak.Longest != st.longest || c.Counted != st.counted ||
			c.Broken != st.broken || c.Milestone != st.milestone {
			t.Fatalf("step %d (%s): got %+v", i, st.day, c)
		}
		s = c.Streak
	}
	if s.Last != day("2026-03-03") {
		t.Fatalf("last = %v", s.Last)
	}
}

func TestCheckInReachesEveryMilestone(t *testing.T) {
	var s Streak
	d := day("2025-12-20")
	var got []int
	for i := 0; i < 400; i++ {
		c := CheckInOn(s, d)
		if c.Milestone != 0 {
			got = append(got, c.Milestone)
		}
		s, d = c.Streak, d.AddDays(1)
	}
	if len(got) != len(StreakMilestones) {
		t.Fatalf("milestones %v, want %v", got, StreakMilestones)
	}
	for i := range got {
		if got[i] != StreakMilestones[i] {
			t.Fatalf("milestones %v, want %v", got, StreakMilestones)
		}
	}
}

func TestNextMilestone(t *testing.T) {
	cases := map[int]int{0: 3, 3: 7, 6: 7, 364: 365, 365: 0}
	for days, want := range cases {
		if got := NextMilestone(days); got != want {
			t.Errorf("NextMilestone(%d) = %d, want %d", days, got, want)
		}
	}
}

func TestDate(t *testing.T) {
	if got := day("2024-02-28").AddDays(1).String(); got != "2024-02-29" {
		t.Fatalf("leap day: %s", got)
	}
	if got := day("2025-12-31").AddDays(1).String(); got != "2026-01-01" {
		t.Fatalf("year end: %s", got)
	}
	if _, err := ParseDate("2025-13-01"); err == nil {
		t.Fatal("month 13 parsed")
	}
	if d, err := ParseDate(""); err != nil || !d.IsZero() || d.String() != "" {
		t.Fatalf("empty date: %v %v", d, err)
	}
}

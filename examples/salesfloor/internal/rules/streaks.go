package rules

import "time"

// StreakMilestones are the streak lengths, in days, that are celebrated.
var StreakMilestones = []int{3, 7, 14, 30, 60, 100, 365}

// Streak is a run of consecutive days with a check-in. Last is the civil date of the latest check-in
// in the floor's time zone; the zero Streak has never checked in.
type Streak struct {
	Days    int
	Longest int
	Last    Date
}

// CheckIn is the outcome of one daily check-in.
type CheckIn struct {
	Streak Streak
	// Counted is false when the day had already been counted (a second login the same day).
	Counted bool
	// Broken is true when an earlier streak ended because a day was missed.
	Broken bool
	// Milestone is the milestone reached by this check-in, 0 for none.
	Milestone int
}

// CheckInOn applies a check-in on day to a streak.
func CheckInOn(s Streak, day Date) CheckIn {
	switch {
	case !s.Last.IsZero() && !day.After(s.Last):
		// Same day again, or a clock that went backwards: nothing to count.
		return CheckIn{Streak: s}
	case !s.Last.IsZero() && day == s.Last.AddDays(1):
		s.Days++
	default:
		broken := s.Days > 0
		s.Days = 1
		s.Last = day
		s.Longest = max(s.Longest, 1)
		return CheckIn{Streak: s, Counted: true, Broken: broken}
	}
	s.Last = day
	s.Longest = max(s.Longest, s.Days)
	c := CheckIn{Streak: s, Counted: true}
	for _, m := range StreakMilestones {
		if s.Days == m {
			c.Milestone = m
		}
	}
	return c
}

// NextMilestone is the first milestone above days, 0 past the last one.
func NextMilestone(days int) int {
	for _, m := range StreakMilestones {
		if m > days {
			return m
		}
	}
	return 0
}

// StreakBonusXP is the XP a streak milestone awards.
func StreakBonusXP(milestone int) int { return milestone * 5 }

// Date is a civil date without a time zone; the zero Date is unset.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf is t's calendar date in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{Year: y, Month: m, Day: d}
}

// ParseDate reads a YYYY-MM-DD date; "" is the zero Date.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, err
	}
	return DateOf(t), nil
}

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d == Date{} }

// String is YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.midnight().Format(time.DateOnly)
}

// AddDays moves d by n days across month and year ends.
func (d Date) AddDays(n int) Date { return DateOf(d.midnight().AddDate(0, 0, n)) }

// After reports whether d is later than o.
func (d Date) After(o Date) bool { return d.midnight().After(o.midnight()) }

func (d Date) midnight() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

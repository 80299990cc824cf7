package floor

import (
	"strings"
	"unicode/utf8"
)

// Input limits.
const (
	MaxSaleCents    = 10_000_000_00 // $10M: a larger single deal is a typo
	MaxGoalCents    = 1_000_000_000_00
	MaxNameLength   = 120
	MaxNoteLength   = 200
	MaxEntryPoints  = 1000
	MaxNoticeTitle  = 80
	MaxNoticeLength = 500
)

// text trims s and checks it has between min and max characters.
func text(field, s string, min, max int) (string, error) {
	s = strings.TrimSpace(s)
	n := utf8.RuneCountInString(s)
	switch {
	case !utf8.ValidString(s):
		return "", invalid(field, "must be valid UTF-8")
	case n < min && min == 1:
		return "", invalid(field, "is required")
	case n < min:
		return "", invalid(field, "must be at least %d characters", min)
	case n > max:
		return "", invalid(field, "must be at most %d characters", max)
	}
	return s, nil
}

package schema

import (
	"fmt"
	"sort"
	"strings"
)

// MaxPrintedErrors is how many errors ErrorList.Error prints before it ends
// with "too many errors". The list itself keeps every error.
const MaxPrintedErrors = 10

// Error is one problem found in a schema file.
type Error struct {
	Pos Pos
	Msg string // lower-case, no trailing period
}

// Error returns "file:line:col: message".
func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// ErrorList is every problem found in a schema file, sorted by position. Parse
// and Load return a non-empty ErrorList when the schema is invalid; use
// errors.As to get it, and errors.As with *Error to get the first problem.
type ErrorList []*Error

// Error prints one error a line, at most MaxPrintedErrors of them, then
// "too many errors" when some were left out.
func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i == MaxPrintedErrors {
			b.WriteString("\ntoo many errors")
			return b.String()
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap returns the errors, so that errors.As finds an *Error in the list.
func (l ErrorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

// errorf records one problem.
func (p *parser) errorf(pos Pos, format string, args ...any) {
	p.errs = append(p.errs, &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

// sortErrors orders errors by position, then message, and drops exact
// repeats (one bad reference can be reached along two paths).
func sortErrors(errs []*Error) ErrorList {
	sort.SliceStable(errs, func(i, j int) bool {
		a, b := errs[i], errs[j]
		if a.Pos.Line != b.Pos.Line || a.Pos.Col != b.Pos.Col {
			return a.Pos.before(b.Pos)
		}
		return a.Msg < b.Msg
	})
	out := errs[:0]
	for _, e := range errs {
		if n := len(out); n > 0 && e.Pos == out[n-1].Pos && e.Msg == out[n-1].Msg {
			continue
		}
		out = append(out, e)
	}
	return ErrorList(out)
}

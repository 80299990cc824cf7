// Package validate holds the checks that generated payload types run in their
// Validate methods: numeric bounds, string lengths, list sizes, required lists
// and maps, enums and nested values. A Checker collects every failure of one
// payload, each with the JSON path of the field, so a client learns everything
// wrong with what it sent at once.
package validate

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"
)

// FieldError is one failed check: the JSON path of the field (e.g.
// "entries[2].rank") and what is wrong with it.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Errors is every failed check of one value, in the order the checks ran.
type Errors []FieldError

// Error joins the failures: "newRank: must be at least 1; title: must not be empty".
func (e Errors) Error() string {
	parts := make([]string, len(e))
	for i, f := range e {
		parts[i] = f.Field + ": " + f.Message
	}
	return strings.Join(parts, "; ")
}

// Checker collects failures. The zero value is ready to use.
type Checker struct {
	errs Errors
}

// Err returns the collected failures as Errors, or nil when every check passed.
func (c *Checker) Err() error {
	if len(c.errs) == 0 {
		return nil
	}
	return c.errs
}

func (c *Checker) fail(field, msg string) {
	c.errs = append(c.errs, FieldError{Field: field, Message: msg})
}

// Min checks v >= min.
func (c *Checker) Min(field string, v, min float64) {
	if v < min {
		c.fail(field, "must be at least "+num(min))
	}
}

// Max checks v <= max.
func (c *Checker) Max(field string, v, max float64) {
	if v > max {
		c.fail(field, "must be at most "+num(max))
	}
}

// MinLength checks that s has at least n characters (Unicode code points).
func (c *Checker) MinLength(field, s string, n int) {
	if utf8.RuneCountInString(s) < n {
		if n == 1 {
			c.fail(field, "must not be empty")
			return
		}
		c.fail(field, "must have at least "+strconv.Itoa(n)+" characters")
	}
}

// MaxLength checks that s has at most n characters (Unicode code points).
func (c *Checker) MaxLength(field, s string, n int) {
	// Cheap first: a string of n bytes or fewer has at most n runes.
	if len(s) > n && utf8.RuneCountInString(s) > n {
		c.fail(field, "must have at most "+strconv.Itoa(n)+" characters")
	}
}

// MinItems checks that a list or map has at least n elements.
func (c *Checker) MinItems(field string, length, n int) {
	if length < n {
		c.fail(field, "must have at least "+strconv.Itoa(n)+" "+plural(n, "item"))
	}
}

// MaxItems checks that a list or map has at most n elements.
func (c *Checker) MaxItems(field string, length, n int) {
	if length > n {
		c.fail(field, "must have at most "+strconv.Itoa(n)+" "+plural(n, "item"))
	}
}

// Required checks that a required list or map is present: encoding/json
// writes a nil one as null, which the TypeScript side does not expect.
func (c *Checker) Required(field string, present bool) {
	if !present {
		c.fail(field, "is required (send an empty list or map rather than null)")
	}
}

// RoomParam checks a string room parameter: it must not be empty, nor
// contain next, the template text that follows it, or the room name could
// not be read back (user:{a}:{b} with a = "x:y").
func (c *Checker) RoomParam(field, v, next string) {
	switch {
	case v == "":
		c.fail(field, "must not be empty")
	case next != "" && strings.Contains(v, next):
		c.fail(field, "must not contain "+strconv.Quote(next))
	}
}

// Check records the failure err of a nested value or an enum under field:
// the paths of nested Errors are prefixed with field.
func (c *Checker) Check(field string, err error) {
	if err == nil {
		return
	}
	var nested Errors
	if !errors.As(err, &nested) {
		c.fail(field, err.Error())
		return
	}
	for _, f := range nested {
		c.errs = append(c.errs, FieldError{Field: join(field, f.Field), Message: f.Message})
	}
}

// Index is the path of a list element: Index("entries", 2) = "entries[2]".
func Index(field string, i int) string {
	return field + "[" + strconv.Itoa(i) + "]"
}

// Key is the path of a map entry: Key("scores", "q1") = `scores["q1"]`.
func Key(field, k string) string {
	return field + "[" + strconv.Quote(k) + "]"
}

// Enum returns the error of a value outside an enum's set.
func Enum(value string, allowed ...string) error {
	return errors.New("must be one of " + strings.Join(allowed, ", ") + ", not " + strconv.Quote(value))
}

func join(field, sub string) string {
	if sub == "" {
		return field
	}
	if strings.HasPrefix(sub, "[") {
		return field + sub
	}
	return field + "." + sub
}

func num(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

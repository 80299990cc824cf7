package validate_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rtgen/rtgen/runtime/validate"
)

type rewards struct{ Badges []string }

func (r *rewards) Validate() error {
	var c validate.Checker
	c.Required("badges", r.Badges != nil)
	c.MaxItems("badges", len(r.Badges), 1)
	return c.Err()
}

func TestChecker(t *testing.T) {
	var c validate.Checker
	c.Min("newRank", 0, 1)
	c.Min("ok", 1, 1)
	c.Max("score", 100.5, 100)
	c.MinLength("title", "", 1)
	c.MinLength("code", "ab", 3)
	c.MaxLength("name", "héllo", 4)
	c.MaxLength("fits", "héllo", 5) // 6 bytes, 5 characters
	c.MinItems("ids", 0, 1)
	c.MaxItems("ids", 3, 2)
	c.Check("rewards", (&rewards{}).Validate())
	c.Check(validate.Index("entries", 2), (&rewards{Badges: []string{"a", "b"}}).Validate())
	c.Check(validate.Key("byUser", "7"), validate.Enum("gold", "rank", "streak"))
	c.RoomParam("sessionId", "", "")
	c.RoomParam("a", "x:y", ":")
	c.RoomParam("last", "x:y", "")
	err := c.Err()

	want := validate.Errors{
		{Field: "newRank", Message: "must be at least 1"},
		{Field: "score", Message: "must be at most 100"},
		{Field: "title", Message: "must not be empty"},
		{Field: "code", Message: "must have at least 3 characters"},
		{Field: "name", Message: "must have at most 4 characters"},
		{Field: "ids", Message: "must have at least 1 item"},
		{Field: "ids", Message: "must have at most 2 items"},
		{Field: "rewards.badges", Message: "is required (send an empty list or map rather than null)"},
		{Field: "entries[2].badges", Message: "must have at most 1 item"},
		{Field: `byUser["7"]`, Message: `must be one of rank, streak, not "gold"`},
		{Field: "sessionId", Message: "must not be empty"},
		{Field: "a", Message: `must not contain ":"`},
	}
	var got validate.Errors
	if !errors.As(err, &got) {
		t.Fatalf("Err() = %T %v, want validate.Errors", err, err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	if msg := err.Error(); msg[:len("newRank: must be at least 1; score:")] != "newRank: must be at least 1; score:" {
		t.Errorf("Error() = %q", msg)
	}
}

func TestCheckerPasses(t *testing.T) {
	var c validate.Checker
	c.Min("rank", 1, 1)
	c.Max("rank", 1, 1)
	c.MinLength("title", "x", 1)
	c.Check("rewards", (&rewards{Badges: []string{}}).Validate())
	c.Check("nothing", nil)
	if err := c.Err(); err != nil {
		t.Fatalf("Err() = %v, want nil", err)
	}
}

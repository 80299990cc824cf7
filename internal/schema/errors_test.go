package schema

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestErrorListPrinting(t *testing.T) {
	var errs []*Error
	for i := 12; i >= 1; i-- { // out of order on purpose
		errs = append(errs, &Error{Pos: Pos{File: "f.yaml", Line: i, Col: 3}, Msg: fmt.Sprintf("problem %d", i)})
	}
	errs = append(errs, &Error{Pos: Pos{File: "f.yaml", Line: 1, Col: 3}, Msg: "problem 1"}) // a repeat
	list := sortErrors(errs)
	if len(list) != 12 {
		t.Fatalf("len = %d, want 12 (the repeat dropped)", len(list))
	}
	lines := strings.Split(list.Error(), "\n")
	if len(lines) != MaxPrintedErrors+1 || lines[0] != "f.yaml:1:3: problem 1" || lines[9] != "f.yaml:10:3: problem 10" ||
		lines[10] != "too many errors" {
		t.Errorf("Error() =\n%s", list.Error())
	}
	var first *Error
	if !errors.As(error(list), &first) || first.Msg != "problem 1" {
		t.Errorf("errors.As(*Error) = %v, want the first error", first)
	}
}

func TestErrorsAreTyped(t *testing.T) {
	_, err := Parse("x.yaml", []byte("version: 1\n"))
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 2 {
		t.Fatalf("err = %v, want an ErrorList of 2", err)
	}
	if _, err := Load("testdata/no-such-file.yaml"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Load(missing) = %v, want fs.ErrNotExist", err)
	}
}

func TestPos(t *testing.T) {
	if got := (Pos{File: "a.yaml", Line: 3, Col: 7}).String(); got != "a.yaml:3:7" {
		t.Errorf("String() = %q", got)
	}
	if got := (Pos{File: "a.yaml"}).String(); got != "a.yaml" {
		t.Errorf("String() without line = %q", got)
	}
	if (Pos{}).IsValid() {
		t.Error("zero Pos is valid")
	}
}

// Parse must never panic, whatever the input: every prefix of the seed
// schema (most of them broken YAML or half-written declarations) either
// parses or returns errors with positions.
func TestParseTruncated(t *testing.T) {
	src, err := os.ReadFile("../../schema/events.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for n := 0; n <= len(src); n += 97 {
		checkParse(t, src[:n])
	}
}

// FuzzParse looks for inputs that make Parse panic or report an error
// without a position. The seeds are the golden cases and the seed schema.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*/events.yaml")
	for _, file := range append(files, "../../schema/events.yaml") {
		src, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) { checkParse(t, src) })
}

func checkParse(t *testing.T, src []byte) {
	t.Helper()
	_, err := Parse("f.yaml", src)
	if err == nil {
		return
	}
	var list ErrorList
	if !errors.As(err, &list) || len(list) == 0 {
		t.Fatalf("error %T is not a non-empty ErrorList: %v", err, err)
	}
	for _, e := range list {
		if !e.Pos.IsValid() {
			t.Fatalf("error without position: %v", e)
		}
	}
}

package schema

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite testdata/*/stderr.txt from what Parse reports")

// TestGolden parses every testdata/<case>/events.yaml and compares the
// errors, as the CLI prints them, with testdata/<case>/stderr.txt. Every
// case is an invalid schema: each exercises one validation rule, and some
// several at once to show that every error is reported, in file order.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*", "events.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no golden cases in testdata")
	}
	for _, file := range files {
		dir := filepath.Dir(file)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			// Slash-separated, so that the goldens read the same everywhere.
			s, err := Load(filepath.ToSlash(file))
			if err == nil {
				t.Fatalf("Load(%s) succeeded with %d namespaces; every golden case must be invalid", file, len(s.Namespaces))
			}
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("Load(%s) error is %T, want ErrorList: %v", file, err, err)
			}
			checkSorted(t, list)
			got := err.Error() + "\n"
			golden := filepath.Join(dir, "stderr.txt")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("errors differ from %s (-want +got):\n%s", golden, diff)
			}
		})
	}
}

func checkSorted(t *testing.T, list ErrorList) {
	t.Helper()
	for i, e := range list {
		if !e.Pos.IsValid() {
			t.Errorf("error without a position: %v", e)
		}
		if i > 0 && e.Pos.before(list[i-1].Pos) {
			t.Errorf("errors out of order: %v after %v", e, list[i-1])
		}
	}
}

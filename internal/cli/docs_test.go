package cli_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/rtgen/rtgen/internal/nodetest"
)

// The JSON Schema committed for editors is what rtgen schema-json writes,
// to standard output or to the file -o names; schema/events.yaml points
// editors at it.
func TestSchemaJSONCommitted(t *testing.T) {
	root := nodetest.Root(t)
	committed := filepath.Join(root, "docs", "rtgen.schema.json")
	code, stdout, stderr := run(t, t.TempDir(), "schema-json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if *update {
		os.WriteFile(committed, []byte(stdout), 0o644)
	}
	want, _ := os.ReadFile(committed)
	if diff := cmp.Diff(string(want), stdout); diff != "" {
		t.Errorf("docs/rtgen.schema.json is stale; run go test ./internal/cli -update (-committed +generated):\n%s", diff)
	}

	dir := t.TempDir()
	if code, _, stderr := run(t, dir, "schema-json", "-o", "out.json"); code != 0 {
		t.Fatalf("-o: exit %d: %s", code, stderr)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "out.json")); string(got) != stdout {
		t.Error("-o wrote something else than standard output")
	}

	seed, _ := os.ReadFile(filepath.Join(root, "schema", "events.yaml"))
	if want := "# yaml-language-server: $schema=../docs/rtgen.schema.json\n"; string(seed[:len(want)]) != want {
		t.Errorf("schema/events.yaml does not start with %q", want)
	}
}

// rtgen asyncapi writes the document rtgen generate keeps in
// docs/asyncapi.yaml, the one committed for the seed schema.
func TestAsyncAPICommand(t *testing.T) {
	root := nodetest.Root(t)
	code, stdout, stderr := run(t, root, "asyncapi")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	committed, _ := os.ReadFile(filepath.Join(root, "docs", "asyncapi.yaml"))
	if stdout != string(committed) {
		t.Error("rtgen asyncapi differs from the committed docs/asyncapi.yaml; run rtgen generate")
	}
	dir := t.TempDir()
	if code, _, stderr := run(t, root, "asyncapi", "-o", filepath.Join(dir, "a.yaml"), "schema/events.yaml"); code != 0 {
		t.Fatalf("-o: exit %d: %s", code, stderr)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "a.yaml")); string(got) != stdout {
		t.Error("-o wrote something else than standard output")
	}
}

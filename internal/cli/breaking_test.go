package cli_test

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/rtgen/rtgen/internal/schema"
	"github.com/rtgen/rtgen/runtime/contract"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/breaking")

// edit is one change to testdata/breaking/base.yaml: every occurrence of
// old becomes new (old must occur).
type edit struct{ old, new string }

// breakingCases is the table of changes: each case edits the base schema
// and its golden file holds what `rtgen breaking` prints, and its exit
// status. reverse swaps the sides (the edited schema is the old one).
var breakingCases = []struct {
	name    string
	edits   []edit
	reverse bool
}{
	{"no_change_docs", []edit{{"  Board:\n", "  Board:\n    doc: A whole board.\n"}, {"      ping: {}", "      ping: {doc: \"Are you there?\", method: OnPing}"}}, false},
	{"server_event_removed", []edit{{"      score:mine:\n        payload: Score\n        to: user:{userId}\n", ""}}, false},
	{"server_event_added", []edit{{"      typing:\n", "      score:best:\n        payload: Score\n        to: all\n      typing:\n"}}, false},
	{"client_event_removed", []edit{{"      ping: {}\n", ""}}, false},
	{"client_event_added", []edit{{"      ping: {}\n", "      ping: {}\n      hello: {payload: string}\n"}}, false},
	{"event_renamed", []edit{{"score:mine:", "score:own:"}}, false},
	{"event_direction_changed", []edit{{"      typing:\n        payload: Message\n        delivery: volatile\n        to: all\n", ""}, {"      ping: {}\n", "      ping: {}\n      typing: {payload: Message}\n"}}, false},
	{"ack_added", []edit{{"      ping: {}", "      ping: {ack: MessageAck}"}}, false},
	{"ack_removed", []edit{{"        ack: MessageAck\n", ""}}, false},
	{"payload_added", []edit{{"      ping: {}", "      ping: {payload: Message}"}}, false},
	{"payload_type_changed", []edit{{"        payload: Board\n", "        payload: \"[]Score\"\n"}}, false},
	{"required_field_removed", []edit{{"      label: {type: string, maxLength: 40}\n", ""}}, false},
	{"optional_field_removed", []edit{{"      note: string?\n", ""}}, false},
	{"required_field_added", []edit{{"      at: time\n", "      at: time\n      rank: integer\n"}}, false},
	{"optional_field_added", []edit{{"      at: time\n", "      at: time\n      rank: integer?\n"}}, false},
	{"field_made_required", []edit{{"note: string?", "note: string"}}, false},
	{"field_made_optional", []edit{{"label: {type: string, maxLength: 40}", "label: {type: string, maxLength: 40, optional: true}"}}, false},
	{"field_type_changed", []edit{{"      userId: integer\n      points", "      userId: string\n      points"}}, false},
	{"integer_to_float", []edit{{"points: {type: integer,", "points: {type: float,"}}, false},
	{"client_field_added_required", []edit{{"      text: {type: string, maxLength: 500}\n", "      text: {type: string, maxLength: 500}\n      lang: string\n"}}, false},
	{"enum_value_removed", []edit{{"enum: [info, warning]", "enum: [info]"}}, false},
	{"enum_value_added", []edit{{"enum: [info, warning]", "enum: [info, warning, error]"}}, false},
	{"limit_tightened_both_ways", []edit{{"maxLength: 500", "maxLength: 200"}}, false},
	{"limits_loosened", []edit{{"max: 1000", "max: 5000"}, {"maxItems: 5", "maxItems: 10"}}, false},
	{"limit_added", []edit{{"note: string?", "note: {type: string, optional: true, maxLength: 80}"}}, false},
	{"room_removed", []edit{{"      match:{teamId}-{round}:\n        params: {teamId: integer, round: integer}\n        join:\n          any:\n            - {role: admin}\n            - {param: teamId, in: teamIds}\n", ""}}, false},
	{"room_added", []edit{{"      lobby:\n", "      team:{teamId}:\n        params: {teamId: integer}\n        join: {in: teamIds}\n      lobby:\n"}}, false},
	{"room_param_type_changed", []edit{{"params: {teamId: integer, round: integer}", "params: {teamId: integer, round: string}"}}, false},
	{"room_param_limit", []edit{{"params: {userId: integer}", "params: {userId: {type: integer, min: 1}}"}}, false},
	{"room_params_added", []edit{{"      user:{userId}:\n        params: {userId: integer}", "      user:{userId}-{teamId}:\n        name: user\n        params: {userId: integer, teamId: integer}"}, {"join: {equals: userId}", "join: {param: userId, equals: userId}"}, {"to: user:{userId}", "to: user:{userId}-{teamId}"}}, false},
	{"room_template_changed", []edit{{"      user:{userId}:\n", "      u:{userId}:\n        name: user\n"}, {"to: user:{userId}", "to: u:{userId}"}}, false},
	{"room_join_event_renamed", []edit{{"      lobby:\n", "      lobby:\n        joinEvent: enter:lobby\n"}}, false},
	{"join_rule_tightened", []edit{{"          any:\n            - {role: admin}\n            - {param: teamId, in: teamIds}\n", "          {role: admin}\n"}}, false},
	{"join_rule_loosened", []edit{{"join: {equals: userId}", "join: authenticated"}}, false},
	{"join_rule_changed", []edit{{"join: {equals: userId}", "join: {role: manager}"}}, false},
	{"delivery_weakened", []edit{{"      score:update:\n        payload: Score\n", "      score:update:\n        payload: Score\n        delivery: volatile\n"}}, false},
	{"delivery_strengthened", []edit{{"delivery: volatile", "delivery: replay"}}, false},
	{"type_renamed", []edit{{"  Board:", "  Leaderboard:"}, {"payload: Board", "payload: Leaderboard"}}, false},
	{"auth_loosened", []edit{{"auth: required", "auth: optional"}}, false},
	{"namespace_added", []edit{{"namespaces:\n", "namespaces:\n  /chat:\n    receives:\n      say: {payload: string}\n"}}, false},
	{"namespace_removed", []edit{{"namespaces:\n", "namespaces:\n  /chat:\n    receives:\n      say: {payload: string}\n"}}, true},
}

func applyEdits(t *testing.T, base string, edits []edit) string {
	t.Helper()
	out := base
	for _, e := range edits {
		if !strings.Contains(out, e.old) {
			t.Fatalf("edit: %q does not occur", e.old)
		}
		out = strings.ReplaceAll(out, e.old, e.new)
	}
	return out
}

// Every case of the table prints what its golden file holds, exits 1
// exactly when something breaks, and classifies symmetrically: what breaks
// old clients one way breaks old servers the other way.
func TestBreakingTable(t *testing.T) {
	base, err := os.ReadFile("testdata/breaking/base.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range breakingCases {
		t.Run(tt.name, func(t *testing.T) {
			edited := applyEdits(t, string(base), tt.edits)
			oldSrc, newSrc := string(base), edited
			if tt.reverse {
				oldSrc, newSrc = newSrc, oldSrc
			}
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, "old.yaml"), []byte(oldSrc), 0o644)
			os.WriteFile(filepath.Join(dir, "new.yaml"), []byte(newSrc), 0o644)
			code, stdout, stderr := run(t, dir, "breaking", "--against", "old.yaml", "new.yaml")
			if stderr != "" {
				t.Fatalf("stderr:\n%s", stderr)
			}
			got := fmt.Sprintf("%sexit %d\n", stdout, code)
			golden := filepath.Join("testdata", "breaking", tt.name+".txt")
			if *update {
				os.WriteFile(golden, []byte(got), 0o644)
			}
			want, _ := os.ReadFile(golden)
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("rtgen breaking output differs from %s (-want +got):\n%s", golden, diff)
			}

			o, n := parse(t, "old.yaml", oldSrc), parse(t, "new.yaml", newSrc)
			forward, backward := contract.Diff(o, n), contract.Diff(n, o)
			if len(forward) != len(backward) {
				t.Fatalf("%d changes forward, %d backward", len(forward), len(backward))
			}
			for _, f := range forward {
				if !hasMirror(f, backward) {
					t.Errorf("%s: breaks %s forward, but no change backward breaks the mirror (backward: %s)", f.Message(), f.Breaks, describeAll(backward))
				}
			}
		})
	}
}

func parse(t *testing.T, name, src string) *contract.Contract {
	t.Helper()
	s, err := schema.Parse(name, []byte(src))
	if err != nil {
		t.Fatalf("%s:\n%v", name, err)
	}
	return s.Contract()
}

// hasMirror reports whether a change of the other direction, at the same
// two positions swapped, breaks the mirrored parties.
func hasMirror(c *contract.Change, others []*contract.Change) bool {
	mirror := contract.Breaks(0)
	if c.Breaks&contract.OldClients != 0 {
		mirror |= contract.OldServers
	}
	if c.Breaks&contract.OldServers != 0 {
		mirror |= contract.OldClients
	}
	for _, o := range others {
		if o.Old.Line == c.New.Line && o.New.Line == c.Old.Line && o.Breaks == mirror {
			return true
		}
	}
	return false
}

func describeAll(cs []*contract.Change) string {
	var parts []string
	for _, c := range cs {
		parts = append(parts, fmt.Sprintf("%s [%s]", c.Message(), c.Breaks))
	}
	return strings.Join(parts, "; ")
}

// --format json carries the same changes, with positions as objects.
func TestBreakingJSON(t *testing.T) {
	base, _ := os.ReadFile("testdata/breaking/base.yaml")
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "old.yaml"), base, 0o644)
	os.WriteFile(filepath.Join(dir, "new.yaml"), []byte(applyEdits(t, string(base), []edit{{"note: string?", "note: string"}, {"      ping: {}\n", ""}})), 0o644)
	code, stdout, _ := run(t, dir, "breaking", "--format", "json", "--against", "old.yaml", "new.yaml")
	golden := filepath.Join("testdata", "breaking", "json.golden")
	if *update {
		os.WriteFile(golden, []byte(stdout), 0o644)
	}
	want, _ := os.ReadFile(golden)
	if diff := cmp.Diff(string(want), stdout); diff != "" || code != 1 {
		t.Errorf("exit %d; output differs from %s (-want +got):\n%s", code, golden, diff)
	}
	var doc struct {
		Changes []struct {
			Breaks []string
			Old    struct{ File string }
		}
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil || len(doc.Changes) != 2 || doc.Changes[0].Old.File != "old.yaml" {
		t.Errorf("not the expected JSON (%v): %+v", err, doc)
	}
}

// --fail-on chooses whom a breaking change must break to fail.
func TestBreakingFailOn(t *testing.T) {
	base, _ := os.ReadFile("testdata/breaking/base.yaml")
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "old.yaml"), base, 0o644)
	// Adding a client event breaks only old servers.
	os.WriteFile(filepath.Join(dir, "new.yaml"), []byte(applyEdits(t, string(base), []edit{{"      ping: {}\n", "      ping: {}\n      hello: {}\n"}})), 0o644)
	for failOn, want := range map[string]int{"any": 1, "servers": 1, "clients": 0, "none": 0} {
		if code, _, _ := run(t, dir, "breaking", "--against", "old.yaml", "--fail-on", failOn, "new.yaml"); code != want {
			t.Errorf("--fail-on %s: exit %d, want %d", failOn, code, want)
		}
	}
}

// --against a git revision reads the schema's committed copy; positions
// name the revision. A revision git does not know is a clear error.
func TestBreakingAgainstGitRevision(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "schema"), 0o755)
	base, _ := os.ReadFile("testdata/breaking/base.yaml")
	schemaFile := filepath.Join(dir, "schema", "events.yaml")
	os.WriteFile(schemaFile, base, 0o644)
	git := func(args ...string) {
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	git("add", "schema/events.yaml")
	git("commit", "-qm", "schema")

	if code, stdout, stderr := run(t, dir, "breaking", "--against", "HEAD"); code != 0 || stdout != "no changes on the wire since HEAD\n" {
		t.Errorf("against itself: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	os.WriteFile(schemaFile, []byte(applyEdits(t, string(base), []edit{{"      ping: {}\n", ""}})), 0o644)
	code, stdout, _ := run(t, dir, "breaking", "--against", "HEAD")
	if want := `schema/events.yaml:40:3: breaking for old clients: /scores client event "ping": removed (was at HEAD:schema/events.yaml:73:7)`; code != 1 || !strings.HasPrefix(stdout, want+"\n") {
		t.Errorf("exit %d, stdout:\n%s\nwant first line:\n%s", code, stdout, want)
	}
	code, _, stderr := run(t, dir, "breaking", "--against", "no-such-branch")
	if code != 2 || !strings.Contains(stderr, "--against no-such-branch is not a file, and git cannot show schema/events.yaml at revision no-such-branch") {
		t.Errorf("unknown revision: exit %d, stderr %q", code, stderr)
	}
}

func TestBreakingUsageErrors(t *testing.T) {
	dir := project(t)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"breaking"}, "--against REF|FILE is required"},
		{[]string{"breaking", "--against", "x", "--format", "xml"}, "--format must be text or json"},
		{[]string{"breaking", "--against", "x", "--fail-on", "all"}, "--fail-on must be any, clients, servers or none"},
	} {
		if code, _, stderr := run(t, dir, tt.args...); code != 2 || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q", tt.args, code, stderr)
		}
	}
	os.WriteFile(filepath.Join(dir, "old.yaml"), []byte("version: 1\noutput: {go: {dir: x}}\nnamespaces:\n  /a:\n    emits:\n      e: {to: nowhere}\n"), 0o644)
	code, _, stderr := run(t, dir, "breaking", "--against", "old.yaml")
	if code != 2 || !strings.Contains(stderr, "the schema of --against old.yaml is invalid:\nold.yaml:6:") {
		t.Errorf("invalid old schema: exit %d, stderr %q", code, stderr)
	}
}

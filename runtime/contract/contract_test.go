package contract_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rtgen/rtgen/internal/schema"
	"github.com/rtgen/rtgen/runtime/contract"
)

func seed(t *testing.T) (string, *schema.Schema) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "..", "schema", "events.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := schema.Parse("schema/events.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	return string(src), s
}

// A namespace's JSON text reads back to the same text.
func TestJSONRoundTrip(t *testing.T) {
	_, s := seed(t)
	for _, ns := range s.Contract().Namespaces {
		text := ns.JSON()
		back, err := contract.Parse(text)
		if err != nil {
			t.Fatalf("%s: %v", ns.Name, err)
		}
		if got := back.JSON(); got != text {
			t.Errorf("%s: round trip changed the text:\n%s\n%s", ns.Name, text, got)
		}
	}
}

// Contracts read from JSON, as a server reads a client's, classify changes
// as the schema-built ones do.
func TestDiffOfParsedContracts(t *testing.T) {
	src, s := seed(t)
	edited := strings.Replace(src, "      icon: {type: string, optional: true, doc: \"An emoji or an icon name, e.g. 🏆.\"}\n", "", 1)
	edited = strings.Replace(edited, "      metric: {type: string, doc: \"The ranked metric, e.g. yearlyRevenue.\"}\n", "      metric: {type: string, maxLength: 40}\n", 1)
	s2, err := schema.Parse("new.yaml", []byte(edited))
	if err != nil {
		t.Fatal(err)
	}
	o, n := s.Contract().Namespace("/leaderboard"), s2.Contract().Namespace("/leaderboard")
	want := sortedLines(describe(contract.DiffNamespace(o, n)))
	po, _ := contract.Parse(o.JSON())
	pn, _ := contract.Parse(n.JSON())
	got := sortedLines(describe(contract.DiffNamespace(po, pn)))
	if got != want || !strings.Contains(want, "AchievementEvent.icon: optional field removed (") || !strings.Contains(want, "RankingUpdate.metric: maxLength 40 added") {
		t.Errorf("parsed contracts:\n%s\nschema contracts:\n%s", got, want)
	}
}

// sortedLines sorts text's lines: contracts read from JSON have no
// positions to order changes by.
func sortedLines(text string) string {
	lines := strings.Split(text, "\n")
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

func describe(cs []*contract.Change) string {
	var b strings.Builder
	for _, c := range cs {
		b.WriteString(c.Message() + " [" + c.Breaks.String() + "]\n")
	}
	return b.String()
}

// The fingerprint does not move when declarations are reordered or docs,
// Go method names and hook sections change; it moves when a payload does.
func TestFingerprintStability(t *testing.T) {
	src, s := seed(t)
	fp := func(src string) string {
		t.Helper()
		s, err := schema.Parse("x.yaml", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		return contract.Fingerprint(s.Contract().Namespace("/leaderboard").JSON())
	}
	base := contract.Fingerprint(s.Contract().Namespace("/leaderboard").JSON())
	same := strings.NewReplacer(
		"doc: Leaderboard rankings, contests and achievements.", "doc: Rankings.",
		"method: BroadcastRankingUpdate", "method: SendRankings",
		// two fields of RankingUpdate swapped
		"      previousRank: {type: integer, min: 1}\n      newRank: {type: integer, min: 1}\n",
		"      newRank: {type: integer, min: 1}\n      previousRank: {type: integer, min: 1}\n",
	).Replace(src)
	if same == src {
		t.Fatal("the edits did not apply")
	}
	if got := fp(same); got != base {
		t.Errorf("fingerprint moved with docs, method names and field order: %s → %s", base, got)
	}
	if got := fp(strings.Replace(src, "      userName: string\n      previousRank", "      userName: string?\n      previousRank", 1)); got == base {
		t.Error("fingerprint did not move when a field became optional")
	}
	if len(base) != 16 {
		t.Errorf("fingerprint %q: want 16 hex digits", base)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{`nope`, "invalid character"},
		{`{}`, "no namespace name"},
		{`{"name":"/a","events":[{"name":"e","from":"both"}]}`, `from must be server or client`},
		{`{"name":"/a","events":[{"name":"e","from":"server","payload":"Missing"}]}`, `unknown type "Missing"`},
		{`{"name":"/a","events":[{"name":"e","from":"server","payload":"[]map[string]Missing"}]}`, `unknown type`},
		{`{"name":"/a","types":[{"name":"A","fields":[{"name":"b","type":"B"}]}]}`, `A.b: unknown type "B"`},
	} {
		if _, err := contract.Parse(tt.text); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%s): %v, want an error containing %q", tt.text, err, tt.want)
		}
	}
}

// A contract a client made up may be cyclic or deeply shared; comparing it
// terminates, comparing each pair of types once.
func TestDiffOfCyclicContract(t *testing.T) {
	chain := func(extra string) string {
		types := `{"name":"A","fields":[{"name":"self","type":"A"},{"name":"l","type":"[]B"},{"name":"r","type":"map[string]B"}` + extra + `]}`
		for _, n := range []string{"B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R", "S", "T", "U"} {
			next := string(rune(n[0] + 1))
			if n == "U" {
				next = "A"
			}
			types += `,{"name":"` + n + `","fields":[{"name":"x","type":"` + next + `"},{"name":"y","type":"` + next + `"}]}`
		}
		return `{"name":"/a","auth":"none","events":[{"name":"e","from":"server","payload":"A"}],"types":[` + types + `]}`
	}
	o, err := contract.Parse(chain(""))
	if err != nil {
		t.Fatal(err)
	}
	n, err := contract.Parse(chain(`,{"name":"z","type":"integer"}`))
	if err != nil {
		t.Fatal(err)
	}
	got := describe(contract.DiffNamespace(o, n))
	if got != "A.z: required field added (/a e) [old servers]\n" {
		t.Errorf("got:\n%s", got)
	}
}

// What a server pays the first time it sees a client's contract: reading
// it and comparing it with its own (the seed's largest namespace, one
// field apart). Later clients of that contract get the remembered verdict.
func BenchmarkParseAndDiff(b *testing.B) {
	src, err := os.ReadFile(filepath.Join("..", "..", "schema", "events.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	own, err := schema.Parse("schema/events.yaml", src)
	if err != nil {
		b.Fatal(err)
	}
	older, err := schema.Parse("old.yaml", []byte(strings.Replace(string(src), "      icon: string?\n", "", 1)))
	if err != nil {
		b.Fatal(err)
	}
	mine := own.Contract().Namespace("/training")
	text := older.Contract().Namespace("/training").JSON()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		theirs, err := contract.Parse(text)
		if err != nil {
			b.Fatal(err)
		}
		if changes := contract.DiffNamespace(theirs, mine); len(changes) != 1 {
			b.Fatalf("%d changes", len(changes))
		}
	}
}

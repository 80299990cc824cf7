package schema

import (
	"os"
	"strings"
	"testing"
)

// The reference's complete example must be a valid schema.
func TestDocsExample(t *testing.T) {
	s, err := Parse("docs/schema.md example", []byte(docsExample(t)))
	if err != nil {
		t.Fatalf("the example in docs/schema.md is invalid:\n%v", err)
	}
	ns := s.Namespaces[0]
	if ns.Client == nil || len(ns.Rooms) != 5 || len(ns.Emits) != 3 || len(ns.Queries) != 2 {
		t.Errorf("the example lost parts: %d rooms, %d emits, %d queries, client %v",
			len(ns.Rooms), len(ns.Emits), len(ns.Queries), ns.Client != nil)
	}
}

// docsExample returns the YAML of docs/schema.md's complete example.
func docsExample(t *testing.T) string {
	t.Helper()
	doc, err := os.ReadFile("../../docs/schema.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(doc), "## A complete example")
	if ok {
		_, rest, ok = strings.Cut(rest, "```yaml\n")
	}
	example, _, closed := strings.Cut(rest, "```")
	if !ok || !closed {
		t.Fatal(`docs/schema.md has no yaml block under "## A complete example"`)
	}
	return example
}

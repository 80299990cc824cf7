package schema

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/rtgen/rtgen/internal/nodetest"
)

// jsonValue decodes YAML into the JSON value an editor validates.
func jsonValue(t *testing.T, src string) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal([]byte(src), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// mappingPath is a mapping of a YAML document and its path from the root:
// keys of mappings, indexes of lists.
type mappingPath struct {
	node *yaml.Node
	path []any
}

func mappings(n *yaml.Node, path []any, out []mappingPath) []mappingPath {
	switch n.Kind {
	case yaml.DocumentNode:
		return mappings(n.Content[0], path, out)
	case yaml.MappingNode:
		out = append(out, mappingPath{n, path})
		for i := 0; i+1 < len(n.Content); i += 2 {
			out = mappings(n.Content[i+1], append(slices.Clip(path), n.Content[i].Value), out)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			out = mappings(c, append(slices.Clip(path), i), out)
		}
	}
	return out
}

// propertyNames collects every property name the JSON Schema declares.
func propertyNames(v any, out map[string]bool) {
	switch v := v.(type) {
	case map[string]any:
		if props, ok := v["properties"].(map[string]any); ok {
			for k := range props {
				out[k] = true
			}
		}
		for _, c := range v {
			propertyNames(c, out)
		}
	case []any:
		for _, c := range v {
			propertyNames(c, out)
		}
	}
}

// The seed schema and the reference's complete example validate against
// the JSON Schema (with ajv, as editors use it); and the JSON Schema and the
// parser agree on the key set: for every mapping of the complete example
// (where every key of the format appears) and every key the JSON Schema
// knows, inserting the key makes the parser report an unknown key exactly
// when ajv reports it as not allowed there.
func TestJSONSchemaAgreesWithParser(t *testing.T) {
	var doc map[string]any
	if err := json.Unmarshal(JSONSchema(), &doc); err != nil {
		t.Fatal(err)
	}
	example := docsExample(t)
	seed, err := os.ReadFile("../../schema/events.yaml")
	if err != nil {
		t.Fatal(err)
	}

	keys := map[string]bool{"bogus": true}
	propertyNames(doc, keys)
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(example), &root); err != nil {
		t.Fatal(err)
	}
	inExample := map[string]bool{}
	maps := mappings(&root, []any{}, nil)
	for _, m := range maps {
		for i := 0; i < len(m.node.Content); i += 2 {
			inExample[m.node.Content[i].Value] = true
		}
	}
	for k := range keys {
		if k != "bogus" && !inExample[k] {
			t.Errorf("key %q of the JSON Schema does not appear in docs/schema.md's complete example", k)
		}
	}

	type testCase struct {
		Path []any  `json:"path"`
		Key  string `json:"key"`
	}
	var cases []testCase
	var parserUnknown []bool
	sortedKeys := slices.Sorted(func(yield func(string) bool) {
		for k := range keys {
			if !yield(k) {
				return
			}
		}
	})
	for _, m := range maps {
		for _, k := range sortedKeys {
			if slices.ContainsFunc(m.node.Content, func(n *yaml.Node) bool { return n.Value == k }) {
				continue
			}
			saved := m.node.Content
			m.node.Content = append(slices.Clip(saved),
				&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k},
				&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"})
			src, err := yaml.Marshal(&root)
			m.node.Content = saved
			if err != nil {
				t.Fatal(err)
			}
			_, err = Parse("x.yaml", src)
			cases = append(cases, testCase{m.path, k})
			parserUnknown = append(parserUnknown, err != nil && strings.Contains(err.Error(), "unknown key \""+k+"\""))
		}
	}

	input, _ := json.Marshal(map[string]any{
		"schema": doc,
		"docs":   map[string]any{"schema/events.yaml": jsonValue(t, string(seed)), "docs/schema.md example": jsonValue(t, example)},
		"base":   jsonValue(t, example),
		"cases":  cases,
	})
	file := filepath.Join(t.TempDir(), "input.json")
	os.WriteFile(file, input, 0o644)
	script := nodetest.Start(t, "testdata/jsonschema/validate.mjs", file)
	var docErrs map[string][]string
	script.Decode("docs", &docErrs)
	for name, errs := range docErrs {
		if len(errs) > 0 {
			t.Errorf("%s does not validate against the JSON Schema:\n%s", name, strings.Join(errs, "\n"))
		}
	}
	var ajvUnknown []bool
	script.Decode("unknown", &ajvUnknown)
	if len(ajvUnknown) != len(cases) {
		t.Fatalf("%d answers for %d cases", len(ajvUnknown), len(cases))
	}
	disagree := 0
	for i, c := range cases {
		if ajvUnknown[i] != parserUnknown[i] {
			disagree++
			if disagree <= 20 {
				t.Errorf("key %q in the mapping at %v: the parser says unknown=%v, the JSON Schema unknown=%v", c.Key, c.Path, parserUnknown[i], ajvUnknown[i])
			}
		}
	}
	t.Logf("%d mappings × %d keys: %d cases compared", len(maps), len(keys), len(cases))
}

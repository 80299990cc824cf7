package schema

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// This file reads the YAML node tree strictly: every mapping is checked for
// unknown and duplicate keys, every scalar for its type, and every value
// keeps its position.

// document decodes src into its single YAML document's root node; nil when
// there is nothing usable (the reason is recorded).
func (p *parser) document(src []byte) *yaml.Node {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			p.errorf(Pos{File: p.file, Line: 1, Col: 1}, "the schema is empty; %s", versionHint)
		} else {
			p.yamlError(err)
		}
		return nil
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case err == nil:
		p.errorf(p.pos(&extra), "a schema is one YAML document; remove the second one")
	case !errors.Is(err, io.EOF):
		p.yamlError(err)
	}
	if len(doc.Content) == 0 {
		p.errorf(Pos{File: p.file, Line: 1, Col: 1}, "the schema is empty; %s", versionHint)
		return nil
	}
	root := doc.Content[0]
	if !p.plain(root) {
		return nil
	}
	return root
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlError records a YAML syntax error. yaml.v3 reports only a line, and
// for parser (not scanner) errors a 0-based one.
func (p *parser) yamlError(err error) {
	msg := err.Error()
	line := 0
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	if isYAMLParserError(msg) {
		line++
	}
	if strings.HasPrefix(msg, "did not find expected ',' or") {
		// The usual cause: braces or "?" in an unquoted value inside {…}
		// or […], where YAML reads them as syntax.
		msg += `; inside {…} and […], quote text that contains {, }, ? or a comma, such as "user:{userId}" or "integer?"`
	}
	p.errorf(Pos{File: p.file, Line: max(line, 1), Col: 1}, "invalid YAML: %s", msg)
}

func isYAMLParserError(msg string) bool {
	if strings.HasPrefix(msg, "did not find expected") {
		return true
	}
	switch msg {
	case "found duplicate %TAG directive", "found duplicate %YAML directive", "found incompatible YAML document", "found undefined tag handle":
		return true
	}
	return false
}

// plain reports whether the tree under n uses only plain YAML: no aliases
// (every value is written where it is used, so every position is its own)
// and no application tags.
func (p *parser) plain(n *yaml.Node) bool {
	ok := true
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		switch {
		case n.Kind == yaml.AliasNode:
			p.errorf(p.pos(n), "YAML aliases are not supported; write the value out")
			ok = false
			return
		case strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!"):
			p.errorf(p.pos(n), "YAML tag %q is not supported", n.Tag)
			ok = false
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(n)
	return ok
}

func (p *parser) pos(n *yaml.Node) Pos { return Pos{File: p.file, Line: n.Line, Col: n.Column} }

// object is a mapping with a fixed set of keys.
type object struct {
	node *yaml.Node
	keys map[string]*yaml.Node
	vals map[string]*yaml.Node
}

// object reads n as a mapping whose keys must be among allowed. Unknown and
// repeated keys are reported (and ignored); what names the mapping in
// messages, e.g. `room "user:{userId}"`. Returns nil when n is not a mapping.
func (p *parser) object(n *yaml.Node, what string, allowed ...string) *object {
	if !p.isMapping(n, what) {
		return nil
	}
	o := &object{node: n, keys: map[string]*yaml.Node{}, vals: map[string]*yaml.Node{}}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		name, ok := p.key(k)
		if !ok {
			continue
		}
		if !contains(allowed, name) {
			help := suggest(name, allowed, "expected one of "+strings.Join(allowed, ", "))
			if strings.ContainsRune(name, ' ') && n.Style&yaml.FlowStyle != 0 {
				help += `; a comma inside {…} starts a new key: quote text that contains commas`
			}
			p.errorf(p.pos(k), "unknown key %q in %s; %s", name, what, help)
			continue
		}
		if prev, dup := o.keys[name]; dup {
			p.errorf(p.pos(k), "key %q already defined at %s", name, p.pos(prev))
			continue
		}
		o.keys[name], o.vals[name] = k, v
	}
	return o
}

// get returns the value of key, or nil when absent.
func (o *object) get(key string) *yaml.Node { return o.vals[key] }

// require returns the value of key, reporting its absence; hint, when not
// empty, says what the key is for.
func (p *parser) require(o *object, key, what, hint string) *yaml.Node {
	v := o.vals[key]
	if v == nil {
		if hint != "" {
			hint = ": " + hint
		}
		p.errorf(p.pos(o.node), "%s needs %q%s", what, key, hint)
	}
	return v
}

// entry is one item of a mapping from names to declarations.
type entry struct {
	name string
	key  *yaml.Node
	val  *yaml.Node
	pos  Pos // the key's position, which is the declaration's
}

// entries reads n as a mapping from names to declarations, in order.
// A repeated name is reported as `<noun> "x" already defined at …` and
// dropped. A null n (the key written with no value) means no entries.
func (p *parser) entries(n *yaml.Node, noun, what string) []entry {
	if n == nil || isNull(n) || !p.isMapping(n, what) {
		return nil
	}
	seen := map[string]Pos{}
	var out []entry
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		name, ok := p.key(k)
		if !ok {
			continue
		}
		if prev, dup := seen[name]; dup {
			p.errorf(p.pos(k), "%s %q already defined at %s", noun, name, prev)
			continue
		}
		seen[name] = p.pos(k)
		out = append(out, entry{name: name, key: k, val: v, pos: p.pos(k)})
	}
	return out
}

// key returns a mapping key's text; keys must be non-empty strings.
func (p *parser) key(k *yaml.Node) (string, bool) {
	if k.Kind != yaml.ScalarNode || k.Tag != "!!str" || k.Value == "" {
		p.errorf(p.pos(k), "a key must be a non-empty string, not %s", describe(k))
		return "", false
	}
	return k.Value, true
}

func (p *parser) isMapping(n *yaml.Node, what string) bool {
	if n.Kind != yaml.MappingNode {
		p.errorf(p.pos(n), "%s must be a mapping, not %s", what, describe(n))
		return false
	}
	return true
}

// str returns a non-empty string scalar.
func (p *parser) str(n *yaml.Node, what string) (string, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!str" || n.Value == "" {
		p.errorf(p.pos(n), "%s must be a non-empty string, not %s", what, describe(n))
		return "", false
	}
	return n.Value, true
}

// text returns prose (a doc or a title): any non-null scalar, so that
// `doc: 2024 targets` and `doc: yes` read as written.
func (p *parser) text(n *yaml.Node, what string) string {
	if n == nil {
		return ""
	}
	if n.Kind != yaml.ScalarNode || isNull(n) || strings.TrimSpace(n.Value) == "" {
		p.errorf(p.pos(n), "%s must be text, not %s", what, describe(n))
		return ""
	}
	return strings.TrimSpace(n.Value)
}

// strs returns a string or a sequence of strings, with their positions.
func (p *parser) strs(n *yaml.Node, what string) ([]string, []Pos) {
	items := []*yaml.Node{n}
	if n.Kind == yaml.SequenceNode {
		items = n.Content
		if len(items) == 0 {
			p.errorf(p.pos(n), "%s must not be empty", what)
		}
	}
	var out []string
	var pos []Pos
	for _, it := range items {
		if s, ok := p.str(it, what); ok {
			out = append(out, s)
			pos = append(pos, p.pos(it))
		}
	}
	return out, pos
}

func (p *parser) boolean(n *yaml.Node, what string) (bool, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
		p.errorf(p.pos(n), "%s must be true or false, not %s", what, describe(n))
		return false, false
	}
	var b bool
	if err := n.Decode(&b); err != nil {
		p.errorf(p.pos(n), "%s must be true or false: %v", what, err)
		return false, false
	}
	return b, true
}

// integer returns a whole number.
func (p *parser) integer(n *yaml.Node, what string) (int64, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
		p.errorf(p.pos(n), "%s must be a whole number, not %s", what, describe(n))
		return 0, false
	}
	var i int64
	if err := n.Decode(&i); err != nil {
		p.errorf(p.pos(n), "%s is out of range: %s", what, n.Value)
		return 0, false
	}
	return i, true
}

// number returns an integer or float, and whether it was written as an
// integer.
func (p *parser) number(n *yaml.Node, what string) (float64, bool, bool) {
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") {
		p.errorf(p.pos(n), "%s must be a number, not %s", what, describe(n))
		return 0, false, false
	}
	if n.Tag == "!!int" {
		i, ok := p.integer(n, what)
		return float64(i), true, ok
	}
	var f float64
	if err := n.Decode(&f); err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		p.errorf(p.pos(n), "%s must be a finite number, not %s", what, n.Value)
		return 0, false, false
	}
	return f, false, true
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

// describe names a node's kind for messages: `a list`, `the number 3`,
// `the string "x"`.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return "nothing"
		case "!!str":
			if n.Value == "" {
				return "an empty string"
			}
			return fmt.Sprintf("the string %q", n.Value)
		case "!!bool":
			return "the boolean " + n.Value
		case "!!int", "!!float":
			return "the number " + n.Value
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "an unsupported YAML value"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

package asyncapi

import (
	"bytes"
	"fmt"
	"strconv"

	"gopkg.in/yaml.v3"
)

// obj is a mapping whose keys keep the order they were added in, so that
// the document reads in the order of the AsyncAPI specification and of the
// schema.
type obj []kv

type kv struct {
	k string
	v any // string, bool, int, float64, []string, []any, obj
}

// set adds a key; values that are nil, "" or empty lists are left out.
func (o *obj) set(k string, v any) {
	switch v := v.(type) {
	case nil:
		return
	case string:
		if v == "" {
			return
		}
	case []string:
		if len(v) == 0 {
			return
		}
	case []any:
		if len(v) == 0 {
			return
		}
	case obj:
		if len(v) == 0 {
			return
		}
	}
	*o = append(*o, kv{k, v})
}

func node(v any) *yaml.Node {
	switch v := v.(type) {
	case string:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v}
	case bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(v)}
	case int:
		return &yaml.Node{Kind: yaml.ScalarNode, Value: strconv.Itoa(v)}
	case float64:
		return &yaml.Node{Kind: yaml.ScalarNode, Value: strconv.FormatFloat(v, 'g', -1, 64)}
	case []string:
		n := &yaml.Node{Kind: yaml.SequenceNode}
		for _, s := range v {
			n.Content = append(n.Content, node(s))
		}
		return n
	case []any:
		n := &yaml.Node{Kind: yaml.SequenceNode}
		for _, x := range v {
			n.Content = append(n.Content, node(x))
		}
		return n
	case obj:
		n := &yaml.Node{Kind: yaml.MappingNode}
		for _, e := range v {
			n.Content = append(n.Content, node(e.k), node(e.v))
		}
		return n
	}
	panic(fmt.Sprintf("asyncapi: cannot render %T", v))
}

// render writes the document as YAML after a comment header.
func render(header string, doc obj) []byte {
	var b bytes.Buffer
	b.WriteString(header)
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(node(doc)); err != nil {
		panic("asyncapi: " + err.Error()) // only strings, numbers and mappings
	}
	enc.Close()
	return b.Bytes()
}

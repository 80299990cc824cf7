package schema

import (
	"fmt"
	"strings"

	"github.com/rtgen/rtgen/internal/naming"
	"gopkg.in/yaml.v3"
)

// tsBuiltinTypes are global TypeScript names generated code relies on; a
// schema type of the same name would shadow them.
var tsBuiltinTypes = map[string]bool{
	"Array": true, "Boolean": true, "Date": true, "Error": true, "Function": true, "JSON": true, "Map": true,
	"Number": true, "Object": true, "Partial": true, "Promise": true, "Readonly": true, "Record": true,
	"Set": true, "String": true, "Symbol": true,
}

// typeDecl is a declared type whose body is read once every name is known.
type typeDecl struct {
	t *Type
	o *object
}

// declareTypes registers every declared type's name and kind, so that
// fields can refer to types declared after them.
func (p *parser) declareTypes(n *yaml.Node) []typeDecl {
	var decls []typeDecl
	for _, e := range p.entries(n, "type", "types") {
		t := &Type{Name: e.name, GoName: naming.GoExported(e.name), Kind: StructType, Pos: e.pos}
		switch {
		case !isPascal(e.name):
			p.errorf(e.pos, "type name %q must be PascalCase: an upper-case letter, then letters and digits", e.name)
		case tsBuiltinTypes[e.name]:
			p.errorf(e.pos, "type name %q is a TypeScript built-in; choose another name", e.name)
		}
		p.types[e.name] = t
		p.s.Types = append(p.s.Types, t)
		o := p.object(e.val, fmt.Sprintf("type %q", e.name), typeKeys...)
		if o == nil {
			continue
		}
		switch fields, enum := o.get("fields"), o.get("enum"); {
		case fields != nil && enum != nil:
			p.errorf(e.pos, "type %q has both fields and enum; a type is a struct or an enum", e.name)
		case enum != nil:
			t.Kind = EnumType
		case fields == nil:
			p.errorf(e.pos, `type %q needs "fields" (a struct) or "enum" (a list of values)`, e.name)
		}
		decls = append(decls, typeDecl{t: t, o: o})
	}
	return decls
}

func (p *parser) defineType(d typeDecl) {
	t, o := d.t, d.o
	t.Doc = p.text(o.get("doc"), "doc")
	what := fmt.Sprintf("type %q", t.Name)
	if t.Kind == EnumType {
		t.Values = p.enumValues(t, o.get("enum"))
		return
	}
	for _, e := range p.entries(o.get("fields"), "field", what+" fields") {
		if f := p.field(e, "field", what); f != nil {
			t.Fields = append(t.Fields, f)
		}
	}
	p.checkFieldNames(t.Fields, "field")
}

func (p *parser) enumValues(t *Type, n *yaml.Node) []*EnumValue {
	if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
		p.errorf(p.pos(n), "enum of type %q must be a non-empty list of values, such as [rank, milestone]", t.Name)
		return nil
	}
	var values []*EnumValue
	seen := map[string]Pos{}
	names := p.idents("value")
	for _, item := range n.Content {
		v, ok := p.str(item, fmt.Sprintf("a value of enum %q", t.Name))
		if !ok {
			continue
		}
		pos := p.pos(item)
		if prev, dup := seen[v]; dup {
			p.errorf(pos, "enum value %q already defined at %s", v, prev)
			continue
		}
		seen[v] = pos
		part := naming.GoExported(v)
		if part == "" {
			p.errorf(pos, "enum value %q needs a letter or digit", v)
			continue
		}
		ev := &EnumValue{Value: v, GoName: t.GoName + part, TSName: naming.TSPascal(v), Pos: pos}
		names.add(v, ev.GoName, ev.TSName, pos)
		values = append(values, ev)
	}
	return values
}

// field reads a struct field, a claim or a room parameter: a type expression,
// or a mapping with the type, a doc, optional and constraints. noun is
// "field", "claim" or "param"; owner names the declaration holding it.
func (p *parser) field(e entry, noun, owner string) *Field {
	f := &Field{
		Name:   e.name,
		GoName: naming.GoExported(e.name),
		GoVar:  naming.GoUnexported(e.name),
		TSVar:  naming.TSCamel(e.name),
		Pos:    e.pos,
	}
	if !isFieldName(e.name) || f.GoName == "" {
		p.errorf(e.pos, "%s name %q must be an identifier: letters, digits and _, not starting with a digit", noun, e.name)
	}
	what := fmt.Sprintf("%s %q of %s", noun, e.name, owner)
	var typeNode *yaml.Node
	var o *object
	switch e.val.Kind {
	case yaml.MappingNode:
		if o = p.object(e.val, what, fieldKeys...); o == nil {
			return f
		}
		typeNode = p.require(o, "type", what, "")
		f.Doc = p.text(o.get("doc"), "doc")
	case yaml.ScalarNode:
		typeNode = e.val
	default:
		p.errorf(p.pos(e.val), "%s must be a type such as integer, or a mapping with a type, not %s", what, describe(e.val))
		return f
	}
	if typeNode == nil {
		return f
	}
	expr, ok := p.str(typeNode, "the type of "+what)
	if !ok {
		return f
	}
	f.Type, f.Optional = p.typeRef(expr, p.pos(typeNode))
	if o != nil {
		if n := o.get("optional"); n != nil {
			if opt, ok := p.boolean(n, "optional"); ok {
				if f.Optional && !opt {
					p.errorf(p.pos(n), "%s: optional: false contradicts the ? in %q", what, expr)
				}
				f.Optional = f.Optional || opt
			}
		}
		p.constraints(f, o, what)
	}
	return f
}

// constraints reads a field's bounds and checks they suit its type.
func (p *parser) constraints(f *Field, o *object, what string) {
	c := &f.Constraints
	kind := Kind(0)
	if f.Type != nil {
		kind = f.Type.Kind
		if f.Type.IsEnum() {
			kind = 0 // enums take no constraints; reported below as "is Name"
		}
	}
	applies := func(key string, ok bool, allowed string) bool {
		if n := o.get(key); n != nil && f.Type != nil && !ok {
			p.errorf(p.pos(o.keys[key]), "%s applies to %s; %s is %s", key, allowed, what, f.Type)
			return false
		}
		return true
	}
	numeric := kind == KindInteger || kind == KindFloat
	for _, key := range []string{"min", "max"} {
		n := o.get(key)
		if n == nil || !applies(key, numeric, "integer and float fields") {
			continue
		}
		v, isInt, ok := p.number(n, key)
		if !ok {
			continue
		}
		if kind == KindInteger && (!isInt || v > maxSafeInteger || v < -maxSafeInteger) {
			p.errorf(p.pos(n), "%s of %s must be a whole number within ±2^53", key, what)
			continue
		}
		if key == "min" {
			c.Min = &v
		} else {
			c.Max = &v
		}
	}
	counts := []struct {
		key     string
		dst     **int
		ok      bool
		allowed string
	}{
		{"minLength", &c.MinLength, kind == KindString, "string fields"},
		{"maxLength", &c.MaxLength, kind == KindString, "string fields"},
		{"minItems", &c.MinItems, kind == KindList || kind == KindMap, "list and map fields"},
		{"maxItems", &c.MaxItems, kind == KindList || kind == KindMap, "list and map fields"},
	}
	for _, b := range counts {
		n := o.get(b.key)
		if n == nil || !applies(b.key, b.ok, b.allowed) {
			continue
		}
		v, ok := p.integer(n, b.key)
		if !ok {
			continue
		}
		if v < 0 || v > maxCount {
			p.errorf(p.pos(n), "%s of %s must be between 0 and %d", b.key, what, maxCount)
			continue
		}
		i := int(v)
		*b.dst = &i
	}
	if c.Min != nil && c.Max != nil && *c.Min > *c.Max {
		p.errorf(p.pos(o.get("max")), "%s: min %v is greater than max %v", what, *c.Min, *c.Max)
	}
	if c.MinLength != nil && c.MaxLength != nil && *c.MinLength > *c.MaxLength {
		p.errorf(p.pos(o.get("maxLength")), "%s: minLength %d is greater than maxLength %d", what, *c.MinLength, *c.MaxLength)
	}
	if c.MinItems != nil && c.MaxItems != nil && *c.MinItems > *c.MaxItems {
		p.errorf(p.pos(o.get("maxItems")), "%s: minItems %d is greater than maxItems %d", what, *c.MinItems, *c.MaxItems)
	}
}

const (
	maxSafeInteger = 1<<53 - 1 // integers beyond it do not survive a JavaScript number
	maxCount       = 1<<31 - 1
)

// checkTypeCycles reports struct types that contain themselves. Recursive
// payloads are not supported: clients revive time fields by listing their
// paths, which a recursive type would make endless.
func (p *parser) checkTypeCycles() {
	const (
		visiting = 1
		done     = 2
	)
	state := map[*Type]int{}
	var stack []*Type
	var via []*Field
	var visit func(t *Type)
	visit = func(t *Type) {
		state[t] = visiting
		stack = append(stack, t)
		for _, f := range t.Fields {
			u := structOf(f.Type)
			if u == nil {
				continue
			}
			via = append(via, f)
			switch state[u] {
			case visiting:
				p.reportCycle(stack, via, u)
			case 0:
				visit(u)
			}
			via = via[:len(via)-1]
		}
		stack = stack[:len(stack)-1]
		state[t] = done
	}
	for _, t := range p.s.Types {
		if state[t] == 0 {
			visit(t)
		}
	}
}

func (p *parser) reportCycle(stack []*Type, via []*Field, u *Type) {
	start := 0
	for i, t := range stack {
		if t == u {
			start = i
		}
	}
	var path []string
	for i := start; i < len(stack); i++ {
		path = append(path, stack[i].Name+"."+via[i].Name)
	}
	path = append(path, u.Name)
	last := via[len(via)-1]
	p.errorf(last.Pos, "type %q is recursive (%s); recursive types are not supported", u.Name, strings.Join(path, " → "))
}

// structOf returns the struct type a reference leads to through lists and
// maps, or nil.
func structOf(t *TypeRef) *Type {
	for t != nil && (t.Kind == KindList || t.Kind == KindMap) {
		t = t.Elem
	}
	if t != nil && t.Kind == KindNamed && t.Type.Kind == StructType {
		return t.Type
	}
	return nil
}

func isPascal(s string) bool { return s != "" && s[0] >= 'A' && s[0] <= 'Z' && isAlnumASCII(s) }

func isFieldName(s string) bool {
	return s != "" && (s[0] == '_' || s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z') &&
		strings.Trim(s, "_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") == ""
}

func isAlnumASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

package gents

import (
	"strings"

	"github.com/rtgen/rtgen/internal/schema"
)

// typesView is what types.ts renders: the payload types in schema order,
// then the session.
type typesView struct {
	Header string
	Types  []typeDecl
}

// typeDecl is one exported type: an enum (a union plus a const object of
// its values, both under the type's name) or an interface.
type typeDecl struct {
	Doc    string
	Name   string
	Enum   bool
	Union  string
	Values []enumConst
	// ValuesDoc documents the const object of an enum.
	ValuesDoc string
	Fields    []member
}

type enumConst struct {
	Key   string
	Value string
}

// member is a property of a generated interface or object type.
type member struct {
	Doc  string // JSDoc at member indentation, or ""
	Name string // property name, quoted when needed
	Mark string // "?" for an optional property, else ""
	Type string
}

func buildTypes(s *schema.Schema, header string) *typesView {
	v := &typesView{Header: header}
	for _, t := range s.Types {
		v.Types = append(v.Types, typeDeclOf(t))
	}
	v.Types = append(v.Types, sessionDecl(s.Session))
	return v
}

func typeDeclOf(t *schema.Type) typeDecl {
	doc := t.Doc
	if t.Room != nil && doc == "" {
		doc = "The parameters of room " + t.Room.Template + " of namespace " + t.Room.Namespace.Name +
			": what join and leave events carry."
	}
	d := typeDecl{Doc: jsdoc("", doc), Name: t.Name}
	if t.Kind == schema.EnumType {
		d.Enum = true
		lits := make([]string, len(t.Values))
		for i, ev := range t.Values {
			lits[i] = quote(ev.Value)
			d.Values = append(d.Values, enumConst{Key: propName(ev.TSName), Value: quote(ev.Value)})
		}
		d.Union = strings.Join(lits, " | ")
		d.ValuesDoc = jsdoc("", "The values of "+t.Name+", in schema order.")
		return d
	}
	d.Fields = fieldMembers(t.Fields)
	return d
}

func sessionDecl(s *schema.Session) typeDecl {
	doc := s.Doc
	if doc == "" {
		doc = "What an authenticated connection carries, as the server's authenticator establishes it."
	}
	var lines []string
	lines = append(lines, doc)
	if s.Roles != nil {
		lines = append(lines, "", "Room rules read roles from "+s.Roles.Name+".")
	}
	return typeDecl{Doc: jsdoc("", lines...), Name: "Session", Fields: fieldMembers(s.Claims)}
}

func fieldMembers(fields []*schema.Field) []member {
	out := make([]member, len(fields))
	for i, f := range fields {
		m := member{
			Doc:  jsdoc("  ", sentences(f.Doc, constraintText(f))),
			Name: propName(f.Name),
			Type: tsType(f.Type),
		}
		if f.Optional {
			m.Mark = "?"
		}
		out[i] = m
	}
	return out
}

// sentences joins texts that are not empty with a space.
func sentences(texts ...string) string {
	var parts []string
	for _, t := range texts {
		if t = strings.TrimSpace(t); t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, " ")
}

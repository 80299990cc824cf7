package schema

import (
	"fmt"
	"sort"
	"strings"
)

// Type expressions, as written after `type:` or as a field's shorthand:
//
//	string | integer | float | bool | time | TypeName | []T | map[string]T
//
// with an optional trailing "?" on a field's type marking the field optional
// ("[]string?" is an optional list of strings).

var builtinKinds = map[string]Kind{
	"string": KindString, "integer": KindInteger, "float": KindFloat, "bool": KindBool, "time": KindTime,
}

// typeHints answers the names people coming from other languages write.
var typeHints = map[string]string{
	"int": "integer", "int32": "integer", "int64": "integer", "long": "integer", "uint": "integer",
	"number": `"integer" or "float"`, "double": "float", "float64": "float", "decimal": "float",
	"boolean": "bool", "str": "string", "text": "string",
	"Date": "time", "date": "time", "datetime": "time", "timestamp": "time", "Time": "time",
}

// typeSyntaxHelp lists the type syntax in messages.
const typeSyntaxHelp = "string, integer, float, bool, time, []T, map[string]T or a declared type"

// typeRef resolves the type expression expr written at pos. optional reports
// a trailing "?". Problems are reported; the result is nil then.
func (p *parser) typeRef(expr string, pos Pos) (ref *TypeRef, optional bool) {
	s := expr
	if strings.HasSuffix(s, "?") {
		optional = true
		s = s[:len(s)-1]
	}
	return p.typeExpr(expr, s, pos), optional
}

func (p *parser) typeExpr(expr, s string, pos Pos) *TypeRef {
	switch {
	case s == "":
		p.errorf(pos, "invalid type %q: missing a type", expr)
	case strings.HasPrefix(s, "[]"):
		if elem := p.typeExpr(expr, s[2:], pos); elem != nil {
			return &TypeRef{Kind: KindList, Elem: elem, Pos: pos}
		}
	case strings.HasPrefix(s, "map["):
		end := strings.IndexByte(s, ']')
		switch {
		case end < 0:
			p.errorf(pos, "invalid type %q: missing ]", expr)
		case s[4:end] != "string":
			p.errorf(pos, "invalid type %q: map keys must be string", expr)
		default:
			if elem := p.typeExpr(expr, s[end+1:], pos); elem != nil {
				return &TypeRef{Kind: KindMap, Elem: elem, Pos: pos}
			}
		}
	default:
		if k, ok := builtinKinds[s]; ok {
			return &TypeRef{Kind: k, Pos: pos}
		}
		if t := p.types[s]; t != nil {
			return &TypeRef{Kind: KindNamed, Type: t, Pos: pos}
		}
		if !isTypeName(s) {
			p.errorf(pos, "invalid type %q; a type is %s", expr, typeSyntaxHelp)
			return nil
		}
		msg := unknown("type", s, "", p.typeCandidates())
		if hint, ok := typeHints[s]; ok && !strings.Contains(msg, "did you mean") {
			msg += fmt.Sprintf("; use %s", hint)
		}
		p.errorf(pos, "%s", msg)
	}
	return nil
}

func (p *parser) typeCandidates() []string {
	out := []string{"string", "integer", "float", "bool", "time"}
	for name := range p.types {
		out = append(out, name)
	}
	// Map order must not leak into messages: the closest candidate wins,
	// and ties go to the alphabetically first.
	sort.Strings(out)
	return out
}

// isTypeName reports whether s has the shape of a type name (not whether it
// is PascalCase: that is checked where types are declared).
func isTypeName(s string) bool {
	for i, r := range s {
		letter := r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
		if !letter && (i == 0 || r < '0' || r > '9') {
			return false
		}
	}
	return s != ""
}

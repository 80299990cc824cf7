package contract

import "strings"

// Value kinds of a type expression.
const (
	kindString  = "string"
	kindInteger = "integer"
	kindFloat   = "float"
	kindBool    = "bool"
	kindTime    = "time"
	kindList    = "list"
	kindMap     = "map"
	kindStruct  = "struct"
	kindEnum    = "enum"
)

// ref is a resolved type expression: string | integer | float | bool |
// time | []T | map[string]T | a named type of the namespace.
type ref struct {
	kind string // "" when the expression names nothing known
	expr string
	elem string // list and map element expression
	typ  *Type  // struct and enum
}

func (ns *Namespace) ref(expr string) ref {
	r := ref{expr: expr}
	switch {
	case strings.HasPrefix(expr, "[]"):
		r.kind, r.elem = kindList, expr[2:]
	case strings.HasPrefix(expr, "map[string]"):
		r.kind, r.elem = kindMap, expr[len("map[string]"):]
	case expr == kindString || expr == kindInteger || expr == kindFloat || expr == kindBool || expr == kindTime:
		r.kind = expr
	default:
		if t := ns.Type(expr); t != nil {
			r.typ, r.kind = t, kindStruct
			if t.IsEnum() {
				r.kind = kindEnum
			}
		}
		return r
	}
	if r.elem != "" && ns.ref(r.elem).kind == "" {
		r.kind = ""
	}
	return r
}

// widening says which of two scalar kinds accepts every value of the
// other: an integer is a float, a time and an enum value are strings.
// It returns the wider kind, or "" when neither is.
func widening(a, b string) string {
	pair := a + "→" + b
	switch pair {
	case kindInteger + "→" + kindFloat, kindTime + "→" + kindString, kindEnum + "→" + kindString:
		return b
	case kindFloat + "→" + kindInteger, kindString + "→" + kindTime, kindString + "→" + kindEnum:
		return a
	}
	return ""
}

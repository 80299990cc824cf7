package schema

import (
	"fmt"
	"strings"
)

// templatePart is one piece of a room template before parameters are
// resolved: literal text, or a parameter name.
type templatePart struct {
	literal string
	param   string
}

// parseTemplate splits a room template such as "user:{userId}" into its
// parts. Literal text is letters, digits and : . _ / -; parameters are
// identifiers in braces, each used once and never next to another. The
// error describes the problem without the template, for the caller to
// prefix.
func parseTemplate(s string) ([]templatePart, error) {
	var parts []templatePart
	var lit strings.Builder
	seen := map[string]bool{}
	flush := func() {
		if lit.Len() > 0 {
			parts = append(parts, templatePart{literal: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '{':
			end := strings.IndexByte(s[i+1:], '}')
			if end < 0 {
				return nil, fmt.Errorf("has a { that is not closed")
			}
			name := s[i+1 : i+1+end]
			switch {
			case strings.ContainsRune(name, '{'):
				return nil, fmt.Errorf("has a { inside a parameter")
			case name == "":
				return nil, fmt.Errorf("has an empty parameter {}")
			case !isFieldName(name):
				return nil, fmt.Errorf("has parameter {%s}; a parameter name is an identifier", name)
			case seen[name]:
				return nil, fmt.Errorf("uses parameter {%s} twice", name)
			}
			flush()
			if n := len(parts); n > 0 && parts[n-1].param != "" {
				return nil, fmt.Errorf("has parameters {%s} and {%s} next to each other; separate them with literal text", parts[n-1].param, name)
			}
			seen[name] = true
			parts = append(parts, templatePart{param: name})
			i += end + 2
		case c == '}':
			return nil, fmt.Errorf("has a } without a {")
		case isTemplateLiteral(c):
			lit.WriteByte(c)
			i++
		default:
			return nil, fmt.Errorf("may contain only letters, digits, : . _ / - and {parameters}")
		}
	}
	flush()
	if len(parts) == 0 {
		return nil, fmt.Errorf("is empty")
	}
	return parts, nil
}

func isTemplateLiteral(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte(":._/-", c) >= 0
}

// roomShortName derives a room's short name from its template: the whole
// template of a fixed room, else the literal text before the first
// parameter without trailing separators; "" when the template starts with
// a parameter.
func roomShortName(parts []templatePart) string {
	if len(parts) == 1 && parts[0].param == "" {
		return parts[0].literal
	}
	return strings.TrimRight(parts[0].literal, ":._/-")
}

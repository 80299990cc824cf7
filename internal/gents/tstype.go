package gents

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/rtgen/rtgen/internal/naming"
	"github.com/rtgen/rtgen/internal/schema"
)

// tsType returns the TypeScript type of a value of t as the hooks deliver
// it: time as Date, lists as arrays, maps as Records, named types by name.
func tsType(t *schema.TypeRef) string {
	switch t.Kind {
	case schema.KindString:
		return "string"
	case schema.KindInteger, schema.KindFloat:
		return "number"
	case schema.KindBool:
		return "boolean"
	case schema.KindTime:
		return "Date"
	case schema.KindList:
		return tsType(t.Elem) + "[]"
	case schema.KindMap:
		return "Record<string, " + tsType(t.Elem) + ">"
	case schema.KindNamed:
		return t.Type.Name
	}
	panic("gents: unknown type kind " + strconv.Itoa(int(t.Kind)))
}

// payloadType is tsType, or void for an event without payload or ack.
func payloadType(t *schema.TypeRef) string {
	if t == nil {
		return "void"
	}
	return tsType(t)
}

// wireType is the type of a value as socket.io-client hands it over, before
// the runtime revives times: the runtime's Wire<T> for types holding a time.
func wireType(t *schema.TypeRef) string {
	if t == nil {
		return "void"
	}
	if t.TimePaths() == nil {
		return tsType(t)
	}
	return "Wire<" + tsType(t) + ">"
}

// roomParamType is the template literal type a room parameter makes in a
// room name: `${number}`, `${string}` or `${Role}`.
func roomParamType(f *schema.Field) string {
	return "${" + tsType(f.Type) + "}"
}

// namedTypes appends to set the named types t refers to, directly or
// through lists and maps.
func namedTypes(t *schema.TypeRef, set map[*schema.Type]bool) {
	if t == nil {
		return
	}
	switch t.Kind {
	case schema.KindList, schema.KindMap:
		namedTypes(t.Elem, set)
	case schema.KindNamed:
		set[t.Type] = true
	}
}

// quote returns s as a TypeScript string literal: single-quoted, unless s
// holds a single quote and no double quote (as formatters do).
func quote(s string) string {
	q := byte('\'')
	if strings.ContainsRune(s, '\'') && !strings.ContainsRune(s, '"') {
		q = '"'
	}
	var b strings.Builder
	b.WriteByte(q)
	for _, r := range s {
		switch {
		case r == rune(q) || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == '\u2028' || r == '\u2029':
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte(q)
	return b.String()
}

// templateText escapes s for the literal text of a template literal or a
// template literal type.
func templateText(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, "`", "\\`")
	return strings.ReplaceAll(s, "${", `\${`)
}

// propName returns s as a property name: bare when it is an identifier
// (reserved words are fine as property names), quoted otherwise.
func propName(s string) string {
	if naming.IsTSIdentifierName(s) {
		return s
	}
	return quote(s)
}

// docWidth is where JSDoc text wraps onto a block comment.
const docWidth = 100

// jsdoc renders lines as a JSDoc comment indented by indent, ending in a
// newline: one line when it fits, else a block whose text is wrapped at
// docWidth; "" when there is no text. A "*/" in the text is broken so that
// it cannot end the comment.
func jsdoc(indent string, lines ...string) string {
	var text []string
	for _, l := range lines {
		for _, part := range strings.Split(strings.TrimSpace(l), "\n") {
			part = strings.ReplaceAll(strings.TrimSpace(part), "*/", `*\/`)
			if part != "" || len(text) > 0 {
				text = append(text, part)
			}
		}
	}
	for len(text) > 0 && text[len(text)-1] == "" {
		text = text[:len(text)-1]
	}
	if len(text) == 0 {
		return ""
	}
	if len(text) == 1 && len(indent)+len(text[0])+7 <= docWidth {
		return indent + "/** " + text[0] + " */\n"
	}
	var b strings.Builder
	b.WriteString(indent + "/**\n")
	for _, l := range text {
		if l == "" {
			b.WriteString(indent + " *\n")
			continue
		}
		for _, w := range wrap(l, docWidth-len(indent)-3) {
			b.WriteString(indent + " * " + w + "\n")
		}
	}
	b.WriteString(indent + " */\n")
	return b.String()
}

// wrap breaks s into lines of at most width bytes at spaces; a word longer
// than width gets a line of its own.
func wrap(s string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		switch {
		case line == "":
			line = w
		case len(line)+1+len(w) <= width:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
	}
	return append(lines, line)
}

// constraintText describes a field's bounds in words for its JSDoc, e.g.
// "From 1 to 120 characters."; "" when it has none.
func constraintText(f *schema.Field) string {
	c := f.Constraints
	var parts []string
	if s := bounds(floatText(c.Min), floatText(c.Max), ""); s != "" {
		parts = append(parts, s)
	}
	if s := bounds(intText(c.MinLength), intText(c.MaxLength), " characters"); s != "" {
		parts = append(parts, s)
	}
	unit := " items"
	if f.Type != nil && f.Type.Kind == schema.KindMap {
		unit = " entries"
	}
	if s := bounds(intText(c.MinItems), intText(c.MaxItems), unit); s != "" {
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

func bounds(lo, hi, unit string) string {
	switch {
	case lo != "" && hi != "" && lo == hi:
		return "Exactly " + lo + unit + "."
	case lo != "" && hi != "":
		return "From " + lo + " to " + hi + unit + "."
	case lo != "":
		return "At least " + lo + unit + "."
	case hi != "":
		return "At most " + hi + unit + "."
	}
	return ""
}

func floatText(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

func intText(v *int) string {
	if v == nil {
		return ""
	}
	return strconv.Itoa(*v)
}

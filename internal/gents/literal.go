package gents

import "strings"

// A literal is a TypeScript value written by the generator: an object, an
// array or a token (a string literal, number, boolean or null already in
// TypeScript syntax). Descriptors are built as literals and printed the way
// a formatter would: on one line when they fit, one element per line
// otherwise.
type literal interface{ isLiteral() }

// object is an object literal; its properties print in order.
type object []prop

type prop struct {
	key string // already a property name: bare or quoted
	val literal
}

// array is an array literal.
type array []literal

// token is a value in TypeScript syntax.
type token string

func (object) isLiteral() {}
func (array) isLiteral()  {}
func (token) isLiteral()  {}

// lineWidth is the width printed literals try to stay within.
const lineWidth = 100

// str makes a string literal token.
func str(s string) token { return token(quote(s)) }

// strs makes an array of string literals.
func strs(ss []string) array {
	a := make(array, len(ss))
	for i, s := range ss {
		a[i] = str(s)
	}
	return a
}

// printBlock prints v, which starts after prefix at indent, always breaking
// its outer level onto several lines.
func printBlock(v literal, indent string) string {
	var b strings.Builder
	writeBroken(&b, v, indent)
	return b.String()
}

// write prints v at the current position: inline when the line (of which
// used characters are taken, plus tail after v) stays within lineWidth.
func write(b *strings.Builder, v literal, indent string, used, tail int) {
	if s, ok := inline(v); ok && used+len(s)+tail <= lineWidth {
		b.WriteString(s)
		return
	}
	writeBroken(b, v, indent)
}

func writeBroken(b *strings.Builder, v literal, indent string) {
	inner := indent + "  "
	switch v := v.(type) {
	case object:
		if len(v) == 0 {
			b.WriteString("{}")
			return
		}
		b.WriteString("{\n")
		for _, p := range v {
			b.WriteString(inner + p.key + ": ")
			write(b, p.val, inner, len(inner)+len(p.key)+2, 1)
			b.WriteString(",\n")
		}
		b.WriteString(indent + "}")
	case array:
		if len(v) == 0 {
			b.WriteString("[]")
			return
		}
		b.WriteString("[\n")
		for _, e := range v {
			b.WriteString(inner)
			write(b, e, inner, len(inner), 1)
			b.WriteString(",\n")
		}
		b.WriteString(indent + "]")
	case token:
		b.WriteString(string(v))
	}
}

// inline prints v on one line; ok is false when it holds a line break.
func inline(v literal) (string, bool) {
	switch v := v.(type) {
	case object:
		if len(v) == 0 {
			return "{}", true
		}
		parts := make([]string, len(v))
		for i, p := range v {
			s, ok := inline(p.val)
			if !ok {
				return "", false
			}
			parts[i] = p.key + ": " + s
		}
		return "{ " + strings.Join(parts, ", ") + " }", true
	case array:
		parts := make([]string, len(v))
		for i, e := range v {
			s, ok := inline(e)
			if !ok {
				return "", false
			}
			parts[i] = s
		}
		return "[" + strings.Join(parts, ", ") + "]", true
	case token:
		return string(v), !strings.Contains(string(v), "\n")
	}
	return "", false
}

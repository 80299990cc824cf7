package gents

import (
	"strings"
	"testing"
)

func TestQuote(t *testing.T) {
	for in, want := range map[string]string{
		"rankings:update": `'rankings:update'`,
		"it's":            `"it's"`,
		`it's "x"`:        `'it\'s "x"'`,
		`a\b`:             `'a\\b'`,
		"line\nbreak\t":   `'line\nbreak\t'`,
		"\x01\u2028":      `'\u0001\u2028'`,
		"🏆":               `'🏆'`,
	} {
		if got := quote(in); got != want {
			t.Errorf("quote(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestTemplateText(t *testing.T) {
	if got, want := templateText("a`b${c}\\"), "a\\`b\\${c}\\\\"; got != want {
		t.Errorf("templateText = %s, want %s", got, want)
	}
}

func TestPropName(t *testing.T) {
	for in, want := range map[string]string{"userId": "userId", "default": "default", "2fast": "'2fast'", "join:user": "'join:user'", "$x_1": "$x_1"} {
		if got := propName(in); got != want {
			t.Errorf("propName(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestJSDoc(t *testing.T) {
	long := strings.Repeat("word ", 30)
	tests := []struct {
		indent string
		lines  []string
		want   string
	}{
		{"", nil, ""},
		{"  ", []string{"", "  "}, ""},
		{"", []string{"One line."}, "/** One line. */\n"},
		{"  ", []string{"Ends */ early."}, "  /** Ends *\\/ early. */\n"},
		{"", []string{"First.\nSecond."}, "/**\n * First.\n * Second.\n */\n"},
		{"", []string{"Para.", "", "Next."}, "/**\n * Para.\n *\n * Next.\n */\n"},
		{"", []string{long}, "/**\n * " + strings.TrimSpace(strings.Repeat("word ", 19)) + "\n * " +
			strings.TrimSpace(strings.Repeat("word ", 11)) + "\n */\n"},
	}
	for _, tt := range tests {
		if got := jsdoc(tt.indent, tt.lines...); got != tt.want {
			t.Errorf("jsdoc(%q, %q) =\n%s\nwant\n%s", tt.indent, tt.lines, got, tt.want)
		}
	}
}

func TestPrintBlock(t *testing.T) {
	short := object{{"a", token("1")}, {"b", strs([]string{"x", "y"})}, {"c", object{}}, {"d", array{}}}
	if got, want := printBlock(short, ""), "{\n  a: 1,\n  b: ['x', 'y'],\n  c: {},\n  d: [],\n}"; got != want {
		t.Errorf("printBlock(short) =\n%s\nwant\n%s", got, want)
	}
	var many []string
	for i := 0; i < 12; i++ {
		many = append(many, "event-name")
	}
	got := printBlock(object{{"events", strs(many)}, {"nested", object{{"k", strs(many[:2])}}}}, "")
	want := "{\n  events: [\n" + strings.Repeat("    'event-name',\n", 12) + "  ],\n  nested: { k: ['event-name', 'event-name'] },\n}"
	if got != want {
		t.Errorf("printBlock(long) =\n%s\nwant\n%s", got, want)
	}
	for _, line := range strings.Split(got, "\n") {
		if len(line) > lineWidth {
			t.Errorf("line over %d characters: %q", lineWidth, line)
		}
	}
}

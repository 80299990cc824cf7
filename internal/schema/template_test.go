package schema

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseTemplate(t *testing.T) {
	tests := []struct {
		in      string
		want    []templatePart
		name    string // derived short name
		wantErr string
	}{
		{in: "tv-display", want: []templatePart{{literal: "tv-display"}}, name: "tv-display"},
		{in: "user:{userId}", want: []templatePart{{literal: "user:"}, {param: "userId"}}, name: "user"},
		{in: "team:{teamId}:chat", want: []templatePart{{literal: "team:"}, {param: "teamId"}, {literal: ":chat"}}, name: "team"},
		{in: "a.{x}/{y}", want: []templatePart{{literal: "a."}, {param: "x"}, {literal: "/"}, {param: "y"}}, name: "a"},
		{in: "{id}:x", want: []templatePart{{param: "id"}, {literal: ":x"}}, name: ""},
		{in: "user:{", wantErr: "has a { that is not closed"},
		{in: "{}", wantErr: "has an empty parameter {}"},
		{in: "a}b", wantErr: "has a } without a {"},
		{in: "{a}{b}", wantErr: "has parameters {a} and {b} next to each other; separate them with literal text"},
		{in: "{a}:{a}", wantErr: "uses parameter {a} twice"},
		{in: "{{a}}", wantErr: "has a { inside a parameter"},
		{in: "{a-b}", wantErr: "has parameter {a-b}; a parameter name is an identifier"},
		{in: "a b", wantErr: "may contain only letters, digits, : . _ / - and {parameters}"},
		{in: "", wantErr: "is empty"},
	}
	for _, tt := range tests {
		got, err := parseTemplate(tt.in)
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("parseTemplate(%q) error = %v, want %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("parseTemplate(%q): %v", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(templatePart{})); diff != "" {
			t.Errorf("parseTemplate(%q) (-want +got):\n%s", tt.in, diff)
		}
		if name := roomShortName(got); name != tt.name {
			t.Errorf("roomShortName(%q) = %q, want %q", tt.in, name, tt.name)
		}
	}
}

package siometrics

import "testing"

func TestFieldLabel(t *testing.T) {
	for path, want := range map[string]string{
		"rank":                        "rank",
		"entries[2].rank":             "entries[].rank",
		`scores["q1"]`:                "scores[]",
		`scores["a]b\"]"].value`:      "scores[].value",
		"grid[1][22]":                 "grid[][]",
		`teams[3].members["x"][0].id`: "teams[].members[][].id",
		"":                            "",
		"broken[":                     "broken[]",
	} {
		if got := fieldLabel(path); got != want {
			t.Errorf("fieldLabel(%q) = %q, want %q", path, got, want)
		}
	}
}

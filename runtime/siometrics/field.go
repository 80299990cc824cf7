package siometrics

import "strings"

// fieldLabel drops the list indexes and map keys of a field path, so that
// `entries[2].scores["q1"]` and `entries[7].scores["x"]` are both
// `entries[].scores[]`: the schema bounds the result, clients do not.
func fieldLabel(path string) string {
	if !strings.Contains(path, "[") {
		return path
	}
	var b strings.Builder
	for i := 0; i < len(path); i++ {
		if path[i] != '[' {
			b.WriteByte(path[i])
			continue
		}
		b.WriteString("[]")
		i = closingBracket(path, i+1)
	}
	return b.String()
}

// closingBracket returns the index of the "]" closing a subscript that
// starts at i: digits, or a Go-quoted key that may hold "]" itself.
func closingBracket(path string, i int) int {
	if i < len(path) && path[i] == '"' {
		for i++; i < len(path) && path[i] != '"'; i++ {
			if path[i] == '\\' {
				i++
			}
		}
		i++
	}
	for i < len(path) && path[i] != ']' {
		i++
	}
	return i
}

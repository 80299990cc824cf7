package schema

import "fmt"

// Pos is a position in a schema file. Line and Col are 1-based; Col counts
// characters. The zero Pos means "no position" (an element the file did not
// spell out, such as a default).
type Pos struct {
	File string
	Line int
	Col  int
}

// IsValid reports whether p points into a file.
func (p Pos) IsValid() bool { return p.Line > 0 }

// String returns "file:line:col", or just the file name for a Pos without a
// line.
func (p Pos) String() string {
	if !p.IsValid() {
		return p.File
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// before orders positions by line, then column.
func (p Pos) before(q Pos) bool {
	if p.Line != q.Line {
		return p.Line < q.Line
	}
	return p.Col < q.Col
}

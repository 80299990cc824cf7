// Package textdiff renders the difference between two texts as a unified diff, so that
// `rtgen check` can show exactly which generated lines are stale.
package textdiff

import (
	"fmt"
	"strings"
)

// context is the number of unchanged lines shown around each change.
const context = 3

type opKind byte

const (
	keep opKind = ' '
	del  opKind = '-'
	ins  opKind = '+'
)

type op struct {
	kind opKind
	line string
}

// Unified returns a unified diff from old to new, labelled with the given names, or "" when the
// texts are equal.
func Unified(oldName, newName, oldText, newText string) string {
	if oldText == newText {
		return ""
	}
	ops := diffLines(splitLines(oldText), splitLines(newText))
	var b strings.Builder
	fmt.Fprintf(&b, "--- %s\n+++ %s\n", oldName, newName)
	for _, h := range hunks(ops) {
		b.WriteString(h)
	}
	return b.String()
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// diffLines computes a shortest edit script with Myers' O(ND) algorithm.
func diffLines(a, b []string) []op {
	n, m := len(a), len(b)
	max := n + m
	v := make([]int, 2*max+2)
	var trace [][]int
	for d := 0; d <= max; d++ {
		trace = append(trace, append([]int(nil), v...))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[max+k-1] < v[max+k+1]) {
				x = v[max+k+1]
			} else {
				x = v[max+k-1] + 1
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			v[max+k] = x
			if x >= n && y >= m {
				return backtrack(trace, a, b, max)
			}
		}
	}
	return nil // unreachable: d = n+m always reaches the end
}

func backtrack(trace [][]int, a, b []string, max int) []op {
	x, y := len(a), len(b)
	var ops []op
	for d := len(trace) - 1; d > 0; d-- {
		v := trace[d]
		k := x - y
		var prevK int
		if k == -d || (k != d && v[max+k-1] < v[max+k+1]) {
			prevK = k + 1
		} else {
			prevK = k - 1
		}
		prevX := v[max+prevK]
		prevY := prevX - prevK
		for x > prevX && y > prevY {
			x--
			y--
			ops = append(ops, op{keep, a[x]})
		}
		if x == prevX {
			y--
			ops = append(ops, op{ins, b[y]})
		} else {
			x--
			ops = append(ops, op{del, a[x]})
		}
	}
	for x > 0 && y > 0 {
		x--
		y--
		ops = append(ops, op{keep, a[x]})
	}
	for i, j := 0, len(ops)-1; i < j; i, j = i+1, j-1 {
		ops[i], ops[j] = ops[j], ops[i]
	}
	return ops
}

// hunks groups the edit script into @@ hunks with surrounding context.
func hunks(ops []op) []string {
	var out []string
	i := 0
	aLine, bLine := 1, 1
	for i < len(ops) {
		if ops[i].kind == keep {
			i++
			aLine++
			bLine++
			continue
		}
		// Start a hunk with up to `context` preceding unchanged lines.
		start := i
		for start > 0 && i-start < context && ops[start-1].kind == keep {
			start--
		}
		aStart, bStart := aLine-(i-start), bLine-(i-start)
		end := i
		for end < len(ops) {
			if ops[end].kind != keep {
				end++
				continue
			}
			run := end
			for run < len(ops) && ops[run].kind == keep {
				run++
			}
			if run == len(ops) || run-end > 2*context {
				end = min(end+context, len(ops))
				break
			}
			end = run
		}
		var body strings.Builder
		aCount, bCount := 0, 0
		for _, o := range ops[start:end] {
			body.WriteByte(byte(o.kind))
			body.WriteString(o.line)
			if !strings.HasSuffix(o.line, "\n") {
				body.WriteString("\n\\ No newline at end of file\n")
			}
			if o.kind != ins {
				aCount++
			}
			if o.kind != del {
				bCount++
			}
		}
		out = append(out, fmt.Sprintf("@@ -%d,%d +%d,%d @@\n%s", aStart, aCount, bStart, bCount, body.String()))
		for _, o := range ops[i:end] {
			if o.kind != ins {
				aLine++
			}
			if o.kind != del {
				bLine++
			}
		}
		i = end
	}
	return out
}

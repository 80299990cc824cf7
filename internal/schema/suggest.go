package schema

import (
	"fmt"
	"strings"
)

// suggest returns `did you mean "x"?` for the candidate closest to name when
// it is close enough to be a likely typo, else fallback.
func suggest(name string, candidates []string, fallback string) string {
	best, bestDist := "", -1
	for _, c := range candidates {
		d := distance(strings.ToLower(name), strings.ToLower(c))
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	// A third of the name may be wrong: short names must be nearly right.
	if bestDist >= 0 && bestDist <= max(1, len(name)/3) {
		return fmt.Sprintf("did you mean %q?", best)
	}
	return fallback
}

// distance is the Levenshtein edit distance between a and b, in bytes.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// unknown formats `unknown <noun> "x"<where>` with a suggestion among
// candidates; where is "" or a phrase such as ` in namespace "/"`.
func unknown(noun, name, where string, candidates []string) string {
	msg := fmt.Sprintf("unknown %s %q%s", noun, name, where)
	if s := suggest(name, candidates, ""); s != "" {
		msg += "; " + s
	}
	return msg
}

func inNamespace(ns *Namespace) string { return fmt.Sprintf(" in namespace %q", ns.Name) }

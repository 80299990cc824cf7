package coach

import (
	"hash/fnv"
	"strings"
	"unicode"
)

// normalize lower-cases s, turns curly quotes into straight ones and collapses white space, so that
// rules match what people type.
func normalize(s string) string {
	s = strings.NewReplacer("’", "'", "‘", "'", "“", "\"", "”", "\"").Replace(strings.ToLower(s))
	return strings.Join(strings.Fields(s), " ")
}

// words counts the words in s.
func words(s string) int { return len(strings.Fields(s)) }

// containsAny reports whether s contains any of the phrases. A phrase matches whole words: "sign"
// matches neither "design" nor "signal". A phrase ending in "*" matches as a word prefix:
// "negotiat*" matches "negotiate" and "negotiation".
func containsAny(s string, phrases ...string) bool {
	for _, p := range phrases {
		if hasPhrase(s, p) {
			return true
		}
	}
	return false
}

func hasPhrase(s, p string) bool {
	prefix := strings.HasSuffix(p, "*")
	p = strings.TrimSuffix(p, "*")
	if p == "" {
		return false
	}
	for from := 0; from < len(s); {
		i := strings.Index(s[from:], p)
		if i < 0 {
			return false
		}
		i += from
		end := i + len(p)
		startOK := i == 0 || !isWordByte(p[0]) || !isWordByte(s[i-1])
		endOK := prefix || end == len(s) || !isWordByte(p[len(p)-1]) || !isWordByte(s[end])
		if startOK && endOK {
			return true
		}
		from = i + 1
	}
	return false
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '\'' || b >= 0x80
}

// hasDigit reports whether s has a digit.
func hasDigit(s string) bool { return strings.ContainsFunc(s, unicode.IsDigit) }

// pick chooses one of options by a hash of key: the same key always picks the same option, and
// different keys spread over all of them.
func pick(key string, options []string) string {
	if len(options) == 0 {
		return ""
	}
	h := fnv.New32a()
	h.Write([]byte(key))
	return options[h.Sum32()%uint32(len(options))]
}

// firstName is the first word of a name, or "there" without one.
func firstName(name string) string {
	if f := strings.Fields(name); len(f) > 0 {
		return f[0]
	}
	return "there"
}

// joinList joins items as "a", "a and b" or "a, b and c".
func joinList(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	default:
		return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
	}
}

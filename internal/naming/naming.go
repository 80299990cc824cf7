// Package naming converts schema names (event names such as "rankings:update",
// room names such as "tv-display", field names such as "userId") into Go and
// TypeScript identifiers.
//
// Schema validation and both renderers use this one package, so a name that
// validation accepted as collision-free is spelled the same way in every
// generated file.
//
// A name is first split into words (see Words), then the words are joined in
// the target convention. Go names follow Go's initialism rule (userId →
// UserID, tv-display → TVDisplay, teamIds → TeamIDs); TypeScript names keep
// each word's own spelling (userId → userId, tv-display → tvDisplay).
//
// The functions never fail. They return "" when s holds no letter or digit,
// and the result starts with a digit when s does; callers that need an
// identifier check it with IsGoIdentifier or IsTSIdentifier.
package naming

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Words splits s into words. Any rune that is neither a letter nor a digit
// separates words and is dropped; inside a run of letters and digits a word
// starts at a lower-to-upper change ("userId" → user, Id), after a digit
// before an upper-case letter ("h264Encoder" → h264, Encoder), and at the last
// upper-case letter of an upper-case run followed by a lower-case letter
// ("XMLHttp" → XML, Http). A plural "s" stays with its upper-case run
// ("teamIDs" → team, IDs).
func Words(s string) []string {
	var words []string
	runes := []rune(s)
	start := -1
	flush := func(end int) {
		if start >= 0 && end > start {
			words = append(words, string(runes[start:end]))
		}
		start = -1
	}
	for i, r := range runes {
		if !isAlnum(r) {
			flush(i)
			continue
		}
		if start < 0 {
			start = i
			continue
		}
		prev := runes[i-1]
		switch {
		case unicode.IsUpper(r) && (unicode.IsLower(prev) || unicode.IsDigit(prev)):
			flush(i)
			start = i
		case unicode.IsUpper(r) && unicode.IsUpper(prev) && i+1 < len(runes) && unicode.IsLower(runes[i+1]) &&
			!pluralS(runes, i+1):
			// "XMLHttp": the H starts a new word, unless what follows is
			// the plural s of the run ("IDs").
			flush(i)
			start = i
		}
	}
	flush(len(runes))
	return words
}

// pluralS reports whether runes[i] is a lone lower-case 's' ending a word.
func pluralS(runes []rune, i int) bool {
	if runes[i] != 's' {
		return false
	}
	return i+1 == len(runes) || !unicode.IsLower(runes[i+1])
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// GoExported returns s as an exported Go identifier in PascalCase with Go's
// initialisms upper-cased: "userId" → "UserID", "tv-display" → "TVDisplay",
// "xp:gained" → "XPGained", "rankings:update" → "RankingsUpdate",
// "teamIds" → "TeamIDs".
func GoExported(s string) string {
	var b strings.Builder
	for _, w := range Words(s) {
		b.WriteString(goWord(w))
	}
	return b.String()
}

// GoUnexported returns s as an unexported Go identifier in camelCase: the
// first word is lower-cased ("userId" → "userID", "tv-display" → "tvDisplay",
// "IDs" → "ids"). A result that is a Go keyword or predeclared identifier gets
// a trailing underscore ("type" → "type_", "len" → "len_") so it can name a
// parameter or variable without shadowing.
func GoUnexported(s string) string {
	return camel(s, goWord, IsGoReserved)
}

// TSCamel returns s as a TypeScript camelCase identifier. Words keep their
// spelling apart from the case of their first letter: "tv-display" →
// "tvDisplay", "xp:gained" → "xpGained", "user_id" → "userId", "totalXP" →
// "totalXP". A result that is reserved in TypeScript or JavaScript gets a
// trailing underscore ("delete" → "delete_").
func TSCamel(s string) string {
	return camel(s, upperFirst, IsTSReserved)
}

// camel joins the words of s in camelCase: the first word lower-cased, the
// others spelled by word; a result that is reserved gets a trailing underscore.
func camel(s string, word func(string) string, reserved func(string) bool) string {
	words := Words(s)
	if len(words) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(lowerFirstWord(words[0]))
	for _, w := range words[1:] {
		b.WriteString(word(w))
	}
	id := b.String()
	if reserved(id) {
		id += "_"
	}
	return id
}

// TSPascal returns s as a TypeScript PascalCase identifier, each word keeping
// its spelling apart from an upper-cased first letter: "tv-display" →
// "TvDisplay", "rankings:update" → "RankingsUpdate", "XPGainEvent" →
// "XPGainEvent".
func TSPascal(s string) string {
	var b strings.Builder
	for _, w := range Words(s) {
		b.WriteString(upperFirst(w))
	}
	return b.String()
}

// goWord spells one word of an exported Go name.
func goWord(w string) string {
	up := strings.ToUpper(w)
	if initialisms[up] {
		return up
	}
	if n := len(w); n > 2 && w[n-1] == 's' && initialisms[up[:n-1]] {
		return up[:n-1] + "s" // ids → IDs, urls → URLs
	}
	return upperFirst(w)
}

// lowerFirstWord spells the first word of a camelCase name: an initialism
// or an all-upper-case word is lower-cased entirely ("ID" → "id",
// "IDs" → "ids", "XML" → "xml"); any other word only loses its capital.
func lowerFirstWord(w string) string {
	up := strings.ToUpper(w)
	if initialisms[up] || w == up || (len(w) > 2 && w[len(w)-1] == 's' && initialisms[up[:len(w)-1]]) {
		return strings.ToLower(w)
	}
	r, size := utf8.DecodeRuneInString(w)
	return string(unicode.ToLower(r)) + w[size:]
}

func upperFirst(w string) string {
	r, size := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + w[size:]
}

// IsGoIdentifier reports whether s is a valid Go identifier that is not a
// keyword.
func IsGoIdentifier(s string) bool {
	if s == "" || goKeywords[s] {
		return false
	}
	for i, r := range s {
		if r != '_' && !unicode.IsLetter(r) && (i == 0 || !unicode.IsDigit(r)) {
			return false
		}
	}
	return true
}

// IsTSIdentifier reports whether s is a valid TypeScript identifier (ASCII
// letters, digits, '_' and '$', not starting with a digit) that is not a
// reserved word.
func IsTSIdentifier(s string) bool {
	return !tsReserved[s] && IsTSIdentifierName(s)
}

// IsTSIdentifierName reports whether s is spelled like a TypeScript
// identifier (ASCII letters, digits, '_' and '$', not starting with a digit).
// Reserved words are identifier names too, usable as property names.
func IsTSIdentifierName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter := c == '_' || c == '$' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
		if !letter && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return true
}

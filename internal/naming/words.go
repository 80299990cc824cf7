package naming

// initialisms are the words spelled all upper-case in Go names: the list Go's
// own linters use, plus the product's AI, TV and XP.
var initialisms = set(
	"ACL", "AI", "API", "ASCII", "CPU", "CSS", "DNS", "EOF", "GUID", "HTML", "HTTP", "HTTPS", "ID", "IP",
	"JSON", "JWT", "LHS", "QPS", "RAM", "RHS", "RPC", "SLA", "SMTP", "SQL", "SSH", "TCP", "TLS", "TTL",
	"TV", "UDP", "UI", "UID", "URI", "URL", "UTF8", "UUID", "VM", "XML", "XMPP", "XP", "XSRF", "XSS",
)

// goKeywords are Go's reserved words.
var goKeywords = set(
	"break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for", "func",
	"go", "goto", "if", "import", "interface", "map", "package", "range", "return", "select", "struct",
	"switch", "type", "var",
)

// goPredeclared are Go's predeclared identifiers. A parameter with one of these
// names compiles, but it shadows the builtin for the rest of the function (a
// parameter named "error" breaks an error result), so generated code avoids them.
var goPredeclared = set(
	"any", "append", "bool", "byte", "cap", "clear", "close", "comparable", "complex", "complex128",
	"complex64", "copy", "delete", "error", "false", "float32", "float64", "imag", "int", "int16", "int32",
	"int64", "int8", "iota", "len", "make", "max", "min", "new", "nil", "panic", "print", "println", "real",
	"recover", "rune", "string", "true", "uint", "uint16", "uint32", "uint64", "uint8", "uintptr",
)

// tsReserved are the words that cannot name a variable or parameter in strict
// TypeScript or JavaScript, plus the global values that must not be shadowed.
var tsReserved = set(
	"arguments", "await", "break", "case", "catch", "class", "const", "continue", "debugger", "default",
	"delete", "do", "else", "enum", "eval", "export", "extends", "false", "finally", "for", "function", "if",
	"implements", "import", "in", "Infinity", "instanceof", "interface", "let", "NaN", "new", "null",
	"package", "private", "protected", "public", "return", "static", "super", "switch", "this", "throw",
	"true", "try", "typeof", "undefined", "var", "void", "while", "with", "yield",
)

// IsGoReserved reports whether s is a Go keyword or predeclared identifier.
func IsGoReserved(s string) bool { return goKeywords[s] || goPredeclared[s] }

// IsTSReserved reports whether s is reserved in strict TypeScript or
// JavaScript, or names a global value (undefined, NaN, Infinity).
func IsTSReserved(s string) bool { return tsReserved[s] }

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

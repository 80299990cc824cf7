package schema

// String methods for the model's enumerations, in schema vocabulary, for
// messages, debugging and generated comments.

func (k TypeKind) String() string { return pick(int(k), "struct", "enum") }

func (k Kind) String() string {
	return pick(int(k), "string", "integer", "float", "bool", "time", "list", "map", "named")
}

func (d Direction) String() string { return pick(int(d), "server-to-client", "client-to-server") }

func (k EventKind) String() string { return pick(int(k), "declared", "join", "leave") }

func (d Delivery) String() string { return pick(int(d), "replay", "volatile", "latest") }

func (k QueryKind) String() string { return pick(int(k), "exists", "count") }

func (k RuleKind) String() string {
	return pick(int(k), "anyone", "authenticated", "equals", "in", "role", "hook", "any", "all")
}

func (k StateKind) String() string { return pick(int(k), "last", "list", "value") }

// pick returns names[i-1]: every enumeration starts at 1, so that the zero
// value reads as "invalid".
func pick(i int, names ...string) string {
	if i < 1 || i > len(names) {
		return "invalid"
	}
	return names[i-1]
}

package schema

// Schema is a parsed, validated and resolved schema file. Every reference is
// resolved to a pointer into the same model, every element carries its
// position, and every list is in schema order.
type Schema struct {
	// File is the file name given to Parse or Load; positions use it.
	File string
	// Version is the schema format version; always 1.
	Version int
	// Output says where generated code goes.
	Output Output
	// Session is the claims an authenticated connection carries. Never nil:
	// a file without a session section gets an empty Session (no claims,
	// zero Pos).
	Session *Session
	// Types are the declared types, then the types synthesised for the
	// join/leave argument of rooms with several parameters (Type.Room set).
	Types []*Type
	// Namespaces are the Socket.IO namespaces.
	Namespaces []*Namespace
}

// Type returns the type with the given schema name, or nil.
func (s *Schema) Type(name string) *Type {
	for _, t := range s.Types {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// Namespace returns the namespace with the given name ("/leaderboard"), or nil.
func (s *Schema) Namespace(name string) *Namespace {
	for _, ns := range s.Namespaces {
		if ns.Name == name {
			return ns
		}
	}
	return nil
}

// Output holds the output locations. Directories are slash-separated, clean
// and relative to the directory rtgen runs in (the project root).
type Output struct {
	// Go is where Go code goes; nil when the schema asks for no Go code.
	Go *GoOutput
	// TS is where TypeScript code goes; nil when the schema asks for none.
	TS *TSOutput
	// AsyncAPI is where the AsyncAPI document goes; nil when the schema
	// asks for none.
	AsyncAPI *AsyncAPIOutput
}

// GoOutput is the Go output location.
type GoOutput struct {
	Dir     string // e.g. "generated/realtime"
	Package string // package name; defaults to the last element of Dir
	Pos     Pos
}

// TSOutput is the TypeScript output location.
type TSOutput struct {
	Dir string // e.g. "generated/ts"
	Pos Pos
}

// AsyncAPIOutput is the AsyncAPI document's location.
type AsyncAPIOutput struct {
	File string // e.g. "docs/asyncapi.yaml"
	Pos  Pos
}

// Session describes what an authenticated connection carries: the value the
// application's authenticator returns for a connection, read by room rules.
type Session struct {
	Doc    string
	Claims []*Field
	// Roles is the claim, a list of strings or of an enum, that `role:`
	// rules test; nil when the schema names none.
	Roles *Field
	Pos   Pos
}

// Claim returns the claim with the given name, or nil.
func (s *Session) Claim(name string) *Field { return findField(s.Claims, name) }

func findField(fields []*Field, name string) *Field {
	for _, f := range fields {
		if f.Name == name {
			return f
		}
	}
	return nil
}

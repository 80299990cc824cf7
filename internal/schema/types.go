package schema

// TypeKind tells a struct type from an enum.
type TypeKind int

const (
	StructType TypeKind = iota + 1 // an object with fields
	EnumType                       // a string from a fixed set
)

// Type is a named type: a struct or an enum.
type Type struct {
	// Name is the schema name, a PascalCase identifier; TypeScript uses it
	// unchanged.
	Name string
	// GoName is the Go type name (Name with Go initialisms: XpGain → XPGain).
	GoName string
	Doc    string
	Kind   TypeKind
	// Fields of a struct, in schema order.
	Fields []*Field
	// Values of an enum, in schema order.
	Values []*EnumValue
	// Room is set on a type the schema did not declare: the object a client
	// sends to join or leave a room with several parameters. Its fields are
	// the room's parameters.
	Room *Room
	Pos  Pos
}

// Field returns the struct field with the given wire name, or nil.
func (t *Type) Field(name string) *Field { return findField(t.Fields, name) }

// EnumValue is one value of an enum.
type EnumValue struct {
	// Value is the string on the wire and in TypeScript.
	Value string
	// GoName is the Go constant: the type's Go name followed by the value's
	// (AchievementType + rank → AchievementTypeRank).
	GoName string
	// TSName is the value as a PascalCase TypeScript identifier part
	// ("rank" → "Rank"), for generated constant objects.
	TSName string
	Pos    Pos
}

// Field is a field of a struct, a session claim or a room parameter.
type Field struct {
	// Name is the wire name: the JSON key and the TypeScript property.
	Name string
	// GoName is the exported Go name (userId → UserID).
	GoName string
	// GoVar is the unexported Go name for parameters and variables
	// (userId → userID; Go keywords and predeclared names get a trailing _).
	GoVar string
	// TSVar is the TypeScript name for parameters and variables (reserved
	// words get a trailing _); properties use Name.
	TSVar string
	Doc   string
	Type  *TypeRef
	// Optional fields may be absent from the JSON object (null counts as
	// absent). Claims may be optional; room parameters never are.
	Optional bool
	// Constraints the generated code checks; see Constraints.
	Constraints
	Pos Pos
}

// Constraints are the checks generated code makes on a field's value; a nil
// pointer means no bound. Bounds are inclusive. For an optional field they
// apply when the value is present.
type Constraints struct {
	// Min and Max bound integer and float fields; for integer fields they
	// hold whole numbers.
	Min, Max *float64
	// MinLength and MaxLength bound string fields, counted in Unicode code
	// points.
	MinLength, MaxLength *int
	// MinItems and MaxItems bound the number of elements of lists and the
	// number of entries of maps.
	MinItems, MaxItems *int
}

// IsZero reports whether c holds no bound.
func (c Constraints) IsZero() bool { return c == Constraints{} }

// Kind is the kind of a type reference.
type Kind int

const (
	KindString  Kind = iota + 1 // JSON string; Go string; TS string
	KindInteger                 // JSON number without fraction; Go int64; TS number
	KindFloat                   // JSON number; Go float64; TS number
	KindBool                    // JSON boolean; Go bool; TS boolean
	KindTime                    // JSON string in RFC 3339; Go time.Time; TS Date
	KindList                    // JSON array of Elem; Go []Elem; TS Elem[]
	KindMap                     // JSON object of Elem by string key; Go map[string]Elem; TS Record<string, Elem>
	KindNamed                   // a struct or enum Type
)

// TypeRef is a resolved use of a type: a field's type, a payload, an ack.
type TypeRef struct {
	Kind Kind
	// Elem is the element type of a list or map; nil otherwise.
	Elem *TypeRef
	// Type is the referenced type when Kind is KindNamed; nil otherwise.
	Type *Type
	// Pos is where the reference is written; elements share their
	// container's position.
	Pos Pos
}

// String returns the reference in schema syntax: "integer", "[]string",
// "map[string]Rewards".
func (t *TypeRef) String() string {
	if t == nil {
		return "invalid"
	}
	switch t.Kind {
	case KindList:
		return "[]" + t.Elem.String()
	case KindMap:
		return "map[string]" + t.Elem.String()
	case KindNamed:
		return t.Type.Name
	}
	return t.Kind.String()
}

// Equal reports whether t and u denote the same type.
func (t *TypeRef) Equal(u *TypeRef) bool {
	if t == nil || u == nil {
		return t == u
	}
	if t.Kind != u.Kind || t.Type != u.Type {
		return false
	}
	if t.Elem != nil {
		return t.Elem.Equal(u.Elem)
	}
	return true
}

// IsStruct reports whether t names a struct type.
func (t *TypeRef) IsStruct() bool { return t.Kind == KindNamed && t.Type.Kind == StructType }

// IsEnum reports whether t names an enum type.
func (t *TypeRef) IsEnum() bool { return t.Kind == KindNamed && t.Type.Kind == EnumType }

// IsScalar reports whether a value of t is a single JSON string, number or
// boolean: string, integer, float, bool, time or an enum.
func (t *TypeRef) IsScalar() bool {
	switch t.Kind {
	case KindList, KindMap:
		return false
	case KindNamed:
		return t.Type.Kind == EnumType
	}
	return true
}

// TimePaths returns where time values sit inside a value of type t, for
// clients that turn RFC 3339 strings into dates: each path is a list of
// property names from the value's root, with "*" standing for every element
// of a list or every entry of a map; the empty path is the value itself.
// Paths through optional fields are included (a client skips absent ones).
// Types are never recursive, so the list is finite. Nil when t holds no time.
func (t *TypeRef) TimePaths() [][]string {
	var paths [][]string
	var walk func(t *TypeRef, prefix []string)
	walk = func(t *TypeRef, prefix []string) {
		switch t.Kind {
		case KindTime:
			paths = append(paths, append([]string{}, prefix...))
		case KindList, KindMap:
			walk(t.Elem, append(prefix, "*"))
		case KindNamed:
			for _, f := range t.Type.Fields {
				walk(f.Type, append(prefix, f.Name))
			}
		}
	}
	walk(t, make([]string, 0, 8))
	return paths
}

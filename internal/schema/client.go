package schema

import "encoding/json"

// Client describes the namespace's generated React hook. The hook's
// behaviour lives once in the TypeScript runtime; the generated code hands
// it a descriptor built from this section.
//
// Hook options are the room options, the callbacks and the runtime's own
// options; the hook returns the runtime's connection fields, the state
// values and the actions. Validation keeps all of these names distinct.
type Client struct {
	// Hook is the hook's name ("useLeaderboardSocket").
	Hook string
	Doc  string
	// Rooms are the hook options that join rooms.
	Rooms []*RoomOption
	// State is the derived state the hook returns.
	State []*State
	// Callbacks are hook options called with event payloads.
	Callbacks []*Callback
	// Actions are functions the hook returns that emit client events.
	Actions []*Action
	// Toasts are events that raise a toast when the hook's showToasts
	// option is set and the event concerns the hook's own user.
	Toasts []*Toast
	// Resync is the hook option called after a reconnect that did not
	// recover the connection state (events were missed, so the app
	// refetches what the hook shows); nil when the schema names none.
	Resync *HookOption
	// Stale is the hook option called when the server refuses the
	// client's contract (code schema_mismatch: the client was built from
	// a schema the server's breaks, and should reload); nil when the
	// schema names none.
	Stale *HookOption
	Pos   Pos
}

// HookOption is a hook option the hook calls without arguments, named by
// the schema (resync, stale).
type HookOption struct {
	Name string
	Doc  string
	Pos  Pos
}

// RoomOption returns the room option with the given name, or nil.
func (c *Client) RoomOption(name string) *RoomOption {
	for _, o := range c.Rooms {
		if o.Name == name {
			return o
		}
	}
	return nil
}

// RoomOption is a hook option that joins a room while it is set: `true` for
// a fixed room; the parameter's value for a one-parameter room; an object of
// parameter values for a room with several parameters. Changing the value
// leaves the old room and joins the new one.
type RoomOption struct {
	Name string
	Doc  string
	Room *Room
	Pos  Pos
}

// StateKind is how a state value follows events.
type StateKind int

const (
	// StateLast holds the latest payload of any of Events; null at first.
	StateLast StateKind = iota + 1
	// StateList holds the payloads of Events, newest first, at most Keep;
	// empty at first.
	StateList
	// StateValue starts at Initial and is set by each of Set.
	StateValue
)

// State is one derived state value the hook returns.
type State struct {
	Name string
	Doc  string
	Kind StateKind
	// Events that update a StateLast or StateList value.
	Events []*Event
	// Keep is the maximum length of a StateList value.
	Keep int
	// Initial is a StateValue's starting value; nil means null.
	Initial *Literal
	// Set are a StateValue's updates, one per event.
	Set []*StateSet
	// Type is the type of one value: the payload type for StateLast (the
	// state is Type or null) and StateList (the state is a list of Type);
	// the value type for StateValue.
	Type *TypeRef
	// Nullable reports whether the state can be null: always for
	// StateLast; for StateValue when Initial is nil or a Set writes null.
	Nullable bool
	Pos      Pos
}

// StateSet is one update of a StateValue: when Event arrives, the state
// becomes the payload's Field, or Value. Exactly one of Field and Value is
// set.
type StateSet struct {
	Event *Event
	// Field is a required field of the event's struct payload.
	Field *Field
	Value *Literal
	Pos   Pos
}

// Literal is a constant written in the schema.
type Literal struct {
	// Value is nil (null), a bool, an int64, a float64 or a string.
	Value any
	Pos   Pos
}

// JSON returns the literal as JSON, which is also a TypeScript literal.
func (l *Literal) JSON() string {
	b, err := json.Marshal(l.Value)
	if err != nil { // only a non-finite float, which the parser never makes
		return "null"
	}
	return string(b)
}

// Callback is a hook option called with the payload of any of its events.
type Callback struct {
	Name   string
	Doc    string
	Events []*Event
	// Payload is the events' common payload type; nil when they carry none.
	Payload *TypeRef
	Pos     Pos
}

// Action is a function the hook returns that emits a client event whose
// payload is a struct. Args are the function's parameters, in order: each
// sets the payload field of the same name. Fill sets other fields from hook
// options at call time. Together they cover every required field; optional
// parameters come last. When the event has an ack the function returns a
// promise of the ack data.
type Action struct {
	Name  string
	Doc   string
	Event *Event
	Args  []*Field
	Fill  []*Fill
	Pos   Pos
}

// Fill sets a payload field from a room option of the same type.
type Fill struct {
	Field  *Field
	Option *RoomOption
	Pos    Pos
}

// Toast raises a notification for an event of the hook's own user: when the
// hook's showToasts option is set and the payload's Owner field equals the
// hook option of the same name (OwnerOption).
type Toast struct {
	Event       *Event
	Owner       *Field
	OwnerOption *RoomOption
	Title       *Template
	// Description is nil when the toast has none.
	Description *Template
	Pos         Pos
}

// Template is toast text with {field} placeholders naming scalar fields of
// the event's payload; an absent optional field renders as "".
type Template struct {
	// Text is the template as written.
	Text  string
	Parts []TemplatePart
	Pos   Pos
}

// TemplatePart is literal text or a payload field; exactly one is set.
type TemplatePart struct {
	Text  string
	Field *Field
}

package contract

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Contract is the wire contract of a schema: its namespaces, in schema
// order.
type Contract struct {
	Namespaces []*Namespace
}

// Namespace returns the namespace with the given name, or nil.
func (c *Contract) Namespace(name string) *Namespace {
	for _, ns := range c.Namespaces {
		if ns.Name == name {
			return ns
		}
	}
	return nil
}

// Namespace is what a client and a server of one Socket.IO namespace agree
// on: whether it authenticates, the events each side sends with their
// payload shapes, the rooms a client may ask to join, and the named types
// those use. Lists are sorted (Canonical), so that the JSON text, and the
// fingerprint, do not depend on declaration order.
type Namespace struct {
	Name string `json:"name"`
	// Auth is "required", "optional" or "none".
	Auth   string   `json:"auth"`
	Events []*Event `json:"events,omitempty"`
	Rooms  []*Room  `json:"rooms,omitempty"`
	// Types are the named types the events and room parameters use,
	// directly or through other types.
	Types []*Type `json:"types,omitempty"`
	Pos   Pos     `json:"-"`
}

// Senders of an event.
const (
	Server = "server"
	Client = "client"
)

// Event is a declared event (join and leave events belong to their Room).
type Event struct {
	Name string `json:"name"`
	// From is who sends it: Server or Client.
	From string `json:"from"`
	// Payload is the type expression of its argument; "" for none.
	Payload string `json:"payload,omitempty"`
	// Ack is the type of the data a client event's acknowledgement
	// carries; "" for none.
	Ack string `json:"ack,omitempty"`
	// Delivery is a server event's delivery mode: "replay", "volatile",
	// "latest", or "latest:<payload field>".
	Delivery string `json:"delivery,omitempty"`
	Pos      Pos    `json:"-"`
	// PayloadPos and AckPos are where the payload and ack types are
	// written; DeliveryPos where the mode is (the event's position when
	// it is the default).
	PayloadPos, AckPos, DeliveryPos Pos `json:"-"`
}

// Room is a family of rooms a client joins and leaves with a pair of
// events, sending the room's parameters: nothing for a fixed room, the
// value of a single parameter, an object of several.
type Room struct {
	// Template is the room's name template ("user:{userId}"); the server
	// builds names from it, so it is not part of what the client sends.
	Template string   `json:"template"`
	Join     string   `json:"join"`
	Leave    string   `json:"leave"`
	Params   []*Field `json:"params,omitempty"`
	// Rule is who may join.
	Rule *Rule `json:"rule"`
	Pos  Pos   `json:"-"`
}

// Type is a named struct or enum.
type Type struct {
	Name string `json:"name"`
	// Fields of a struct.
	Fields []*Field `json:"fields,omitempty"`
	// Enum values; non-empty exactly for an enum.
	Enum []string `json:"enum,omitempty"`
	Pos  Pos      `json:"-"`
	// EnumPos holds the position of each of Enum.
	EnumPos []Pos `json:"-"`
}

// IsEnum reports whether t is an enum.
func (t *Type) IsEnum() bool { return len(t.Enum) > 0 }

// Field is a struct field or a room parameter, with the limits the reader
// checks (inclusive; nil means none).
type Field struct {
	Name      string   `json:"name"`
	Type      string   `json:"type"`
	Optional  bool     `json:"optional,omitempty"`
	Min       *float64 `json:"min,omitempty"`
	Max       *float64 `json:"max,omitempty"`
	MinLength *int     `json:"minLength,omitempty"`
	MaxLength *int     `json:"maxLength,omitempty"`
	MinItems  *int     `json:"minItems,omitempty"`
	MaxItems  *int     `json:"maxItems,omitempty"`
	Pos       Pos      `json:"-"`
}

// Rule is a room join rule. Kind is one of anyone, authenticated, equals
// (Param equals Claim), in (Param is in the list Claim), role (Role),
// hook (Hook), any and all (of Rules).
type Rule struct {
	Kind  string  `json:"kind"`
	Param string  `json:"param,omitempty"`
	Claim string  `json:"claim,omitempty"`
	Role  string  `json:"role,omitempty"`
	Hook  string  `json:"hook,omitempty"`
	Rules []*Rule `json:"rules,omitempty"`
}

// String returns the rule in the compact form schema docs use:
// `param userId == claim userId`, `any(role "admin", hook CanJoin)`.
func (r *Rule) String() string {
	if r == nil {
		return "nobody"
	}
	switch r.Kind {
	case "equals":
		return "param " + r.Param + " == claim " + r.Claim
	case "in":
		return "param " + r.Param + " in claim " + r.Claim
	case "role":
		return fmt.Sprintf("role %q", r.Role)
	case "hook":
		return "hook " + r.Hook
	case "any", "all":
		parts := make([]string, len(r.Rules))
		for i, sub := range r.Rules {
			parts[i] = sub.String()
		}
		return r.Kind + "(" + strings.Join(parts, ", ") + ")"
	}
	return r.Kind
}

// Pos is where an element is written in a schema file; the zero Pos is
// "nowhere" (a contract read from JSON has no positions).
type Pos struct {
	File      string
	Line, Col int
}

// IsValid reports whether p points into a file.
func (p Pos) IsValid() bool { return p.Line > 0 }

// String returns "file:line:col", the file alone without a line, or "".
func (p Pos) String() string {
	if !p.IsValid() {
		return p.File
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Type returns the named type, or nil.
func (ns *Namespace) Type(name string) *Type {
	for _, t := range ns.Types {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// Canonical sorts the namespace's lists in place: events by sender and
// name, rooms by join event, types by name, fields and enum values by name.
// Rule operands keep their order. Positions move with their elements.
func (ns *Namespace) Canonical() {
	slices.SortStableFunc(ns.Events, func(a, b *Event) int {
		return strings.Compare(a.From+" "+a.Name, b.From+" "+b.Name)
	})
	slices.SortStableFunc(ns.Rooms, func(a, b *Room) int { return strings.Compare(a.Join, b.Join) })
	for _, r := range ns.Rooms {
		sortFields(r.Params)
	}
	slices.SortStableFunc(ns.Types, func(a, b *Type) int { return strings.Compare(a.Name, b.Name) })
	for _, t := range ns.Types {
		sortFields(t.Fields)
		if len(t.EnumPos) == len(t.Enum) {
			idx := make([]int, len(t.Enum))
			for i := range idx {
				idx[i] = i
			}
			slices.SortStableFunc(idx, func(a, b int) int { return strings.Compare(t.Enum[a], t.Enum[b]) })
			vals, pos := make([]string, len(idx)), make([]Pos, len(idx))
			for i, j := range idx {
				vals[i], pos[i] = t.Enum[j], t.EnumPos[j]
			}
			t.Enum, t.EnumPos = vals, pos
		} else {
			slices.Sort(t.Enum)
		}
	}
}

func sortFields(fs []*Field) {
	slices.SortStableFunc(fs, func(a, b *Field) int { return strings.Compare(a.Name, b.Name) })
}

// JSON returns the namespace's canonical JSON text: what generated
// clients send and generated servers embed.
func (ns *Namespace) JSON() string {
	b, err := json.Marshal(ns)
	if err != nil { // only a non-finite limit, which schemas never hold
		panic("contract: " + err.Error())
	}
	return string(b)
}

// Fingerprint returns the fingerprint of a contract's JSON text: 16
// hexadecimal digits of its SHA-256. Equal texts mean equal contracts.
func Fingerprint(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:8])
}

// Parse reads a namespace contract from its JSON text, checking that every
// type it names is declared.
func Parse(text string) (*Namespace, error) {
	var ns Namespace
	if err := json.Unmarshal([]byte(text), &ns); err != nil {
		return nil, fmt.Errorf("contract: %w", err)
	}
	if ns.Name == "" {
		return nil, fmt.Errorf("contract: no namespace name")
	}
	check := func(expr, where string) error {
		if expr == "" {
			return nil
		}
		r := ns.ref(expr)
		if r.kind == "" {
			return fmt.Errorf("contract: %s: unknown type %q", where, expr)
		}
		return nil
	}
	for _, e := range ns.Events {
		if e.From != Server && e.From != Client {
			return nil, fmt.Errorf("contract: event %q: from must be server or client, not %q", e.Name, e.From)
		}
		if err := check(e.Payload, "event "+e.Name); err != nil {
			return nil, err
		}
		if err := check(e.Ack, "event "+e.Name); err != nil {
			return nil, err
		}
	}
	for _, r := range ns.Rooms {
		for _, p := range r.Params {
			if err := check(p.Type, "room "+r.Template); err != nil {
				return nil, err
			}
		}
	}
	for _, t := range ns.Types {
		for _, f := range t.Fields {
			if err := check(f.Type, t.Name+"."+f.Name); err != nil {
				return nil, err
			}
		}
	}
	return &ns, nil
}

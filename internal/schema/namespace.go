package schema

// Auth says whether a namespace needs an authenticated session.
type Auth int

const (
	// AuthRequired refuses connections the authenticator rejects; every
	// socket has a session. The default.
	AuthRequired Auth = iota + 1
	// AuthOptional lets anonymous connections in, without a session.
	AuthOptional
	// AuthNone never authenticates; no socket has a session.
	AuthNone
)

func (a Auth) String() string { return pick(int(a), "required", "optional", "none") }

// Namespace is one Socket.IO namespace and everything declared in it.
type Namespace struct {
	// Name is the Socket.IO namespace: "/" or "/leaderboard".
	Name string
	// GoName and TSName are the identifiers generated code builds names
	// from ("Leaderboard", "leaderboard"): the schema's `name:`, or derived
	// from Name, "/" becoming "Main".
	GoName, TSName string
	Doc            string
	Auth           Auth
	// LogLabel prefixes log lines ("[Leaderboard] Client connected: …"):
	// the schema's `log:`, or GoName.
	LogLabel string
	Rooms    []*Room
	// Emits are the server→client events.
	Emits []*Event
	// Receives are the declared client→server events; the join and leave
	// events of rooms are on Room.
	Receives []*Event
	// Queries are the server-side query helpers.
	Queries []*Query
	// Hooks are the application's authorization methods the namespace's
	// rules call, in order of first use.
	Hooks []*Hook
	// Client is the React hook section; nil when the namespace has none.
	Client *Client
	Pos    Pos
}

// Room returns the room with the given template ("user:{userId}"), or nil.
func (ns *Namespace) Room(template string) *Room {
	for _, r := range ns.Rooms {
		if r.Template == template {
			return r
		}
	}
	return nil
}

// Emit returns the server→client event with the given name, or nil.
func (ns *Namespace) Emit(name string) *Event { return findEvent(ns.Emits, name) }

// Receive returns the declared client→server event with the given name, or nil.
func (ns *Namespace) Receive(name string) *Event { return findEvent(ns.Receives, name) }

// Query returns the query with the given method name, or nil.
func (ns *Namespace) Query(name string) *Query {
	for _, q := range ns.Queries {
		if q.Name == name {
			return q
		}
	}
	return nil
}

func findEvent(events []*Event, name string) *Event {
	for _, e := range events {
		if e.Name == name {
			return e
		}
	}
	return nil
}

// Room is a room template of a namespace: a fixed room ("tv-display") or a
// family of rooms named by parameters ("user:{userId}").
type Room struct {
	// Template is the room as written: literal text with {param} holes.
	Template string
	// Name is the room's short name, used for the derived join/leave event
	// names and for identifiers: the schema's `name:`, else the whole
	// template of a fixed room, else the literal text before the first
	// parameter without trailing separators ("user:{userId}" → "user").
	Name string
	// GoName and TSName are Name as identifiers ("TVDisplay", "tvDisplay").
	GoName, TSName string
	Doc            string
	// Params are the template's parameters in the order the template uses
	// them. Their types are integer, string or an enum.
	Params []*Field
	// Parts is the template split into literal text and parameters, in
	// order. No two parameters are adjacent, so a room name is built by
	// concatenating the parts (integers in decimal) and parsed by matching
	// each literal in turn.
	Parts []RoomPart
	// Join is the rule a socket must pass to join; it is checked on the
	// server for every join request.
	Join *Rule
	// JoinEvent and LeaveEvent are the derived client→server events that
	// join and leave the room.
	JoinEvent, LeaveEvent *Event
	// Method is the Go name of the room's generic emitter, which sends any
	// event of Emits to one room of this template; "" when not declared.
	Method string
	// Emits are the server→client events this room is a target of.
	Emits []*Event
	// ParamsType is the join/leave argument of a room with several
	// parameters (an object with one field per parameter); nil otherwise.
	ParamsType *Type
	Namespace  *Namespace
	Pos        Pos
}

// Fixed reports whether the room has no parameters.
func (r *Room) Fixed() bool { return len(r.Params) == 0 }

// Param returns the parameter with the given name, or nil.
func (r *Room) Param(name string) *Field { return findField(r.Params, name) }

// RoomPart is one piece of a room template: literal text, or a parameter.
// Exactly one of Literal and Param is set.
type RoomPart struct {
	Literal string
	Param   *Field
}

// Direction tells server→client events from client→server ones.
type Direction int

const (
	ServerToClient Direction = iota + 1 // declared under emits:
	ClientToServer                      // declared under receives:, or a join/leave event
)

// EventKind tells declared events from the join/leave events derived from
// rooms.
type EventKind int

const (
	EventDeclared EventKind = iota + 1 // declared under emits: or receives:
	EventJoin                          // derived: joins Event.Room
	EventLeave                         // derived: leaves Event.Room
)

// Event is a server→client or client→server event.
type Event struct {
	// Name is the event name on the wire ("rankings:update").
	Name string
	// GoName and TSName are Name as identifiers ("RankingsUpdate",
	// "rankingsUpdate"); unique among the namespace's events of the same
	// direction. A server event and a client event may share a name.
	GoName, TSName string
	Doc            string
	Direction      Direction
	Kind           EventKind
	// Payload is the event's single argument; nil when it has none. For a
	// join/leave event: nil for a fixed room, the parameter's type for a
	// one-parameter room, the room's ParamsType otherwise.
	Payload *TypeRef
	// Ack is the type of the data a client event's acknowledgement carries;
	// nil when it carries none (the ok/error envelope is still sent when
	// the client asks for an ack).
	Ack *TypeRef
	// Targets are where a server event may be sent, each with its emitter
	// method; empty for client events.
	Targets []*Target
	// ParamsFromPayload says a server event's emitters read room parameters
	// from payload fields (Target.ParamFields) instead of taking them as
	// arguments.
	ParamsFromPayload bool
	// Method is the Go handler method of a declared client event
	// (default "On" + GoName); "" for server events and join/leave events.
	Method string
	// Room is the room of a join/leave event; nil otherwise.
	Room *Room
	// Delivery is how a server event reaches clients that reconnect after
	// a gap (DeliveryReplay unless the schema says otherwise); zero for
	// client events.
	Delivery Delivery
	// LatestKey is the payload field whose value keys a DeliveryLatest
	// event (the last packet per value is replayed); nil when the event
	// itself is the key.
	LatestKey *Field
	// DeliveryPos is where `delivery:` is written; the zero Pos when the
	// mode is the default.
	DeliveryPos Pos
	Namespace   *Namespace
	Pos         Pos
}

// DeliveryMode names the event's delivery as the wire contract does:
// "replay", "volatile", "latest", or "latest:<field>" for one keyed by a
// payload field.
func (e *Event) DeliveryMode() string {
	if e.LatestKey != nil {
		return e.Delivery.String() + ":" + e.LatestKey.Name
	}
	return e.Delivery.String()
}

// Delivery is a server event's delivery mode (`delivery:`).
type Delivery int

const (
	// DeliveryReplay keeps the event in the recovery history; a client
	// that reconnects within the recovery window gets every one it missed.
	DeliveryReplay Delivery = iota + 1
	// DeliveryVolatile never keeps the event, and drops it for a client
	// that is not ready to receive it (typing indicators).
	DeliveryVolatile
	// DeliveryLatest replays only the last event per key (Event.LatestKey,
	// or the event itself): a snapshot supersedes its predecessors.
	DeliveryLatest
)

// Target is one destination of a server event.
type Target struct {
	// Room is the target room template; nil means every socket of the
	// namespace.
	Room *Room
	// Method is the Go name of the typed emitter for this target: from the
	// schema, or "Emit" + event GoName for an event with one target, or
	// "Emit" + event GoName + "To" + ("All" | room GoName) otherwise.
	Method string
	// ParamFields, when the event's ParamsFromPayload is set, holds the
	// payload field that supplies each of Room.Params, in the same order.
	ParamFields []*Field
	Pos         Pos
}

// QueryKind is what a query asks.
type QueryKind int

const (
	// QueryExists asks whether a room has at least one socket anywhere in
	// the cluster: Method(ctx, params...) (bool, error).
	QueryExists QueryKind = iota + 1
	// QueryCount asks how many sockets a room, or the whole namespace,
	// has across the cluster: Method(ctx, params...) (int, error).
	QueryCount
)

// Query is a server-side query helper, such as IsUserConnected.
type Query struct {
	// Name is the Go method name.
	Name string
	Doc  string
	Kind QueryKind
	// Room is the room asked about; nil means the whole namespace.
	Room *Room
	Pos  Pos
}

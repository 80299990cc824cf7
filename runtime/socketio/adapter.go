package socketio

import "context"

// An Adapter keeps one namespace's room index and delivers broadcasts. The
// default, NewMemoryAdapter, serves one process; an implementation backed
// by a message broker can share rooms and broadcasts between several
// processes without any change to the Server: everything crossing the
// interface is plain data (socket ids, room names, an encoded Packet).
//
// Every socket is a member of the room named after its id, so a broadcast
// to that room reaches exactly that socket and BroadcastOptions.Except can
// exclude a sender.
//
// The Server calls AddAll, Del and DelAll only for local sockets, from any
// goroutine; implementations must be safe for concurrent use and must not
// call back into the namespace while holding their own locks. Queries and
// operations on sockets matched by BroadcastOptions span every node the
// adapter spans; a multi-node adapter bounds its queries by ctx and by a
// timeout of its own.
type Adapter interface {
	// AddAll adds local socket id to rooms.
	AddAll(id string, rooms []string)
	// Del removes local socket id from room.
	Del(id, room string)
	// DelAll removes local socket id from every room (on disconnect).
	DelAll(id string)
	// SocketRooms returns the rooms of local socket id, sorted; nil when
	// unknown.
	SocketRooms(id string) []string
	// Broadcast delivers p to every socket matched by opts: local ones
	// through AdapterNamespace.Deliver, remote ones by the implementation's
	// own means. Each socket receives p at most once.
	Broadcast(p *Packet, opts BroadcastOptions) error
	// Sockets describes the sockets in any of rooms (all sockets when
	// rooms is empty), sorted by id.
	Sockets(ctx context.Context, rooms []string) ([]SocketInfo, error)
	// Count returns the number of sockets in the namespace.
	Count(ctx context.Context) (int, error)
	// RoomSize returns the number of sockets in room.
	RoomSize(ctx context.Context, room string) (int, error)
	// HasMembers reports whether any socket is in room.
	HasMembers(ctx context.Context, room string) (bool, error)
	// AddSockets makes the sockets matched by opts (Rooms and Except) join
	// rooms, through AdapterNamespace.Socket for local ones.
	AddSockets(ctx context.Context, opts BroadcastOptions, rooms []string) error
	// DelSockets makes the sockets matched by opts leave rooms.
	DelSockets(ctx context.Context, opts BroadcastOptions, rooms []string) error
	// DisconnectSockets disconnects the sockets matched by opts, as
	// Socket.Disconnect(closeConn) does.
	DisconnectSockets(ctx context.Context, opts BroadcastOptions, closeConn bool) error
	// Close releases the adapter's resources (Server.Shutdown).
	Close() error
}

// AdapterFactory creates the Adapter of one namespace.
type AdapterFactory func(ns AdapterNamespace) Adapter

// AdapterNamespace is the namespace as an Adapter sees it: its name and the
// local delivery and lookup hooks.
type AdapterNamespace interface {
	// Name returns the namespace name, e.g. "/leaderboard".
	Name() string
	// Deliver sends p to the local sockets with the given ids that are
	// still connected. It never blocks on a slow client.
	Deliver(p *Packet, ids []string)
	// SessionOf returns what the namespace's AuthFunc returned for local
	// socket id (nil without auth or when id is unknown).
	SessionOf(id string) any
	// Socket returns the connected local socket with the given id.
	Socket(id string) (*Socket, bool)
	// Recovery returns the namespace's connection-state recovery settings,
	// defaults applied; nil when recovery is off. With recovery on, the
	// Adapter must also be a RecoveryStore.
	Recovery() *RecoveryConfig
}

// BroadcastOptions selects the recipients of a broadcast. It is plain data
// so that it can be sent to other nodes.
type BroadcastOptions struct {
	// Rooms: sockets in any of these rooms; empty means every socket of
	// the namespace.
	Rooms []string `json:"rooms,omitempty"`
	// Except: sockets in any of these rooms are skipped.
	Except []string `json:"except,omitempty"`
	// Volatile packets are never stored for recovery, and are dropped for
	// a recipient that is not ready to receive them (Socket.IO's
	// flags.volatile); the Packet is marked too (Packet.Volatile).
	Volatile bool `json:"volatile,omitempty"`
	// LatestKey, when set, makes a stored packet supersede the earlier
	// ones with the same key: recovery replays only the newest of each key
	// that reaches the client (see DeliverLatest).
	LatestKey string `json:"latestKey,omitempty"`
}

// SocketInfo describes one socket in answer to Namespace.Sockets.
type SocketInfo struct {
	ID      string   // the Socket.IO socket id
	Rooms   []string // its rooms, sorted, its own id room included
	Session any      // what AuthFunc returned (local sockets), nil without auth
}

// ClusterStats describes what a multi-node adapter (runtime/sioredis)
// exchanged with the other nodes through its broker, for metrics
// (runtime/siometrics reads it when scraped). The keys of its maps come
// from fixed sets the implementation documents, so that label sets stay
// bounded.
type ClusterStats struct {
	// Sent counts the messages the broker took from this node, Received
	// those of other nodes that reached a namespace of this node, by
	// message type.
	Sent, Received map[string]uint64
	// Errors counts the broker commands that failed, by operation.
	Errors map[string]uint64
	// Healthy reports whether the broker answered the last command;
	// Outages counts the times it stopped answering.
	Healthy bool
	Outages uint64
	// Queued is how many messages wait for the broker now; Dropped
	// counts those a full queue gave up on.
	Queued  int
	Dropped uint64
	// Nodes is, by namespace, how many other nodes this one knows.
	Nodes map[string]int
}

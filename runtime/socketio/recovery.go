package socketio

import (
	"context"
	"encoding/json"
	"errors"
	"sync/atomic"
	"time"

	"github.com/rtgen/rtgen/runtime/engineio"
)

// Defaults of RecoveryConfig.
const (
	DefaultMaxDisconnectionDuration = 2 * time.Minute // as socket.io's
	DefaultHistoryPackets           = 10_000          // per namespace
	DefaultHistoryBytes             = 8 << 20         // per namespace
)

// RecoveryConfig turns on connection-state recovery (Config.Recovery), as
// Socket.IO 4.6+ defines it on the wire, so the unmodified socket.io-client
// recovers by itself: a socket that loses its transport keeps its id, its
// rooms and every event it missed, if it reconnects within
// MaxDisconnectionDuration. A recovery is never partial: when any event of
// the gap is gone (trimmed from the history, the session expired, the
// server restarted with the in-memory adapter), the client gets a fresh
// socket and `socket.recovered === false`, never a replay with holes.
//
// The zero value takes the defaults named next to each field.
type RecoveryConfig struct {
	// MaxDisconnectionDuration is how long a disconnected socket's session
	// is kept. 0 → 2 minutes.
	MaxDisconnectionDuration time.Duration
	// HistoryPackets caps the events the in-memory adapter keeps per
	// namespace; the oldest are dropped first (and counted). 0 → 10,000.
	HistoryPackets int
	// HistoryBytes caps the encoded size of the events the in-memory
	// adapter keeps per namespace. 0 → 8 MiB.
	HistoryBytes int
}

func (c RecoveryConfig) withDefaults() RecoveryConfig {
	if c.MaxDisconnectionDuration <= 0 {
		c.MaxDisconnectionDuration = DefaultMaxDisconnectionDuration
	}
	if c.HistoryPackets <= 0 {
		c.HistoryPackets = DefaultHistoryPackets
	}
	if c.HistoryBytes <= 0 {
		c.HistoryBytes = DefaultHistoryBytes
	}
	return c
}

// ErrNotRecoverable is wrapped by a RecoveryStore's errors when a session
// cannot be recovered whole: it is unknown or expired, or part of its gap
// is no longer stored.
var ErrNotRecoverable = errors.New("socketio: connection state not recoverable")

// A RecoveryStore keeps what connection-state recovery needs: the history
// of stored events of one namespace and the sessions of disconnected
// sockets. Adapters implement it next to Adapter; a store shared by several
// nodes (Redis) lets a client recover on another node.
//
// When recovery is on (AdapterNamespace.Recovery is not nil), the Adapter's
// Broadcast must store every packet that is not Volatile before delivering
// it, and deliver it as Packet.WithOffset(offset) so that the client learns
// its offset. Offsets are the store's own strings, ordered as the store
// delivers them; packets to one socket must be delivered in offset order.
type RecoveryStore interface {
	// Position returns the offset of the newest stored packet (the store's
	// representation of "nothing yet" when there is none).
	Position(ctx context.Context) (string, error)
	// PersistSession keeps s for ttl.
	PersistSession(ctx context.Context, s PersistedSession, ttl time.Duration) error
	// TakeSession removes and returns the session pid, so that it is
	// recovered at most once; an error wrapping ErrNotRecoverable when it
	// is unknown or expired.
	TakeSession(ctx context.Context, pid string) (PersistedSession, error)
	// Missed returns, in order, the stored packets after offset that reach
	// a socket in rooms (BroadcastOptions' Rooms and Except matched as by
	// Broadcast), each carrying its offset; of the packets with the same
	// LatestKey only the last is returned. It returns an error wrapping
	// ErrNotRecoverable when any stored packet after offset is gone.
	Missed(ctx context.Context, offset string, rooms []string) ([]*Packet, error)
}

// PersistedSession is what a disconnected socket leaves for its recovery.
// Offsets are those of its namespace's RecoveryStore.
type PersistedSession struct {
	SID   string   // the socket id, given back on recovery
	PID   string   // the private session id the client presents
	Rooms []string // the rooms it was in, its own id room included
	// Connected is the store's position when the socket connected, and
	// Disconnected its position when the socket disconnected.
	Connected, Disconnected string
	// Addressed is the offset of the last stored packet sent to the
	// socket (whether or not its transport could still take it); "" when
	// none was.
	Addressed string
}

// resumeFrom returns the offset after which the session's client needs
// the history, given the offset it presented ("" when it has received no
// event). A client that has everything it was sent needs only what came
// after the disconnection, however long ago its last event was: that is
// what lets a quiet client recover, where Socket.IO requires at least one
// event received. So does a socket that was sent nothing, whatever offset
// its client keeps from an earlier socket. A client that has none of what
// this socket was sent needs everything since the socket connected.
func (ps PersistedSession) resumeFrom(clientOffset string) string {
	switch {
	case ps.Connected == "":
		return clientOffset // a session written without positions (by Node's adapter)
	case clientOffset == ps.Addressed || ps.Addressed == "":
		return ps.Disconnected
	case clientOffset == "":
		return ps.Connected
	default:
		return clientOffset
	}
}

// recoverableReasons are the disconnections after which a session is kept:
// the transport was lost, not closed on purpose by either side.
var recoverableReasons = map[string]bool{
	engineio.ReasonTransportClose: true,
	engineio.ReasonTransportError: true,
	engineio.ReasonPingTimeout:    true,
	engineio.ReasonServerShutdown: true,
	ReasonForcedServer:            true,
	engineio.ReasonSlowClient:     true,
}

// recoveryRequest is what a reconnecting client adds to its CONNECT
// payload: socket.io-client sends {…auth, pid, offset}.
type recoveryRequest struct {
	PID    string `json:"pid"`
	Offset string `json:"offset"`
}

// parseRecoveryRequest reads pid and offset from a CONNECT payload; ok is
// false when the client asks for no recovery.
func parseRecoveryRequest(auth json.RawMessage) (recoveryRequest, bool) {
	var req struct {
		PID    any `json:"pid"`
		Offset any `json:"offset"`
	}
	if json.Unmarshal(auth, &req) != nil {
		return recoveryRequest{}, false
	}
	pid, ok := req.PID.(string)
	if !ok || pid == "" {
		return recoveryRequest{}, false
	}
	offset, _ := req.Offset.(string) // absent before the first event
	return recoveryRequest{PID: pid, Offset: offset}, true
}

// RecoveryStats counts a namespace's connection-state recoveries.
type RecoveryStats struct {
	// Recovered and NotRecovered count reconnections that asked for
	// recovery; Replayed counts the events sent to recovered sockets.
	Recovered, NotRecovered, Replayed uint64
	// HistoryDropped counts stored events the history dropped to stay
	// within its caps (reported by stores that count them).
	HistoryDropped uint64
}

type recoveryCounters struct {
	recovered, notRecovered, replayed atomic.Uint64
}

// historyDropCounter is implemented by stores that count what their caps
// dropped (MemoryAdapter).
type historyDropCounter interface {
	HistoryDropped() uint64
}

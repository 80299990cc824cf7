package socketio

import (
	"log/slog"
	"time"

	"github.com/rtgen/rtgen/runtime/engineio"
	"github.com/rtgen/rtgen/runtime/internal/sioproto"
)

// Defaults taken by zero Config fields.
const (
	DefaultConnectTimeout  = 45 * time.Second // as socket.io's connectTimeout
	DefaultAckTimeout      = 10 * time.Second
	DefaultMaxAttachments  = sioproto.DefaultMaxAttachments // 10, as socket.io-parser
	DefaultEventQueueLimit = 256
)

// Config configures a Server. The zero value is valid: every zero field
// takes the default named next to it.
type Config struct {
	// Engine configures the Engine.IO layer: heartbeats, payload limit,
	// transports, allowed origins, write queue. Its zero value takes
	// Socket.IO's defaults; a nil Engine.Logger takes Logger.
	Engine engineio.Config
	// ConnectTimeout closes a connection that has not joined any namespace
	// this long after its handshake, with reason "forced server close".
	// 0 → 45s.
	ConnectTimeout time.Duration
	// AckTimeout bounds Socket.EmitWithAck when its context has no
	// deadline. 0 → 10s.
	AckTimeout time.Duration
	// MaxAttachments is the most binary attachments one packet may
	// declare; more closes the connection before anything is buffered.
	// 0 → 10.
	MaxAttachments int
	// EventQueueLimit is the most events one socket may have waiting for
	// its handlers; one more gets a too_many_requests error and the socket
	// is disconnected. 0 → 256.
	EventQueueLimit int
	// Recovery turns on connection-state recovery for every namespace; nil
	// leaves it off, as in Socket.IO. See RecoveryConfig.
	Recovery *RecoveryConfig
	// Adapter creates each namespace's room index and broadcaster.
	// nil → NewMemoryAdapter (one process).
	Adapter AdapterFactory
	// Logger receives the server's logs. nil → slog.Default().
	Logger *slog.Logger
}

func (c Config) withDefaults() Config {
	if c.ConnectTimeout <= 0 {
		c.ConnectTimeout = DefaultConnectTimeout
	}
	if c.AckTimeout <= 0 {
		c.AckTimeout = DefaultAckTimeout
	}
	if c.MaxAttachments <= 0 {
		c.MaxAttachments = DefaultMaxAttachments
	}
	if c.EventQueueLimit <= 0 {
		c.EventQueueLimit = DefaultEventQueueLimit
	}
	if c.Adapter == nil {
		c.Adapter = func(ns AdapterNamespace) Adapter { return NewMemoryAdapter(ns) }
	}
	if c.Recovery != nil {
		r := c.Recovery.withDefaults()
		c.Recovery = &r
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.Engine.Logger == nil {
		c.Engine.Logger = c.Logger
	}
	return c
}

// attachmentDeadline bounds how long a connection may hold a binary
// packet whose attachments have not all arrived: one heartbeat round.
func (c Config) attachmentDeadline() time.Duration {
	interval, timeout := c.Engine.PingInterval, c.Engine.PingTimeout
	if interval <= 0 {
		interval = engineio.DefaultPingInterval
	}
	if timeout <= 0 {
		timeout = engineio.DefaultPingTimeout
	}
	return interval + timeout
}

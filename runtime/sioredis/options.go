package sioredis

import (
	"log/slog"
	"strconv"
	"time"
	"unicode/utf16"
)

// Defaults of Options. The names, the stream length and the read settings
// are those of @socket.io/redis-streams-adapter, so that a Node server
// left on its defaults and a Go server left on these form one cluster.
const (
	DefaultStreamName        = "socket.io"
	DefaultChannelPrefix     = "socket.io"
	DefaultSessionKeyPrefix  = "sio:session:"
	DefaultMaxLen            = 10_000
	DefaultReadCount         = 100
	DefaultBlockTime         = 5 * time.Second
	DefaultHeartbeatInterval = 5 * time.Second
	DefaultHeartbeatTimeout  = 10 * time.Second
	DefaultRequestTimeout    = 5 * time.Second
	DefaultPublishQueue      = 10_000
)

// Options configures a Cluster or an Emitter. The zero value takes the
// defaults named next to each field; every node of a cluster, Node ones
// included, must agree on StreamName, StreamCount, ChannelPrefix and
// SessionKeyPrefix.
type Options struct {
	// Prefix starts the names left to their defaults: StreamName,
	// ChannelPrefix and SessionKeyPrefix, when empty, are Prefix followed by
	// their default, so that clusters sharing one Redis stay apart ("").
	Prefix string
	// StreamName is the Redis stream every node appends to and reads
	// ("socket.io"). With StreamCount > 1, namespaces are spread over
	// StreamName-0 … StreamName-(n-1) as Node's adapter spreads them.
	StreamName  string
	StreamCount int // 1
	// ChannelPrefix starts the names of the pub/sub channels of requests
	// and responses ("socket.io").
	ChannelPrefix string
	// SessionKeyPrefix starts the keys of the sessions kept for
	// connection-state recovery ("sio:session:").
	SessionKeyPrefix string
	// MaxLen bounds the stream: each XADD trims it to about this many
	// entries (MAXLEN ~), which bounds Redis's memory and the history
	// recovery can replay (10,000). A recovery whose gap was trimmed fails
	// whole; size it to the events of MaxDisconnectionDuration.
	MaxLen int64
	// ReadCount and BlockTime tune the stream reader: at most ReadCount
	// entries per XREAD (100), which blocks at most BlockTime (5s).
	ReadCount int64
	BlockTime time.Duration
	// HeartbeatInterval is how often a Go node announces itself to the
	// others (5s); a Go node not heard of for HeartbeatTimeout (10s) is no
	// longer waited for by queries, even while Redis still counts its
	// subscription (a hung process).
	HeartbeatInterval time.Duration
	HeartbeatTimeout  time.Duration
	// RequestTimeout bounds a cluster-wide query when its context has no
	// earlier deadline (5s, as Node's adapter).
	RequestTimeout time.Duration
	// PublishQueue bounds the messages waiting for Redis (10,000): while
	// Redis is unreachable they wait here, and are sent when it is back;
	// beyond the bound the oldest are dropped and counted.
	PublishQueue int
	// Logger receives connection state changes and dropped messages.
	// nil → slog.Default().
	Logger *slog.Logger
}

func (o Options) withDefaults() Options {
	if o.StreamName == "" {
		o.StreamName = o.Prefix + DefaultStreamName
	}
	if o.StreamCount <= 0 {
		o.StreamCount = 1
	}
	if o.ChannelPrefix == "" {
		o.ChannelPrefix = o.Prefix + DefaultChannelPrefix
	}
	if o.SessionKeyPrefix == "" {
		o.SessionKeyPrefix = o.Prefix + DefaultSessionKeyPrefix
	}
	if o.MaxLen <= 0 {
		o.MaxLen = DefaultMaxLen
	}
	if o.ReadCount <= 0 {
		o.ReadCount = DefaultReadCount
	}
	if o.BlockTime <= 0 {
		o.BlockTime = DefaultBlockTime
	}
	if o.HeartbeatInterval <= 0 {
		o.HeartbeatInterval = DefaultHeartbeatInterval
	}
	if o.HeartbeatTimeout <= 0 {
		o.HeartbeatTimeout = DefaultHeartbeatTimeout
	}
	if o.RequestTimeout <= 0 {
		o.RequestTimeout = DefaultRequestTimeout
	}
	if o.PublishQueue <= 0 {
		o.PublishQueue = DefaultPublishQueue
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	return o
}

// streamFor returns the stream of namespace nsp, as Node's adapter
// computes it: a Java-style hash of the name's UTF-16 code units, modulo
// the stream count, with JavaScript's sign of the remainder.
func (o Options) streamFor(nsp string) string {
	if o.StreamCount == 1 {
		return o.StreamName
	}
	var h int32
	for _, u := range utf16.Encode([]rune(nsp)) {
		h = h*31 + int32(u)
	}
	return o.StreamName + "-" + strconv.Itoa(int(h%int32(o.StreamCount)))
}

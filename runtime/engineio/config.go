package engineio

import (
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// Transport names, as used in the "transport" query parameter and in
// Config.Transports.
const (
	TransportPolling   = "polling"
	TransportWebSocket = "websocket"
)

// Defaults taken by zero Config fields. The first four are Socket.IO's.
const (
	DefaultPingInterval    = 25 * time.Second
	DefaultPingTimeout     = 20 * time.Second
	DefaultUpgradeTimeout  = 10 * time.Second
	DefaultMaxPayload      = 1_000_000
	DefaultWriteQueueLimit = 1 << 20
	DefaultWriteTimeout    = 10 * time.Second
)

// Config configures a Server. The zero value is valid: every zero field
// takes the default named next to it.
type Config struct {
	// PingInterval is the time between two server pings. 0 → 25s.
	PingInterval time.Duration
	// PingTimeout is how long the server waits for the pong before closing
	// the session with ReasonPingTimeout. 0 → 20s.
	PingTimeout time.Duration
	// UpgradeTimeout bounds a polling → WebSocket upgrade, from the probe
	// connection's arrival to the client's upgrade packet; on expiry the
	// probe is closed and the session stays on polling. 0 → 10s.
	UpgradeTimeout time.Duration
	// MaxPayload is the largest WebSocket message and the largest polling
	// POST body accepted, in bytes; it is advertised to clients as
	// maxPayload. 0 → 1_000_000.
	MaxPayload int64
	// Transports lists the enabled transports, "polling" and/or
	// "websocket". nil or empty → both. Other values are never matched.
	Transports []string
	// AllowedOrigins lists the browser origins allowed on every request
	// (polling GET and POST, CORS preflight, WebSocket upgrade), each as
	// scheme://host[:port] compared exactly with a case-insensitive host.
	// nil or empty → same-host policy: a request without Origin, or whose
	// Origin host[:port] equals the request Host. "*" → any origin. A
	// refused request gets 403 {"code":4,"message":"Forbidden"} and creates
	// no session.
	AllowedOrigins []string
	// AllowRequest, if set, admits or refuses each handshake and each
	// upgrade request, after the origin check. A non-nil error refuses the
	// request with 403 {"code":4,"message":<error text>}.
	AllowRequest func(r *http.Request) error
	// WriteQueueLimit is the most bytes one session may have queued for
	// sending; a Send that would exceed it closes the session with
	// ReasonSlowClient. A single message larger than the limit is still
	// accepted when nothing else is queued. 0 → 1 MiB.
	WriteQueueLimit int
	// WriteTimeout bounds one WebSocket write, and the final flush of a
	// closing polling session; a write that takes longer closes the session
	// with ReasonSlowClient. 0 → 10s.
	WriteTimeout time.Duration
	// Logger receives connection-level logs (refused origins, closes).
	// nil → slog.Default().
	Logger *slog.Logger
}

// settings is a Config with its defaults applied and its lists indexed.
type settings struct {
	Config
	polling, websocket bool
	anyOrigin          bool
	origins            map[string]bool // lower-cased scheme://host[:port]
}

func newSettings(cfg Config) *settings {
	s := &settings{Config: cfg}
	if s.PingInterval <= 0 {
		s.PingInterval = DefaultPingInterval
	}
	if s.PingTimeout <= 0 {
		s.PingTimeout = DefaultPingTimeout
	}
	if s.UpgradeTimeout <= 0 {
		s.UpgradeTimeout = DefaultUpgradeTimeout
	}
	if s.MaxPayload <= 0 {
		s.MaxPayload = DefaultMaxPayload
	}
	if s.WriteQueueLimit <= 0 {
		s.WriteQueueLimit = DefaultWriteQueueLimit
	}
	if s.WriteTimeout <= 0 {
		s.WriteTimeout = DefaultWriteTimeout
	}
	if s.Logger == nil {
		s.Logger = slog.Default()
	}
	if len(s.Transports) == 0 {
		s.polling, s.websocket = true, true
	}
	for _, t := range s.Transports {
		switch t {
		case TransportPolling:
			s.polling = true
		case TransportWebSocket:
			s.websocket = true
		}
	}
	for _, o := range s.AllowedOrigins {
		if o == "*" {
			s.anyOrigin = true
			continue
		}
		if s.origins == nil {
			s.origins = make(map[string]bool)
		}
		s.origins[strings.ToLower(strings.TrimSuffix(o, "/"))] = true
	}
	return s
}

// enabled reports whether transport is a known, enabled transport name.
func (s *settings) enabled(transport string) bool {
	switch transport {
	case TransportPolling:
		return s.polling
	case TransportWebSocket:
		return s.websocket
	}
	return false
}

// upgradesFrom lists the transports a session opened on transport may
// upgrade to.
func (s *settings) upgradesFrom(transport string) []string {
	if transport == TransportPolling && s.websocket {
		return []string{TransportWebSocket}
	}
	return nil
}

package sioadmin

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/rtgen/rtgen/runtime/socketio"
)

// Defaults taken by zero Options fields.
const (
	DefaultNamespace     = "/admin"        // the UI's default namespace
	DefaultStatsInterval = 2 * time.Second // as the Node server
)

// Options configures the admin namespace. Either PasswordHash or NoAuth
// must be set.
type Options struct {
	// Namespace is the admin namespace's name. "" → "/admin".
	Namespace string
	// Username and PasswordHash are the credentials the UI's login form
	// must send. PasswordHash is a bcrypt hash of the password
	// (bcrypt.GenerateFromPassword, `htpasswd -nbB`), never the password.
	Username     string
	PasswordHash string
	// NoAuth accepts every connection to the admin namespace, as the Node
	// server's `auth: false`: only for a server nobody else can reach.
	NoAuth bool
	// ReadOnly refuses the operations (join, leave, disconnect); the UI
	// then shows no controls for them.
	ReadOnly bool
	// Production sends only server statistics and aggregated counts: no
	// socket list and no per-socket events (the Node server's mode
	// "production").
	Production bool
	// ServerID names this server in the UI. "" → the host name.
	ServerID string
	// SocketData returns what the UI shows as a socket's data (Node's
	// socket.data), e.g. its user; it must be JSON-encodable and leave
	// secrets out. nil shows nothing. It runs on the goroutine that
	// observed the socket, so keep it cheap.
	SocketData func(*socketio.Socket) any
	// StatsInterval is how often server_stats are sent. 0 → 2s.
	StatsInterval time.Duration
}

// Instrument serves the Admin UI's protocol on srv's admin namespace (see
// the package documentation); call it once per server. It fails when
// neither a valid bcrypt PasswordHash nor NoAuth is given.
func Instrument(srv *socketio.Server, opts Options) error {
	if opts.Namespace == "" {
		opts.Namespace = DefaultNamespace
	}
	if opts.StatsInterval <= 0 {
		opts.StatsInterval = DefaultStatsInterval
	}
	host, _ := os.Hostname()
	if opts.ServerID == "" {
		opts.ServerID = host
	}
	a := &admin{srv: srv, opts: opts, hostname: host, started: time.Now(), checks: make(chan struct{}, 1)}
	nsOpts := []socketio.NamespaceOption{
		socketio.WithLogLabel("Admin"),
		socketio.WithCatalog(socketio.Catalog{Events: catalogEvents}),
	}
	switch {
	case opts.PasswordHash != "":
		if _, err := bcrypt.Cost([]byte(opts.PasswordHash)); err != nil {
			return fmt.Errorf("sioadmin: PasswordHash must be a bcrypt hash: %w", err)
		}
		nsOpts = append(nsOpts, socketio.WithAuth(a.authenticate))
	case !opts.NoAuth:
		return errors.New("sioadmin: set Options.PasswordHash (a bcrypt hash), or NoAuth to let anyone in")
	}
	a.features = features(opts)
	a.ns = srv.Of(opts.Namespace, nsOpts...)
	a.ns.OnConnection(a.welcome)
	a.ns.OnDisconnect(func(*socketio.Socket, string) { a.watch(-1) })
	a.handleOperations()
	srv.Observe(a)
	return nil
}

// The Admin UI's feature flags (its typed-events.ts).
const (
	featureJoin             = "JOIN"
	featureLeave            = "LEAVE"
	featureDisconnect       = "DISCONNECT"
	featureMultiJoin        = "MJOIN"
	featureMultiLeave       = "MLEAVE"
	featureMultiDisconnect  = "MDISCONNECT"
	featureAggregatedEvents = "AGGREGATED_EVENTS"
	featureAllEvents        = "ALL_EVENTS"
)

func features(opts Options) []string {
	var f []string
	if !opts.ReadOnly {
		f = append(f, featureJoin, featureLeave, featureDisconnect, featureMultiJoin, featureMultiLeave, featureMultiDisconnect)
	}
	f = append(f, featureAggregatedEvents)
	if !opts.Production {
		f = append(f, featureAllEvents)
	}
	return f
}

// catalogEvents are the admin namespace's events both ways, so that
// metrics label them by name.
var catalogEvents = []string{
	opJoin, opLeave, opDisconnect,
	"session", "config", "server_stats", "all_sockets", "socket_connected", "socket_updated",
	"socket_disconnected", "room_joined", "room_left", "event_received", "event_sent",
}

// admin is the server side of the Admin UI for one socketio.Server.
type admin struct {
	socketio.NopObserver
	srv      *socketio.Server
	ns       *socketio.Namespace
	opts     Options
	features []string
	hostname string
	started  time.Time
	sessions sessions
	checks   chan struct{} // one password check at a time
	counts   aggregate

	// watchers counts the connected admin sockets; nothing is collected
	// while it is 0. mu orders its changes with starting and stopping the
	// stats loop.
	watchers  atomic.Int32
	mu        sync.Mutex
	stopStats chan struct{}
}

// welcome sends a new admin socket its session, the features, the sockets
// and the current statistics.
func (a *admin) welcome(ctx context.Context, s *socketio.Socket) {
	a.watch(+1)
	if l, ok := s.Session().(login); ok && l.newSession != "" {
		s.Emit("session", l.newSession)
	}
	s.Emit("config", map[string]any{"supportedFeatures": a.features})
	if !a.opts.Production {
		a.emitTo(s, "all_sockets", a.allSockets())
	}
	a.emitTo(s, "server_stats", a.stats(false))
}

// watch counts admin sockets in (+1) and out (-1), running the stats loop
// while there is one.
func (a *admin) watch(delta int32) {
	a.mu.Lock()
	defer a.mu.Unlock()
	switch n := a.watchers.Add(delta); {
	case n == 1 && delta > 0:
		a.stopStats = make(chan struct{})
		go a.statsLoop(a.stopStats)
	case n == 0:
		close(a.stopStats)
		a.counts.take() // nothing is kept for the next watcher
	}
}

// watched reports whether an admin socket is connected.
func (a *admin) watched() bool { return a.watchers.Load() > 0 }

// emit sends an event to every admin socket, logging what cannot be
// encoded (SocketData returning something JSON refuses).
func (a *admin) emit(event string, args ...any) {
	if err := a.ns.Emit(event, args...); err != nil {
		a.ns.Logger().Warn("Cannot send "+event+": "+err.Error(), "event", event, "error", err.Error())
	}
}

// emitTo sends an event to one admin socket.
func (a *admin) emitTo(s *socketio.Socket, event string, args ...any) {
	if err := s.Emit(event, args...); err != nil && !errors.Is(err, socketio.ErrDisconnected) {
		s.Logger().Warn("Cannot send "+event+": "+err.Error(), "event", event, "error", err.Error())
	}
}

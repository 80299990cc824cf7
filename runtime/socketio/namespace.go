package socketio

import (
	"context"
	"fmt"
	"log/slog"
	"sync"

	"github.com/rtgen/rtgen/runtime/internal/sioproto"
)

// AuthFunc authorizes a CONNECT to a namespace. What it returns becomes
// Socket.Session. A non-nil error refuses the connection: the client gets
// CONNECT_ERROR {"message": <message>, "data": {"code": <code>[, "details":
// …]}}, taken from an *Error, else code "unauthorized" and err.Error() as
// the message (so keep it fit for clients). ctx is cancelled if the
// connection closes meanwhile. It runs on the socket's goroutine, so it
// may block (a database lookup) without stalling other clients.
type AuthFunc func(ctx context.Context, h *Handshake) (session any, err error)

// NamespaceOption configures a namespace in Server.Of.
type NamespaceOption func(*Namespace)

// WithLogLabel sets the label prefixed to the namespace's log messages:
// "[Leaderboard] Client connected: abc123". The default is derived from
// the name: "/leaderboard" → "Leaderboard", "/" → "Main".
func WithLogLabel(label string) NamespaceOption {
	return func(n *Namespace) {
		n.log = namespaceLogger(n.srv.log, label, n.name)
	}
}

// WithAuth sets the namespace's AuthFunc; without one every CONNECT is
// accepted and Socket.Session is nil.
func WithAuth(fn AuthFunc) NamespaceOption {
	return func(n *Namespace) { n.auth = fn }
}

// Namespace is a communication channel multiplexed on client connections,
// with its own handlers, sockets and rooms. All methods are safe for
// concurrent use; handlers may be registered while the server runs.
type Namespace struct {
	srv     *Server
	name    string
	adapter Adapter
	store   RecoveryStore // the adapter, when recovery is on; else nil
	rec     recoveryCounters

	mu       sync.RWMutex
	log      *slog.Logger
	auth     AuthFunc
	rules    []roomRule // HandleRoom's, in registration order
	onConn   []func(context.Context, *Socket)
	onDisc   []func(*Socket, string)
	handlers map[string]EventHandler
	sockets  map[string]*Socket // connected, by id
	byPID    map[string]*Socket // connected, by private session id (recovery on)
	catalog  *catalog           // WithCatalog; nil when undeclared
	contract *contractCheck     // WithContract; nil when undeclared
}

func newNamespace(srv *Server, name string) *Namespace {
	n := &Namespace{
		srv:      srv,
		name:     name,
		log:      namespaceLogger(srv.log, defaultLabel(name), name),
		handlers: make(map[string]EventHandler),
		sockets:  make(map[string]*Socket),
	}
	n.adapter = srv.cfg.Adapter(adapterNamespace{n})
	if srv.cfg.Recovery != nil {
		store, ok := n.adapter.(RecoveryStore)
		if !ok {
			panic(fmt.Sprintf("socketio: Config.Recovery is set, but the adapter of %s (%T) is no RecoveryStore", name, n.adapter))
		}
		n.store = store
		n.byPID = make(map[string]*Socket)
	}
	return n
}

// RecoveryStats returns the namespace's connection-state recovery counts
// (zero when recovery is off).
func (n *Namespace) RecoveryStats() RecoveryStats {
	st := RecoveryStats{
		Recovered:    n.rec.recovered.Load(),
		NotRecovered: n.rec.notRecovered.Load(),
		Replayed:     n.rec.replayed.Load(),
	}
	if c, ok := n.adapter.(historyDropCounter); ok {
		st.HistoryDropped = c.HistoryDropped()
	}
	return st
}

func (n *Namespace) addRoomRule(r roomRule) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.rules = append(n.rules, r)
}

// mayRestore reports whether a recovering socket may be given back room:
// true in a namespace without room rules (as in Socket.IO), otherwise only
// when a rule matches the room and allows it. A rule's error refuses.
func (n *Namespace) mayRestore(ctx context.Context, s *Socket, room string) bool {
	n.mu.RLock()
	rules := n.rules
	n.mu.RUnlock()
	if len(rules) == 0 {
		return true
	}
	for _, rule := range rules {
		if matched, allowed, err := rule(ctx, s, room); matched {
			return allowed && err == nil
		}
	}
	return false
}

// Name returns the namespace name, e.g. "/leaderboard".
func (n *Namespace) Name() string { return n.name }

// Logger returns the namespace's logger: records carry the namespace
// attribute and the label prefix.
func (n *Namespace) Logger() *slog.Logger {
	n.mu.RLock()
	defer n.mu.RUnlock()
	return n.log
}

// OnConnection registers fn to run when a socket has joined (after the
// CONNECT reply was sent, so emits from fn reach the client after it saw
// the connection). Handlers run in registration order on the socket's
// goroutine, before any of its events.
func (n *Namespace) OnConnection(fn func(ctx context.Context, s *Socket)) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.onConn = append(n.onConn, fn)
}

// OnDisconnect registers fn to run when a socket leaves, with the reason
// (see the Reason* constants), after its queued events were handled.
func (n *Namespace) OnDisconnect(fn func(s *Socket, reason string)) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.onDisc = append(n.onDisc, fn)
}

// On registers the handler of a client event. It panics if the name is
// reserved (the client cannot send it), h is nil, or a handler is already
// registered for the event: these are programming errors.
func (n *Namespace) On(event string, h EventHandler) {
	if sioproto.IsReservedEvent(event) {
		panic(fmt.Sprintf("socketio: %q is a reserved event name", event))
	}
	if h == nil {
		panic("socketio: nil handler for event " + event)
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if _, dup := n.handlers[event]; dup {
		panic(fmt.Sprintf("socketio: handler for %q registered twice in %s", event, n.name))
	}
	n.handlers[event] = h
}

func (n *Namespace) handler(event string) EventHandler {
	n.mu.RLock()
	defer n.mu.RUnlock()
	return n.handlers[event]
}

func (n *Namespace) authFunc() AuthFunc {
	n.mu.RLock()
	defer n.mu.RUnlock()
	return n.auth
}

func (n *Namespace) connectionHandlers() []func(context.Context, *Socket) {
	n.mu.RLock()
	defer n.mu.RUnlock()
	return n.onConn
}

func (n *Namespace) disconnectHandlers() []func(*Socket, string) {
	n.mu.RLock()
	defer n.mu.RUnlock()
	return n.onDisc
}

func (n *Namespace) add(s *Socket) {
	n.mu.Lock()
	n.sockets[s.id] = s
	if n.byPID != nil {
		n.byPID[s.pid] = s
	}
	n.mu.Unlock()
}

func (n *Namespace) remove(s *Socket) {
	n.mu.Lock()
	if n.sockets[s.id] == s {
		delete(n.sockets, s.id)
	}
	if n.byPID != nil && n.byPID[s.pid] == s {
		delete(n.byPID, s.pid)
	}
	n.mu.Unlock()
}

// socketByPID returns the connected socket holding private session id pid.
func (n *Namespace) socketByPID(pid string) *Socket {
	n.mu.RLock()
	defer n.mu.RUnlock()
	return n.byPID[pid]
}

// Socket returns the local connected socket with the given id.
func (n *Namespace) Socket(id string) (*Socket, bool) {
	n.mu.RLock()
	defer n.mu.RUnlock()
	s, ok := n.sockets[id]
	return s, ok
}

// Emit sends an event to every socket of the namespace.
func (n *Namespace) Emit(event string, args ...any) error {
	return n.broadcast().Emit(event, args...)
}

// To returns a broadcast to the sockets in any of rooms.
func (n *Namespace) To(rooms ...string) *BroadcastOperator { return n.broadcast().To(rooms...) }

// Except returns a broadcast to every socket not in any of rooms.
func (n *Namespace) Except(rooms ...string) *BroadcastOperator {
	return n.broadcast().Except(rooms...)
}

func (n *Namespace) broadcast() *BroadcastOperator { return &BroadcastOperator{nsp: n} }

// Sockets describes the sockets in any of rooms (all when none are given),
// across every node the adapter spans, sorted by id.
func (n *Namespace) Sockets(ctx context.Context, rooms ...string) ([]SocketInfo, error) {
	return n.adapter.Sockets(ctx, rooms)
}

// Count returns the number of sockets connected to the namespace.
func (n *Namespace) Count(ctx context.Context) (int, error) { return n.adapter.Count(ctx) }

// RoomSize returns the number of sockets in room.
func (n *Namespace) RoomSize(ctx context.Context, room string) (int, error) {
	return n.adapter.RoomSize(ctx, room)
}

// HasMembers reports whether any socket is in room (e.g. whether a user,
// through their "user:{id}" room, is connected).
func (n *Namespace) HasMembers(ctx context.Context, room string) (bool, error) {
	return n.adapter.HasMembers(ctx, room)
}

// adapterNamespace is the Namespace as its Adapter sees it.
type adapterNamespace struct{ n *Namespace }

func (a adapterNamespace) Name() string { return a.n.name }

// Deliver sends p to the given local sockets. The sockets are collected
// under the read lock and sent to after it is released, so a session that
// closes during the send can unregister its sockets.
func (a adapterNamespace) Deliver(p *Packet, ids []string) {
	buf := socketSlicePool.Get().(*[]*Socket)
	targets := (*buf)[:0]
	a.n.mu.RLock()
	for _, id := range ids {
		if s := a.n.sockets[id]; s != nil {
			targets = append(targets, s)
		}
	}
	a.n.mu.RUnlock()
	sent := targets[:0]
	for _, s := range targets {
		if s.send(p) == nil { // a failure concerns that client only (closed or slow)
			sent = append(sent, s)
		}
	}
	if p.delivered != nil {
		p.delivered.Add(int64(len(sent)))
	}
	if o := a.n.srv.observer(); o != nil {
		o.Delivered(a.n, p, sent)
	}
	clear(targets)
	*buf = targets
	if cap(targets) <= 1<<16 {
		socketSlicePool.Put(buf)
	}
}

var socketSlicePool = sync.Pool{New: func() any { return new([]*Socket) }}

func (a adapterNamespace) Recovery() *RecoveryConfig { return a.n.srv.cfg.Recovery }

func (a adapterNamespace) Socket(id string) (*Socket, bool) { return a.n.Socket(id) }

func (a adapterNamespace) SessionOf(id string) any {
	if s, ok := a.n.Socket(id); ok {
		return s.Session()
	}
	return nil
}

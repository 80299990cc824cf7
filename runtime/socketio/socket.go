package socketio

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rtgen/rtgen/runtime/engineio"
	"github.com/rtgen/rtgen/runtime/internal/sioproto"
)

// Socket states. A socket is registered on its connection while connecting
// (authorization running), serves while connected, and never comes back
// from closed.
const (
	stateConnecting int32 = iota
	stateRestoring        // recovering: in its rooms, live packets held back
	stateConnected
	stateClosed
)

// Socket is one client's membership of one namespace. All methods are safe
// for concurrent use.
type Socket struct {
	id   string
	nsp  *Namespace
	conn *conn
	auth json.RawMessage // the CONNECT payload

	// Built on first use, and most sockets never need them.
	hs     atomic.Pointer[Handshake]
	logger atomic.Pointer[slog.Logger]

	state atomic.Int32
	// joined is set once the connect step succeeded; only the socket
	// goroutine touches it (runs are ordered through mu).
	joined    bool
	recovered bool // see pid
	running   bool // a socket goroutine is draining queue (under mu)
	cancelled bool // the socket's context is done (under mu)
	session   any  // set before the socket becomes connected, then read-only

	// Connection-state recovery, when on. pid, recovered and connectedAt
	// are set before the socket becomes connected, then read-only.
	pid         string                 // private session id, a bearer secret of this socket
	connectedAt string                 // the store's position when it first connected
	addressed   atomic.Pointer[string] // offset of the last stored packet sent to it
	txMu        sync.Mutex             // orders sending a stored packet and reading addressed for a volatile one
	held        []*Packet              // live packets that arrived while restoring (under mu)

	mu         sync.Mutex
	acks       map[uint64]chan ackReply // server→client acks awaited
	nextAck    uint64
	queue      []func()                // work for the socket goroutine
	done       chan struct{}           // the context's Done, made on first use
	afterFuncs map[*afterFunc]struct{} // the context's AfterFunc callbacks
}

func newSocket(nsp *Namespace, c *conn, auth json.RawMessage) *Socket {
	return &Socket{id: newSocketID(), nsp: nsp, conn: c, auth: auth}
}

// ID returns the Socket.IO socket id: random, public, and distinct from
// the Engine.IO session id.
func (s *Socket) ID() string { return s.id }

// Namespace returns the socket's namespace.
func (s *Socket) Namespace() *Namespace { return s.nsp }

// Handshake returns how the socket connected.
func (s *Socket) Handshake() *Handshake {
	if hs := s.hs.Load(); hs != nil {
		return hs
	}
	r, query := s.conn.handshake()
	s.hs.CompareAndSwap(nil, &Handshake{Header: r.Header, Query: query, RemoteAddr: r.RemoteAddr, Auth: s.auth, Time: s.conn.created})
	return s.hs.Load()
}

// Session returns what the namespace's AuthFunc returned for this socket;
// nil when the namespace has none.
func (s *Socket) Session() any { return s.session }

// Recovered reports whether the socket is a recovery: the client came back
// after losing its transport, kept this socket's id and rooms, and was sent
// every event it missed meanwhile (socket.recovered in the client). Always
// false without Config.Recovery.
func (s *Socket) Recovered() bool { return s.recovered }

// Context returns a context cancelled when the socket disconnects.
func (s *Socket) Context() context.Context { return s.ctx() }

// Logger returns a logger whose records carry the namespace and socket
// attributes and the namespace's label prefix ("[Leaderboard] …").
func (s *Socket) Logger() *slog.Logger {
	if l := s.logger.Load(); l != nil {
		return l
	}
	s.logger.CompareAndSwap(nil, s.nsp.Logger().With("socket", s.id))
	return s.logger.Load()
}

// log writes what Logger().Log would, with the caller's position, without
// keeping a logger per socket: the socket attribute comes first among the
// record's.
func (s *Socket) log(level slog.Level, msg string, args ...any) {
	l, ctx := s.nsp.Logger(), context.Background()
	if !l.Enabled(ctx, level) {
		return
	}
	var pc [1]uintptr
	runtime.Callers(2, pc[:])
	r := slog.NewRecord(time.Now(), level, msg, pc[0])
	r.Add("socket", s.id)
	r.Add(args...)
	l.Handler().Handle(ctx, r)
}

// Connected reports whether the socket is connected.
func (s *Socket) Connected() bool { return s.state.Load() == stateConnected }

// Join adds the socket to rooms. It does nothing once the socket has
// disconnected, so a join racing with a disconnect leaves no trace.
func (s *Socket) Join(rooms ...string) {
	// s.mu orders this against onClose: either the join lands before
	// DelAll, or it sees the socket closed.
	s.mu.Lock()
	joined := s.state.Load() == stateConnected
	if joined {
		s.nsp.adapter.AddAll(s.id, rooms)
	}
	s.mu.Unlock()
	if o := s.nsp.srv.observer(); o != nil && joined {
		o.RoomsJoined(s, rooms)
	}
}

// Leave removes the socket from rooms.
func (s *Socket) Leave(rooms ...string) {
	s.mu.Lock()
	left := s.state.Load() == stateConnected
	for _, r := range rooms {
		if left {
			s.nsp.adapter.Del(s.id, r)
		}
	}
	s.mu.Unlock()
	if o := s.nsp.srv.observer(); o != nil && left {
		o.RoomsLeft(s, rooms)
	}
}

// Rooms returns the socket's rooms, sorted; its own id room is included, as
// in Socket.IO.
func (s *Socket) Rooms() []string { return s.nsp.adapter.SocketRooms(s.id) }

// Emit sends an event to this socket. Arguments are encoded as described in
// the package documentation. It returns ErrDisconnected when the socket is
// not connected; delivery itself is at most once.
func (s *Socket) Emit(event string, args ...any) error {
	p, err := encodePacket(sioproto.Event, s.nsp.name, false, 0, event, args)
	if err != nil {
		return err
	}
	if s.nsp.store != nil {
		// Through the adapter, so that the event is stored and replayed if
		// the client misses it, as Socket.IO does with recovery on; the
		// adapter's delivery is observed there.
		if !s.Connected() {
			return ErrDisconnected
		}
		s.observeEmit(p, false)
		return s.nsp.adapter.Broadcast(p, BroadcastOptions{Rooms: []string{s.id}})
	}
	err = s.send(p)
	s.observeEmit(p, err == nil)
	return err
}

// observeEmit reports an event for this socket alone to the observer:
// emitted, and delivered when it was queued here.
func (s *Socket) observeEmit(p *Packet, delivered bool) {
	if o := s.nsp.srv.observer(); o != nil {
		o.EventEmitted(s.nsp, p.Event(), []string{s.id})
		if delivered {
			o.Delivered(s.nsp, p, []*Socket{s})
		}
	}
}

// To returns a broadcast to rooms that excludes this socket.
func (s *Socket) To(rooms ...string) *BroadcastOperator {
	return s.nsp.To(rooms...).Except(s.id)
}

// Disconnect removes the socket from its namespace: the client receives
// DISCONNECT and reports "io server disconnect" (it does not reconnect by
// itself); OnDisconnect handlers see "server namespace disconnect". With
// closeConn, every socket of the connection is disconnected that way and
// the Engine.IO connection is closed too.
func (s *Socket) Disconnect(closeConn bool) {
	if closeConn {
		s.conn.disconnectAll()
		return
	}
	if s.state.Load() != stateConnected {
		return
	}
	s.send(encodeControl(sioproto.Disconnect, s.nsp.name, nil))
	s.onClose(ReasonServerDisconnect)
}

// send queues p on the connection unless the socket is closed; a volatile
// p is dropped unless the client is ready for it. While the socket is
// being restored, packets are held back until its missed ones are out.
func (s *Socket) send(p *Packet) error {
	switch s.state.Load() {
	case stateConnected:
	case stateRestoring:
		s.mu.Lock()
		if s.state.Load() == stateRestoring {
			s.held = append(s.held, p)
			s.mu.Unlock()
			return nil
		}
		s.mu.Unlock()
		return s.send(p)
	default:
		return ErrDisconnected
	}
	return s.transmit(p)
}

// errVolatileDropped reports a volatile packet the transport dropped; only
// delivery counting looks at it.
var errVolatileDropped = errors.New("socketio: volatile packet dropped")

// transmit hands p to the transport.
func (s *Socket) transmit(p *Packet) error {
	if p.volatile {
		return s.transmitVolatile(p)
	}
	if p.offset != "" {
		// Recorded whether or not the transport takes it: a packet lost
		// here is one the client has not seen, and recovery replays it.
		s.txMu.Lock()
		defer s.txMu.Unlock()
		s.addressed.Store(&p.offset)
	}
	if err := s.conn.tr.send(p); err != nil {
		if errors.Is(err, engineio.ErrSessionClosed) || errors.Is(err, engineio.ErrSlowClient) {
			return fmt.Errorf("%w: %w", ErrDisconnected, err)
		}
		return err
	}
	return nil
}

// transmitVolatile hands volatile p to the transport unless the client is
// behind. socket.io-client takes the last argument of any event for its
// recovery offset when it is a string (the event name, when there are no
// arguments): with recovery on, such a packet would leave the client with
// an offset that is none, and its next recovery would fail (socket.io
// #5539). It goes out with the offset the client already has appended
// instead: that of the last stored packet sent before it, else the
// position the socket connected at.
func (s *Socket) transmitVolatile(p *Packet) error {
	if s.nsp.store != nil && p.endsWithString() {
		s.txMu.Lock()
		defer s.txMu.Unlock()
		offset := s.connectedAt
		if a := s.addressed.Load(); a != nil {
			offset = *a
		}
		if offset != "" {
			p = p.WithOffset(offset)
		}
	}
	if !s.conn.tr.sendVolatile(p) {
		return errVolatileDropped
	}
	return nil
}

// onPacket handles a packet for this socket on the Engine.IO reader.
func (s *Socket) onPacket(p *sioproto.Packet) {
	switch p.Type {
	case sioproto.Event, sioproto.BinaryEvent:
		name, err := sioproto.EventName(p.Data)
		if err == nil {
			var args Args
			if args, err = newArgs(p.Data, p.Attachments, 1); err == nil {
				s.queueEvent(name, args, p.HasID, p.ID)
				return
			}
		}
		s.conn.protocolError(err)
	case sioproto.Ack, sioproto.BinaryAck:
		if !p.HasID {
			s.conn.protocolError(fmt.Errorf("%s without an ack id", p.Type))
			return
		}
		args, err := newArgs(p.Data, p.Attachments, 0)
		if err != nil {
			s.conn.protocolError(err)
			return
		}
		s.resolveAck(p.ID, args)
	case sioproto.Disconnect:
		s.onClose(ReasonClientDisconnect)
	}
}

// runConnect is the first job of every socket: check the contract the
// client presents, authorize, join, reply, then run the OnConnection
// handlers.
func (s *Socket) runConnect() {
	nsp := s.nsp
	if c := nsp.contractCheck(); c != nil {
		if err := c.check(s.auth); err != nil {
			s.refuse(err)
			return
		}
	}
	if auth := nsp.authFunc(); auth != nil {
		session, err := s.authorize(auth)
		if err != nil {
			s.refuse(err)
			return
		}
		s.session = session
	}
	if !s.join() {
		return // the connection closed meanwhile
	}
	s.joined = true
	s.conn.joinedNamespace()
	if o := nsp.srv.observer(); o != nil {
		o.SocketConnected(s)
	}
	if !s.recovered {
		s.log(slog.LevelInfo, "Client connected: "+s.id)
	}
	for _, fn := range nsp.connectionHandlers() {
		s.protect("connection handler", func() { fn(s.ctx(), s) })
	}
}

// authorize runs auth, turning a panic into an error.
func (s *Socket) authorize(auth AuthFunc) (session any, err error) {
	defer func() {
		if v := recover(); v != nil {
			s.logPanic("auth", v)
			session, err = nil, &Error{Code: CodeInternal, Message: "internal error"}
		}
	}()
	return auth(s.ctx(), s.Handshake()) // cancelled by onClose when the connection closes meanwhile
}

// refuse answers a failed authorization with CONNECT_ERROR
// {"message": …, "data": {"code": …[, "details": …]}}, drops the kept
// session the CONNECT presented (forgetSession) and forgets the socket.
func (s *Socket) refuse(err error) {
	e := &Error{Code: CodeUnauthorized, Message: err.Error()}
	if ae, ok := errors.AsType[*Error](err); ok {
		e = ae
	}
	type data struct {
		Code    string `json:"code"`
		Details any    `json:"details,omitempty"`
	}
	body, merr := json.Marshal(struct {
		Message string `json:"message"`
		Data    data   `json:"data"`
	}{e.Message, data{e.Code, e.Details}})
	if merr != nil {
		body, _ = json.Marshal(map[string]any{"message": e.Message, "data": data{Code: e.Code}})
	}
	if s.state.CompareAndSwap(stateConnecting, stateClosed) {
		s.forgetSession()
		s.dropQueue() // events sent before the refusal never reach a handler
		s.conn.removeSocket(s)
		s.cancelContext()
		s.conn.tr.send(encodeControl(sioproto.ConnectError, s.nsp.name, body))
		if o := s.nsp.srv.observer(); o != nil {
			o.ConnectRefused(s.nsp, e.Code)
		}
		s.log(slog.LevelInfo, "Connection refused: "+e.Message, "code", e.Code)
	}
}

// onClose disconnects the socket once: it leaves every room, fails its
// pending acks with ErrDisconnected, cancels its context and queues the
// OnDisconnect handlers behind any events still waiting.
func (s *Socket) onClose(reason string) {
	// The store's position is read before the socket leaves its rooms: what
	// is stored after it is replayed on recovery, what is stored before it
	// was sent to the socket.
	var keep *PersistedSession
	if s.nsp.store != nil && recoverableReasons[reason] && s.state.Load() == stateConnected {
		keep = s.sessionToKeep()
	}
	o := s.nsp.srv.observer()
	var rooms []string // the rooms it leaves, for recovery and the observer
	s.mu.Lock()
	prev := s.state.Swap(stateClosed)
	acks := s.acks
	s.acks = nil
	if prev == stateConnected || prev == stateRestoring {
		if keep != nil || o != nil {
			rooms = s.nsp.adapter.SocketRooms(s.id)
		}
		if keep != nil {
			keep.Rooms = rooms
		}
		s.nsp.adapter.DelAll(s.id)
	}
	s.held = nil
	s.mu.Unlock()
	if prev == stateClosed {
		return
	}
	if keep != nil && prev == stateConnected {
		s.persist(*keep)
	}
	if prev == stateRestoring {
		s.nsp.remove(s)
	}
	s.cancelContext()
	for _, ch := range acks {
		ch <- ackReply{err: ErrDisconnected}
	}
	s.conn.removeSocket(s)
	if prev != stateConnected {
		return // never connected: no one was told it had
	}
	s.nsp.remove(s)
	if o != nil {
		if left := slices.DeleteFunc(slices.Clone(rooms), func(r string) bool { return r == s.id }); len(left) > 0 {
			o.RoomsLeft(s, left)
		}
		o.SocketDisconnected(s, reason)
	}
	s.enqueue(func() {
		s.log(slog.LevelInfo, fmt.Sprintf("Client disconnected: %s (%s)", s.id, reason), "reason", reason)
		for _, fn := range s.nsp.disconnectHandlers() {
			s.protect("disconnect handler", func() { fn(s, reason) })
		}
	}, false)
}

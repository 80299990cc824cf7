package engineio

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"sync"

	"github.com/gorilla/websocket"
)

// Server is an Engine.IO v4 server. It is an http.Handler, agnostic of the
// path it is mounted at. All methods are safe for concurrent use.
type Server struct {
	cfg        *settings
	accept     func(*Session) SessionHandler
	upgrader   websocket.Upgrader
	flusher    *flusher
	heartbeats *heartbeats

	mu       sync.Mutex
	sessions map[string]*Session // reachable by sid
	open     int                 // sessions not yet closing
	conns    map[*wsConn]struct{}
	stopping bool
	active   int           // sessions before OnClose returned + live WebSockets
	idle     chan struct{} // made by Shutdown, closed when active reaches 0
}

// writeBufferPool is given to gorilla so that it allocates no write buffer
// for a Conn that never writes.
var writeBufferPool sync.Pool

// NewServer returns a Server configured by cfg. accept is called once per
// new session, before its open packet is sent, and returns the handler of
// its traffic; a nil handler refuses the session: a polling handshake gets
// 403, a WebSocket one is closed with 1008 before any packet.
func NewServer(cfg Config, accept func(*Session) SessionHandler) *Server {
	srv := &Server{
		cfg:      newSettings(cfg),
		accept:   accept,
		sessions: make(map[string]*Session),
		conns:    make(map[*wsConn]struct{}),
		flusher:  newFlusher(),
	}
	srv.heartbeats = newHeartbeats(srv.cfg)
	srv.upgrader = websocket.Upgrader{
		// gorilla does the handshake only (see hijackCapture): its Conn,
		// which takes over net/http's read buffer (ReadBufferSize 0), is
		// dropped at once.
		HandshakeTimeout: srv.cfg.WriteTimeout,
		WriteBufferPool:  &writeBufferPool,
		// Origins are checked before upgrading, with the server's policy.
		CheckOrigin: func(*http.Request) bool { return true },
		Error: func(w http.ResponseWriter, _ *http.Request, status int, _ error) {
			(&httpError{status, codeBadRequest, "Bad request"}).write(w)
		},
	}
	return srv
}

// SessionCount returns the number of sessions that are open (not closing).
func (srv *Server) SessionCount() int {
	srv.mu.Lock()
	defer srv.mu.Unlock()
	return srv.open
}

// ServeHTTP serves Engine.IO requests: polling handshakes, GETs and POSTs,
// WebSocket handshakes and upgrades, and CORS preflights.
func (srv *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	cfg := srv.cfg
	if !cfg.originAllowed(r) {
		cfg.Logger.Warn("engineio: origin refused", slog.String("origin", r.Header.Get("Origin")),
			slog.String("remote", r.RemoteAddr))
		errForbidden.write(w)
		return
	}
	if r.Method == http.MethodOptions {
		servePreflight(w, r)
		return
	}
	setCORSHeaders(w.Header(), r)

	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		errBadRequest.write(w)
		return
	}
	transport, ok := single(q, "transport")
	if !ok || !cfg.enabled(transport) {
		errUnknownTransport.write(w)
		return
	}
	if eio, ok := single(q, "EIO"); !ok || eio != "4" {
		errUnsupportedProtocol.write(w)
		return
	}
	isUpgrade := websocket.IsWebSocketUpgrade(r)
	if isUpgrade != (transport == TransportWebSocket) {
		errBadRequest.write(w) // a plain GET for websocket, or an upgrade for polling
		return
	}
	if _, hasSID := q["sid"]; !hasSID {
		srv.handshake(w, r, transport)
		return
	}
	sid, ok := single(q, "sid")
	var s *Session
	if ok {
		s = srv.lookup(sid)
	}
	if s == nil {
		errUnknownSID.write(w)
		return
	}
	switch {
	case isUpgrade:
		if srv.refused(w, r) {
			return
		}
		srv.serveWebSocket(w, r, s)
	case r.Method == http.MethodGet:
		s.servePoll(w, r)
	case r.Method == http.MethodPost:
		s.servePost(w, r)
	default:
		errBadRequest.write(w)
	}
}

// single returns the only value of a query parameter.
func single(q url.Values, key string) (string, bool) {
	v := q[key]
	if len(v) != 1 {
		return "", false
	}
	return v[0], true
}

// refused applies Config.AllowRequest.
func (srv *Server) refused(w http.ResponseWriter, r *http.Request) bool {
	if srv.cfg.AllowRequest == nil {
		return false
	}
	if err := srv.cfg.AllowRequest(r); err != nil {
		forbidden(err.Error()).write(w)
		return true
	}
	return false
}

// handshake opens a new session on transport.
func (srv *Server) handshake(w http.ResponseWriter, r *http.Request, transport string) {
	if r.Method != http.MethodGet {
		errBadHandshakeMethod.write(w)
		return
	}
	if srv.refused(w, r) {
		return
	}
	if transport == TransportWebSocket {
		srv.serveWebSocket(w, r, nil)
		return
	}
	s, accepted := srv.newSession(r, TransportPolling, nil)
	switch {
	case s == nil:
		errShuttingDown.write(w)
	case !accepted:
		errForbidden.write(w)
	default:
		s.servePoll(w, r)
	}
}

// newSession creates and registers a session carried by t (nil for
// polling). It returns nil if the server is shutting down, and accepted
// false if accept refused the session, which is then already closing.
func (srv *Server) newSession(r *http.Request, transport string, t *wsConn) (s *Session, accepted bool) {
	if !srv.track() {
		return nil, false
	}
	s = newSession(srv, r, transport)
	if t != nil {
		s.ws = t // before accept, whose Sends then start the writer
		t.s.Store(s)
	}
	srv.mu.Lock()
	srv.sessions[s.id] = s
	srv.open++
	srv.mu.Unlock()
	s.dispatchMu.Lock()
	s.handler = srv.accept(s)
	s.dispatchMu.Unlock()
	if s.handler == nil {
		s.closeWith(ReasonForcedClose, closePolicyViolation)
		return s, false
	}
	return s, true
}

// serveWebSocket upgrades r and runs the connection: a new session when s is
// nil, else a probe to upgrade s.
func (srv *Server) serveWebSocket(w http.ResponseWriter, r *http.Request, s *Session) {
	if !srv.track() {
		errShuttingDown.write(w)
		return
	}
	// A new session's handshake response goes out with its open packet, in
	// one write; a probe's at once, as the client waits for it to probe.
	hc := &hijackCapture{ResponseWriter: w, hold: s == nil}
	if _, err := srv.upgrader.Upgrade(hc, r, nil); err != nil {
		srv.release()
		return // the upgrader has answered or closed the connection
	}
	hc.conn.hold = false
	t := newWSConn(hc.conn)
	srv.mu.Lock()
	srv.conns[t] = struct{}{}
	srv.mu.Unlock()
	// The connection is read by a goroutine of its own and this handler
	// returns, so that net/http lets go of what it keeps per request while
	// a handler runs (4 KiB read and write buffers, the response). That
	// goroutine parks the connection in the poller as soon as it is idle.
	if s != nil {
		go srv.runProbe(s, t)
		return
	}
	s, _ = srv.newSession(r, TransportWebSocket, t)
	if s == nil {
		closeProbe(t, closeGoingAway, srv.cfg.WriteTimeout)
		srv.connDone(t)
		return
	}
	s.mu.Lock()
	s.flushLocked() // the open packet, and anything accept queued
	s.mu.Unlock()
	go s.serveReads(t, false) // a refused session is closing: this waits for its close frame
}

// runProbe serves a WebSocket probing an upgrade of s.
func (srv *Server) runProbe(s *Session, t *wsConn) {
	if !s.serveProbe(t) {
		srv.connDone(t)
	}
}

// connDone forgets a WebSocket connection that has closed.
func (srv *Server) connDone(t *wsConn) {
	srv.mu.Lock()
	delete(srv.conns, t)
	srv.mu.Unlock()
	srv.release()
}

func (srv *Server) lookup(sid string) *Session {
	srv.mu.Lock()
	defer srv.mu.Unlock()
	return srv.sessions[sid]
}

// unregister makes s unreachable by sid; called with s.mu held.
func (srv *Server) unregister(s *Session) {
	srv.mu.Lock()
	defer srv.mu.Unlock()
	if srv.sessions[s.id] == s {
		delete(srv.sessions, s.id)
	}
}

// closing records that an open session started closing; called with s.mu
// held, once per session.
func (srv *Server) closing() {
	srv.mu.Lock()
	defer srv.mu.Unlock()
	srv.open--
}

// track counts a new session or connection that Shutdown must wait for; it
// fails once Shutdown has begun.
func (srv *Server) track() bool {
	srv.mu.Lock()
	defer srv.mu.Unlock()
	if srv.stopping {
		return false
	}
	srv.active++
	return true
}

func (srv *Server) release() {
	srv.mu.Lock()
	defer srv.mu.Unlock()
	srv.active--
	if srv.active == 0 && srv.stopping {
		close(srv.idle)
	}
}

// Shutdown stops accepting sessions, closes every session with
// ReasonServerShutdown (WebSocket close 1001; polling sessions get a close
// packet) after flushing what they have queued, and waits until every
// OnClose has returned and every WebSocket connection is closed. If ctx ends
// first, the remaining connections are closed at once and ctx.Err() is
// returned. Shutdown does not close listeners: call http.Server.Shutdown
// for that.
func (srv *Server) Shutdown(ctx context.Context) error {
	srv.mu.Lock()
	if !srv.stopping {
		srv.stopping = true
		srv.idle = make(chan struct{})
		if srv.active == 0 {
			close(srv.idle)
		}
	}
	done := srv.idle
	sessions := make([]*Session, 0, len(srv.sessions))
	for _, s := range srv.sessions {
		sessions = append(sessions, s)
	}
	srv.mu.Unlock()

	for _, s := range sessions {
		s.Close(ReasonServerShutdown)
	}
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		srv.abort(sessions)
		return ctx.Err()
	}
}

// abort ends what a timed-out Shutdown is still waiting for.
func (srv *Server) abort(sessions []*Session) {
	for _, s := range sessions {
		s.abortFinalFlush()
	}
	srv.mu.Lock()
	conns := make([]*wsConn, 0, len(srv.conns))
	for t := range srv.conns {
		conns = append(conns, t)
	}
	srv.mu.Unlock()
	for _, t := range conns {
		t.net.Close()
		t.wake() // a parked reader must see the connection closed
	}
}

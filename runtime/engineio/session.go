package engineio

import (
	"cmp"
	"crypto/tls"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rtgen/rtgen/runtime/internal/eioproto"
)

// SessionHandler receives one session's traffic.
type SessionHandler interface {
	// OnMessage receives one Engine.IO message (packet type 4). Calls for a
	// session are sequential, never concurrent, and in arrival order. data
	// is owned by the callee. OnMessage should not block for long: it holds
	// up the session's reads.
	OnMessage(data []byte, binary bool)
	// OnClose is called exactly once, after the last OnMessage returned,
	// with the close reason, on a goroutine of its own.
	OnClose(reason string)
}

// An UpgradeHandler is a SessionHandler told when its session moves from
// polling to WebSocket. OnUpgrade is called like OnMessage: never
// concurrently with it, and not once the session is closing.
type UpgradeHandler interface {
	OnUpgrade()
}

type sessionState uint8

const (
	stateOpen    sessionState = iota
	stateClosing              // close decided, the transport is flushing
	stateClosed
)

// Session is one Engine.IO session. All methods are safe for concurrent use.
type Session struct {
	srv *Server
	id  string
	hs  handshake

	// dispatchMu serialises the handler's callbacks; closing is set, before
	// OnClose is scheduled, once no further OnMessage may start.
	dispatchMu sync.Mutex
	handler    SessionHandler
	closing    atomic.Bool

	mu           sync.Mutex
	state        sessionState
	clientClosed bool   // the client sent a close packet over polling
	awaitingPong bool   // heartbeatDue is the pong deadline
	posting      bool   // polling: a POST is being read or dispatched
	probed       bool   // the probe was answered: release the pending GET with noop
	noopReady    bool   // probeSettle elapsed: GETs get noop at once
	wsCloseCode  uint16 // sent in the close frame
	heartbeatGen uint32 // the generation of the heartbeat listed (see heartbeats)
	transport    string
	queue        []*Message
	queueBytes   int // application message bytes in queue

	heartbeatDue time.Time // next ping, or the pong deadline while awaitingPong

	// Polling.
	poll       *pollWaiter // the pending GET
	finalFlush *time.Timer // bounds a closing session's wait for its last GET

	// WebSocket.
	ws           *wsConn // the WebSocket transport, once opened or upgraded
	probe        *wsConn // a WebSocket being probed for an upgrade
	upgradeTimer *time.Timer
	settleTimer  *time.Timer
}

func newSession(srv *Server, r *http.Request, transport string) *Session {
	s := &Session{srv: srv, id: newSessionID(), hs: keepHandshake(r), transport: transport}
	cfg := srv.cfg
	open := eioproto.NewHandshake(s.id, cfg.upgradesFrom(transport), cfg.PingInterval, cfg.PingTimeout, cfg.MaxPayload)
	s.queue = append(s.queue, newPacketMessage(open.OpenPacket()))
	s.heartbeatDue = time.Now().Add(cfg.PingInterval)
	s.scheduleHeartbeatLocked() // s is not shared yet
	return s
}

// ID returns the Engine.IO session id: 20 characters of URL-safe base64
// carrying 120 random bits. It is a bearer secret for polling requests.
func (s *Session) ID() string { return s.id }

// Request returns the handshake request: method, URL and query, headers,
// RemoteAddr and cookies. Its Body is nil and its context is never
// cancelled. Each call builds it anew from what the session keeps, so
// call it when needed rather than per message.
func (s *Session) Request() *http.Request { return s.hs.request() }

// handshake is what a session keeps of its handshake request, compactly:
// its URL as a string and its headers as one string of NUL-separated keys
// and values (neither may contain NUL), a fraction of a request with its
// URL and header map. request rebuilds one; its method is GET, the only
// one a handshake may use.
type handshake struct {
	host, remoteAddr, requestURI, pattern string
	url                                   string // "" when requestURI says it
	header                                string
	tls                                   *tls.ConnectionState
	protoMajor, protoMinor                uint8
}

func keepHandshake(r *http.Request) handshake {
	h := handshake{
		// A copy, so that the request line it is cut from can go.
		requestURI: strings.Clone(r.RequestURI),
		host:       r.Host, remoteAddr: r.RemoteAddr, pattern: r.Pattern, tls: r.TLS,
		protoMajor: uint8(r.ProtoMajor), protoMinor: uint8(r.ProtoMinor),
	}
	if u := r.URL.String(); u != r.RequestURI {
		h.url = u
	}
	n := 0
	for k, vs := range r.Header {
		for _, v := range vs {
			n += len(k) + len(v) + 2
		}
	}
	b := make([]byte, 0, n)
	for k, vs := range r.Header {
		for _, v := range vs {
			b = append(append(append(append(b, k...), 0), v...), 0)
		}
	}
	h.header = string(b)
	return h
}

func (h *handshake) request() *http.Request {
	u, err := url.Parse(cmp.Or(h.url, h.requestURI))
	if err != nil {
		u = &url.URL{} // it was a URL already; this does not happen
	}
	header := make(http.Header)
	for rest := h.header; rest != ""; {
		var k, v string
		k, rest, _ = strings.Cut(rest, "\x00")
		v, rest, _ = strings.Cut(rest, "\x00")
		header[k] = append(header[k], v)
	}
	return &http.Request{
		Method: http.MethodGet, URL: u, Proto: fmt.Sprintf("HTTP/%d.%d", h.protoMajor, h.protoMinor),
		ProtoMajor: int(h.protoMajor), ProtoMinor: int(h.protoMinor),
		Header: header, Host: h.host, RemoteAddr: h.remoteAddr, RequestURI: h.requestURI, TLS: h.tls,
		Pattern: h.pattern,
	}
}

// Transport returns the current transport, "polling" or "websocket". It
// changes once, when an upgrade completes.
func (s *Session) Transport() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.transport
}

// Send queues msgs atomically and in order: no other Send interleaves with
// them. It never blocks on the network. It returns ErrSessionClosed once the
// session is closing. If the queued bytes would exceed WriteQueueLimit the
// session is closed with ReasonSlowClient and ErrSlowClient is returned.
func (s *Session) Send(msgs ...*Message) error {
	n := 0
	for _, m := range msgs {
		n += m.size()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state != stateOpen {
		return ErrSessionClosed
	}
	if s.queueBytes > 0 && s.queueBytes+n > s.srv.cfg.WriteQueueLimit {
		s.closeLocked(ReasonSlowClient, closeSlowClient, false)
		return ErrSlowClient
	}
	s.queue = append(s.queue, msgs...)
	s.queueBytes += n
	s.flushLocked()
	return nil
}

// volatileBacklog is how many queued bytes make a client too far behind
// for volatile messages.
const volatileBacklog = 64 << 10

// SendVolatile queues msgs like Send unless the client is behind: when
// volatileBacklog bytes (64 KiB) or more wait in its queue, they are
// dropped instead, which is what a volatile message (a typing indicator)
// is for. It reports whether msgs were queued, and never closes the
// session.
func (s *Session) SendVolatile(msgs ...*Message) bool {
	n := 0
	for _, m := range msgs {
		n += m.size()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state != stateOpen || s.queueBytes+n > volatileBacklog && s.queueBytes > 0 {
		return false
	}
	s.queue = append(s.queue, msgs...)
	s.queueBytes += n
	s.flushLocked()
	return true
}

// Close flushes what is queued (bounded by WriteTimeout), then closes the
// transport. OnClose(reason) follows. Closing a closed session does nothing.
func (s *Session) Close(reason string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closeLocked(reason, closeCodeFor(reason), true)
}

// closeWith closes without flushing, with an explicit WebSocket close code.
func (s *Session) closeWith(reason string, code int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closeLocked(reason, code, false)
}

// enqueueControlLocked queues a protocol packet; it does not count against
// WriteQueueLimit.
func (s *Session) enqueueControlLocked(m *Message) {
	s.queue = append(s.queue, m)
	s.flushLocked()
}

// flushLocked hands the queue to the transport that can take it now.
func (s *Session) flushLocked() {
	if s.ws != nil {
		s.ws.startWriterLocked(s)
		return
	}
	if s.poll != nil && len(s.queue) > 0 {
		s.answerPollLocked(pollResult{body: s.takePayloadLocked()})
	}
}

// closeLocked moves an open session to closing. flush keeps the queue for
// the transport to deliver before it closes; otherwise it is dropped.
func (s *Session) closeLocked(reason string, code int, flush bool) {
	if s.state != stateOpen {
		return
	}
	s.state = stateClosing
	s.wsCloseCode = uint16(code)
	s.closing.Store(true)
	s.srv.closing()
	s.heartbeatGen++ // no heartbeat from now on
	s.cancelProbeLocked()
	if !flush {
		clear(s.queue)
		s.queue = s.queue[:0]
		s.queueBytes = 0
	}
	s.srv.cfg.Logger.Debug("engineio: session closed", slog.String("sid", s.id),
		slog.String("transport", s.transport), slog.String("reason", reason))
	go s.finish(reason)

	if s.ws != nil {
		s.srv.unregister(s)
		s.ws.startWriterLocked(s)
		return
	}
	final := closeMessage
	if s.clientClosed {
		final = noopMessage // the client closed: just release its GET
	}
	s.queue = append(s.queue, final)
	switch {
	case s.poll != nil:
		s.answerPollLocked(pollResult{body: s.takePayloadLocked()})
		s.closedLocked()
	case flush || s.clientClosed:
		// Stay reachable by sid until the next GET collects the queue. After
		// a client close that is the GET the client may have sent together
		// with its close packet: it gets its noop rather than a 400.
		s.finalFlush = time.AfterFunc(s.srv.cfg.WriteTimeout, s.abortFinalFlush)
	default:
		s.closedLocked()
	}
}

// closedLocked ends a closing session's polling transport.
func (s *Session) closedLocked() {
	clear(s.queue)
	s.queue = nil
	s.state = stateClosed
	s.srv.unregister(s)
}

// abortFinalFlush ends a closing polling session whose last GET never came.
func (s *Session) abortFinalFlush() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state == stateClosing && s.ws == nil {
		s.closedLocked()
	}
}

// finish runs OnClose once every OnMessage has returned, then releases the
// session's hold on Server.Shutdown.
func (s *Session) finish(reason string) {
	defer s.srv.release()
	s.dispatchMu.Lock()
	defer s.dispatchMu.Unlock()
	if s.handler == nil {
		return // accept refused the session
	}
	defer s.recoverHandler("OnClose")
	s.handler.OnClose(reason)
}

// deliver passes one message to the handler unless the session is closing.
func (s *Session) deliver(data []byte, binary bool) {
	s.dispatchMu.Lock()
	defer s.dispatchMu.Unlock()
	if s.closing.Load() {
		return
	}
	defer s.recoverHandler("OnMessage")
	s.handler.OnMessage(data, binary)
}

// upgraded tells the handler that the session now runs on WebSocket.
func (s *Session) upgraded() {
	s.dispatchMu.Lock()
	defer s.dispatchMu.Unlock()
	u, ok := s.handler.(UpgradeHandler)
	if !ok || s.closing.Load() {
		return
	}
	defer s.recoverHandler("OnUpgrade")
	u.OnUpgrade()
}

// recoverHandler contains a panicking handler: it is logged and the session
// is closed, instead of taking the process (or a hijacked connection) down.
func (s *Session) recoverHandler(callback string) {
	if v := recover(); v != nil {
		s.srv.cfg.Logger.Error("engineio: handler panicked", slog.String("sid", s.id),
			slog.String("callback", callback), slog.String("panic", fmt.Sprint(v)))
		s.closeWith(ReasonTransportError, closeInternalError)
	}
}

// handlePacket acts on one decoded client packet (from a POST or the
// WebSocket) and reports whether the session is still open.
func (s *Session) handlePacket(p eioproto.Packet) bool {
	switch p.Type {
	case eioproto.Message:
		s.deliver(p.Data, p.Binary)
	case eioproto.Pong:
		s.onPong()
	case eioproto.Ping:
		// In v4 only the server pings (a probe ping belongs to an upgrade).
		s.closeWith(ReasonTransportError, closeProtocolError)
	case eioproto.Close:
		s.mu.Lock()
		if s.ws == nil {
			s.clientClosed = true
		}
		s.closeLocked(ReasonTransportClose, closeNormal, false)
		s.mu.Unlock()
	default:
		// open, upgrade and noop mean nothing here; engine.io ignores them.
	}
	return !s.closing.Load()
}

// scheduleHeartbeatLocked lists the session for its next heartbeat event,
// at heartbeatDue; one listed earlier no longer fires.
func (s *Session) scheduleHeartbeatLocked() {
	s.heartbeatGen++
	s.srv.heartbeats.schedule(s, s.heartbeatGen, s.heartbeatDue)
}

// onHeartbeat fires at the next ping time or at the pong deadline, unless
// the session was rescheduled since (gen is not the current one).
func (s *Session) onHeartbeat(gen uint32) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state != stateOpen || gen != s.heartbeatGen {
		return
	}
	// The heartbeats fire an entry at its due time or after it, never before.
	if s.awaitingPong {
		s.closeLocked(ReasonPingTimeout, closeNormal, false)
		return
	}
	s.awaitingPong = true
	// The deadline counts from the scheduled ping time, so a late timer
	// never extends the client's allowance.
	s.heartbeatDue = s.heartbeatDue.Add(s.srv.cfg.PingTimeout)
	s.scheduleHeartbeatLocked()
	s.enqueueControlLocked(pingMessage)
}

// onPong handles the client's heartbeat reply; unsolicited pongs are ignored.
func (s *Session) onPong() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state != stateOpen || !s.awaitingPong {
		return
	}
	s.awaitingPong = false
	s.heartbeatDue = time.Now().Add(s.srv.cfg.PingInterval)
	s.scheduleHeartbeatLocked()
}

// checkPingLocked closes the session if its pong deadline has passed even
// though the timer has not fired yet, so that a request arriving after the
// deadline never revives it.
func (s *Session) checkPingLocked() {
	if s.state == stateOpen && s.awaitingPong && !time.Now().Before(s.heartbeatDue) {
		s.closeLocked(ReasonPingTimeout, closeNormal, false)
	}
}

func stopTimer(t *time.Timer) {
	if t != nil {
		t.Stop()
	}
}

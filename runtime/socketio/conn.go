package socketio

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rtgen/rtgen/runtime/engineio"
	"github.com/rtgen/rtgen/runtime/internal/sioproto"
)

// transport is what a connection needs from its Engine.IO session.
// engineTransport adapts *engineio.Session; tests substitute a fake.
type transport interface {
	// request returns the Engine.IO handshake request (no body).
	request() *http.Request
	// send queues p's messages atomically and in order, without blocking.
	send(p *Packet) error
	// sendVolatile queues p like send if the client can take it now, and
	// otherwise drops it; it reports whether p was queued.
	sendVolatile(p *Packet) bool
	// close closes the session; OnClose follows.
	close(reason string)
	// name returns the current transport, "polling" or "websocket".
	name() string
}

var emptyAuth = json.RawMessage(`{}`)

var invalidNamespace = json.RawMessage(`{"message":"Invalid namespace"}`)

// conn is one Engine.IO connection carrying any number of namespace
// sockets. Its OnMessage runs on the Engine.IO reader and never calls user
// code: events are queued to their socket, user code runs on the socket's
// own goroutine.
type conn struct {
	srv     *Server
	tr      transport
	created time.Time

	// reader-only state (OnMessage is never called concurrently)
	dec *sioproto.Decoder

	closing      atomic.Bool // close requested or done; further input is dropped
	pending      atomic.Bool // attachments outstanding (read by the timer)
	pendingTimer *time.Timer
	connectTimer *time.Timer

	mu      sync.Mutex
	hs      *http.Request // the handshake request, on first use (handshake)
	id      string        // public client id, made by Socket.ClientID
	sockets []*Socket     // connecting or connected, one per namespace (a few)
	joined  bool          // some namespace was joined at least once
	closed  bool          // OnClose ran
	query   url.Values    // hs's query, parsed once
}

func newConn(srv *Server, tr transport) *conn {
	c := &conn{
		srv:     srv,
		tr:      tr,
		created: time.Now(),
		dec:     sioproto.NewDecoder(srv.cfg.MaxAttachments),
	}
	c.connectTimer = time.AfterFunc(srv.cfg.ConnectTimeout, c.onConnectTimeout)
	if o := srv.observer(); o != nil {
		o.ConnectionOpened(tr.name())
	}
	return c
}

// OnMessage implements engineio.SessionHandler.
func (c *conn) OnMessage(data []byte, binary bool) {
	if c.closing.Load() {
		return
	}
	p, err := c.dec.Add(data, binary)
	if err != nil {
		c.protocolError(err)
		return
	}
	if p == nil {
		c.armAttachmentTimer()
		return
	}
	c.pending.Store(false)
	c.handle(p)
}

func (c *conn) handle(p *sioproto.Packet) {
	c.mu.Lock()
	s := c.socketOf(p.Namespace)
	c.mu.Unlock()
	switch {
	case s == nil && p.Type == sioproto.Connect:
		c.connect(p)
	case s != nil && p.Type != sioproto.Connect && p.Type != sioproto.ConnectError:
		s.onPacket(p)
	case s == nil:
		c.protocolError(fmt.Errorf("%s for namespace %q, which is not joined", p.Type, p.Namespace))
	default:
		c.protocolError(fmt.Errorf("%s for namespace %q, which is already joined", p.Type, p.Namespace))
	}
}

// connect starts joining a namespace. The socket is registered at once, so
// a second CONNECT is a violation and later packets queue behind the
// connect step (authorization, then the CONNECT reply).
func (c *conn) connect(p *sioproto.Packet) {
	nsp := c.srv.lookup(p.Namespace)
	if nsp == nil {
		c.tr.send(encodeControl(sioproto.ConnectError, p.Namespace, invalidNamespace))
		return
	}
	auth := json.RawMessage(p.Data)
	if auth == nil {
		auth = emptyAuth
	} else {
		auth = append(json.RawMessage(nil), auth...) // p.Data aliases the transport's buffer
	}
	s := newSocket(nsp, c, auth)
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return
	}
	c.sockets = append(c.sockets, s)
	c.mu.Unlock()
	s.enqueue(s.runConnect, false)
}

// handshake returns the handshake request and its parsed query, got on
// first use, then kept and shared by every socket of the connection: most
// connections never need them.
func (c *conn) handshake() (*http.Request, url.Values) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.hs == nil {
		c.hs = c.tr.request()
		c.query = c.hs.URL.Query()
	}
	return c.hs, c.query
}

// remote returns the client's address, for logs.
func (c *conn) remote() string {
	r, _ := c.handshake()
	return r.RemoteAddr
}

// socketOf returns the socket of namespace nsp, or nil; c.mu is held.
func (c *conn) socketOf(nsp string) *Socket {
	for _, s := range c.sockets {
		if s.nsp.name == nsp {
			return s
		}
	}
	return nil
}

// joinedNamespace records a successful namespace join; it stops the
// connect timeout, and lets the timer go.
func (c *conn) joinedNamespace() {
	c.mu.Lock()
	c.joined = true
	if c.connectTimer != nil {
		c.connectTimer.Stop()
		c.connectTimer = nil
	}
	c.mu.Unlock()
}

func (c *conn) removeSocket(s *Socket) {
	c.mu.Lock()
	if i := slices.Index(c.sockets, s); i >= 0 {
		c.sockets = slices.Delete(c.sockets, i, i+1)
	}
	c.mu.Unlock()
}

func (c *conn) onConnectTimeout() {
	c.mu.Lock()
	joined := c.joined
	c.mu.Unlock()
	if !joined {
		c.srv.log.Debug("Closing connection: no namespace joined in time", "remote", c.remote())
		c.closeWith(ReasonForcedServer)
	}
}

// armAttachmentTimer bounds how long a partial binary packet may be held.
func (c *conn) armAttachmentTimer() {
	if c.pending.Swap(true) {
		return // armed for this packet already
	}
	d := c.srv.cfg.attachmentDeadline()
	if c.pendingTimer == nil {
		c.pendingTimer = time.AfterFunc(d, func() {
			if c.pending.Load() {
				c.protocolError(fmt.Errorf("binary attachments not received within %v", d))
			}
		})
		return
	}
	c.pendingTimer.Reset(d)
}

// protocolError closes the connection for a client protocol violation; only
// this connection is affected.
func (c *conn) protocolError(err error) {
	if c.closing.Load() {
		return
	}
	c.srv.log.Info("Closing connection: "+ReasonParseError, "remote", c.remote(), "error", err.Error())
	c.closeWith(ReasonParseError)
}

func (c *conn) closeWith(reason string) {
	if c.closing.Swap(true) {
		return
	}
	c.tr.close(reason)
}

// OnClose implements engineio.SessionHandler: every socket of the
// connection disconnects with the Engine.IO reason.
func (c *conn) OnClose(reason string) {
	c.closing.Store(true)
	if c.pendingTimer != nil {
		c.pendingTimer.Stop()
	}
	c.mu.Lock()
	c.closed = true
	if c.connectTimer != nil {
		c.connectTimer.Stop()
	}
	sockets := slices.Clone(c.sockets)
	c.mu.Unlock()
	for _, s := range sockets {
		s.onClose(reason)
	}
	if o := c.srv.observer(); o != nil {
		o.ConnectionClosed(reason)
	}
}

// OnUpgrade implements engineio.UpgradeHandler: the connected sockets are
// reported to the observer as upgraded.
func (c *conn) OnUpgrade() {
	o := c.srv.observer()
	if o == nil {
		return
	}
	for _, s := range c.socketList() {
		if s.Connected() {
			o.SocketUpgraded(s)
		}
	}
}

// socketList returns the connection's sockets, connecting or connected.
func (c *conn) socketList() []*Socket {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.sockets)
}

// disconnectAll sends DISCONNECT to every socket of the connection, then
// closes it (Socket.Disconnect(true)).
func (c *conn) disconnectAll() {
	for _, s := range c.socketList() {
		s.Disconnect(false)
	}
	c.closeWith(engineio.ReasonForcedClose)
}

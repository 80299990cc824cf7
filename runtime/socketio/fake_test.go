package socketio

import (
	"bytes"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rtgen/rtgen/runtime/engineio"
)

// wait is the generous bound for anything asynchronous in these tests.
const wait = 5 * time.Second

// frame is one Engine.IO message as the fake transport saw it.
type frame struct {
	data   []byte
	binary bool
}

// fakeTransport stands in for an Engine.IO session: it records what the
// server sends and, like engineio, calls OnClose on a goroutine of its own.
type fakeTransport struct {
	req  *http.Request
	conn *conn

	mu       sync.Mutex
	frames   []frame
	sendErr  error
	reason   string
	changed  chan struct{} // closed and replaced on every change
	isClosed bool
}

func newFakeTransport(r *http.Request) *fakeTransport {
	return &fakeTransport{req: r, changed: make(chan struct{})}
}

func (f *fakeTransport) request() *http.Request { return f.req }

func (f *fakeTransport) name() string { return f.req.URL.Query().Get("transport") }

func (f *fakeTransport) send(p *Packet) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.isClosed {
		return engineio.ErrSessionClosed
	}
	if f.sendErr != nil {
		return f.sendErr
	}
	f.frames = append(f.frames, frame{data: p.Text()})
	for _, a := range p.Attachments() {
		f.frames = append(f.frames, frame{data: a, binary: true})
	}
	f.signalLocked()
	return nil
}

func (f *fakeTransport) sendVolatile(p *Packet) bool { return f.send(p) == nil }

func (f *fakeTransport) close(reason string) {
	f.mu.Lock()
	if f.isClosed {
		f.mu.Unlock()
		return
	}
	f.isClosed, f.reason = true, reason
	f.signalLocked()
	f.mu.Unlock()
	go f.conn.OnClose(reason)
}

func (f *fakeTransport) signalLocked() {
	close(f.changed)
	f.changed = make(chan struct{})
}

// client drives one fake connection from the test goroutine.
type client struct {
	t    testing.TB
	conn *conn
	tr   *fakeTransport
	read int // frames consumed
}

func dial(t testing.TB, srv *Server) *client {
	return dialRequest(t, srv, httptest.NewRequest("GET", "/socket.io/?EIO=4&transport=websocket&x=1", nil))
}

func dialRequest(t testing.TB, srv *Server, r *http.Request) *client {
	t.Helper()
	tr := newFakeTransport(r)
	c := newConn(srv, tr)
	tr.conn = c
	cl := &client{t: t, conn: c, tr: tr}
	t.Cleanup(func() { cl.tr.close("transport close") })
	return cl
}

// send delivers a text message, then its attachments, as the reader would.
// text is written as on the wire, with the Engine.IO message type "4" first
// (e.g. `42["hi"]`), which the Engine.IO layer strips.
func (c *client) send(text string, attachments ...[]byte) {
	c.t.Helper()
	if !strings.HasPrefix(text, "4") {
		c.t.Fatalf("send(%q): wire text must start with the Engine.IO message type 4", text)
	}
	c.conn.OnMessage([]byte(text[1:]), false)
	for _, a := range attachments {
		c.conn.OnMessage(a, true)
	}
}

// next returns the next frame the server sent, failing after wait.
func (c *client) next() frame {
	c.t.Helper()
	deadline := time.After(wait)
	for {
		c.tr.mu.Lock()
		if c.read < len(c.tr.frames) {
			f := c.tr.frames[c.read]
			c.read++
			c.tr.mu.Unlock()
			return f
		}
		changed := c.tr.changed
		c.tr.mu.Unlock()
		select {
		case <-changed:
		case <-deadline:
			c.t.Fatalf("no frame from the server within %v", wait)
		}
	}
}

// expect checks the next text frame against want, written as on the wire
// with the Engine.IO message type "4" first; "*" matches a socket id (20
// URL-safe characters) and the first match is returned.
func (c *client) expect(want string) string {
	c.t.Helper()
	f := c.next()
	if f.binary {
		c.t.Fatalf("got binary frame %v, want %s", f.data, want)
	}
	pattern := "^" + strings.ReplaceAll(regexp.QuoteMeta(want), `\*`, `([A-Za-z0-9_-]{20})`) + "$"
	m := regexp.MustCompile(pattern).FindStringSubmatch("4" + string(f.data))
	if m == nil {
		c.t.Fatalf("got  %s\nwant %s", f, want)
	}
	if len(m) > 1 {
		return m[1]
	}
	return ""
}

func (f frame) String() string {
	if f.binary {
		return fmt.Sprintf("<binary %x>", f.data)
	}
	return "4" + string(f.data)
}

func (c *client) expectBinary(want []byte) {
	c.t.Helper()
	f := c.next()
	if !f.binary || !bytes.Equal(f.data, want) {
		c.t.Fatalf("got frame %q (binary=%v), want binary %v", f.data, f.binary, want)
	}
}

// expectNothing checks that no frame arrives within d.
func (c *client) expectNothing(d time.Duration) {
	c.t.Helper()
	time.Sleep(d)
	c.tr.mu.Lock()
	defer c.tr.mu.Unlock()
	if c.read < len(c.tr.frames) {
		c.t.Fatalf("unexpected frame %s", c.tr.frames[c.read].data)
	}
}

// closed waits for the connection to be closed and returns the reason.
func (c *client) closed() string {
	c.t.Helper()
	deadline := time.After(wait)
	for {
		c.tr.mu.Lock()
		closed, reason, changed := c.tr.isClosed, c.tr.reason, c.tr.changed
		c.tr.mu.Unlock()
		if closed {
			return reason
		}
		select {
		case <-changed:
		case <-deadline:
			c.t.Fatalf("connection not closed within %v", wait)
		}
	}
}

func (c *client) isOpen() bool {
	c.tr.mu.Lock()
	defer c.tr.mu.Unlock()
	return !c.tr.isClosed
}

// join connects to namespace nsp ("/" or "/x") and returns the socket id.
func (c *client) join(nsp string) string {
	c.t.Helper()
	if nsp == "/" {
		c.send("40")
		return c.expect(`40{"sid":"*"}`)
	}
	c.send("40" + nsp + ",")
	return c.expect("40" + nsp + `,{"sid":"*"}`)
}

// newTestServer returns a server logging into a buffer (returned) instead
// of the test output.
func newTestServer(t testing.TB, cfg Config) (*Server, *syncBuffer) {
	t.Helper()
	buf := &syncBuffer{}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return NewServer(cfg), buf
}

// syncBuffer is a bytes.Buffer safe for the concurrent writes of loggers.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// waitFor polls cond until it holds, failing after wait.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// pendingAcks returns the number of acknowledgements s awaits.
func (s *Socket) pendingAcks() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.acks)
}

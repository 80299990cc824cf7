package engineio_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/rtgen/rtgen/runtime/engineio"
)

// waitTimeout bounds every wait in these tests; it is generous because the
// machines running them are small and busy.
const waitTimeout = 10 * time.Second

// message is one OnMessage call.
type message struct {
	data   string
	binary bool
}

// recorder is a SessionHandler that records its calls and optionally echoes.
type recorder struct {
	s      *engineio.Session
	echo   bool
	msgs   chan message
	closed chan string

	mu         sync.Mutex
	inMessage  bool
	closeCalls int
	violations []string
}

func (r *recorder) OnMessage(data []byte, binary bool) {
	r.mu.Lock()
	if r.inMessage {
		r.violations = append(r.violations, "concurrent OnMessage")
	}
	if r.closeCalls > 0 {
		r.violations = append(r.violations, "OnMessage after OnClose")
	}
	r.inMessage = true
	r.mu.Unlock()
	defer func() {
		r.mu.Lock()
		r.inMessage = false
		r.mu.Unlock()
	}()
	r.msgs <- message{string(data), binary}
	if r.echo {
		m := engineio.NewTextMessage(data)
		if binary {
			m = engineio.NewBinaryMessage(data)
		}
		r.s.Send(m)
	}
}

func (r *recorder) OnClose(reason string) {
	r.mu.Lock()
	if r.inMessage {
		r.violations = append(r.violations, "OnClose during OnMessage")
	}
	r.closeCalls++
	if r.closeCalls > 1 {
		r.violations = append(r.violations, "OnClose called twice")
	}
	first := r.closeCalls == 1
	r.mu.Unlock()
	if first {
		r.closed <- reason
	}
}

// testServer is an engineio.Server on a loopback httptest server, with the
// handler of every accepted session.
type testServer struct {
	t        *testing.T
	srv      *engineio.Server
	http     *httptest.Server
	sessions chan *recorder
}

// shortConfig has test-sized timings; long enough not to fire during tests
// that do not wait for them.
func shortConfig() engineio.Config {
	return engineio.Config{
		PingInterval:   5 * time.Second,
		PingTimeout:    5 * time.Second,
		UpgradeTimeout: 5 * time.Second,
		WriteTimeout:   5 * time.Second,
	}
}

func newTestServer(t *testing.T, cfg engineio.Config, echo bool) *testServer {
	t.Helper()
	ts := &testServer{t: t, sessions: make(chan *recorder, 100)}
	ts.srv = engineio.NewServer(cfg, func(s *engineio.Session) engineio.SessionHandler {
		r := &recorder{s: s, echo: echo, msgs: make(chan message, 1000), closed: make(chan string, 1)}
		ts.sessions <- r
		return r
	})
	ts.http = newHTTPServer(t, ts.srv)
	return ts
}

// newHTTPServer serves srv on a loopback port until the test ends.
func newHTTPServer(t *testing.T, srv *engineio.Server) *httptest.Server {
	hs := httptest.NewServer(srv)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil {
			t.Errorf("Shutdown: %v", err)
		}
		hs.Close()
	})
	return hs
}

// session returns the handler of the next accepted session.
func (ts *testServer) session() *recorder {
	ts.t.Helper()
	select {
	case r := <-ts.sessions:
		return r
	case <-time.After(waitTimeout):
		ts.t.Fatal("no session accepted")
		return nil
	}
}

func (ts *testServer) url(query string) string { return ts.http.URL + "/engine.io/?" + query }

func (ts *testServer) wsURL(query string) string {
	return "ws" + strings.TrimPrefix(ts.http.URL, "http") + "/engine.io/?" + query
}

// handshake opens a polling session and returns its sid.
func (ts *testServer) handshake() string {
	ts.t.Helper()
	status, body := ts.get("EIO=4&transport=polling")
	if status != http.StatusOK || !strings.HasPrefix(body, "0") {
		ts.t.Fatalf("handshake: %d %q", status, body)
	}
	var h struct{ SID string }
	if err := json.Unmarshal([]byte(body[1:]), &h); err != nil {
		ts.t.Fatalf("handshake body %q: %v", body, err)
	}
	return h.SID
}

func (ts *testServer) get(query string) (int, string) {
	ts.t.Helper()
	return ts.do(http.MethodGet, query, "", nil)
}

func (ts *testServer) post(query, body string) (int, string) {
	ts.t.Helper()
	return ts.do(http.MethodPost, query, body, nil)
}

func (ts *testServer) do(method, query, body string, header http.Header) (int, string) {
	ts.t.Helper()
	resp := ts.request(method, query, strings.NewReader(body), header)
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		ts.t.Fatalf("%s %s: read body: %v", method, query, err)
	}
	return resp.StatusCode, string(b)
}

func (ts *testServer) request(method, query string, body io.Reader, header http.Header) *http.Response {
	ts.t.Helper()
	req, err := http.NewRequest(method, ts.url(query), body)
	if err != nil {
		ts.t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	client := http.Client{Timeout: waitTimeout}
	resp, err := client.Do(req)
	if err != nil {
		ts.t.Fatalf("%s %s: %v", method, query, err)
	}
	return resp
}

// asyncGet starts a GET and returns a channel with its status and body.
func (ts *testServer) asyncGet(query string) <-chan [2]string {
	ch := make(chan [2]string, 1)
	go func() {
		req, _ := http.NewRequest(http.MethodGet, ts.url(query), nil)
		resp, err := (&http.Client{Timeout: waitTimeout}).Do(req)
		if err != nil {
			ch <- [2]string{"error", err.Error()}
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		ch <- [2]string{resp.Status[:3], string(b)}
	}()
	return ch
}

func recvGet(t *testing.T, ch <-chan [2]string) (string, string) {
	t.Helper()
	select {
	case r := <-ch:
		return r[0], r[1]
	case <-time.After(waitTimeout):
		t.Fatal("GET did not complete")
		return "", ""
	}
}

// dial opens a WebSocket with query.
func (ts *testServer) dial(query string) *websocket.Conn {
	ts.t.Helper()
	c, resp, err := websocket.DefaultDialer.Dial(ts.wsURL(query), nil)
	if err != nil {
		ts.t.Fatalf("dial %s: %v (%v)", query, err, resp)
	}
	ts.t.Cleanup(func() { c.Close() })
	return c
}

// dialSession opens a WebSocket session and returns it with its open packet.
func (ts *testServer) dialSession() (*websocket.Conn, string) {
	ts.t.Helper()
	c := ts.dial("EIO=4&transport=websocket")
	return c, readText(ts.t, c)
}

func readFrame(t *testing.T, c *websocket.Conn) (int, []byte, error) {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(waitTimeout))
	return c.ReadMessage()
}

func readText(t *testing.T, c *websocket.Conn) string {
	t.Helper()
	typ, data, err := readFrame(t, c)
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	if typ != websocket.TextMessage {
		t.Fatalf("read: frame type %d, want text", typ)
	}
	return string(data)
}

func writeText(t *testing.T, c *websocket.Conn, s string) {
	t.Helper()
	if err := c.WriteMessage(websocket.TextMessage, []byte(s)); err != nil {
		t.Fatalf("write %q: %v", s, err)
	}
}

// expectClose reads until the server closes c and returns the close code.
func expectClose(t *testing.T, c *websocket.Conn) int {
	t.Helper()
	for {
		_, _, err := readFrame(t, c)
		if err == nil {
			continue
		}
		if ce, ok := err.(*websocket.CloseError); ok {
			return ce.Code
		}
		t.Fatalf("expected a close frame, got %v", err)
	}
}

func (r *recorder) message(t *testing.T) message {
	t.Helper()
	select {
	case m := <-r.msgs:
		return m
	case <-time.After(waitTimeout):
		t.Fatal("no message delivered")
		return message{}
	}
}

// closeReason waits for OnClose and checks the handler's invariants.
func (r *recorder) closeReason(t *testing.T) string {
	t.Helper()
	select {
	case reason := <-r.closed:
		r.mu.Lock()
		defer r.mu.Unlock()
		if len(r.violations) > 0 {
			t.Errorf("handler contract violated: %v", r.violations)
		}
		return reason
	case <-time.After(waitTimeout):
		t.Fatal("OnClose not called")
		return ""
	}
}

func (r *recorder) noMessage(t *testing.T) {
	t.Helper()
	select {
	case m := <-r.msgs:
		t.Errorf("unexpected message %+v", m)
	default:
	}
}

func timeNowPlus() time.Time { return time.Now().Add(waitTimeout) }

func timeAfterWait() <-chan time.Time { return time.After(waitTimeout) }

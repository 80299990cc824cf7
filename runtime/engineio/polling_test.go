package engineio_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/rtgen/rtgen/runtime/engineio"
)

func TestPollingEcho(t *testing.T) {
	ts := newTestServer(t, shortConfig(), true)
	for _, tc := range []struct{ name, payload string }{
		{"one text packet", "4hello"},
		{"several text packets", "4test1\x1e4test2\x1e4test3"},
		{"text and binary", "4hello\x1ebAQIDBA=="},
		{"empty message", "4"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sid := ts.handshake()
			q := "EIO=4&transport=polling&sid=" + sid
			resp := ts.request(http.MethodPost, q, strings.NewReader(tc.payload), http.Header{"Content-Type": {"text/plain;charset=UTF-8"}})
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || string(body) != "ok" || resp.Header.Get("Content-Type") != "text/html" {
				t.Fatalf("POST → %d %q (%s)", resp.StatusCode, body, resp.Header.Get("Content-Type"))
			}
			if status, got := ts.get(q); status != 200 || got != tc.payload {
				t.Errorf("GET → %d %q, want %q", status, got, tc.payload)
			}
		})
	}
}

func TestPollingDelivery(t *testing.T) {
	ts := newTestServer(t, shortConfig(), false)
	sid := ts.handshake()
	r := ts.session()
	q := "EIO=4&transport=polling&sid=" + sid
	ts.post(q, `4a`+"\x1e"+`bAQID`+"\x1e"+`4€`)
	for _, want := range []message{{"a", false}, {"\x01\x02\x03", true}, {"€", false}} {
		if got := r.message(t); got != want {
			t.Errorf("OnMessage %+v, want %+v", got, want)
		}
	}

	// Messages sent while no GET is pending are batched into the next one.
	if err := r.s.Send(engineio.NewTextMessage([]byte("x")), engineio.NewBinaryMessage([]byte{0xff})); err != nil {
		t.Fatal(err)
	}
	r.s.Send(engineio.NewTextMessage([]byte(`2["hi"]`)))
	if status, body := ts.get(q); status != 200 || body != "4x\x1eb/w==\x1e42[\"hi\"]" {
		t.Errorf("GET → %d %q", status, body)
	}

	// A pending GET is completed by the next Send.
	pending := ts.asyncGet(q)
	time.Sleep(50 * time.Millisecond)
	r.s.Send(engineio.NewTextMessage([]byte("late")))
	if status, body := recvGet(t, pending); status != "200" || body != "4late" {
		t.Errorf("pending GET → %s %q", status, body)
	}
}

func TestPollingInvalidPayloadCloses(t *testing.T) {
	ts := newTestServer(t, shortConfig(), false)
	for _, payload := range []string{"abc", "4a\x1e\x1e4b", "b!!", "4\xff", ""} {
		sid := ts.handshake()
		r := ts.session()
		q := "EIO=4&transport=polling&sid=" + sid
		if status, _ := ts.post(q, payload); status != 400 {
			t.Errorf("POST %q → %d, want 400", payload, status)
		}
		if status, body := ts.get(q); status != 400 || body != `{"code":1,"message":"Session ID unknown"}` {
			t.Errorf("GET after bad POST %q → %d %s", payload, status, body)
		}
		if reason := r.closeReason(t); reason != engineio.ReasonParseError {
			t.Errorf("POST %q: reason %q", payload, reason)
		}
		r.noMessage(t)
	}
}

func TestPollingOverlappingGET(t *testing.T) {
	ts := newTestServer(t, shortConfig(), false)
	sid := ts.handshake()
	r := ts.session()
	q := "EIO=4&transport=polling&sid=" + sid
	first := ts.asyncGet(q)
	time.Sleep(50 * time.Millisecond)
	if status, _ := ts.get(q + "&t=burst"); status != 400 {
		t.Errorf("second GET → %d, want 400", status)
	}
	if status, body := recvGet(t, first); status != "200" || body != "1" {
		t.Errorf("first GET → %s %q, want 200 \"1\"", status, body)
	}
	if status, _ := ts.get(q); status != 400 {
		t.Errorf("GET after overlap → %d", status)
	}
	if reason := r.closeReason(t); reason != engineio.ReasonTransportError {
		t.Errorf("reason %q", reason)
	}
}

// blocker holds OnMessage until released, to keep a POST in flight.
type blocker struct {
	entered chan struct{}
	release chan struct{}
	closed  chan string
}

func (b *blocker) OnMessage([]byte, bool) {
	b.entered <- struct{}{}
	<-b.release
}
func (b *blocker) OnClose(reason string) { b.closed <- reason }

func TestPollingOverlappingPOST(t *testing.T) {
	b := &blocker{entered: make(chan struct{}, 1), release: make(chan struct{}), closed: make(chan string, 1)}
	srv := engineio.NewServer(shortConfig(), func(*engineio.Session) engineio.SessionHandler { return b })
	ts := &testServer{t: t, srv: srv}
	ts.http = newHTTPServer(t, srv)
	sid := ts.handshake()
	q := "EIO=4&transport=polling&sid=" + sid
	firstDone := make(chan int, 1)
	go func() {
		resp, err := http.Post(ts.url(q), "text/plain", strings.NewReader("4a\x1e4b"))
		if err != nil {
			firstDone <- 0
			return
		}
		resp.Body.Close()
		firstDone <- resp.StatusCode
	}()
	<-b.entered
	if status, _ := ts.post(q, "4c"); status != 400 {
		t.Errorf("overlapping POST → %d, want 400", status)
	}
	close(b.release)
	if status := <-firstDone; status != 200 {
		t.Errorf("first POST → %d", status)
	}
	select {
	case <-b.entered:
		t.Error("a message after the overlap close was delivered")
	case reason := <-b.closed:
		if reason != engineio.ReasonTransportError {
			t.Errorf("reason %q", reason)
		}
	case <-time.After(waitTimeout):
		t.Fatal("OnClose not called")
	}
}

func TestPollingClientClose(t *testing.T) {
	ts := newTestServer(t, shortConfig(), false)
	sid := ts.handshake()
	r := ts.session()
	q := "EIO=4&transport=polling&sid=" + sid
	pending := ts.asyncGet(q)
	time.Sleep(50 * time.Millisecond)
	if status, body := ts.post(q, "1"); status != 200 || body != "ok" {
		t.Errorf("POST 1 → %d %q", status, body)
	}
	if status, body := recvGet(t, pending); status != "200" || body != "6" {
		t.Errorf("pending GET → %s %q, want noop", status, body)
	}
	if status, _ := ts.get(q); status != 400 {
		t.Errorf("GET after close → %d", status)
	}
	if reason := r.closeReason(t); reason != engineio.ReasonTransportClose {
		t.Errorf("reason %q", reason)
	}
}

func TestPollingOctetStreamRefused(t *testing.T) {
	ts := newTestServer(t, shortConfig(), false)
	sid := ts.handshake()
	r := ts.session()
	q := "EIO=4&transport=polling&sid=" + sid
	if status, _ := ts.do(http.MethodPost, q, "\x04\x01", http.Header{"Content-Type": {"application/octet-stream"}}); status != 400 {
		t.Errorf("octet-stream POST → %d", status)
	}
	if status, _ := ts.get(q); status != 400 {
		t.Errorf("GET after octet-stream POST → %d", status)
	}
	if reason := r.closeReason(t); reason != engineio.ReasonTransportError {
		t.Errorf("reason %q", reason)
	}
}

// onlyReader hides a body's length so the client sends it chunked.
type onlyReader struct{ io.Reader }

func TestPollingPayloadTooLarge(t *testing.T) {
	cfg := shortConfig()
	cfg.MaxPayload = 100
	ts := newTestServer(t, cfg, false)
	big := "4" + strings.Repeat("a", 100)
	for _, tc := range []struct {
		name string
		body io.Reader
	}{
		{"content-length", strings.NewReader(big)},
		{"chunked", onlyReader{strings.NewReader(big)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sid := ts.handshake()
			r := ts.session()
			q := "EIO=4&transport=polling&sid=" + sid
			resp := ts.request(http.MethodPost, q, tc.body, nil)
			resp.Body.Close()
			if resp.StatusCode != http.StatusRequestEntityTooLarge {
				t.Errorf("POST → %d, want 413", resp.StatusCode)
			}
			if status, _ := ts.get(q); status != 400 {
				t.Errorf("GET after 413 → %d", status)
			}
			if reason := r.closeReason(t); reason != engineio.ReasonMessageTooBig {
				t.Errorf("reason %q", reason)
			}
			r.noMessage(t)
		})
	}
	// Exactly MaxPayload is accepted.
	sid := ts.handshake()
	if status, _ := ts.post("EIO=4&transport=polling&sid="+sid, big[:100]); status != 200 {
		t.Errorf("POST of MaxPayload bytes → %d", status)
	}
}

// Close flushes: the pending (or next) GET gets what was queued, then close.
func TestPollingCloseFlushes(t *testing.T) {
	ts := newTestServer(t, shortConfig(), false)
	sid := ts.handshake()
	r := ts.session()
	q := "EIO=4&transport=polling&sid=" + sid
	r.s.Send(engineio.NewTextMessage([]byte("bye")))
	r.s.Close(engineio.ReasonForcedClose)
	if err := r.s.Send(engineio.NewTextMessage([]byte("late"))); err != engineio.ErrSessionClosed {
		t.Errorf("Send after Close = %v", err)
	}
	if status, body := ts.get(q); status != 200 || body != "4bye\x1e1" {
		t.Errorf("final GET → %d %q", status, body)
	}
	if status, _ := ts.get(q); status != 400 {
		t.Errorf("GET after final → %d", status)
	}
	if reason := r.closeReason(t); reason != engineio.ReasonForcedClose {
		t.Errorf("reason %q", reason)
	}
	if n := ts.srv.SessionCount(); n != 0 {
		t.Errorf("SessionCount = %d", n)
	}
}

// A GET that arrives just after the client's close packet (the client sent
// both at once) still gets its noop; later ones get 400.
func TestPollingClientCloseThenGET(t *testing.T) {
	ts := newTestServer(t, shortConfig(), false)
	sid := ts.handshake()
	r := ts.session()
	q := "EIO=4&transport=polling&sid=" + sid
	if status, body := ts.post(q, "1"); status != 200 || body != "ok" {
		t.Errorf("POST 1 → %d %q", status, body)
	}
	if status, body := ts.get(q); status != 200 || body != "6" {
		t.Errorf("GET right after close → %d %q, want noop", status, body)
	}
	if status, _ := ts.get(q); status != 400 {
		t.Errorf("second GET after close → %d", status)
	}
	if reason := r.closeReason(t); reason != engineio.ReasonTransportClose {
		t.Errorf("reason %q", reason)
	}
}

// A pending GET whose connection closes ends the session at once, as
// Engine.IO's "poll connection closed prematurely", not at the ping timeout.
func TestPollingGETConnectionLost(t *testing.T) {
	cfg := shortConfig()
	cfg.PingInterval, cfg.PingTimeout = time.Minute, time.Minute
	ts := newTestServer(t, cfg, false)
	sid := ts.handshake()
	r := ts.session()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, ts.url("EIO=4&transport=polling&sid="+sid), nil)
	done := make(chan error, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	time.Sleep(200 * time.Millisecond) // the GET is pending
	cancel()                           // the client's side of the connection closes
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("GET ended with %v, want it cancelled", err)
	}
	if reason := r.closeReason(t); reason != engineio.ReasonTransportError {
		t.Errorf("OnClose(%q), want %q", reason, engineio.ReasonTransportError)
	}
	if status, _ := ts.get("EIO=4&transport=polling&sid=" + sid); status != http.StatusBadRequest {
		t.Errorf("GET after the loss → %d, want 400 (session unknown)", status)
	}
}

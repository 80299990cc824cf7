package engineio_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/rtgen/rtgen/runtime/engineio"
)

func TestShutdown(t *testing.T) {
	ts := newTestServer(t, shortConfig(), false)
	ws, _ := ts.dialSession()
	wsRec := ts.session()
	sid := ts.handshake()
	pollRec := ts.session()
	pending := ts.asyncGet("EIO=4&transport=polling&sid=" + sid)
	upSID := ts.handshake()
	upRec := ts.session()
	probe := ts.probe(upSID)
	time.Sleep(50 * time.Millisecond)
	wsRec.s.Send(engineio.NewTextMessage([]byte("last")))

	done := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
		defer cancel()
		done <- ts.srv.Shutdown(ctx)
	}()
	if got := readText(t, ws); got != "4last" {
		t.Errorf("queued message before shutdown close: %q", got)
	}
	if code := expectClose(t, ws); code != websocket.CloseGoingAway {
		t.Errorf("WebSocket close code %d, want 1001", code)
	}
	if code := expectClose(t, probe); code != websocket.CloseGoingAway {
		t.Errorf("probe close code %d, want 1001", code)
	}
	if status, body := recvGet(t, pending); status != "200" || body != "1" {
		t.Errorf("pending GET → %s %q, want close packet", status, body)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Shutdown: %v", err)
		}
	case <-time.After(waitTimeout):
		t.Fatal("Shutdown did not return")
	}
	for _, r := range []*recorder{wsRec, pollRec, upRec} {
		if reason := r.closeReason(t); reason != engineio.ReasonServerShutdown {
			t.Errorf("reason %q", reason)
		}
	}
	if n := ts.srv.SessionCount(); n != 0 {
		t.Errorf("SessionCount = %d", n)
	}
	if status, body := ts.get("EIO=4&transport=polling"); status != 503 {
		t.Errorf("handshake after Shutdown → %d %s", status, body)
	}
	if _, resp, err := websocket.DefaultDialer.Dial(ts.wsURL("EIO=4&transport=websocket"), nil); err == nil || resp.StatusCode != 503 {
		t.Errorf("WebSocket handshake after Shutdown → %v %v", err, resp)
	}
}

// stuck blocks in OnClose until released.
type stuck struct{ release chan struct{} }

func (stuck) OnMessage([]byte, bool) {}
func (s stuck) OnClose(string)       { <-s.release }

func TestShutdownContextExpires(t *testing.T) {
	h := stuck{release: make(chan struct{})}
	srv := engineio.NewServer(shortConfig(), func(*engineio.Session) engineio.SessionHandler { return h })
	ts := &testServer{t: t, srv: srv}
	ts.http = newHTTPServer(t, srv)
	c, _ := ts.dialSession()
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	if err := srv.Shutdown(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Shutdown = %v, want DeadlineExceeded", err)
	}
	// The connection was closed anyway.
	if _, _, err := readFrame(t, c); err == nil {
		t.Error("connection still open after a timed-out Shutdown")
	}
	close(h.release)
}

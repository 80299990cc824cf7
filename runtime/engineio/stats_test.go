package engineio_test

import (
	"testing"
	"time"

	"github.com/rtgen/rtgen/runtime/engineio"
)

// upgradeRecorder is a recorder that also counts OnUpgrade calls.
type upgradeRecorder struct {
	*recorder
	upgrades chan string
}

func (u upgradeRecorder) OnUpgrade() { u.upgrades <- u.s.Transport() }

func TestStatsAndUpgradeHandler(t *testing.T) {
	upgrades := make(chan string, 1)
	ts := &testServer{t: t, sessions: make(chan *recorder, 10)}
	ts.srv = engineio.NewServer(shortConfig(), func(s *engineio.Session) engineio.SessionHandler {
		r := &recorder{s: s, msgs: make(chan message, 10), closed: make(chan string, 1)}
		ts.sessions <- r
		return upgradeRecorder{r, upgrades}
	})
	ts.http = newHTTPServer(t, ts.srv)

	if got := ts.srv.Stats(); got != (engineio.Stats{}) {
		t.Fatalf("Stats() of an idle server = %+v", got)
	}
	sid := ts.handshake()
	r := ts.session()
	ws, _ := ts.dialSession()
	defer ws.Close()
	ts.session()
	r.s.Send(engineio.NewTextMessage([]byte("hello")), engineio.NewTextMessage([]byte("hi")))
	want := engineio.Stats{Polling: 1, WebSocket: 1, QueuedBytes: len("4hello") + len("4hi"), MaxQueuedBytes: len("4hello") + len("4hi")}
	if got := ts.srv.Stats(); got != want {
		t.Errorf("Stats() with a polling session holding two messages = %+v, want %+v", got, want)
	}
	if status, body := ts.get("EIO=4&transport=polling&sid=" + sid); status != 200 || body != "4hello\x1e4hi" {
		t.Fatalf("GET → %d %q", status, body)
	}
	if got := ts.srv.Stats(); got.QueuedBytes != 0 || got.Polling != 1 {
		t.Errorf("Stats() after the GET = %+v", got)
	}

	c := ts.probe(sid)
	defer c.Close()
	select {
	case tr := <-upgrades:
		t.Fatalf("OnUpgrade (%s) before the upgrade packet", tr)
	case <-time.After(20 * time.Millisecond):
	}
	writeText(t, c, "5")
	select {
	case tr := <-upgrades:
		if tr != engineio.TransportWebSocket {
			t.Errorf("OnUpgrade saw transport %q", tr)
		}
	case <-time.After(waitTimeout):
		t.Fatal("no OnUpgrade")
	}
	if got := ts.srv.Stats(); got.Polling != 0 || got.WebSocket != 2 {
		t.Errorf("Stats() after the upgrade = %+v", got)
	}
}

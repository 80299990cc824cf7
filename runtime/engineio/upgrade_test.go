package engineio_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/rtgen/rtgen/runtime/engineio"
)

// probe opens a WebSocket for sid and exchanges the probe.
func (ts *testServer) probe(sid string) *websocket.Conn {
	ts.t.Helper()
	c := ts.dial("EIO=4&transport=websocket&sid=" + sid)
	writeText(ts.t, c, "2probe")
	if got := readText(ts.t, c); got != "3probe" {
		ts.t.Fatalf("probe reply %q", got)
	}
	return c
}

func TestUpgrade(t *testing.T) {
	ts := newTestServer(t, shortConfig(), true)
	sid := ts.handshake()
	r := ts.session()
	q := "EIO=4&transport=polling&sid=" + sid
	c := ts.probe(sid)
	// Polling is released with a noop so the client can pause it.
	if status, body := ts.get(q); status != 200 || body != "6" {
		t.Errorf("GET during upgrade → %d %q, want noop", status, body)
	}
	if got := r.s.Transport(); got != "polling" {
		t.Errorf("Transport() = %q before the upgrade packet", got)
	}
	writeText(t, c, "5")
	writeText(t, c, "4hello")
	if got := readText(t, c); got != "4hello" {
		t.Errorf("echo over the upgraded socket %q", got)
	}
	if got := r.s.Transport(); got != "websocket" {
		t.Errorf("Transport() = %q after the upgrade", got)
	}
	if status, body := ts.get(q); status != 400 || body != `{"code":3,"message":"Bad request"}` {
		t.Errorf("GET after upgrade → %d %s", status, body)
	}
	if status, _ := ts.post(q, "4x"); status != 400 {
		t.Errorf("POST after upgrade → %d", status)
	}
	r.message(t)
	r.noMessage(t)
}

// The test suite's sequence: "2probe" and "5" back to back, then at once a
// GET, which must already see the upgrade.
func TestUpgradeThenImmediateGET(t *testing.T) {
	ts := newTestServer(t, shortConfig(), true)
	for range 20 {
		sid := ts.handshake()
		ts.session()
		c := ts.dial("EIO=4&transport=websocket&sid=" + sid)
		writeText(t, c, "2probe")
		writeText(t, c, "5")
		if status, _ := ts.get("EIO=4&transport=polling&sid=" + sid); status != 400 {
			t.Fatalf("GET right after upgrade → %d, want 400", status)
		}
		if got := readText(t, c); got != "3probe" {
			t.Fatalf("read %q", got)
		}
		writeText(t, c, "4hello")
		if got := readText(t, c); got != "4hello" {
			t.Fatalf("echo %q", got)
		}
	}
}

// A GET pending when the probe is answered is released with a noop.
func TestUpgradeReleasesPendingGET(t *testing.T) {
	ts := newTestServer(t, shortConfig(), false)
	sid := ts.handshake()
	ts.session()
	pending := ts.asyncGet("EIO=4&transport=polling&sid=" + sid)
	time.Sleep(50 * time.Millisecond)
	ts.probe(sid)
	if status, body := recvGet(t, pending); status != "200" || body != "6" {
		t.Errorf("pending GET → %s %q, want noop", status, body)
	}
}

func TestUpgradeTimeout(t *testing.T) {
	cfg := shortConfig()
	cfg.UpgradeTimeout = 200 * time.Millisecond
	ts := newTestServer(t, cfg, true)
	sid := ts.handshake()
	r := ts.session()
	c := ts.probe(sid)
	if _, _, err := readFrame(t, c); err == nil {
		t.Fatal("probe socket still open after the upgrade timeout")
	}
	// The session carries on over polling.
	q := "EIO=4&transport=polling&sid=" + sid
	if status, _ := ts.post(q, "4still"); status != 200 {
		t.Fatalf("POST after aborted upgrade → %d", status)
	}
	if status, body := ts.get(q); status != 200 || body != "4still" {
		t.Errorf("GET after aborted upgrade → %d %q", status, body)
	}
	if got := r.s.Transport(); got != "polling" {
		t.Errorf("Transport() = %q", got)
	}
	// And may try again.
	c = ts.probe(sid)
	ts.get(q) // the noop
	writeText(t, c, "5")
	writeText(t, c, "4again")
	if got := readText(t, c); got != "4again" {
		t.Errorf("echo after second upgrade %q", got)
	}
}

// Anything but the probe and the upgrade packet on a probing socket closes
// it; the session stays on polling.
func TestUpgradeBadProbe(t *testing.T) {
	ts := newTestServer(t, shortConfig(), true)
	for _, first := range []string{"4hello", "5", "2", "abc"} {
		sid := ts.handshake()
		r := ts.session()
		c := ts.dial("EIO=4&transport=websocket&sid=" + sid)
		writeText(t, c, first)
		expectClose(t, c)
		q := "EIO=4&transport=polling&sid=" + sid
		ts.post(q, "4ok")
		if status, body := ts.get(q); status != 200 || body != "4ok" {
			t.Errorf("after %q probe: GET → %d %q", first, status, body)
		}
		if m := r.message(t); m.data != "ok" {
			t.Errorf("after %q probe: OnMessage %+v", first, m)
		}
		r.noMessage(t)
	}
}

func TestSecondWebSocketRefused(t *testing.T) {
	ts := newTestServer(t, shortConfig(), true)
	sid := ts.handshake()
	ts.session()
	c := ts.probe(sid)
	// While probing…
	if code := expectClose(t, ts.dial("EIO=4&transport=websocket&sid="+sid)); code != websocket.ClosePolicyViolation {
		t.Errorf("second WebSocket during probe: close %d", code)
	}
	writeText(t, c, "5")
	// …and after the upgrade.
	if code := expectClose(t, ts.dial("EIO=4&transport=websocket&sid="+sid)); code != websocket.ClosePolicyViolation {
		t.Errorf("second WebSocket after upgrade: close %d", code)
	}
	writeText(t, c, "4hello")
	if got := readText(t, c); got != "4hello" {
		t.Errorf("first socket echo %q", got)
	}
}

// Messages sent continuously while a client upgrades (the way
// engine.io-client does: pause polling after the probe reply, then send the
// upgrade packet) arrive exactly once and in order across both transports.
func TestUpgradeOrdering(t *testing.T) {
	const total = 2000
	ts := newTestServer(t, shortConfig(), false)
	sid := ts.handshake()
	r := ts.session()
	go func() {
		for i := range total {
			if err := r.s.Send(engineio.NewTextMessage([]byte(strconv.Itoa(i)))); err != nil {
				return
			}
			if i%20 == 0 {
				time.Sleep(time.Millisecond)
			}
		}
	}()

	var got []int
	collect := func(packet string) {
		if packet == "6" {
			return
		}
		n, err := strconv.Atoi(strings.TrimPrefix(packet, "4"))
		if err != nil || !strings.HasPrefix(packet, "4") {
			t.Fatalf("unexpected packet %q", packet)
		}
		got = append(got, n)
	}
	q := "EIO=4&transport=polling&sid=" + sid
	poll := func() {
		status, body := ts.get(q)
		if status != 200 {
			t.Fatalf("GET → %d %s", status, body)
		}
		for p := range strings.SplitSeq(body, "\x1e") {
			collect(p)
		}
	}
	// Poll a while, then upgrade mid-stream.
	for len(got) < total/4 {
		poll()
	}
	c := ts.dial("EIO=4&transport=websocket&sid=" + sid)
	writeText(t, c, "2probe")
	probeReply := make(chan string, 1)
	go func() {
		_, data, _ := readFrame(t, c)
		probeReply <- string(data)
	}()
	// Keep polling until the probe reply arrives, then stop polling (the
	// server ends a poll in flight with a noop) and upgrade.
	for paused := false; !paused; {
		select {
		case reply := <-probeReply:
			if reply != "3probe" {
				t.Fatalf("probe reply %q", reply)
			}
			paused = true
		default:
			poll()
		}
	}
	writeText(t, c, "5")
	for len(got) < total {
		collect(readText(t, c))
	}
	for i, n := range got {
		if n != i {
			t.Fatalf("message %d is %d (lost, duplicated or reordered); around: %v", i, n, got[max(0, i-3):min(len(got), i+3)])
		}
	}
	if len(got) != total {
		t.Fatal(fmt.Sprint("got ", len(got)))
	}
}

// A violation right behind the upgrade packet, in the same write, closes
// the upgraded session as its reader would: close code 1002, reason
// "transport error".
func TestUpgradeThenBadFrame(t *testing.T) {
	cfg := shortConfig()
	cfg.PingInterval = time.Minute // no heartbeat write can end the session meanwhile
	ts := newTestServer(t, cfg, false)
	sid := ts.handshake()
	r := ts.session()
	c := ts.probe(sid)
	unmasked := []byte{0x81, 0x01, '4'} // a client frame must be masked
	if _, err := c.UnderlyingConn().Write(append(maskedFrame(websocket.TextMessage, "5"), unmasked...)); err != nil {
		t.Fatal(err)
	}
	if code := expectClose(t, c); code != websocket.CloseProtocolError {
		t.Errorf("close code %d, want %d", code, websocket.CloseProtocolError)
	}
	if reason := r.closeReason(t); reason != engineio.ReasonTransportError {
		t.Errorf("OnClose(%q), want %q", reason, engineio.ReasonTransportError)
	}
}

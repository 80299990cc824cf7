package engineio_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/rtgen/rtgen/runtime/engineio"
)

func heartbeatConfig() engineio.Config {
	cfg := shortConfig()
	cfg.PingInterval = 100 * time.Millisecond
	cfg.PingTimeout = time.Second
	return cfg
}

func TestHeartbeatPolling(t *testing.T) {
	ts := newTestServer(t, heartbeatConfig(), false)
	sid := ts.handshake()
	r := ts.session()
	q := "EIO=4&transport=polling&sid=" + sid
	for i := range 3 {
		if status, body := ts.get(q); status != 200 || body != "2" {
			t.Fatalf("ping %d: GET → %d %q", i, status, body)
		}
		if status, _ := ts.post(q, "3"); status != 200 {
			t.Fatalf("pong %d: POST → %d", i, status)
		}
	}
	// No pong: the session is closed, and the GET after the deadline fails.
	if status, body := ts.get(q); status != 200 || body != "2" {
		t.Fatalf("ping: GET → %d %q", status, body)
	}
	if reason := r.closeReason(t); reason != engineio.ReasonPingTimeout {
		t.Errorf("reason %q", reason)
	}
	if status, _ := ts.get(q); status != 400 {
		t.Errorf("GET after ping timeout → %d", status)
	}
}

// A client that never polls is closed at handshake + interval + timeout;
// a request arriving after that deadline is refused even if the timer has
// not run yet.
func TestPingTimeoutPollingDeadline(t *testing.T) {
	ts := newTestServer(t, heartbeatConfig(), false)
	sid := ts.handshake()
	r := ts.session()
	time.Sleep(1100 * time.Millisecond)
	if status, _ := ts.get("EIO=4&transport=polling&sid=" + sid); status != 400 {
		t.Errorf("GET after interval+timeout → %d, want 400", status)
	}
	if reason := r.closeReason(t); reason != engineio.ReasonPingTimeout {
		t.Errorf("reason %q", reason)
	}
}

func TestHeartbeatWebSocket(t *testing.T) {
	ts := newTestServer(t, heartbeatConfig(), false)
	c, _ := ts.dialSession()
	r := ts.session()
	for i := range 3 {
		if got := readText(t, c); got != "2" {
			t.Fatalf("ping %d: %q", i, got)
		}
		writeText(t, c, "3")
	}
	if got := readText(t, c); got != "2" {
		t.Fatalf("ping: %q", got)
	}
	// No pong this time.
	expectClose(t, c)
	if reason := r.closeReason(t); reason != engineio.ReasonPingTimeout {
		t.Errorf("reason %q", reason)
	}
}

// Unsolicited pongs neither keep a session alive nor break it.
func TestUnsolicitedPong(t *testing.T) {
	ts := newTestServer(t, heartbeatConfig(), false)
	c, _ := ts.dialSession()
	r := ts.session()
	writeText(t, c, "3")
	if got := readText(t, c); got != "2" {
		t.Fatalf("first ping %q", got)
	}
	writeText(t, c, "3")
	if got := readText(t, c); got != "2" {
		t.Fatalf("second ping %q", got)
	}
	r.noMessage(t)
}

// Many sessions opened at different times share the server's heartbeat
// timer: each gets its first ping no earlier than PingInterval after it
// opened, and each its own.
func TestHeartbeatsOfManySessions(t *testing.T) {
	ts := newTestServer(t, heartbeatConfig(), false)
	const n = 40
	type result struct {
		i    int
		wait time.Duration
		err  string
	}
	results := make(chan result, n)
	for i := range n {
		c, _ := ts.dialSession()
		opened := time.Now()
		ts.session()
		go func() {
			_, got, err := readFrame(t, c)
			wait := time.Since(opened)
			if err != nil || string(got) != "2" {
				results <- result{i, wait, fmt.Sprintf("first packet %q, %v", got, err)}
				return
			}
			results <- result{i, wait, ""}
		}()
		time.Sleep(3 * time.Millisecond)
	}
	for range n {
		r := <-results
		if r.err != "" {
			t.Errorf("session %d: %s", r.i, r.err)
		}
		// The open packet is read in dialSession, so opened is a little after
		// the session's start: a ping may not come sooner than this.
		if r.wait < heartbeatConfig().PingInterval-10*time.Millisecond {
			t.Errorf("session %d pinged %v after it opened, before PingInterval", r.i, r.wait)
		}
	}
}

package engineio_test

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/rtgen/rtgen/runtime/engineio"
)

// A client that stops reading is closed as slow; another session of the
// same server keeps working.
func TestSlowClientWebSocket(t *testing.T) {
	cfg := shortConfig()
	cfg.WriteQueueLimit = 64 << 10
	cfg.WriteTimeout = time.Second
	ts := newTestServer(t, cfg, true)
	ts.dialSession() // never read
	slow := ts.session()
	healthy, _ := ts.dialSession()
	ts.session()

	chunk := engineio.NewBinaryMessage(bytes.Repeat([]byte{1}, 32<<10))
	deadline := time.Now().Add(waitTimeout)
	var err error
	for err == nil && time.Now().Before(deadline) {
		err = slow.s.Send(chunk)
	}
	if !errors.Is(err, engineio.ErrSlowClient) && !errors.Is(err, engineio.ErrSessionClosed) {
		t.Fatalf("Send to a stalled client never failed: %v", err)
	}
	if reason := slow.closeReason(t); reason != engineio.ReasonSlowClient {
		t.Errorf("reason %q", reason)
	}
	for i := range 10 {
		writeText(t, healthy, "4ping")
		if got := readText(t, healthy); got != "4ping" {
			t.Fatalf("healthy session echo %d: %q", i, got)
		}
	}
}

func TestWriteQueueLimitPolling(t *testing.T) {
	cfg := shortConfig()
	cfg.WriteQueueLimit = 64 << 10
	ts := newTestServer(t, cfg, false)

	// One message over the limit is accepted when nothing is queued.
	sid := ts.handshake()
	r := ts.session()
	big := engineio.NewTextMessage(bytes.Repeat([]byte("x"), 100<<10))
	if err := r.s.Send(big); err != nil {
		t.Fatalf("oversized message on an empty queue: %v", err)
	}
	if status, body := ts.get("EIO=4&transport=polling&sid=" + sid); status != 200 || len(body) != 1+100<<10 {
		t.Errorf("GET → %d, %d bytes", status, len(body))
	}

	// A client that does not poll fills its queue and is closed.
	ts.handshake()
	r = ts.session()
	m := engineio.NewTextMessage(bytes.Repeat([]byte("x"), 40<<10))
	if err := r.s.Send(m); err != nil {
		t.Fatal(err)
	}
	if err := r.s.Send(m); !errors.Is(err, engineio.ErrSlowClient) {
		t.Fatalf("Send over the queue limit = %v", err)
	}
	if err := r.s.Send(m); !errors.Is(err, engineio.ErrSessionClosed) {
		t.Errorf("Send after the slow-client close = %v", err)
	}
	if reason := r.closeReason(t); reason != engineio.ReasonSlowClient {
		t.Errorf("reason %q", reason)
	}
}

package engineio_test

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/rtgen/rtgen/runtime/engineio"
)

// A client that stops reading is closed as slow, while another session fed
// the same stream at the same pace, whose client reads, is unaffected.
func TestSlowClientWebSocket(t *testing.T) {
	cfg := shortConfig()
	cfg.WriteQueueLimit = 256 << 10
	cfg.WriteTimeout = time.Second
	ts := newTestServer(t, cfg, false)
	ts.dialSession() // never read
	slow := ts.session()
	healthy, _ := ts.dialSession()
	fine := ts.session()
	received := make(chan int, 1)
	got := make(chan struct{}, 1)
	go func() {
		n := 0
		for {
			if _, _, err := readFrame(t, healthy); err != nil {
				received <- n
				return
			}
			n++
			select {
			case got <- struct{}{}:
			default:
			}
		}
	}()

	chunk := engineio.NewBinaryMessage(bytes.Repeat([]byte{1}, 32<<10))
	deadline := time.Now().Add(waitTimeout)
	var err error
	sent := 0
	for err == nil && time.Now().Before(deadline) {
		if err = fine.s.Send(chunk); err != nil {
			t.Fatalf("Send to the reading client: %v", err)
		}
		sent++
		err = slow.s.Send(chunk)
		// The reading client is never behind, however slow the machine.
		select {
		case <-got:
		case <-time.After(waitTimeout):
			t.Fatal("the reading client received nothing")
		}
	}
	if !errors.Is(err, engineio.ErrSlowClient) && !errors.Is(err, engineio.ErrSessionClosed) {
		t.Fatalf("Send to a stalled client never failed: %v", err)
	}
	if reason := slow.closeReason(t); reason != engineio.ReasonSlowClient {
		t.Errorf("reason %q", reason)
	}
	fine.s.Close(engineio.ReasonForcedClose)
	if n := <-received; n != sent {
		t.Errorf("reading client got %d of %d messages", n, sent)
	}
	if reason := fine.closeReason(t); reason != engineio.ReasonForcedClose {
		t.Errorf("reading client closed with %q", reason)
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

// A client that falls behind but is still connected gets close code 4008
// after the data that was already on its way.
func TestSlowClientCloseCode(t *testing.T) {
	cfg := shortConfig()
	cfg.WriteQueueLimit = 64 << 10
	ts := newTestServer(t, cfg, false)
	c, _ := ts.dialSession()
	r := ts.session()
	chunk := engineio.NewBinaryMessage(bytes.Repeat([]byte{1}, 32<<10))
	deadline := time.Now().Add(waitTimeout)
	var err error
	for err == nil && time.Now().Before(deadline) {
		err = r.s.Send(chunk)
	}
	if !errors.Is(err, engineio.ErrSlowClient) {
		t.Fatalf("Send = %v, want ErrSlowClient", err)
	}
	if code := expectClose(t, c); code != 4008 {
		t.Errorf("close code %d, want 4008", code)
	}
	if reason := r.closeReason(t); reason != engineio.ReasonSlowClient {
		t.Errorf("reason %q", reason)
	}
}

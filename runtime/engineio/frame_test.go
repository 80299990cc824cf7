package engineio

import (
	"bytes"
	"errors"
	"net"
	"testing"
)

// countingConn records each Write that reaches the network.
type countingConn struct {
	net.Conn
	writes [][]byte
	err    error
}

func (c *countingConn) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	c.writes = append(c.writes, bytes.Clone(p))
	return len(p), nil
}

func TestCoalescingConn(t *testing.T) {
	under := &countingConn{}
	c := &coalescingConn{Conn: under}

	c.Write([]byte("a"))
	if len(under.writes) != 1 {
		t.Fatalf("outside a batch: %d writes, want 1 (write-through)", len(under.writes))
	}
	c.startBatch()
	for _, f := range []string{"b", "cd", "e"} {
		if n, err := c.Write([]byte(f)); n != len(f) || err != nil {
			t.Fatalf("held Write(%q) = %d, %v", f, n, err)
		}
	}
	if len(under.writes) != 1 {
		t.Fatalf("held frames reached the network early: %q", under.writes)
	}
	if err := c.flush(); err != nil {
		t.Fatal(err)
	}
	if len(under.writes) != 2 || string(under.writes[1]) != "bcde" {
		t.Fatalf("after flush: %q, want one write of \"bcde\"", under.writes)
	}
	if c.hold != nil {
		t.Error("the batch buffer is kept after flush")
	}
	if err := c.flush(); err != nil || len(under.writes) != 2 {
		t.Errorf("flush without batch: %v, %d writes", err, len(under.writes))
	}

	c.startBatch()
	if err := c.flush(); err != nil || len(under.writes) != 2 {
		t.Errorf("empty batch: %v, %d writes, want none", err, len(under.writes))
	}

	boom := errors.New("boom")
	under.err = boom
	c.startBatch()
	c.Write([]byte("f"))
	if err := c.flush(); !errors.Is(err, boom) {
		t.Errorf("flush error = %v, want the network's", err)
	}
}

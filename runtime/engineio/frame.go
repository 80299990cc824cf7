package engineio

import (
	"bufio"
	"net"
	"net/http"
	"sync"
)

// coalescingConn is the network connection under a session's WebSocket.
// While the writer drains a batch of several messages it holds the frames
// gorilla/websocket writes in a pooled buffer and sends them with one
// system call, instead of one call per frame: under load most of a
// delivery's cost is that call. Outside a batch, writes go straight
// through. The buffer is only held during a batch, so an idle connection
// keeps none.
type coalescingConn struct {
	net.Conn

	mu   sync.Mutex
	hold *[]byte // the batch being gathered; nil when not holding
}

// maxPooledBatch bounds the batch buffers kept for reuse, so that one burst
// does not pin its memory.
const maxPooledBatch = 64 << 10

var batchPool = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

// Write implements net.Conn. gorilla serialises its own writers, and each
// of its frames is one Write, so held frames never interleave.
func (c *coalescingConn) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.hold != nil {
		*c.hold = append(*c.hold, p...)
		return len(p), nil
	}
	return c.Conn.Write(p)
}

// startBatch makes later writes gather until flush.
func (c *coalescingConn) startBatch() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.hold == nil {
		c.hold = batchPool.Get().(*[]byte)
	}
}

// flush sends what the batch gathered, under the write deadline last set,
// and ends the batch.
func (c *coalescingConn) flush() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	b := c.hold
	if b == nil {
		return nil
	}
	c.hold = nil
	var err error
	if len(*b) > 0 {
		_, err = c.Conn.Write(*b)
	}
	if cap(*b) <= maxPooledBatch {
		*b = (*b)[:0]
		batchPool.Put(b)
	}
	return err
}

// hijackCapture hands gorilla/websocket's upgrader the hijacked connection
// wrapped in a coalescingConn, and remembers it.
type hijackCapture struct {
	http.ResponseWriter
	conn *coalescingConn
}

// Hijack implements http.Hijacker.
func (h *hijackCapture) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	c, brw, err := http.NewResponseController(h.ResponseWriter).Hijack()
	if err != nil {
		return nil, nil, err
	}
	h.conn = &coalescingConn{Conn: c}
	return h.conn, brw, nil
}

package engineio

import (
	"bufio"
	"encoding/binary"
	"net"
	"net/http"
	"sync"
	"syscall"
	"time"
)

// frameConn is the network connection under a WebSocket, once the
// handshake is done: the session's writer writes frames to it itself,
// every frame of a batch in one system call (under load most of a
// delivery's cost is that call), and the reader parses what it reads
// (wsReader). One writer at a time writes it.
type frameConn struct {
	net.Conn
	raw syscall.RawConn // nil unless a plain socket (see poller)
	// held is the handshake response of a new session, kept to go out
	// with its first frames (the open packet) in one write; hold is set
	// while the upgrader writes it.
	hold bool
	held []byte
}

// Write implements net.Conn; the handshake response is held while hold
// is set, and sent with the next write.
func (c *frameConn) Write(p []byte) (int, error) {
	if c.hold {
		c.held = append(c.held, p...)
		return len(p), nil
	}
	if c.held != nil {
		h := len(c.held)
		n, err := c.Conn.Write(c.takeHeld(nil, p))
		return max(n-h, 0), err
	}
	return c.Conn.Write(p)
}

// takeHeld appends the held handshake response, if any, then p, to b; the
// response is then no longer held.
func (c *frameConn) takeHeld(b, p []byte) []byte {
	b = append(append(b, c.held...), p...)
	c.held = nil
	return b
}

// maxPooledFrames bounds the frame buffers kept for reuse, so that one burst
// does not pin its memory.
const maxPooledFrames = 64 << 10

var framePool = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

// writeFrames sends msgs as WebSocket frames in one write, assembled in a
// pooled buffer that is only held while writing.
func (c *frameConn) writeFrames(msgs []*Message) error {
	buf := framePool.Get().(*[]byte)
	b := appendFrames((*buf)[:0], msgs)
	_, err := c.Write(b)
	putFrameBuffer(buf, b)
	return err
}

// appendFrames appends every message as a frame.
func appendFrames(b []byte, msgs []*Message) []byte {
	for _, m := range msgs {
		b = m.appendFrame(b)
	}
	return b
}

// putFrameBuffer returns a frame buffer to the pool, now holding b, unless
// it grew too big to keep.
func putFrameBuffer(buf *[]byte, b []byte) {
	if cap(b) <= maxPooledFrames {
		*buf = b[:0]
		framePool.Put(buf)
	}
}

// appendFrame appends m as one frame: binary messages as their raw bytes
// in a binary frame, everything else as its text form in a text frame. The
// payload is m's encoding, built once and shared by every recipient.
func (m *Message) appendFrame(b []byte) []byte {
	if m.packet.Binary {
		return appendWSFrame(b, opBinary, m.packet.Data)
	}
	return appendWSFrame(b, opText, m.pollingBytes())
}

// appendWSFrame appends one unmasked, unfragmented server frame.
func appendWSFrame(b []byte, opcode byte, payload []byte) []byte {
	b = append(b, 0x80|opcode) // FIN
	switch n := len(payload); {
	case n < 126:
		b = append(b, byte(n))
	case n <= 0xffff:
		b = append(b, 126)
		b = binary.BigEndian.AppendUint16(b, uint16(n))
	default:
		b = append(b, 127)
		b = binary.BigEndian.AppendUint64(b, uint64(n))
	}
	return append(b, payload...)
}

// writeControl sends one control frame (close, pong) under timeout.
func (c *frameConn) writeControl(op byte, payload []byte, timeout time.Duration) error {
	c.SetWriteDeadline(time.Now().Add(timeout))
	_, err := c.Write(appendWSFrame(nil, op, payload))
	return err
}

// writeClose sends a close frame with code, under timeout; the connection
// is closing, so a failure is of no consequence.
func (c *frameConn) writeClose(code int, timeout time.Duration) {
	c.writeControl(opClose, binary.BigEndian.AppendUint16(nil, uint16(code)), timeout)
}

// hijackCapture hands gorilla/websocket's upgrader, which does the
// handshake, the hijacked connection wrapped in a frameConn, and
// remembers it: the WebSocket is then served on it without gorilla.
type hijackCapture struct {
	http.ResponseWriter
	conn *frameConn
	hold bool // hold the handshake response (see frameConn.held)
}

// Hijack implements http.Hijacker.
func (h *hijackCapture) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	c, brw, err := http.NewResponseController(h.ResponseWriter).Hijack()
	if err != nil {
		return nil, nil, err
	}
	h.conn = &frameConn{Conn: c, hold: h.hold}
	if sc, ok := c.(*net.TCPConn); ok {
		h.conn.raw, _ = sc.SyscallConn()
	}
	// (With data already buffered in brw, gorilla refuses the handshake:
	// after it, nothing was read past it.)
	return h.conn, brw, nil
}

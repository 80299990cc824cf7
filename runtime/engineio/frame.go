package engineio

import (
	"bufio"
	"encoding/binary"
	"net"
	"net/http"
	"sync"
	"syscall"

	"github.com/gorilla/websocket"
)

// frameConn is the network connection under a session's WebSocket. The
// session's writer writes data frames to it itself, every frame of a batch
// in one system call (under load most of a delivery's cost is that call);
// gorilla/websocket writes only control frames (pong, close) through it.
// Each Write is whole under mu, so the two never interleave within a frame.
type frameConn struct {
	net.Conn
	raw syscall.RawConn // nil unless a plain socket (see poller)
	mu  sync.Mutex
}

// Write implements net.Conn.
func (c *frameConn) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.Conn.Write(p)
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

// appendFrame appends m as one unmasked, unfragmented server frame: binary
// messages as their raw bytes in a binary frame, everything else as its
// text form in a text frame. The payload is m's encoding, built once and
// shared by every recipient.
func (m *Message) appendFrame(b []byte) []byte {
	opcode, payload := byte(websocket.TextMessage), []byte(nil)
	if m.packet.Binary {
		opcode, payload = websocket.BinaryMessage, m.packet.Data
	} else {
		payload = m.pollingBytes()
	}
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

// hijackCapture hands gorilla/websocket's upgrader the hijacked connection
// wrapped in a frameConn, and a read buffer of readBufferSize bytes that
// gorilla then reads through (Upgrader.ReadBufferSize is 0): it remembers
// both, so that the reader can tell whether a frame is already buffered.
type hijackCapture struct {
	http.ResponseWriter
	conn *frameConn
	br   *bufio.Reader
}

// Hijack implements http.Hijacker.
func (h *hijackCapture) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	c, brw, err := http.NewResponseController(h.ResponseWriter).Hijack()
	if err != nil {
		return nil, nil, err
	}
	h.conn = &frameConn{Conn: c}
	if sc, ok := c.(*net.TCPConn); ok {
		h.conn.raw, _ = sc.SyscallConn()
	}
	if brw.Reader.Buffered() == 0 {
		// (With data buffered already, gorilla refuses the handshake.)
		h.br = bufio.NewReaderSize(h.conn, readBufferSize)
		brw.Reader = h.br
	}
	return h.conn, brw, nil
}

package engineio

import (
	"errors"
	"io"
	"net"
	"runtime"
	"time"

	"github.com/gorilla/websocket"

	"github.com/rtgen/rtgen/runtime/internal/eioproto"
)

// closeGrace is how long a closing WebSocket waits for the client's close
// frame after sending its own.
const closeGrace = time.Second

// wsConn is one WebSocket connection. Its reader is a goroutine of its
// own. While it is being probed for an upgrade that reader is also its
// only writer; once it carries a session, only the writer goroutine writes,
// which runs while there is something to send and exits when idle.
type wsConn struct {
	conn *websocket.Conn
	net  *frameConn    // under conn; data frames are written to it directly
	done chan struct{} // closed once the writer has finished for good

	// Guarded by Session.mu.
	writing  bool   // a writer goroutine is running
	finished bool   // the close frame was sent or writing failed
	pong     []byte // payload of the WebSocket ping to answer
	hasPong  bool
}

func newWSConn(conn *websocket.Conn, nc *frameConn) *wsConn {
	return &wsConn{conn: conn, net: nc, done: make(chan struct{})}
}

// kick unblocks the connection's reader.
func (t *wsConn) kick() { t.conn.SetReadDeadline(time.Now()) }

// startWriterLocked runs the writer unless it is running or finished.
func (t *wsConn) startWriterLocked(s *Session) {
	if t.writing || t.finished {
		return
	}
	t.writing = true
	go s.runWriter(t)
}

// runWriter writes the session's queue to t until the queue is empty, then
// exits; once the session is closing and drained it sends the close frame.
func (s *Session) runWriter(t *wsConn) {
	timeout := s.srv.cfg.WriteTimeout
	var batch []*Message
	// Let what is runnable go first: a broadcast in progress, or the next
	// one, then adds its messages to this write instead of costing a write
	// of its own. When nothing else is runnable this returns at once.
	runtime.Gosched()
	for {
		s.mu.Lock()
		batch, s.queue = s.queue, batch[:0]
		s.queueBytes = 0
		pong, hasPong := t.pong, t.hasPong
		t.pong, t.hasPong = nil, false
		if len(batch) == 0 && !hasPong {
			if s.state == stateOpen {
				t.writing = false
				s.mu.Unlock()
				return
			}
			t.writing, t.finished = false, true
			s.state = stateClosed
			code := s.wsCloseCode
			s.mu.Unlock()
			// The reader may already have sent one (read limit, protocol
			// error); gorilla then refuses a second, which is fine.
			t.conn.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, ""), time.Now().Add(timeout))
			t.conn.SetReadDeadline(time.Now().Add(closeGrace))
			close(t.done)
			return
		}
		s.mu.Unlock()

		if hasPong {
			if err := t.conn.WriteControl(websocket.PongMessage, pong, time.Now().Add(timeout)); err != nil {
				s.writeFailed(t, err)
				return
			}
		}
		if len(batch) > 0 {
			// The whole batch in one write, under one deadline.
			t.net.SetWriteDeadline(time.Now().Add(timeout))
			if err := t.net.writeFrames(batch); err != nil {
				s.writeFailed(t, err)
				return
			}
		}
		clear(batch)
		if cap(batch) > maxIdleQueueCap {
			batch = nil // do not keep a burst's backing array
		}
	}
}

// maxIdleQueueCap bounds the queue capacity a session keeps between bursts.
const maxIdleQueueCap = 256

// writeFailed ends the writer after a failed write: the connection is
// unusable, so the session closes without a close frame.
func (s *Session) writeFailed(t *wsConn, err error) {
	reason := ReasonTransportError
	if ne, ok := errors.AsType[net.Error](err); ok && ne.Timeout() {
		reason = ReasonSlowClient
	}
	s.mu.Lock()
	t.writing, t.finished = false, true
	s.closeLocked(reason, closeCodeFor(reason), false)
	s.state = stateClosed
	s.mu.Unlock()
	t.kick()
	close(t.done)
}

// onWSPing answers a WebSocket-level ping (not an Engine.IO one).
func (s *Session) onWSPing(t *wsConn, data string) error {
	s.mu.Lock()
	if s.ws == t {
		if !t.finished {
			t.pong, t.hasPong = []byte(data), true
			t.startWriterLocked(s)
		}
		s.mu.Unlock()
		return nil
	}
	s.mu.Unlock()
	// A probe connection's reader is its only writer: answer directly.
	t.conn.WriteControl(websocket.PongMessage, []byte(data), time.Now().Add(s.srv.cfg.WriteTimeout))
	return nil
}

// setupConn applies limits and handlers to a new connection of s.
func (s *Session) setupConn(t *wsConn) {
	t.conn.SetReadLimit(s.srv.cfg.MaxPayload)
	// The close reply goes through the writer, with the session's code.
	t.conn.SetCloseHandler(func(int, string) error { return nil })
	t.conn.SetPingHandler(func(data string) error { return s.onWSPing(t, data) })
}

// readLoop reads the session's WebSocket until it fails or closes, then
// waits for the writer to finish, closes the connection and tells the
// server it is gone.
func (s *Session) readLoop(t *wsConn) {
	defer s.srv.connDone(t)
	defer t.conn.Close()
	for {
		// NextReader rather than ReadMessage: one frame less on the stack
		// of every idle connection.
		typ, r, err := t.conn.NextReader()
		if err != nil {
			s.readFailed(err)
			break
		}
		data, err := io.ReadAll(r)
		if err != nil {
			s.readFailed(err)
			break
		}
		if typ == websocket.BinaryMessage {
			s.deliver(data, true)
			continue
		}
		p, err := eioproto.DecodePacket(data)
		if err != nil {
			code := closeProtocolError
			if errors.Is(err, eioproto.ErrInvalidUTF8) {
				code = closeInvalidPayload
			}
			s.closeWith(ReasonParseError, code)
			break
		}
		if !s.handlePacket(p) {
			break
		}
	}
	// Every write has a deadline, so the writer ends in bounded time.
	<-t.done
}

// readFailed closes the session after its reader failed.
func (s *Session) readFailed(err error) {
	switch {
	case errors.Is(err, websocket.ErrReadLimit):
		s.closeWith(ReasonMessageTooBig, closeMessageTooBig)
	case isCloseOrEOF(err):
		s.closeWith(ReasonTransportClose, closeNormal)
	default:
		s.closeWith(ReasonTransportError, closeProtocolError)
	}
}

func isCloseOrEOF(err error) bool {
	_, isClose := errors.AsType[*websocket.CloseError](err)
	return isClose || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, net.ErrClosed)
}

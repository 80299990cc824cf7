package engineio

import (
	"bufio"
	"errors"
	"io"
	"net"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"

	"github.com/rtgen/rtgen/runtime/internal/eioproto"
)

// closeGrace is how long a closing WebSocket waits for the client's close
// frame after sending its own.
const closeGrace = time.Second

// wsConn is one WebSocket connection. While it is being probed for an
// upgrade, a goroutine of its own reads it and is also its only writer.
// Once it carries a session, one writer at a time writes it (see
// startWriterLocked), and a goroutine reads it only while it has data:
// when idle it is parked in the poller (Linux), which starts a reader when
// data arrives.
type wsConn struct {
	conn *websocket.Conn
	net  *frameConn    // under conn; data frames are written to it directly
	br   *bufio.Reader // conn's read buffer
	done chan struct{} // closed once the writer has finished for good

	// The reader's state: readBusy while a goroutine owns the reads,
	// readParked while the poller waits for data. wakeup asks for a reader
	// even without data, once the session is closing.
	reads  atomic.Int32
	wakeup atomic.Bool
	poller *poller // nil: reads never park
	slot   pollSlot
	s      atomic.Pointer[Session] // whose reads a poller event resumes

	// Guarded by Session.mu.
	writing  bool   // a writer has the queue: the flusher or runWriter
	finished bool   // the close frame was sent or writing failed
	pong     []byte // payload of the WebSocket ping to answer
	hasPong  bool
}

const (
	readBusy int32 = iota
	readParked
)

// errNotPollable reports a connection the poller cannot watch (not a
// plain socket, e.g. TLS, whose buffered data epoll cannot see).
var errNotPollable = errors.New("engineio: connection cannot be polled")

func newWSConn(conn *websocket.Conn, nc *frameConn, br *bufio.Reader) *wsConn {
	t := &wsConn{conn: conn, net: nc, br: br, done: make(chan struct{})}
	if br != nil && nc.raw != nil {
		t.poller = sharedPoller()
	}
	return t
}

// kick unblocks the connection's reader, or starts one if it is parked.
func (t *wsConn) kick() {
	t.conn.SetReadDeadline(time.Now())
	t.wake()
}

// wake makes sure a goroutine reads t, data or not: once the session is
// closing, the reader must see the client's close frame, or its read
// deadline expire, to end the connection.
func (t *wsConn) wake() {
	t.wakeup.Store(true)
	if s := t.s.Load(); s != nil && t.reads.CompareAndSwap(readParked, readBusy) {
		go s.serveReads(t, true)
	}
}

// readable is the poller's event: data (or the peer's close) arrived.
func (t *wsConn) readable() {
	if t.reads.CompareAndSwap(readParked, readBusy) {
		go t.s.Load().serveReads(t, true)
	}
}

// park hands t to the poller once its reader has consumed everything
// buffered. It reports false when the caller must go on reading: there is
// no poller, or a wake-up came.
func (t *wsConn) park() bool {
	if t.poller == nil || t.br.Buffered() > 0 {
		return false
	}
	// Parked before arming: the event may fire as soon as it is armed.
	t.reads.Store(readParked)
	if err := t.poller.arm(t); err != nil {
		t.poller = nil // read on this goroutine from now on
		return !t.reads.CompareAndSwap(readParked, readBusy)
	}
	if t.wakeup.Load() && t.reads.CompareAndSwap(readParked, readBusy) {
		return false
	}
	return true
}

// startWriterLocked has the session's queue written unless a writer is at
// it or the connection is finished: by the server's flusher when the
// socket can be written without blocking, else by a writer goroutine.
func (t *wsConn) startWriterLocked(s *Session) {
	if t.writing || t.finished {
		return
	}
	t.writing = true
	if nonBlockingWrites && t.net.raw != nil && s.state == stateOpen {
		s.srv.flusher.add(s)
		return
	}
	go s.runWriter(t, nil)
}

// runWriter writes pending (the rest of a frame batch the flusher could
// not write), then the session's queue, blocking under WriteTimeout, until
// the queue is empty; then it exits. Once the session is closing and
// drained it sends the close frame.
func (s *Session) runWriter(t *wsConn, pending []byte) {
	timeout := s.srv.cfg.WriteTimeout
	if len(pending) > 0 {
		t.net.SetWriteDeadline(time.Now().Add(timeout))
		if _, err := t.net.Write(pending); err != nil {
			s.writeFailed(t, err)
			return
		}
	}
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
			t.wake() // to read the client's close frame, then close
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

// serveReads reads the session's WebSocket while data comes: every message
// already buffered, then, when the connection is idle, it parks it in the
// poller and returns; the poller resumes it on a new goroutine when data
// arrives. Without a poller it reads until the end. Once the connection
// fails or closes, it waits for the writer to finish, closes the
// connection and tells the server it is gone. readable says that data is
// waiting (the poller's event), so it reads before parking.
func (s *Session) serveReads(t *wsConn, readable bool) {
	for {
		if !readable && t.park() {
			return
		}
		readable = false
		if !s.readMessage(t) {
			break
		}
	}
	// Every write has a deadline, so the writer ends in bounded time.
	<-t.done
	if t.poller != nil {
		t.poller.remove(t)
	}
	t.conn.Close()
	s.srv.connDone(t)
}

// readMessage reads one message and acts on it; false once the session is
// closing or the connection failed.
func (s *Session) readMessage(t *wsConn) bool {
	// NextReader rather than ReadMessage: one frame less on the stack.
	typ, r, err := t.conn.NextReader()
	if err != nil {
		s.readFailed(err)
		return false
	}
	data, err := io.ReadAll(r)
	if err != nil {
		s.readFailed(err)
		return false
	}
	if typ == websocket.BinaryMessage {
		s.deliver(data, true)
		return !s.closing.Load()
	}
	p, err := eioproto.DecodePacket(data)
	if err != nil {
		code := closeProtocolError
		if errors.Is(err, eioproto.ErrInvalidUTF8) {
			code = closeInvalidPayload
		}
		s.closeWith(ReasonParseError, code)
		return false
	}
	return s.handlePacket(p)
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

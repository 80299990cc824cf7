package engineio

import (
	"errors"
	"io"
	"net"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

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
	net        *frameConn
	writerDone sync.WaitGroup // done once the writer has finished for good
	rd         *wsReader      // a frame or message left incomplete by the last read, else nil

	// The reader's state: readBusy while a goroutine owns the reads,
	// readParked while the poller waits for data. ready records the
	// poller's event, wakeup asks for a reader even without data, once the
	// session is closing; whoever sets one then takes a parked connection
	// over, and a reader that is parking checks them once parked.
	reads  atomic.Int32
	ready  atomic.Bool
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

func newWSConn(nc *frameConn) *wsConn {
	t := &wsConn{net: nc}
	t.writerDone.Add(1)
	if nc.raw != nil {
		t.poller = sharedPoller()
	}
	return t
}

// kick unblocks the connection's reader, or starts one if it is parked.
func (t *wsConn) kick() {
	t.net.SetReadDeadline(time.Now())
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

// readable is the poller's event: data (or the peer's close) arrived. If
// the reader is still busy parking, it sees ready and reads on.
func (t *wsConn) readable() {
	t.ready.Store(true)
	if t.reads.CompareAndSwap(readParked, readBusy) {
		go t.s.Load().serveReads(t, true)
	}
}

// park hands t to the poller once its reader has read what arrived. It
// reports false when the caller must go on reading: there is no poller, or
// data or a wake-up came meanwhile. The connection is armed while the
// caller still owns it, and only then marked parked, so that whoever takes
// it over next (an event, a wake-up) finds the registration complete.
func (t *wsConn) park() bool {
	if t.poller == nil || t.wakeup.Load() {
		return false
	}
	t.ready.Store(false) // an event can only come once armed
	if err := t.poller.arm(t); err != nil {
		t.poller = nil // read on this goroutine from now on
		return false
	}
	t.reads.Store(readParked)
	if (t.ready.Load() || t.wakeup.Load()) && t.reads.CompareAndSwap(readParked, readBusy) {
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
			code := int(s.wsCloseCode)
			s.mu.Unlock()
			t.net.writeClose(code, timeout)
			t.net.SetReadDeadline(time.Now().Add(closeGrace))
			t.writerDone.Done()
			t.wake() // to read the client's close frame, then close
			return
		}
		s.mu.Unlock()

		if hasPong {
			if err := t.net.writeControl(opPong, pong, timeout); err != nil {
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
	t.writerDone.Done()
}

// onWSPing answers a WebSocket-level ping (not an Engine.IO one).
func (s *Session) onWSPing(t *wsConn, data []byte) {
	s.mu.Lock()
	if s.ws == t {
		if !t.finished {
			t.pong, t.hasPong = append([]byte(nil), data...), true
			t.startWriterLocked(s)
		}
		s.mu.Unlock()
		return
	}
	s.mu.Unlock()
	// A probe connection's reader is its only writer: answer directly.
	t.net.writeControl(opPong, data, s.srv.cfg.WriteTimeout)
}

// serveReads reads the session's WebSocket while data comes, then, when
// the connection is idle, parks it in the poller and returns; the poller
// resumes it on a new goroutine when data arrives. Without a poller, or
// once woken for the end, it reads blocking until the end. Once the
// connection fails or closes, it waits for the writer to finish, closes
// the connection and tells the server it is gone. readable says that data
// is waiting (the poller's event), so it reads before parking.
func (s *Session) serveReads(t *wsConn, readable bool) {
	for {
		if !readable && t.park() {
			return
		}
		var ok bool
		if readable, ok = s.readSome(t); !ok {
			break
		}
	}
	s.endReads(t)
}

// endReads releases t once its session's reads are over.
func (s *Session) endReads(t *wsConn) {
	// Every write has a deadline, so the writer ends in bounded time.
	t.writerDone.Wait()
	if t.poller != nil {
		t.poller.remove(t)
	}
	t.net.Close()
	s.srv.connDone(t)
}

// readBufferSize is the size of the buffers reads go into: pooled, and
// held only during a read (for the whole blocking read where there is no
// poller).
const readBufferSize = 4096

var readPool = sync.Pool{New: func() any { b := make([]byte, readBufferSize); return &b }}

// readSome reads once and acts on every message and control frame that
// completes: without blocking while the poller serves t, else blocking.
// ok is false once the session is closing or the connection failed; more
// reports that the read filled the buffer, so more may be waiting.
func (s *Session) readSome(t *wsConn) (more, ok bool) {
	buf := readPool.Get().(*[]byte)
	defer readPool.Put(buf)
	var n int
	var err error
	if t.poller != nil && !t.wakeup.Load() {
		if n, err = t.net.tryRead(*buf); errors.Is(err, syscall.EAGAIN) {
			return false, true // nothing more: park
		}
	} else {
		n, err = t.net.Read(*buf)
	}
	if n > 0 && !s.consume(t, (*buf)[:n]) {
		return false, false
	}
	if err != nil {
		s.readFailed(err)
		return false, false
	}
	return n == len(*buf), true
}

// consume acts on what b completes; false once the session is closing.
func (s *Session) consume(t *wsConn, b []byte) bool {
	stopped, err := t.feed(b, s.srv.cfg.MaxPayload, func(in wsInput) bool { return s.onInput(t, in) })
	if err != nil {
		s.closeForFrame(err)
	}
	return err == nil && !stopped
}

// closeForFrame closes the session for a violation in its client's frames.
func (s *Session) closeForFrame(err error) {
	if errors.Is(err, errFrameTooBig) {
		s.closeWith(ReasonMessageTooBig, closeMessageTooBig)
		return
	}
	s.closeWith(ReasonTransportError, closeProtocolError)
}

// onInput acts on one message or control frame of the session's
// WebSocket; false once the session is closing.
func (s *Session) onInput(t *wsConn, in wsInput) bool {
	switch in.op {
	case opBinary:
		s.deliver(in.data, true)
		return !s.closing.Load()
	case opText:
		p, err := eioproto.DecodePacket(in.data)
		if err != nil {
			code := closeProtocolError
			if errors.Is(err, eioproto.ErrInvalidUTF8) {
				code = closeInvalidPayload
			}
			s.closeWith(ReasonParseError, code)
			return false
		}
		return s.handlePacket(p)
	case opPing:
		s.onWSPing(t, in.data)
	case opClose:
		// The close reply goes through the writer, with the session's code.
		s.closeWith(ReasonTransportClose, closeNormal)
		return false
	}
	return true
}

var readerPool = sync.Pool{New: func() any { return new(wsReader) }}

// feed parses b with t's frame reader (see wsReader.feed): a pooled one,
// kept by t only while a frame or message is incomplete, so that an idle
// connection holds no reader state. Only t's reading goroutine calls it.
func (t *wsConn) feed(b []byte, maxPayload int64, fn func(wsInput) bool) (stopped bool, err error) {
	r := t.rd
	if r == nil {
		r = readerPool.Get().(*wsReader)
	}
	stopped, err = r.feed(b, maxPayload, fn)
	t.rd = r
	if r.idle() || err != nil {
		*r = wsReader{}
		readerPool.Put(r)
		t.rd = nil
	}
	return stopped, err
}

// readFailed closes the session after a read failed.
func (s *Session) readFailed(err error) {
	if isEOF(err) {
		s.closeWith(ReasonTransportClose, closeNormal)
		return
	}
	s.closeWith(ReasonTransportError, closeProtocolError)
}

func isEOF(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, net.ErrClosed)
}

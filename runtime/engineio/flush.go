package engineio

import (
	"errors"
	"runtime"
	"sync"
	"syscall"
)

// flusher writes the queues of a server's WebSocket sessions on a few
// goroutines (at most GOMAXPROCS) instead of waking a writer goroutine per
// session: a broadcast to 10,000 sessions queues its message on each and
// lists them here, and the workers, on every core, write each session's
// whole queue in one non-blocking write. Messages that arrive while a
// session waits in the list join its write, so a busy session still gets
// one system call per batch. A session whose socket buffer is full is
// handed to a writer goroutine of its own (runWriter), which waits under
// WriteTimeout, so one slow client never holds up the others.
type flusher struct {
	maxWorkers int

	mu      sync.Mutex
	ready   []*Session // FIFO; ready[next:] wait to be written
	next    int
	workers int
}

func newFlusher() *flusher { return &flusher{maxWorkers: runtime.GOMAXPROCS(0)} }

// add lists s, whose writer role it takes (wsConn.writing is set), and
// starts a worker if fewer run than sessions wait.
func (f *flusher) add(s *Session) {
	f.mu.Lock()
	f.ready = append(f.ready, s)
	start := f.workers < f.maxWorkers && f.workers < len(f.ready)-f.next
	if start {
		f.workers++
	}
	f.mu.Unlock()
	if start {
		go f.run()
	}
}

// run writes listed sessions until none is left.
func (f *flusher) run() {
	for s := f.take(); s != nil; s = f.take() {
		s.flushQueue(f)
	}
}

// take returns the next listed session, or nil (and the worker ends) when
// there is none.
func (f *flusher) take() *Session {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.next == len(f.ready) {
		f.workers--
		f.ready, f.next = f.ready[:0], 0
		if cap(f.ready) > maxIdleReady {
			f.ready = nil // do not keep a big room's list
		}
		return nil
	}
	s := f.ready[f.next]
	f.ready[f.next] = nil
	f.next++
	if f.next >= maxIdleReady && 2*f.next >= len(f.ready) {
		// Kept busy: drop the written part rather than grow forever.
		n := copy(f.ready, f.ready[f.next:])
		f.ready, f.next = f.ready[:n], 0
	}
	return s
}

// maxIdleReady bounds the list capacity a flusher keeps when idle.
const maxIdleReady = 1024

// flushQueue writes s's queue without blocking, on a flusher worker. A
// session that is closing, has a WebSocket pong to send or cannot be
// written without blocking is handed to runWriter.
func (s *Session) flushQueue(f *flusher) {
	s.mu.Lock()
	t := s.ws
	if s.state != stateOpen || t.hasPong {
		s.mu.Unlock()
		go s.runWriter(t, nil)
		return
	}
	batch := s.queue
	s.queue, s.queueBytes = nil, 0
	if len(batch) == 0 {
		t.writing = false
		s.mu.Unlock()
		return
	}
	s.mu.Unlock()

	buf := framePool.Get().(*[]byte)
	b := appendFrames(t.net.takeHeld((*buf)[:0], nil), batch)
	n, err := t.net.tryWrite(b)
	if err == nil && n == len(b) {
		clear(batch)
		s.mu.Lock()
		if s.queue == nil && cap(batch) <= maxIdleQueueCap {
			s.queue = batch[:0] // keep the backing array: nothing allocated per message
		}
		if len(s.queue) > 0 || s.state != stateOpen || t.hasPong {
			f.add(s) // more came meanwhile: write it after the others
		} else {
			t.writing = false
		}
		s.mu.Unlock()
	} else if err == nil || errors.Is(err, syscall.EAGAIN) {
		// The socket buffer is full: the rest waits on a goroutine of its
		// own, under the write deadline.
		go s.runWriter(t, append([]byte(nil), b[n:]...))
	} else {
		s.writeFailed(t, err)
	}
	putFrameBuffer(buf, b)
}

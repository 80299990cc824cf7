package socketio

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync/atomic"
	"time"

	"github.com/rtgen/rtgen/runtime/internal/sioproto"
)

// EventHandler handles one client event. args are the event's arguments
// (without its name). ack is nil when the client asked for no
// acknowledgement; otherwise it must be called at most once, from any
// goroutine, even after the handler returned.
//
// Handlers of one socket run one at a time, in arrival order, on a
// goroutine of their own; ctx is the socket's context.
type EventHandler func(ctx context.Context, s *Socket, args Args, ack AckFunc)

// AckFunc answers a client's acknowledgement request. It sends its
// arguments (encoded like Emit's) once; later calls return
// ErrAckAlreadySent.
type AckFunc func(args ...any) error

// enqueue adds work for the socket goroutine, starting one if none runs. A
// limited job is refused (false) when EventQueueLimit jobs are waiting.
func (s *Socket) enqueue(job func(), limited bool) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if limited && len(s.queue) >= s.nsp.srv.cfg.EventQueueLimit {
		return false
	}
	s.queue = append(s.queue, job)
	if !s.running {
		s.running = true
		s.nsp.srv.work.add()
		go s.drain()
	}
	return true
}

// drain runs queued jobs in order and exits when the queue is empty, so an
// idle socket holds no goroutine.
func (s *Socket) drain() {
	defer s.nsp.srv.work.done()
	for {
		s.mu.Lock()
		if len(s.queue) == 0 {
			s.running = false
			s.queue = nil
			s.mu.Unlock()
			return
		}
		job := s.queue[0]
		s.queue[0] = nil
		s.queue = s.queue[1:]
		s.mu.Unlock()
		job()
	}
}

// dropQueue discards waiting jobs (a refused connect).
func (s *Socket) dropQueue() {
	s.mu.Lock()
	clear(s.queue)
	s.queue = s.queue[:0]
	s.mu.Unlock()
}

// queueEvent queues a client event for the socket goroutine. On overflow
// the client gets a too_many_requests error and the socket is disconnected.
func (s *Socket) queueEvent(name string, args Args, hasID bool, id uint64) {
	if s.enqueue(func() { s.runEvent(name, args, hasID, id) }, true) {
		return
	}
	s.log(slog.LevelWarn, "Inbound queue full, disconnecting: "+s.id, "event", name, "limit", s.nsp.srv.cfg.EventQueueLimit)
	e := &Error{Code: CodeTooManyRequests, Message: "too many requests"}
	if hasID {
		s.sendAck(id, []any{failure(e)})
	} else {
		s.Emit("error", errorEvent(e, name))
	}
	if s.state.Load() == stateConnected {
		s.send(encodeControl(sioproto.Disconnect, s.nsp.name, nil))
		s.onClose(ReasonTooManyRequests)
	}
}

// runEvent calls the event's handler. Unknown events are ignored (answered
// with not_found when an ack is expected). A panic is recovered, logged and
// reported to the client as code internal; the socket keeps serving.
func (s *Socket) runEvent(name string, args Args, hasID bool, id uint64) {
	if !s.joined {
		return // sent before a connect that was refused or cut short
	}
	var ack AckFunc
	var answered atomic.Bool
	if hasID {
		ack = func(a ...any) error {
			if !answered.CompareAndSwap(false, true) {
				return ErrAckAlreadySent
			}
			return s.sendAck(id, a)
		}
	}
	o := s.nsp.srv.observer()
	var start time.Time
	if o != nil {
		o.EventReceived(s, name, args)
		start = time.Now()
	}
	h := s.nsp.handler(name)
	if h == nil {
		s.log(slog.LevelDebug, "No handler for event", "event", name)
		if ack != nil {
			ack(failure(&Error{Code: CodeNotFound, Message: fmt.Sprintf("no handler for event %q", name)}))
		}
		return
	}
	panicked := s.protect("handler for "+name, func() { h(s.ctx(), s, args, ack) })
	if o != nil {
		o.HandlerDone(s, name, time.Since(start), panicked)
	}
	if !panicked {
		return
	}
	e := &Error{Code: CodeInternal, Message: "internal error"}
	if ack != nil {
		if !answered.Load() {
			ack(failure(e))
		}
		return
	}
	s.Emit("error", errorEvent(e, name))
}

// protect runs fn, recovering and logging a panic; it reports whether fn
// panicked.
func (s *Socket) protect(what string, fn func()) (panicked bool) {
	defer func() {
		if v := recover(); v != nil {
			s.logPanic(what, v)
			panicked = true
		}
	}()
	fn()
	return false
}

func (s *Socket) logPanic(what string, v any) {
	s.log(slog.LevelError, fmt.Sprintf("Panic in %s: %v", what, v), "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
}

// sendAck sends an ACK (or BINARY_ACK) with id and args.
func (s *Socket) sendAck(id uint64, args []any) error {
	p, err := encodePacket(sioproto.Ack, s.nsp.name, true, id, "", args)
	if err != nil {
		return err
	}
	return s.send(p)
}

package socketio

import (
	"context"
	"errors"
	"time"

	"github.com/rtgen/rtgen/runtime/internal/sioproto"
)

type ackReply struct {
	args Args
	err  error
}

// EmitWithAck sends an event and waits for the client's acknowledgement,
// returning its arguments. It waits until ctx is done, or for AckTimeout
// when ctx has no deadline; on expiry it returns ErrAckTimeout (or
// ctx.Err() when ctx was cancelled). If the socket disconnects first it
// returns ErrDisconnected. A late acknowledgement is dropped.
//
// It may be called from the socket's own handlers: acknowledgements are
// resolved by the connection's reader, not by the socket goroutine.
func (s *Socket) EmitWithAck(ctx context.Context, event string, args ...any) (_ Args, err error) {
	s.mu.Lock()
	id := s.nextAck
	s.nextAck++
	s.mu.Unlock()
	p, err := encodePacket(sioproto.Event, s.nsp.name, true, id, event, args)
	if err != nil {
		return Args{}, err
	}

	ch := make(chan ackReply, 1) // resolveAck and onClose never block on it
	s.mu.Lock()
	if s.state.Load() != stateConnected {
		s.mu.Unlock()
		return Args{}, ErrDisconnected
	}
	if s.acks == nil {
		s.acks = make(map[uint64]chan ackReply)
	}
	s.acks[id] = ch
	s.mu.Unlock()

	if err := s.send(p); err != nil {
		s.forgetAck(id)
		return Args{}, err
	}
	s.observeEmit(p, true)
	if o := s.nsp.srv.observer(); o != nil {
		start := time.Now()
		defer func() { o.AckDone(s, event, time.Since(start), err) }()
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, s.nsp.srv.cfg.AckTimeout)
		defer cancel()
	}
	select {
	case r := <-ch:
		return r.args, r.err
	case <-ctx.Done():
		s.forgetAck(id)
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return Args{}, ErrAckTimeout
		}
		return Args{}, ctx.Err()
	}
}

func (s *Socket) forgetAck(id uint64) {
	s.mu.Lock()
	delete(s.acks, id)
	s.mu.Unlock()
}

// resolveAck delivers a client ACK to its waiting EmitWithAck; unknown or
// late ids are ignored, as socket.io does.
func (s *Socket) resolveAck(id uint64, args Args) {
	s.mu.Lock()
	ch, ok := s.acks[id]
	delete(s.acks, id)
	s.mu.Unlock()
	if ok {
		ch <- ackReply{args: args}
	}
}

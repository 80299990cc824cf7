package socketio

import (
	"context"
	"time"
)

// socketContext is a socket's context (Socket.Context, the ctx of its
// handlers): the Socket itself seen as another type, so that a socket
// allocates no context of its own. It is cancelled when the socket
// disconnects, and carries no values and no deadline. Its Done channel is
// made on first use, under the socket's mu, as are its AfterFunc
// callbacks: contexts derived from it (context.WithCancel, WithTimeout)
// register one instead of each starting a goroutine to watch it.
type socketContext Socket

func (s *Socket) ctx() context.Context { return (*socketContext)(s) }

// cancelContext ends the socket's context once.
func (s *Socket) cancelContext() {
	s.mu.Lock()
	if s.cancelled {
		s.mu.Unlock()
		return
	}
	s.cancelled = true
	if s.done != nil {
		close(s.done)
	}
	fns := s.afterFuncs
	s.afterFuncs = nil
	s.mu.Unlock()
	for a := range fns {
		go a.f()
	}
}

func (c *socketContext) Deadline() (time.Time, bool) { return time.Time{}, false }

func (c *socketContext) Value(any) any { return nil }

func (c *socketContext) Done() <-chan struct{} {
	s := (*Socket)(c)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done == nil {
		s.done = make(chan struct{})
		if s.cancelled {
			close(s.done)
		}
	}
	return s.done
}

func (c *socketContext) Err() error {
	s := (*Socket)(c)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cancelled {
		return context.Canceled
	}
	return nil
}

func (c *socketContext) String() string { return "socketio.Socket.Context(" + c.id + ")" }

// afterFunc is a callback registered with socketContext.AfterFunc.
type afterFunc struct{ f func() }

// AfterFunc runs f on a goroutine of its own once the context is done, as
// context.AfterFunc does; stop unregisters it and reports whether it did.
// The context package uses it for the contexts derived from this one.
func (c *socketContext) AfterFunc(f func()) (stop func() bool) {
	s := (*Socket)(c)
	a := &afterFunc{f}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cancelled {
		go f()
		return func() bool { return false }
	}
	if s.afterFuncs == nil {
		s.afterFuncs = make(map[*afterFunc]struct{})
	}
	s.afterFuncs[a] = struct{}{}
	return func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		_, ok := s.afterFuncs[a]
		delete(s.afterFuncs, a)
		return ok
	}
}

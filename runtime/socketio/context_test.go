package socketio

import (
	"context"
	"errors"
	"testing"
	"time"
)

// A socket's context is live while it is connected and done once it
// disconnects: Done closes, Err is Canceled, and the contexts derived from
// it (with a cancel, a timeout, context.AfterFunc) end with it; an
// AfterFunc stopped in time does not run.
func TestSocketContext(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	sockets := make(chan *Socket, 1)
	srv.Of("/").OnConnection(func(ctx context.Context, s *Socket) { sockets <- s })
	c := dial(t, srv)
	c.join("/")
	s := <-sockets
	ctx := s.Context()
	if ctx.Err() != nil || ctx.Value("k") != nil {
		t.Fatalf("live socket: Err %v, Value %v", ctx.Err(), ctx.Value("k"))
	}
	if _, ok := ctx.Deadline(); ok {
		t.Fatal("a socket's context has a deadline")
	}
	child, cancelChild := context.WithCancel(ctx)
	defer cancelChild()
	timed, cancelTimed := context.WithTimeout(ctx, time.Hour)
	defer cancelTimed()
	ran := make(chan struct{})
	context.AfterFunc(ctx, func() { close(ran) })
	stopped := false
	stop := context.AfterFunc(ctx, func() { stopped = true })
	if !stop() {
		t.Fatal("stopping a pending AfterFunc reported false")
	}
	select {
	case <-ctx.Done():
		t.Fatal("Done closed while connected")
	case <-child.Done():
		t.Fatal("a derived context ended while connected")
	default:
	}

	c.send("41")
	for _, d := range []context.Context{ctx, child, timed} {
		select {
		case <-d.Done():
		case <-time.After(wait):
			t.Fatal("a context did not end with the socket")
		}
		if !errors.Is(d.Err(), context.Canceled) {
			t.Errorf("Err after disconnect: %v", d.Err())
		}
	}
	select {
	case <-ran:
	case <-time.After(wait):
		t.Fatal("AfterFunc did not run")
	}
	if stopped {
		t.Error("a stopped AfterFunc ran")
	}
	late := make(chan struct{})
	context.AfterFunc(ctx, func() { close(late) }) // registered once done: runs at once
	select {
	case <-late:
	case <-time.After(wait):
		t.Fatal("AfterFunc registered after the end did not run")
	}
}

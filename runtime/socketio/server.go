package socketio

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"

	"github.com/rtgen/rtgen/runtime/engineio"
)

// Server is a Socket.IO v5 server. Mount it on an http.ServeMux at
// "/socket.io/" (the client's default path). All methods are safe for
// concurrent use.
type Server struct {
	cfg    Config
	log    *slog.Logger
	engine *engineio.Server
	work   tracker // socket goroutines
	observerSlot

	mu   sync.RWMutex
	nsps map[string]*Namespace
}

// NewServer returns a server with the main namespace "/" created.
func NewServer(cfg Config) *Server {
	cfg = cfg.withDefaults()
	s := &Server{cfg: cfg, log: cfg.Logger, nsps: make(map[string]*Namespace)}
	s.engine = engineio.NewServer(cfg.Engine, s.accept)
	s.Of("/")
	return s
}

// accept turns a new Engine.IO session into a Socket.IO connection.
func (s *Server) accept(es *engineio.Session) engineio.SessionHandler {
	return newConn(s, engineTransport{es})
}

// ServeHTTP serves the Engine.IO endpoint (polling and WebSocket); the
// path it is mounted at does not matter to it.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.engine.ServeHTTP(w, r) }

// Of returns the namespace called name, creating it on first use, and
// applies opts to it. A name without a leading "/" gets one; "" is "/". It
// panics on a name the protocol cannot carry (one with a comma, or longer
// than 256 bytes), a programming error.
func (s *Server) Of(name string, opts ...NamespaceOption) *Namespace {
	if !strings.HasPrefix(name, "/") {
		name = "/" + name
	}
	if strings.Contains(name, ",") || len(name) > 256 {
		panic(fmt.Sprintf("socketio: invalid namespace name %q", name))
	}
	s.mu.Lock()
	n := s.nsps[name]
	if n == nil {
		n = newNamespace(s, name)
		s.nsps[name] = n
	}
	s.mu.Unlock()
	if len(opts) > 0 {
		n.mu.Lock()
		for _, o := range opts {
			o(n)
		}
		n.mu.Unlock()
	}
	return n
}

func (s *Server) lookup(name string) *Namespace {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.nsps[name]
}

// Shutdown stops the server gracefully: new Engine.IO sessions are refused,
// every connection is closed with reason "server shutting down" (WebSocket
// close 1001; clients reconnect by themselves), pending acknowledgements
// fail with ErrDisconnected, and Shutdown waits until every handler has
// returned and every adapter is closed, or until ctx is done. The http.Server
// in front must be shut down separately.
func (s *Server) Shutdown(ctx context.Context) error {
	err := s.engine.Shutdown(ctx)
	if werr := s.work.wait(ctx); err == nil {
		err = werr
	}
	s.mu.RLock()
	nsps := make([]*Namespace, 0, len(s.nsps))
	for _, n := range s.nsps {
		nsps = append(nsps, n)
	}
	s.mu.RUnlock()
	for _, n := range nsps {
		if cerr := n.adapter.Close(); cerr != nil {
			err = errors.Join(err, fmt.Errorf("socketio: closing adapter of %s: %w", n.name, cerr))
		}
	}
	return err
}

// tracker counts running goroutines and lets Shutdown wait for zero. Unlike
// sync.WaitGroup it allows new work to start while someone waits.
type tracker struct {
	mu   sync.Mutex
	n    int
	idle chan struct{} // closed when n drops to 0; nil while n is 0
}

func (t *tracker) add() {
	t.mu.Lock()
	if t.n == 0 {
		t.idle = make(chan struct{})
	}
	t.n++
	t.mu.Unlock()
}

func (t *tracker) done() {
	t.mu.Lock()
	t.n--
	if t.n == 0 {
		close(t.idle)
		t.idle = nil
	}
	t.mu.Unlock()
}

func (t *tracker) wait(ctx context.Context) error {
	t.mu.Lock()
	idle := t.idle
	t.mu.Unlock()
	if idle == nil {
		return nil
	}
	select {
	case <-idle:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

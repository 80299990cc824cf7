// Command rtgen-conformance serves the rtgen runtime the way the official
// Socket.IO protocol test suites expect their server under test, so that the
// unmodified suites can be run against it.
//
// It listens on 127.0.0.1:3000 (the address the suites hard-code as
// localhost:3000; change it with -addr) and serves
//
//	/engine.io/  an Engine.IO v4 server (pingInterval 300ms, pingTimeout
//	             200ms, maxPayload 1000000, any origin) that echoes every
//	             message back on the same session: text as text, binary as
//	             binary.
//	/socket.io/  a Socket.IO v5 server with the same Engine.IO settings,
//	             connectTimeout 1s and the namespaces "/" and "/custom":
//	             each emits `auth` with the client's CONNECT payload on
//	             connection; "/" echoes `message` as `message-back` and
//	             acknowledges `message-with-ack` with the same arguments.
//
// To run a suite, take the test-suite folder of
// github.com/socketio/engine.io-protocol (or socket.io-protocol) into a
// directory outside this repository, start this server, and run the suite's
// own commands there:
//
//	go run ./cmd/rtgen-conformance &
//	cd <engine.io-protocol>/test-suite && npm ci && npm test
//	cd <socket.io-protocol>/test-suite && npm ci && npm test
//
// The engine.io suite's 24 tests and the socket.io suite's 32 must all
// pass. The suites are not vendored here.
//
// The socket.io suite reads frames with a one-shot listener registered
// after the previous frame was handled, so a frame that arrives in the same
// TCP read as the one before it (the CONNECT reply and the `auth` event
// always leave back to back) can be lost, failing its connect and
// disconnect tests at random (socketio/socket.io-protocol#32). For a
// deterministic run, give the suite a node-imports.js whose WebSocket is ws
// 8.23 constructed with allowSynchronousEvents: false (one frame per
// macrotask), leaving test-suite.js unchanged.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/rtgen/rtgen/runtime/engineio"
	"github.com/rtgen/rtgen/runtime/socketio"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "rtgen-conformance:", err)
		os.Exit(1)
	}
}

// suiteEngineConfig is the Engine.IO configuration both suites assume.
var suiteEngineConfig = engineio.Config{
	PingInterval:   300 * time.Millisecond,
	PingTimeout:    200 * time.Millisecond,
	MaxPayload:     1_000_000,
	AllowedOrigins: []string{"*"},
}

// server holds the handlers served by the command; Shutdown stops them all.
type server struct {
	engine *engineio.Server
	sio    *socketio.Server
}

func newServer(logger *slog.Logger) *server {
	cfg := suiteEngineConfig
	cfg.Logger = logger
	return &server{engine: engineio.NewServer(cfg, newEcho), sio: newSocketIOServer(logger)}
}

// mux routes each suite's path to its server.
func (s *server) mux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.Handle("/engine.io/", s.engine)
	mux.Handle("/socket.io/", s.sio)
	return mux
}

func (s *server) Shutdown(ctx context.Context) error {
	return errors.Join(s.engine.Shutdown(ctx), s.sio.Shutdown(ctx))
}

func run(args []string) error {
	fs := flag.NewFlagSet("rtgen-conformance", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:3000", "listen address")
	verbose := fs.Bool("v", false, "log every session at debug level")
	if err := fs.Parse(args); err != nil {
		return err
	}
	level := slog.LevelInfo
	if *verbose {
		level = slog.LevelDebug
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := newServer(logger)
	httpSrv := &http.Server{Handler: srv.mux(), ReadHeaderTimeout: 10 * time.Second}
	logger.Info("serving the protocol test suites", "addr", ln.Addr().String())

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- httpSrv.Serve(ln) }()
	select {
	case err := <-errc:
		return err // Serve never returns nil
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	// Sessions first: that releases pending long-polling requests, which
	// http.Server.Shutdown would otherwise wait for.
	sessionsErr := srv.Shutdown(shutdownCtx)
	return errors.Join(sessionsErr, httpSrv.Shutdown(shutdownCtx))
}

// echo sends every message of one Engine.IO session back to it.
type echo struct{ s *engineio.Session }

func newEcho(s *engineio.Session) engineio.SessionHandler { return echo{s} }

func (e echo) OnMessage(data []byte, binary bool) {
	m := engineio.NewTextMessage(data)
	if binary {
		m = engineio.NewBinaryMessage(data)
	}
	e.s.Send(m) // an error means the session is closing; nothing to do
}

func (echo) OnClose(string) {}

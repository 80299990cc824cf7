// Command server is the Go side of the TypeScript client's tests: the server
// generated from schema/events.yaml (generated/realtime) on the runtime, with
// an application that records what its handlers receive, and a control API
// on the same port through which the tests make it emit any event with the
// generated emitters.
//
//	server [-addr 127.0.0.1:0] [-schema schema/events.yaml] [-origins *]
//
// When it is ready it prints one line, "listening http://HOST:PORT", on
// standard output. It serves until SIGINT or SIGTERM.
//
// Connection-state recovery is on, with its defaults.
//
// Authentication: the client's auth payload carries `token`, e.g.
// "user:7:team:5,6:roles:admin", or `session`, the claims as JSON. The
// authorizer hooks allow every room but contest 13 and the session or
// conversation "denied".
//
// Control API:
//
//	GET  /control/fixtures             payloads, rooms and a passing session, from the schema
//	POST /control/emit                 {namespace, method, params, payload[, message]}: call an emitter
//	GET  /control/received             every client event the handlers got, in order
//	GET  /control/sockets?namespace=/x the namespace's sockets with their rooms and user ids
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/rtgen/rtgen/generated/realtime"
	"github.com/rtgen/rtgen/internal/schema"
	"github.com/rtgen/rtgen/runtime/engineio"
	"github.com/rtgen/rtgen/runtime/socketio"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("server", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:0", "address to listen on")
	schemaFile := fs.String("schema", "schema/events.yaml", "the schema generated/realtime was generated from")
	origins := fs.String("origins", "*", "comma-separated browser origins allowed to connect")
	verbose := fs.Bool("v", false, "log every connection and event")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	level := slog.LevelWarn
	if *verbose {
		level = slog.LevelDebug
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	if err := serve(*addr, *schemaFile, strings.Split(*origins, ","), logger, stdout); err != nil {
		fmt.Fprintln(stderr, "server:", err)
		return 1
	}
	return 0
}

func serve(addr, schemaFile string, origins []string, logger *slog.Logger, stdout io.Writer) error {
	s, err := schema.Load(schemaFile)
	if err != nil {
		return err
	}
	fx, err := BuildFixtures(s)
	if err != nil {
		return err
	}
	a := newApp(fx)
	srv := socketio.NewServer(socketio.Config{
		Engine:   engineio.Config{AllowedOrigins: origins},
		Recovery: &socketio.RecoveryConfig{},
		Logger:   logger,
	})
	rt, err := realtime.Register(srv, realtime.Config{
		Authenticate:          authenticate,
		LeaderboardAuthorizer: a,
		Training:              a,
		TrainingAuthorizer:    a,
		Field:                 a,
		FieldAuthorizer:       a,
		Main:                  a,
	})
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle("/socket.io/", srv)
	(&control{schema: s, fx: fx, app: a, rt: rt}).routes(mux)

	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "listening http://%s\n", ln.Addr())

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := errors.Join(srv.Shutdown(shutdown), hs.Shutdown(shutdown)); err != nil {
		return err
	}
	return nil
}

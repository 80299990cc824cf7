package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/rtgen/rtgen/runtime/socketio"
)

// newSocketIOServer returns the server the socket.io-protocol suite expects
// at /socket.io/: namespaces "/" and "/custom" only, connectTimeout 1s, and
// in each namespace an `auth` event carrying the client's CONNECT payload
// (verbatim, `{}` if none) right after the CONNECT reply. On "/", `message`
// is echoed as `message-back` and `message-with-ack` is acknowledged with
// the same arguments, binary attachments and JSON (key order, escaping)
// preserved.
func newSocketIOServer(logger *slog.Logger) *socketio.Server {
	engine := suiteEngineConfig
	engine.Logger = logger
	srv := socketio.NewServer(socketio.Config{
		Engine:         engine,
		ConnectTimeout: time.Second,
		Logger:         logger,
	})
	sendAuth := func(ctx context.Context, s *socketio.Socket) {
		s.Emit("auth", s.Handshake().Auth)
	}
	main := srv.Of("/")
	main.OnConnection(sendAuth)
	main.On("message", func(ctx context.Context, s *socketio.Socket, args socketio.Args, ack socketio.AckFunc) {
		s.Emit("message-back", args)
	})
	main.On("message-with-ack", func(ctx context.Context, s *socketio.Socket, args socketio.Args, ack socketio.AckFunc) {
		if ack != nil {
			ack(args)
		}
	})
	srv.Of("/custom").OnConnection(sendAuth)
	return srv
}

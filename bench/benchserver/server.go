// Package benchserver is the Go side of the benchmark contract, on
// runtime/socketio: a client joins a room with the event "join" (the room
// name as the only argument, acknowledged with {"ok":true}), and the event
// "publish" with a payload {"room":…,…} broadcasts that payload as the
// event "msg" to every socket in the room, the publisher included. The
// Node bench server (bench/node/server.mjs) implements the same contract
// on socket.io 4.8.
package benchserver

import (
	"context"

	"github.com/rtgen/rtgen/runtime/socketio"
)

// Payload is what a publisher sends and every room member receives. The
// field order is the wire order of the load client, so that both servers
// send the same bytes back.
type Payload struct {
	Room string `json:"room"`
	Pub  int64  `json:"pub"`
	Seq  int64  `json:"seq"`
	Ts   int64  `json:"ts"`
	Pad  string `json:"pad"`
}

// New returns the bench server on the main namespace, configured by cfg
// (its zero value takes the runtime's defaults): the typed handlers
// generated code uses decode and re-encode each publish, as a real
// application's would.
func New(cfg socketio.Config) *socketio.Server {
	srv := socketio.NewServer(cfg)
	// The catalog labels metrics, when the bench runs with them on.
	ns := srv.Of("/", socketio.WithCatalog(socketio.Catalog{Events: []string{"join", "publish", "msg"}, Rooms: []string{"bench"}}))
	socketio.HandleEvent(ns, "join", func(_ context.Context, s *socketio.Socket, room string) error {
		s.Join(room)
		return nil
	})
	socketio.HandleEvent(ns, "publish", func(_ context.Context, _ *socketio.Socket, p Payload) error {
		return ns.To(p.Room).Emit("msg", p)
	})
	return srv
}

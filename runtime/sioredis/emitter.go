package sioredis

import (
	"context"
	"errors"

	"github.com/redis/go-redis/v9"

	"github.com/rtgen/rtgen/runtime/socketio"
)

// Emitter publishes to a cluster from a process that serves no clients (a
// job worker, an API process), as @socket.io/redis-emitter does: its
// server's broadcasts, SocketsJoin/SocketsLeave/DisconnectSockets and
// queries reach every node through Redis, and the same typed code that
// runs on a live server runs on it:
//
//	em := sioredis.NewEmitter(client, sioredis.Options{})
//	defer em.Close()
//	rt := realtime.Emitter(em.Server())
//	rt.Training.NotifyXPGain(realtime.XPGainEvent{…})
//
// Emitted events are stored for recovery by the nodes that deliver them;
// latest and volatile delivery modes travel with them.
type Emitter struct {
	srv *socketio.Server
	c   *Cluster
}

// NewEmitter returns an Emitter on client.
func NewEmitter(client *redis.Client, opts Options) *Emitter {
	c := newCluster(client, opts, true)
	return &Emitter{srv: socketio.NewServer(socketio.Config{Adapter: c.Adapter, Logger: opts.Logger}), c: c}
}

// Server returns the server to emit through. Serve it to no one: its
// sockets would be nobody's.
func (e *Emitter) Server() *socketio.Server { return e.srv }

// Close sends what waits in the publish queue (at most RequestTimeout)
// and releases the emitter's connections.
func (e *Emitter) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), e.c.opts.RequestTimeout)
	defer cancel()
	return errors.Join(e.srv.Shutdown(ctx), e.c.Close())
}

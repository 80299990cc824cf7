package sioredis

import (
	"context"
	"errors"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/rtgen/rtgen/runtime/socketio"
)

// The operations ClusterStats.Errors counts failed Redis commands of.
const (
	opAppend    = "append"    // XADD of the publish queue
	opRead      = "read"      // XREAD and XINFO STREAM of the stream reader
	opSubscribe = "subscribe" // the pub/sub connection: SUBSCRIBE, receiving, PING
	opPublish   = "publish"   // PUBLISH of requests, answers and heartbeats
	opPeers     = "peers"     // PUBSUB CHANNELS, listing the nodes a query waits for
	opSession   = "session"   // SET, GET and DEL of recovery sessions
	opHistory   = "history"   // XINFO STREAM and XRANGE of a recovery
)

// typeNames names the message types in ClusterStats: socket.io-adapter's
// MessageType in lower case, and ours; any other number is typeOther.
var typeNames = map[msgType]string{
	typeInitialHeartbeat:       "initial_heartbeat",
	typeHeartbeat:              "heartbeat",
	typeBroadcast:              "broadcast",
	typeSocketsJoin:            "sockets_join",
	typeSocketsLeave:           "sockets_leave",
	typeDisconnectSockets:      "disconnect_sockets",
	typeFetchSockets:           "fetch_sockets",
	typeFetchSocketsResponse:   "fetch_sockets_response",
	typeServerSideEmit:         "server_side_emit",
	typeServerSideEmitResponse: "server_side_emit_response",
	typeBroadcastClientCount:   "broadcast_client_count",
	typeBroadcastAck:           "broadcast_ack",
	typeAdapterClose:           "adapter_close",
	typeGap:                    "gap",
}

const typeOther = "(other)"

func (t msgType) String() string {
	if name, ok := typeNames[t]; ok {
		return name
	}
	return typeOther
}

// counters are counts under a fixed set of names, every one reported
// (zeros too, so that a dashboard's rate starts at the first message).
type counters map[string]*atomic.Uint64

func newCounters(names ...string) counters {
	c := make(counters, len(names))
	for _, n := range names {
		c[n] = new(atomic.Uint64)
	}
	return c
}

func (c counters) inc(name string) { c[name].Add(1) }

func (c counters) snapshot() map[string]uint64 {
	out := make(map[string]uint64, len(c))
	for n, v := range c {
		out[n] = v.Load()
	}
	return out
}

// traffic counts what a Cluster exchanged with Redis.
type traffic struct {
	sent, received, errors counters
}

func newTraffic() *traffic {
	types := []string{typeOther}
	for _, name := range typeNames {
		types = append(types, name)
	}
	return &traffic{
		sent:     newCounters(types...),
		received: newCounters(types...),
		errors:   newCounters(opAppend, opRead, opSubscribe, opPublish, opPeers, opSession, opHistory),
	}
}

// commandFailed counts err, from a Redis command of operation op, unless
// it is no failure of Redis: a nil reply, or a command its caller gave up
// on (its context ended, the client was closed).
func (c *Cluster) commandFailed(op string, err error) {
	switch {
	case err == nil, errors.Is(err, redis.Nil), errors.Is(err, redis.ErrClosed),
		errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return
	}
	c.traffic.errors.inc(op)
}

// ClusterStats describes what this node exchanged with the others, for
// metrics (runtime/siometrics takes a Cluster as Options.Cluster):
//
//   - Sent: messages Redis took from this node (appended to the stream or
//     published), by type, named as in the package doc's table in lower
//     case ("broadcast", "fetch_sockets_response", "heartbeat", …);
//   - Received: messages of other nodes, Go or Node, read from the stream
//     or pub/sub for a namespace this node serves, by the same names, and
//     "(other)" for a type number outside the table;
//   - Errors: failed Redis commands, by operation: append (XADD), read
//     (the stream reader's XREAD and XINFO), subscribe (the pub/sub
//     connection), publish (PUBLISH), peers (PUBSUB CHANNELS), session
//     (recovery sessions) and history (a recovery's XINFO and XRANGE);
//     every retry of a connection through an outage counts;
//   - Healthy and Outages: whether Redis answers, and how many times it
//     stopped (each outage is also logged once);
//   - Queued and Dropped: messages waiting for Redis in the publish queue
//     now, and those the full queue dropped;
//   - Nodes: by namespace, the other Go nodes heard from within
//     HeartbeatTimeout (Node servers send no heartbeats and are not
//     counted).
func (c *Cluster) ClusterStats() socketio.ClusterStats {
	st := socketio.ClusterStats{
		Sent:     c.traffic.sent.snapshot(),
		Received: c.traffic.received.snapshot(),
		Errors:   c.traffic.errors.snapshot(),
		Nodes:    make(map[string]int),
	}
	st.Healthy, st.Outages = c.health.state()
	st.Queued, st.Dropped = c.pub.state()
	for _, a := range c.allAdapters() {
		st.Nodes[a.nsp] = a.liveNodes()
	}
	return st
}

// liveNodes counts the Go nodes heard from within HeartbeatTimeout.
func (a *adapter) liveNodes() int {
	now := time.Now()
	a.mu.Lock()
	defer a.mu.Unlock()
	n := 0
	for _, seen := range a.nodes {
		if now.Sub(seen) <= a.c.opts.HeartbeatTimeout {
			n++
		}
	}
	return n
}

package sioredis

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rtgen/rtgen/runtime/socketio"
)

// adapter is the Adapter (and, with recovery on, the RecoveryStore) of one
// namespace on one node. Local sockets live in a socketio.MemoryAdapter;
// what reaches other nodes goes through the stream (broadcasts and
// operations on sockets) or pub/sub (queries and their answers).
type adapter struct {
	c      *Cluster
	ns     socketio.AdapterNamespace
	nsp    string
	uid    string                  // this node's id in this namespace, as Node's adapters have one
	local  *socketio.MemoryAdapter // this node's sockets (an emitter has none)
	reader *streamReader           // nil on an emitter
	stream string
	// public and private are the pub/sub channels of requests to every
	// node and of answers to this one.
	public, private string
	// stored: recovery is on, so broadcasts that are not volatile reach
	// local sockets through the stream too, in offset order.
	stored bool
	// subscribed is closed once the adapter's channels are subscribed (or
	// will be on reconnection): answers to requests come on them.
	subscribed chan struct{}
	// gap is set when a stored broadcast could not reach the stream after
	// it was delivered here; a gap entry is appended when Redis is back.
	gap atomic.Bool

	// Numbering of this node's broadcasts (message.seq): lastSeq is the
	// last number given, under the publisher's lock.
	lastSeq uint64
	// seqMu orders this node's local deliveries of its stored broadcasts
	// (from the stream, or at once while Redis is away), and guards
	// delivered: the last numbered broadcast of each node (this one
	// included) delivered here.
	seqMu     sync.Mutex
	delivered map[string]uint64

	mu       sync.Mutex
	requests map[string]*request
	nodes    map[string]time.Time // Go nodes heard of: uid → last heartbeat
}

var (
	_ socketio.Adapter       = (*adapter)(nil)
	_ socketio.RecoveryStore = (*adapter)(nil)
)

func newAdapter(c *Cluster, ns socketio.AdapterNamespace) *adapter {
	a := &adapter{
		c:          c,
		ns:         ns,
		nsp:        ns.Name(),
		uid:        randomID(),
		stream:     c.opts.streamFor(ns.Name()),
		stored:     ns.Recovery() != nil && !c.emitter,
		requests:   make(map[string]*request),
		nodes:      make(map[string]time.Time),
		delivered:  make(map[string]uint64),
		subscribed: make(chan struct{}),
		local:      socketio.NewMemoryAdapter(localNamespace{ns}),
	}
	a.public = c.opts.ChannelPrefix + "#" + a.nsp + "#"
	if c.emitter {
		// Emitters answer no requests: their private channel must not
		// make them look like a node (see peers).
		a.uid = emitterUID + "-" + a.uid
	} else {
		a.reader = c.readerFor(a.stream)
	}
	a.private = a.public + a.uid + "#"
	return a
}

// localNamespace hides recovery from the local index: the history is the
// stream's, not the memory adapter's.
type localNamespace struct{ socketio.AdapterNamespace }

func (localNamespace) Recovery() *socketio.RecoveryConfig { return nil }

// start subscribes the adapter's channels and announces it.
func (a *adapter) start() {
	if a.c.emitter {
		a.c.sub.subscribe(a.c.ctx, a.private)
		close(a.subscribed)
		return
	}
	a.c.sub.subscribe(a.c.ctx, a.public, a.private)
	close(a.subscribed)
	a.announce(a.c.ctx, typeInitialHeartbeat)
}

// AddAll implements socketio.Adapter.
func (a *adapter) AddAll(id string, rooms []string) { a.local.AddAll(id, rooms) }

// Del implements socketio.Adapter.
func (a *adapter) Del(id, room string) { a.local.Del(id, room) }

// DelAll implements socketio.Adapter.
func (a *adapter) DelAll(id string) { a.local.DelAll(id) }

// SocketRooms implements socketio.Adapter.
func (a *adapter) SocketRooms(id string) []string { return a.local.SocketRooms(id) }

// Broadcast implements socketio.Adapter. Without recovery, and for
// volatile packets, local sockets get p at once and the other nodes when
// the stream has it. With recovery on, a stored packet reaches local
// sockets too from the stream, carrying its entry id as offset, so that
// every socket receives stored packets in offset order; while Redis is
// unreachable it is delivered here at once instead, and marked late.
func (a *adapter) Broadcast(p *socketio.Packet, opts socketio.BroadcastOptions) error {
	data, atts, err := encodeBroadcast(p, opts)
	if err != nil {
		return err
	}
	it := &pubItem{a: a, stream: a.stream, m: a.message(typeBroadcast, data, atts)}
	switch {
	case a.c.emitter:
	case !a.stored || opts.Volatile:
		a.local.Broadcast(p, opts)
	default:
		it.local = func() { a.local.Broadcast(p, opts) }
	}
	a.c.pub.enqueue(it)
	if it.local != nil && !a.c.health.up() {
		a.deliverLate(it)
	}
	return nil
}

// deliverLate delivers a stored broadcast of this node that Redis could
// not take (yet) to local sockets, at once and without offset, and marks
// it late, unless the stream delivered it already: Redis took it, and its
// answer was lost with the connection.
func (a *adapter) deliverLate(it *pubItem) {
	a.seqMu.Lock()
	defer a.seqMu.Unlock()
	if it.handled {
		return
	}
	it.handled = true
	if !firstOf(a.delivered, it.m) {
		return
	}
	it.late.Store(true)
	it.local()
}

// firstOf reports whether broadcast m is newer than the last one of its
// node recorded in last, and records it: a message appended twice comes
// once. Node's and emitters' broadcasts are not numbered: each is new.
func firstOf(last map[string]uint64, m *message) bool {
	if m.seq == 0 {
		return true
	}
	if m.seq <= last[m.uid] {
		return false
	}
	last[m.uid] = m.seq
	return true
}

// message returns a message of this adapter; an emitter's stream messages
// carry the uid all emitters share.
func (a *adapter) message(typ msgType, data json.RawMessage, atts [][]byte) *message {
	uid := a.uid
	if a.c.emitter {
		uid = emitterUID
	}
	return &message{uid: uid, nsp: a.nsp, typ: typ, data: data, atts: atts}
}

// AddSockets implements socketio.Adapter.
func (a *adapter) AddSockets(ctx context.Context, opts socketio.BroadcastOptions, rooms []string) error {
	a.local.AddSockets(ctx, opts, rooms)
	return a.publishOp(ctx, typeSocketsJoin, socketsRoomsData{Opts: toWire(opts), Rooms: nonNil(rooms)})
}

// DelSockets implements socketio.Adapter.
func (a *adapter) DelSockets(ctx context.Context, opts socketio.BroadcastOptions, rooms []string) error {
	a.local.DelSockets(ctx, opts, rooms)
	return a.publishOp(ctx, typeSocketsLeave, socketsRoomsData{Opts: toWire(opts), Rooms: nonNil(rooms)})
}

// DisconnectSockets implements socketio.Adapter.
func (a *adapter) DisconnectSockets(ctx context.Context, opts socketio.BroadcastOptions, closeConn bool) error {
	a.local.DisconnectSockets(ctx, opts, closeConn)
	return a.publishOp(ctx, typeDisconnectSockets, disconnectData{Opts: toWire(opts), Close: closeConn})
}

// publishOp appends an operation on sockets to the stream and waits until
// Redis has it, at most RequestTimeout or until ctx ends; while Redis is
// unreachable it does not wait. A message not sent yet stays queued, and
// goes when Redis is back.
func (a *adapter) publishOp(ctx context.Context, typ msgType, data any) error {
	raw, err := marshalJSON(data)
	if err != nil {
		return err
	}
	it := &pubItem{a: a, stream: a.stream, m: a.message(typ, raw, nil), done: make(chan error, 1)}
	a.c.pub.enqueue(it)
	if !a.c.health.up() {
		return errQueued
	}
	ctx, cancel := context.WithTimeout(ctx, a.c.opts.RequestTimeout)
	defer cancel()
	select {
	case err := <-it.done:
		return err
	case <-ctx.Done():
		return fmt.Errorf("%w: %w", errQueued, ctx.Err())
	}
}

// errQueued reports an operation the other nodes will learn of when Redis
// takes it.
var errQueued = errors.New("sioredis: other nodes not told yet: queued until Redis takes it")

// markGap records that a stored broadcast delivered here never reached
// the stream, and queues the gap entry that says so to recoveries.
func (a *adapter) markGap() {
	if a.gap.CompareAndSwap(false, true) {
		a.c.pub.enqueue(&pubItem{a: a, stream: a.stream, m: a.message(typeGap, nil, nil)})
	}
}

// onStreamEntry handles an entry of the namespace, on the stream reader's
// goroutine, while the reader holds its lock: broadcasts are delivered at
// once; operations on sockets are returned, to run once the lock is
// released.
func (a *adapter) onStreamEntry(m *message, id string) func() {
	own := m.uid == a.uid
	if !own {
		a.c.traffic.received.inc(m.typ.String())
	}
	switch m.typ {
	case typeBroadcast:
		if own && (!a.stored || m.late) {
			return nil // delivered here when it was emitted
		}
		p, d, err := decodeBroadcast(m)
		if err != nil {
			a.c.log.Warn("Unreadable broadcast from "+m.uid+": "+err.Error(), "namespace", a.nsp)
			return nil
		}
		if own && d.Opts.Flags.Volatile {
			return nil
		}
		if a.stored && !d.Opts.Flags.Volatile {
			p = p.WithOffset(id)
		}
		a.seqMu.Lock()
		defer a.seqMu.Unlock()
		if firstOf(a.delivered, m) {
			a.local.Broadcast(p, d.Opts.options())
		}
	case typeGap:
		if own {
			a.gap.Store(false)
		}
	case typeSocketsJoin, typeSocketsLeave:
		var d socketsRoomsData
		if own || json.Unmarshal(m.data, &d) != nil {
			return nil
		}
		return func() {
			if m.typ == typeSocketsJoin {
				a.local.AddSockets(a.c.ctx, d.Opts.options(), d.Rooms)
			} else {
				a.local.DelSockets(a.c.ctx, d.Opts.options(), d.Rooms)
			}
		}
	case typeDisconnectSockets:
		var d disconnectData
		if own || json.Unmarshal(m.data, &d) != nil {
			return nil
		}
		return func() { a.local.DisconnectSockets(a.c.ctx, d.Opts.options(), d.Close) }
	}
	return nil
}

// Close implements socketio.Adapter: the other nodes are told this one
// leaves the namespace, and stop waiting for its answers.
func (a *adapter) Close() error {
	a.c.forget(a)
	if a.c.emitter {
		a.c.sub.unsubscribe(context.Background(), a.private)
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), a.c.opts.RequestTimeout)
	defer cancel()
	a.announce(ctx, typeAdapterClose)
	a.c.sub.unsubscribe(ctx, a.public, a.private)
	return nil
}

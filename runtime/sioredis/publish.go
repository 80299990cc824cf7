package sioredis

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
)

// pubItem is one message waiting to be appended to a stream.
type pubItem struct {
	a      *adapter
	stream string
	m      *message
	// done, when set, receives the outcome (a caller waiting for it).
	done chan error
	// local, when set, delivers a stored broadcast to this node's sockets;
	// the stream does that, unless Redis cannot take it: then the node
	// delivers it itself and appends it late (see adapter.deliverLate).
	local func()
	late  atomic.Bool
	// handled is set once local delivery is settled (under the
	// adapter's seqMu).
	handled bool
}

// publisher appends messages to the streams in order, in pipelined
// batches, from one goroutine. While Redis is unreachable messages wait in
// its queue, up to Options.PublishQueue; stored broadcasts are delivered
// locally at once, so local clients never wait for Redis.
type publisher struct {
	c    *Cluster
	wake chan struct{}

	mu      sync.Mutex
	queue   []*pubItem
	sending int // the first sending items of queue are in flight
	dropped uint64
	idle    chan struct{} // closed when the queue empties; nil while empty
}

const pubBatch = 100

func newPublisher(c *Cluster) *publisher {
	return &publisher{c: c, wake: make(chan struct{}, 1)}
}

// errDropped is reported to a waiting caller whose message the full queue
// dropped.
var errDropped = errors.New("sioredis: publish queue full while Redis is unreachable; message dropped")

// enqueue adds it at the end of the queue, numbering a node's broadcasts
// in queue order, and drops the oldest message when the queue is full.
func (p *publisher) enqueue(it *pubItem) {
	p.mu.Lock()
	if it.m.typ == typeBroadcast && !p.c.emitter {
		it.a.lastSeq++ // guarded by p.mu: numbers follow the queue's order
		it.m.seq = it.a.lastSeq
	}
	p.queue = append(p.queue, it)
	var drop *pubItem
	if len(p.queue) > p.c.opts.PublishQueue {
		// The oldest not in flight: one in flight may already be in Redis.
		drop = p.queue[p.sending]
		p.queue = append(p.queue[:p.sending], p.queue[p.sending+1:]...)
		p.dropped++
	}
	if p.idle == nil {
		p.idle = make(chan struct{})
	}
	n := p.dropped
	p.mu.Unlock()
	if drop != nil {
		p.dropOne(drop, n)
	}
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

// dropOne gives up on a message the full queue pushed out: a waiting
// caller is told; a stored broadcast is delivered here if it was not yet,
// and since it will never be in the stream, its namespace's history is
// marked as having a hole.
func (p *publisher) dropOne(it *pubItem, total uint64) {
	if total == 1 || total%1000 == 0 {
		p.c.log.Warn(fmt.Sprintf("Redis publish queue full (%d messages): dropping the oldest (%d so far)", p.c.opts.PublishQueue, total),
			"dropped", total)
	}
	if it.local != nil { // a late one has it too
		it.a.deliverLate(it)
		it.a.markGap()
	}
	if it.done != nil {
		it.done <- errDropped
	}
}

func (p *publisher) run(ctx context.Context) {
	var bo backoff
	for {
		select {
		case <-ctx.Done():
			return
		case <-p.wake:
		}
		for ctx.Err() == nil {
			batch := p.head()
			if len(batch) == 0 {
				break
			}
			started := time.Now()
			sent, err := p.send(ctx, batch)
			p.pop(batch[:sent])
			if err == nil {
				p.c.health.ok()
				bo.reset()
				continue
			}
			if ctx.Err() != nil {
				return
			}
			p.c.commandFailed(opAppend, err)
			p.c.health.fail(err, started)
			p.deliverWaiting()
			sleep(ctx, bo.next())
		}
	}
}

// head returns up to pubBatch messages from the front of the queue,
// leaving them there, in flight, until pop.
func (p *publisher) head() []*pubItem {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.sending = min(len(p.queue), pubBatch)
	return append([]*pubItem(nil), p.queue[:p.sending]...)
}

// pop removes the sent messages from the front of the queue and tells
// their callers; the rest of the batch is no longer in flight.
func (p *publisher) pop(sent []*pubItem) {
	p.mu.Lock()
	clear(p.queue[:len(sent)])
	p.queue = p.queue[len(sent):]
	p.sending = 0
	if len(p.queue) == 0 && p.idle != nil {
		close(p.idle)
		p.idle = nil
	}
	p.mu.Unlock()
	for _, it := range sent {
		p.c.traffic.sent.inc(it.m.typ.String())
		if it.done != nil {
			it.done <- nil
		}
	}
}

// send appends batch in one pipeline and returns how many leading
// messages Redis took, with the first error.
func (p *publisher) send(ctx context.Context, batch []*pubItem) (int, error) {
	cmds := make([]*redis.StringCmd, 0, len(batch))
	_, err := p.c.rdb.Pipelined(ctx, func(pipe redis.Pipeliner) error {
		for _, it := range batch {
			vals, err := it.m.streamValues(it.late.Load())
			if err != nil {
				return err // cannot happen for messages this package built
			}
			cmds = append(cmds, pipe.XAdd(ctx, &redis.XAddArgs{
				Stream: it.stream, MaxLen: p.c.opts.MaxLen, Approx: true, Values: vals,
			}))
		}
		return nil
	})
	for i, cmd := range cmds {
		if cmd.Err() != nil {
			return i, cmd.Err()
		}
	}
	return len(cmds), err
}

// deliverWaiting delivers here, now, the stored broadcasts that wait for
// Redis: local clients do not wait for it.
func (p *publisher) deliverWaiting() {
	p.mu.Lock()
	var waiting []*pubItem
	for _, it := range p.queue {
		if it.local != nil {
			waiting = append(waiting, it)
		}
	}
	p.mu.Unlock()
	for _, it := range waiting {
		it.a.deliverLate(it)
	}
}

// state returns how many messages wait in the queue, and how many the
// full queue dropped.
func (p *publisher) state() (queued int, dropped uint64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.queue), p.dropped
}

// flush waits until the queue is empty, at most d.
func (p *publisher) flush(d time.Duration) {
	p.mu.Lock()
	idle := p.idle
	p.mu.Unlock()
	if idle == nil {
		return
	}
	select {
	case <-idle:
	case <-time.After(d):
	}
}

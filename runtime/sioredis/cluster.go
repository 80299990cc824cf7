package sioredis

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"log/slog"
	mrand "math/rand/v2"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/rtgen/rtgen/runtime/socketio"
)

// Cluster joins a socketio.Server to the other servers, Go or Node, that
// share a Redis: install Cluster.Adapter as the server's Config.Adapter.
// It reads the stream (one connection per stream), listens on pub/sub (one
// connection), publishes through a queue that waits out Redis outages, and
// announces the node with heartbeats. It never fails because Redis is
// down: it logs the outage once, retries with backoff and jitter, and
// serves local sockets meanwhile.
type Cluster struct {
	opts    Options
	rdb     *redis.Client
	log     *slog.Logger
	health  *health
	traffic *traffic
	pub     *publisher
	sub     *subscriber
	readers map[string]*streamReader // by stream name; none for an emitter
	emitter bool

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu       sync.RWMutex
	adapters map[string]*adapter // by namespace
	closed   bool
}

// New returns a Cluster on client, which it uses for its commands; it
// opens its own connections for reading the stream and for pub/sub, with
// client's options. Close it after the server's Shutdown.
func New(client *redis.Client, opts Options) *Cluster {
	return newCluster(client, opts, false)
}

func newCluster(client *redis.Client, opts Options, emitter bool) *Cluster {
	opts = opts.withDefaults()
	c := &Cluster{
		opts:     opts,
		rdb:      client,
		log:      opts.Logger,
		readers:  make(map[string]*streamReader),
		adapters: make(map[string]*adapter),
		emitter:  emitter,
	}
	c.ctx, c.cancel = context.WithCancel(context.Background())
	c.health = &health{log: c.log}
	c.traffic = newTraffic()
	c.pub = newPublisher(c)
	c.sub = newSubscriber(c)
	c.goRun(c.pub.run)
	c.goRun(c.sub.run)
	if !emitter {
		c.goRun(c.heartbeat)
	}
	return c
}

func (c *Cluster) goRun(fn func(ctx context.Context)) {
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		fn(c.ctx)
	}()
}

// Adapter is the socketio.AdapterFactory of the cluster's nodes. With
// Config.Recovery set, each adapter is also the namespace's
// socketio.RecoveryStore, keeping the history in the stream and the
// sessions under SessionKeyPrefix, so that a client recovers on any node.
func (c *Cluster) Adapter(ns socketio.AdapterNamespace) socketio.Adapter {
	a := newAdapter(c, ns)
	c.mu.Lock()
	c.adapters[ns.Name()] = a
	c.mu.Unlock()
	go a.start() // Redis may be slow or away: the server starts anyway
	return a
}

// readerFor returns the reader of stream, starting it on first use.
func (c *Cluster) readerFor(stream string) *streamReader {
	c.mu.Lock()
	defer c.mu.Unlock()
	r := c.readers[stream]
	if r == nil {
		r = newStreamReader(c, stream)
		c.readers[stream] = r
		c.goRun(r.run)
	}
	return r
}

func (c *Cluster) adapter(nsp string) *adapter {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.adapters[nsp]
}

func (c *Cluster) allAdapters() []*adapter {
	c.mu.RLock()
	defer c.mu.RUnlock()
	out := make([]*adapter, 0, len(c.adapters))
	for _, a := range c.adapters {
		out = append(out, a)
	}
	return out
}

func (c *Cluster) forget(a *adapter) {
	c.mu.Lock()
	if c.adapters[a.nsp] == a {
		delete(c.adapters, a.nsp)
	}
	c.mu.Unlock()
}

// Close stops the cluster's connections and goroutines, after sending what
// the publish queue holds (waiting at most RequestTimeout). Call it after
// the server's Shutdown, which closes the adapters.
func (c *Cluster) Close() error {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return nil
	}
	c.closed = true
	readers := make([]*streamReader, 0, len(c.readers))
	for _, r := range c.readers {
		readers = append(readers, r)
	}
	c.mu.Unlock()
	c.pub.flush(c.opts.RequestTimeout)
	c.cancel()
	var err error
	for _, r := range readers {
		err = errors.Join(err, r.client.Close()) // ends a blocked XREAD
	}
	err = errors.Join(err, c.sub.close())
	c.wg.Wait()
	return err
}

// heartbeat announces every namespace of this node to the others.
func (c *Cluster) heartbeat(ctx context.Context) {
	t := time.NewTicker(c.opts.HeartbeatInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		for _, a := range c.allAdapters() {
			a.announce(ctx, typeHeartbeat)
			a.forgetStaleNodes()
		}
	}
}

// health tracks whether Redis answers, and logs each change once. Several
// connections report to it, and come back one after the other: a failure
// of an attempt that started before the last success is old news, and so
// is one within healthGrace of Redis coming back (go-redis answers a while
// with the last dial error before it dials again), so the state does not
// flap.
type health struct {
	log     *slog.Logger
	mu      sync.Mutex
	down    bool
	since   time.Time // when it went down
	upAt    time.Time // when it came back
	okAt    time.Time // the last success
	outages uint64    // how many times it went down
}

// up reports whether the last command reached Redis.
func (h *health) up() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return !h.down
}

// state reports whether Redis answers, and how many times it stopped.
func (h *health) state() (up bool, outages uint64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return !h.down, h.outages
}

func (h *health) ok() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.okAt = time.Now()
	if h.down {
		h.down, h.upAt = false, h.okAt
		d := time.Since(h.since).Round(100 * time.Millisecond)
		h.log.Info("Redis reachable again after "+d.String()+"; cross-node delivery resumes", "outage", d.String())
	}
}

// fail reports err from an attempt that started at started.
func (h *health) fail(err error, started time.Time) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.down && !started.Before(h.okAt) && time.Since(h.upAt) > healthGrace {
		h.down, h.since = true, time.Now()
		h.outages++
		h.log.Warn("Redis unreachable: "+err.Error()+"; local deliveries go on, retrying with backoff", "error", err.Error())
	}
}

const healthGrace = 2 * time.Second

// backoff spaces retries: exponential from 100ms to 1s, each wait drawn
// between half and all of its step (jitter), so that nodes do not retry in
// step.
type backoff struct{ n int }

func (b *backoff) next() time.Duration {
	d := min(100*time.Millisecond<<min(b.n, 4), time.Second)
	b.n++
	return d/2 + mrand.N(d/2+1)
}

func (b *backoff) reset() { b.n = 0 }

// sleep waits d or until ctx is done; false when ctx is done.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// randomID returns 8 random bytes in hex, as socket.io-adapter's uids and
// request ids.
func randomID() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

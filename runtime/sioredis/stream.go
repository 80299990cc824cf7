package sioredis

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// streamReader reads one stream from where this node started (or last
// read) and hands each entry to its namespace's adapter, in stream order.
// It has a connection of its own: a blocked XREAD holds it, and closing it
// ends the read.
type streamReader struct {
	c      *Cluster
	name   string
	client *redis.Client

	// mu is held while an entry is delivered and pos moves past it, so
	// that a socket's recorded position is never between the two.
	mu  sync.Mutex
	pos string // id of the last entry handled; "" until the stream was first reached
	// resumed is false after an error: the next read first checks that
	// the stream is still the one pos belongs to.
	resumed bool
}

func newStreamReader(c *Cluster, name string) *streamReader {
	opt := *c.rdb.Options()
	opt.PoolSize, opt.MinIdleConns, opt.MaxIdleConns = 1, 0, 1
	// State the client's own init filled in, which a new client makes anew.
	opt.PushNotificationProcessor, opt.MaintNotificationsConfig = nil, nil
	return &streamReader{c: c, name: name, client: redis.NewClient(&opt)}
}

// errPositionUnknown is returned by position before the stream was reached.
var errPositionUnknown = errors.New("sioredis: stream not read yet (Redis unreachable)")

// position returns the id of the last entry delivered to this node.
func (r *streamReader) position() (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.pos == "" {
		return "", errPositionUnknown
	}
	return r.pos, nil
}

func (r *streamReader) run(ctx context.Context) {
	var bo backoff
	for ctx.Err() == nil {
		started := time.Now()
		if err := r.read(ctx); err != nil {
			if ctx.Err() != nil {
				return
			}
			r.c.commandFailed(opRead, err)
			r.c.health.fail(err, started)
			r.resumed = false
			sleep(ctx, bo.next())
			continue
		}
		bo.reset()
	}
}

// read reads and delivers one batch of entries.
func (r *streamReader) read(ctx context.Context) error {
	if !r.resumed {
		if err := r.resume(ctx); err != nil {
			return err
		}
		r.resumed = true
		r.c.health.ok()
	}
	r.mu.Lock()
	from := r.pos
	r.mu.Unlock()
	res, err := r.client.XRead(ctx, &redis.XReadArgs{
		Streams: []string{r.name, from},
		Count:   r.c.opts.ReadCount,
		Block:   r.c.opts.BlockTime,
	}).Result()
	if errors.Is(err, redis.Nil) {
		r.c.health.ok()
		return nil
	}
	if err != nil {
		return err
	}
	r.c.health.ok()
	for _, s := range res {
		for _, e := range s.Messages {
			r.deliver(e)
		}
	}
	return nil
}

// resume finds where to read from: the end of the stream when starting,
// else where this node stopped. A stream that went back (Redis restarted
// without its data) is read from its start, and what was trimmed while
// this node could not read is reported.
func (r *streamReader) resume(ctx context.Context) error {
	info, err := r.client.XInfoStream(ctx, r.name).Result()
	missing := err != nil && strings.Contains(err.Error(), "no such key")
	if err != nil && !missing {
		return err
	}
	last, maxDeleted := "0-0", "0-0"
	if !missing {
		last = info.LastGeneratedID
		if info.MaxDeletedEntryID != "" {
			maxDeleted = info.MaxDeletedEntryID
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case r.pos == "":
		r.pos = last
	case compareIDs(last, r.pos) < 0:
		r.c.log.Warn(fmt.Sprintf("Redis stream %s went back from %s to %s (Redis lost its data): reading it from its start", r.name, r.pos, last),
			"stream", r.name)
		r.pos = "0-0"
	case compareIDs(maxDeleted, r.pos) > 0:
		r.c.log.Warn(fmt.Sprintf("Redis stream %s was trimmed past %s while this node could not read it: some cross-node messages were missed; raise MaxLen", r.name, r.pos),
			"stream", r.name)
	}
	return nil
}

// deliver hands one entry to its namespace. Broadcasts are delivered while
// mu is held; operations on sockets run after it is released, since they
// may disconnect sockets, which asks for the position.
func (r *streamReader) deliver(e redis.XMessage) {
	var after func()
	m, err := fromStream(e.Values)
	r.mu.Lock()
	if err != nil {
		r.c.log.Warn("Unreadable Redis stream entry "+e.ID+": "+err.Error(), "stream", r.name)
	} else if a := r.c.adapter(m.nsp); a != nil {
		after = a.onStreamEntry(m, e.ID)
	}
	r.pos = e.ID
	r.mu.Unlock()
	if after != nil {
		after()
	}
}

// compareIDs orders two stream ids ("ms-seq").
func compareIDs(a, b string) int {
	am, as := splitID(a)
	bm, bs := splitID(b)
	return cmp.Or(cmp.Compare(am, bm), cmp.Compare(as, bs))
}

func splitID(id string) (ms, seq uint64) {
	m, s, _ := strings.Cut(id, "-")
	ms, _ = strconv.ParseUint(m, 10, 64)
	seq, _ = strconv.ParseUint(s, 10, 64)
	return ms, seq
}

// validID reports whether id is a stream id, as Node's adapter checks an
// offset before using it.
func validID(id string) bool {
	m, s, ok := strings.Cut(id, "-")
	if !ok || m == "" || s == "" {
		return false
	}
	for _, c := range m + s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

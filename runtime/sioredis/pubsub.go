package sioredis

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// subscriber receives the pub/sub messages of every namespace of the node:
// requests on the public channels, responses on the private ones. The
// client resubscribes by itself after a reconnection.
type subscriber struct {
	c  *Cluster
	ps *redis.PubSub
}

func newSubscriber(c *Cluster) *subscriber {
	return &subscriber{c: c, ps: c.rdb.Subscribe(c.ctx)}
}

// subscribe adds channels; while Redis is down they are subscribed on
// reconnection.
func (s *subscriber) subscribe(ctx context.Context, channels ...string) {
	started := time.Now()
	if err := s.ps.Subscribe(ctx, channels...); err != nil && !errors.Is(err, redis.ErrClosed) {
		s.c.commandFailed(opSubscribe, err)
		s.c.health.fail(err, started)
	}
}

func (s *subscriber) unsubscribe(ctx context.Context, channels ...string) {
	s.ps.Unsubscribe(ctx, channels...)
}

func (s *subscriber) close() error { return s.ps.Close() }

func (s *subscriber) run(ctx context.Context) {
	var bo backoff
	// Our own heartbeats come back on the public channels, so a quiet
	// connection for two intervals is checked with a PING.
	quiet := 2 * s.c.opts.HeartbeatInterval
	for ctx.Err() == nil {
		started := time.Now()
		msg, err := s.ps.ReceiveTimeout(ctx, quiet)
		if err != nil {
			if ctx.Err() != nil || errors.Is(err, redis.ErrClosed) {
				return
			}
			if isTimeout(err) {
				if err = s.ps.Ping(ctx); err == nil {
					s.c.health.ok()
					continue
				}
			}
			s.c.commandFailed(opSubscribe, err)
			s.c.health.fail(err, started)
			sleep(ctx, bo.next())
			continue
		}
		bo.reset()
		s.c.health.ok() // a message, or the confirmation of a (re)subscription
		if m, ok := msg.(*redis.Message); ok {
			s.dispatch(m.Channel, m.Payload)
		}
	}
}

// dispatch hands a payload to the namespace its channel belongs to.
func (s *subscriber) dispatch(channel, payload string) {
	m, err := fromPubsub([]byte(payload))
	if err != nil {
		s.c.log.Debug("Unreadable pub/sub message on "+channel+": "+err.Error(), "channel", channel)
		return
	}
	if a := s.c.adapter(m.nsp); a != nil {
		a.onPubsub(m, channel == a.private)
	}
}

func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

// escapeGlob escapes the characters a Redis glob pattern treats specially.
func escapeGlob(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`*?[]\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Package redistest gives tests a real redis-server: the one answering at 127.0.0.1:6379 when there
// is one, else one started for the test on a free loopback port; and key prefixes, so that tests
// sharing a server never see each other's streams, channels and keys. Tests that kill, restart or
// pause Redis start their own server with Start.
package redistest

import (
	"context"
	"crypto/rand"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/redis/go-redis/v9"

	"github.com/rtgen/rtgen/internal/redisserver"
)

// Addr returns the address of a Redis for t: redisserver.DefaultAddr when a Redis answers PING
// there, else a server started for t and stopped when t ends.
func Addr(t testing.TB) string {
	t.Helper()
	if redisserver.Ping(redisserver.DefaultAddr, 300*time.Millisecond) == nil {
		return redisserver.DefaultAddr
	}
	return Start(t).Addr
}

// Server is a redis-server the test started (see redisserver.Server).
type Server struct {
	*redisserver.Server
	t testing.TB
}

// Start starts a redis-server on a free loopback port, stopped when t ends. Under -short it skips t
// when redis-server is not installed; otherwise a missing binary fails t with what to run.
func Start(t testing.TB) *Server {
	t.Helper()
	s, err := redisserver.Start(t.TempDir())
	if errors.Is(err, redisserver.ErrNotInstalled) && testing.Short() {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		s.Kill()
		if t.Failed() {
			t.Logf("redis-server log:\n%s", s.Log())
		}
	})
	return &Server{Server: s, t: t}
}

// Restart starts the server again on the same port, empty; failing t if it cannot.
func (s *Server) Restart() {
	s.t.Helper()
	if err := s.Server.Restart(); err != nil {
		s.t.Fatal(err)
	}
}

// Prefix returns a prefix unique to t for stream names, channels and keys on the Redis at addr;
// every key under it is deleted when t ends.
func Prefix(t testing.TB, addr string) string {
	t.Helper()
	// Only letters, digits and ".-_:", so the prefix is also its own glob.
	name := strings.Map(func(r rune) rune {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(".-_", r)) {
			return r
		}
		return '.'
	}, t.Name())
	prefix := "rtgen-test:" + name + ":" + rand.Text()[:8] + ":"
	t.Cleanup(func() {
		c := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1})
		defer c.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		iter := c.Scan(ctx, 0, prefix+"*", 1000).Iterator()
		for iter.Next(ctx) {
			c.Del(ctx, iter.Val())
		}
	})
	return prefix
}

package redistest

import (
	"context"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// A server the test started answers, dies on Kill, and answers again,
// empty, after Restart; a prefix's keys are deleted when its test ends.
func TestStartKillRestart(t *testing.T) {
	s := Start(t)
	ctx := context.Background()
	c := redis.NewClient(&redis.Options{Addr: s.Addr, MaxRetries: -1, DialTimeout: time.Second})
	defer c.Close()
	var prefix string
	t.Run("prefix", func(t *testing.T) {
		prefix = Prefix(t, s.Addr)
		if err := c.Set(ctx, prefix+"k", "v", 0).Err(); err != nil {
			t.Fatal(err)
		}
	})
	if n := c.Exists(ctx, prefix+"k").Val(); n != 0 {
		t.Fatalf("key of an ended test still there")
	}
	c.Set(ctx, "kept", "v", 0)
	s.Kill()
	if err := c.Ping(ctx).Err(); err == nil {
		t.Fatal("a killed server answered")
	}
	s.Restart()
	if err := c.Ping(ctx).Err(); err != nil {
		t.Fatalf("restarted server: %v", err)
	}
	if n := c.Exists(ctx, "kept").Val(); n != 0 {
		t.Fatal("a restarted server kept its data")
	}
}

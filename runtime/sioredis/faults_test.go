package sioredis

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/rtgen/rtgen/internal/redistest"
	"github.com/rtgen/rtgen/runtime/socketio"
)

// outage is how long the fault tests keep Redis away.
const outage = 2 * time.Second

// Redis killed while nodes serve: each node keeps delivering to its own
// clients at once; when Redis is back (empty), what was emitted meanwhile
// reaches the other node within 5 seconds, nothing lost, and each node
// logged the outage once and the recovery once. With recovery on, and off.
func TestRedisKilledAndRestarted(t *testing.T) {
	for _, tt := range []struct {
		name     string
		recovery *socketio.RecoveryConfig
	}{{"recovery off", nil}, {"recovery on", &socketio.RecoveryConfig{}}} {
		t.Run(tt.name, func(t *testing.T) {
			redisSrv := redistest.Start(t)
			tc := newTestCluster(t, redisSrv.Addr)
			a, b := tc.startNode("a", tt.recovery), tc.startNode("b", tt.recovery)
			a1, _ := dial(t, a.url(), "/")
			b1, _ := dial(t, b.url(), "/")
			a1.join("r")
			b1.join("r")
			nsA, nsB := a.srv.Of("/"), b.srv.Of("/")
			nsA.To("r").Emit("before")
			a1.expectPrefix(`42["before"`)
			b1.expectPrefix(`42["before"`)

			ctx := context.Background()
			redisSrv.Kill()
			waitFor(t, "the outage to be noticed", func() bool { _, err := nsA.Count(ctx); return errors.Is(err, ErrUnavailable) })
			if n, _ := nsA.Count(ctx); n != 1 {
				t.Errorf("Count during the outage = %d, want the local 1", n)
			}
			const n = 20
			for i := range n {
				if err := nsA.To("r").Emit("during", i); err != nil {
					t.Fatal(err)
				}
				a1.expectPrefix(fmt.Sprintf(`42["during",%d`, i)) // at once, Redis or not
				time.Sleep(outage / n)
			}
			b1.expectNothing(0)

			redisSrv.Restart()
			back := time.Now()
			for i := range n {
				b1.expectPrefix(fmt.Sprintf(`42["during",%d`, i))
			}
			resumed := time.Since(back)
			t.Logf("%d events queued during a %v outage reached the other node %v after Redis was back", n, outage, resumed.Round(time.Millisecond))
			if resumed > 5*time.Second {
				t.Errorf("cross-node delivery resumed after %v, want within 5s", resumed)
			}
			waitFor(t, "queries to span the cluster again", func() bool { n, err := nsA.Count(ctx); return err == nil && n == 2 })
			t.Logf("queries spanned the cluster again %v after Redis was back", time.Since(back).Round(time.Millisecond))
			nsB.To("r").Emit("after")
			a1.expectPrefix(`42["after"`)
			b1.expectPrefix(`42["after"`)
			a1.expectNothing(50 * time.Millisecond)

			for _, nd := range []*node{a, b} {
				logs := nd.logs.String()
				if down, up := strings.Count(logs, "Redis unreachable"), strings.Count(logs, "Redis reachable again"); down != 1 || up != 1 {
					t.Errorf("node %s logged the outage %d times and the recovery %d times, want once each", nd.name, down, up)
				}
			}
		})
	}
}

// A client that drops while its node cannot reach Redis does not recover
// a partial history: the events its node delivered meanwhile, late to the
// stream, make its recovery fail whole. Redis itself keeps the session.
func TestNoPartialRecoveryAcrossAnOutage(t *testing.T) {
	addr := redistest.Addr(t)
	tc := newTestCluster(t, addr)
	link := newProxy(t, addr, 0)
	rec := &socketio.RecoveryConfig{MaxDisconnectionDuration: time.Minute}
	a := tc.withAddr(link.addr).startNode("a", rec)
	b := tc.startNode("b", rec)
	watcher, _ := dial(t, a.url(), "/")
	c, reply := dial(t, a.url(), "/")
	first := parseReply(t, reply)
	watcher.join("r")
	c.join("r")
	nsA := a.srv.Of("/")
	nsA.To("r").Emit("e", 1)
	offset := offsetOf(t, c.next())
	watcher.next()
	c.conn.Close()
	waitFor(t, "the session to be kept", func() bool {
		return b.client.Exists(context.Background(), tc.opts.SessionKeyPrefix+first.PID).Val() == 1
	})

	link.cut()
	nsA.To("r").Emit("e", 2)
	watcher.expect(`42["e",2]`) // delivered by a at once, without offset
	link.restore()
	waitFor(t, "the late event to reach the stream", func() bool {
		n, _ := b.client.XLen(context.Background(), tc.opts.StreamName).Result()
		return n == 2
	})

	for _, nd := range []*node{a, b} {
		c2, reply := dialAuth(t, nd.url(), "/", fmt.Sprintf(`{"pid":%q,"offset":%q}`, first.PID, offset))
		if got := parseReply(t, reply); got.SID == first.SID {
			t.Fatalf("recovered on %s across a hole: %s", nd.name, reply)
		}
		c2.expectNothing(50 * time.Millisecond)
		// The session was taken by the first attempt; the second is
		// refused as unknown.
	}
	if st := a.srv.Of("/").RecoveryStats(); st.NotRecovered != 1 {
		t.Errorf("stats on a = %+v", st)
	}
}

// A node killed with SIGKILL is forgotten at once (Redis drops its
// subscriptions); one that hangs (SIGSTOP) after HeartbeatTimeout: queries
// stop waiting for it.
func TestDeadNodesAreForgotten(t *testing.T) {
	tc := newTestCluster(t, redistest.Addr(t))
	a := tc.startNode("a", nil)
	killed, hung := tc.startChild(), tc.startChild()
	dial(t, killed.url, "/")
	dial(t, hung.url, "/")
	dial(t, a.url(), "/")
	ctx := context.Background()
	ns := a.srv.Of("/")
	waitFor(t, "three sockets", func() bool { n, err := ns.Count(ctx); return err == nil && n == 3 })

	killed.signal(syscall.SIGKILL)
	<-killed.done
	start := time.Now()
	waitFor(t, "the killed node to be forgotten", func() bool { n, err := ns.Count(ctx); return err == nil && n == 2 })
	t.Logf("a SIGKILLed node was forgotten after %v", time.Since(start).Round(time.Millisecond))

	hung.signal(syscall.SIGSTOP)
	start = time.Now()
	n, err := ns.Count(ctx)
	took := time.Since(start)
	if err == nil && n == 1 {
		// Only possible once its heartbeats are overdue.
		if took < tc.opts.HeartbeatTimeout/2 {
			t.Fatalf("the hung node was dropped after %v, before its heartbeats were overdue", took)
		}
	}
	for deadline := time.Now().Add(wait); ; {
		n, err := ns.Count(ctx)
		if err == nil && n == 1 {
			break
		}
		if time.Now().After(deadline) {
			a := a.cluster.adapter("/")
			a.mu.Lock()
			heard := fmt.Sprint(a.nodes)
			a.mu.Unlock()
			t.Fatalf("the hung node was not forgotten: Count = %d, %v; Go nodes heard of: %s", n, err, heard)
		}
	}
	t.Logf("a hung node was forgotten after %v (HeartbeatTimeout %v)", time.Since(start).Round(time.Millisecond), tc.opts.HeartbeatTimeout)
	start = time.Now()
	if n, err := ns.Count(ctx); err != nil || n != 1 || time.Since(start) > time.Second {
		t.Fatalf("Count = %d, %v after %v", n, err, time.Since(start))
	}
}

// A node whose link to Redis is slow delays nobody else: the others'
// broadcasts reach each other's clients before the slow node's.
func TestSlowNodeDoesNotStallOthers(t *testing.T) {
	addr := redistest.Addr(t)
	tc := newTestCluster(t, addr)
	a, b := tc.startNode("a", nil), tc.startNode("b", nil)
	const delay = 200 * time.Millisecond
	slow := newProxy(t, addr, delay)
	c := tc.withAddr(slow.addr).startNode("slow", nil)
	a1, _ := dial(t, a.url(), "/")
	b1, _ := dial(t, b.url(), "/")
	c1, _ := dial(t, c.url(), "/")
	for _, cl := range []*wsClient{a1, b1, c1} {
		cl.join("r")
	}
	start := time.Now()
	a.srv.Of("/").To("r").Emit("news")
	a1.expect(`42["news"]`)
	b1.expect(`42["news"]`)
	fast := time.Since(start)
	c1.expect(`42["news"]`)
	t.Logf("a broadcast reached the other fast node in %v, the slow one in %v", fast.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
	if fast >= delay {
		t.Errorf("the fast nodes waited for the slow one: %v", fast)
	}
}

// proxy forwards TCP connections to a Redis, holding every chunk for a
// delay in each direction; cut closes its connections and refuses new ones
// until restore, as a network partition would.
type proxy struct {
	addr   string
	target string
	delay  time.Duration

	mu    sync.Mutex
	down  bool
	conns map[net.Conn]bool
}

func newProxy(t *testing.T, target string, delay time.Duration) *proxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{addr: ln.Addr().String(), target: target, delay: delay, conns: make(map[net.Conn]bool)}
	var wg sync.WaitGroup
	t.Cleanup(func() { ln.Close(); p.cut(); wg.Wait() })
	wg.Go(func() {
		for {
			in, err := ln.Accept()
			if err != nil {
				return
			}
			out, err := net.Dial("tcp", target)
			if err != nil || !p.track(in, out) {
				in.Close()
				if out != nil {
					out.Close()
				}
				continue
			}
			wg.Go(func() { p.pipe(out, in) })
			wg.Go(func() { p.pipe(in, out) })
		}
	})
	return p
}

func (p *proxy) track(conns ...net.Conn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.down {
		return false
	}
	for _, c := range conns {
		p.conns[c] = true
	}
	return true
}

func (p *proxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.down = true
	for c := range p.conns {
		c.Close()
	}
	clear(p.conns)
}

func (p *proxy) restore() {
	p.mu.Lock()
	p.down = false
	p.mu.Unlock()
}

// pipe copies src to dst, each chunk delay after it was read.
func (p *proxy) pipe(dst, src net.Conn) {
	defer dst.Close()
	defer src.Close()
	type chunk struct {
		b  []byte
		at time.Time
	}
	ch := make(chan chunk, 1024)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for c := range ch {
			time.Sleep(time.Until(c.at.Add(p.delay)))
			if _, err := dst.Write(c.b); err != nil {
				return
			}
		}
	}()
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			ch <- chunk{append([]byte(nil), buf[:n]...), time.Now()}
		}
		if err != nil {
			close(ch)
			<-done
			return
		}
	}
}

package sioredis

import (
	"context"
	"fmt"
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/rtgen/rtgen/internal/redistest"
	"github.com/rtgen/rtgen/runtime/socketio"
)

// ClusterStats counts exactly what a scripted session exchanges: ten
// broadcasts, a SocketsJoin and a Count from node a are sent on a and
// received on b, b's answer the other way, and nothing else moves but
// heartbeats. With Redis killed, both nodes turn unhealthy, count failed
// commands of the operations they attempt and none of the others, forget
// each other, and a's queue of five keeps five of eight broadcasts; with
// Redis back, both are healthy after one outage and b receives the five.
func TestClusterStats(t *testing.T) {
	redisSrv := redistest.Start(t)
	tc := newTestCluster(t, redisSrv.Addr)
	tc.opts.PublishQueue = 5
	a, b := tc.startNode("a", nil), tc.startNode("b", nil)
	client, _ := dial(t, b.url(), "/")
	client.join("r")
	both := map[string]int{"/": 1, "/other": 1}
	waitFor(t, "each node to hear of the other in both namespaces", func() bool {
		return maps.Equal(a.cluster.ClusterStats().Nodes, both) && maps.Equal(b.cluster.ClusterStats().Nodes, both)
	})
	for _, nd := range []*node{a, b} {
		st := nd.cluster.ClusterStats()
		if !st.Healthy || st.Outages != 0 || st.Queued != 0 || st.Dropped != 0 {
			t.Errorf("node %s at start: %+v", nd.name, st)
		}
		if want := zeros(opAppend, opRead, opSubscribe, opPublish, opPeers, opSession, opHistory); !maps.Equal(st.Errors, want) {
			t.Errorf("node %s errors at start: %v", nd.name, st.Errors)
		}
	}

	startA, startB := a.cluster.ClusterStats(), b.cluster.ClusterStats()
	ctx := context.Background()
	nsA := a.srv.Of("/")
	const n = 10
	for i := range n { // one at a time: the queue holds five
		if err := nsA.To("r").Emit("e", i); err != nil {
			t.Fatal(err)
		}
		client.expect(fmt.Sprintf(`42["e",%d]`, i))
	}
	if err := nsA.To("r").SocketsJoin(ctx, "s"); err != nil {
		t.Fatal(err)
	}
	if got, err := nsA.Count(ctx); err != nil || got != 1 {
		t.Fatalf("Count = %d, %v; want b's socket", got, err)
	}
	waitFor(t, "b to join its socket to s", func() bool {
		rooms := b.srv.Of("/").LocalSockets()[0].Rooms()
		return strings.Contains(strings.Join(rooms, " "), "s")
	})
	fromA := map[string]uint64{"broadcast": n, "sockets_join": 1, "fetch_sockets": 1}
	fromB := map[string]uint64{"fetch_sockets_response": 1}
	type flow struct {
		what  string
		start map[string]uint64
		now   func() map[string]uint64
		want  map[string]uint64
	}
	flows := []flow{
		{"sent by a", startA.Sent, func() map[string]uint64 { return a.cluster.ClusterStats().Sent }, fromA},
		{"received by b", startB.Received, func() map[string]uint64 { return b.cluster.ClusterStats().Received }, fromA},
		{"sent by b", startB.Sent, func() map[string]uint64 { return b.cluster.ClusterStats().Sent }, fromB},
		{"received by a", startA.Received, func() map[string]uint64 { return a.cluster.ClusterStats().Received }, fromB},
	}
	// A message is counted sent once Redis's reply is read, which may be
	// after its recipient has it.
	waitFor(t, "every message to be counted", func() bool {
		for _, f := range flows {
			now := f.now()
			for typ, want := range f.want {
				if now[typ]-f.start[typ] < want {
					return false
				}
			}
		}
		return true
	})
	for _, f := range flows {
		now := f.now()
		if len(now) != len(typeNames)+1 {
			t.Errorf("%s: %d types reported, want all %d and (other)", f.what, len(now), len(typeNames))
		}
		for typ := range now {
			if typ == "heartbeat" || typ == "initial_heartbeat" {
				continue // every 100ms
			}
			if got := now[typ] - f.start[typ]; got != f.want[typ] {
				t.Errorf("%s: %d %s messages, want %d", f.what, got, typ, f.want[typ])
			}
		}
	}
	waitFor(t, "a's heartbeats and b's to be counted on a", func() bool {
		st := a.cluster.ClusterStats()
		return st.Sent["heartbeat"] > startA.Sent["heartbeat"] && st.Received["heartbeat"] > startA.Received["heartbeat"]
	})

	redisSrv.Kill()
	waitFor(t, "both nodes to see Redis gone", func() bool {
		return !a.cluster.ClusterStats().Healthy && !b.cluster.ClusterStats().Healthy
	})
	const during = 8
	for i := range during {
		nsA.To("r").Emit("during", i)
	}
	waitFor(t, "the failed commands to be counted", func() bool {
		ea, eb := a.cluster.ClusterStats().Errors, b.cluster.ClusterStats().Errors
		return ea[opAppend] > 0 && ea[opRead] > 0 && ea[opSubscribe] > 0 && ea[opPublish] > 0 &&
			eb[opRead] > 0 && eb[opSubscribe] > 0 && eb[opPublish] > 0
	})
	waitFor(t, "the nodes to forget each other", func() bool {
		return a.cluster.ClusterStats().Nodes["/"] == 0 && b.cluster.ClusterStats().Nodes["/"] == 0
	})
	down := map[string]socketio.ClusterStats{"a": a.cluster.ClusterStats(), "b": b.cluster.ClusterStats()}
	for name, st := range down {
		for _, op := range []string{opPeers, opSession, opHistory} {
			if st.Errors[op] != 0 {
				t.Errorf("node %s counted %d %s errors, attempting none", name, st.Errors[op], op)
			}
		}
		if st.Outages != 1 {
			t.Errorf("node %s: %d outages, want 1", name, st.Outages)
		}
	}
	if st := down["b"]; st.Errors[opAppend] != 0 {
		t.Errorf("b, which appends nothing, counted %d append errors", st.Errors[opAppend])
	}
	if st := down["a"]; st.Queued != 5 || st.Dropped != during-5 {
		t.Errorf("a during the outage: %d queued, %d dropped; want 5 and %d", st.Queued, st.Dropped, during-5)
	}

	redisSrv.Restart()
	for range 5 {
		client.expectPrefix(`42["during",`)
	}
	client.expectNothing(100 * time.Millisecond)
	waitFor(t, "both nodes healthy, a's queue sent and the nodes known again", func() bool {
		sa, sb := a.cluster.ClusterStats(), b.cluster.ClusterStats()
		return sa.Healthy && sb.Healthy && sa.Queued == 0 && sa.Nodes["/"] == 1 && sb.Nodes["/"] == 1
	})
	sa, sb := a.cluster.ClusterStats(), b.cluster.ClusterStats()
	if got := sa.Sent["broadcast"] - down["a"].Sent["broadcast"]; got != 5 {
		t.Errorf("a sent %d broadcasts after the outage, want 5", got)
	}
	if got := sb.Received["broadcast"] - down["b"].Received["broadcast"]; got != 5 {
		t.Errorf("b received %d broadcasts after the outage, want 5", got)
	}
	if sa.Outages != 1 || sb.Outages != 1 || sa.Dropped != during-5 {
		t.Errorf("after the outage: a %+v, b %+v", sa, sb)
	}
	t.Logf("failed commands counted during the outage: a %v, b %v", down["a"].Errors, down["b"].Errors)
}

// zeros maps every name to 0.
func zeros(names ...string) map[string]uint64 {
	m := make(map[string]uint64, len(names))
	for _, n := range names {
		m[n] = 0
	}
	return m
}

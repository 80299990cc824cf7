package sioredis

import (
	"context"
	"testing"
	"time"

	"github.com/rtgen/rtgen/internal/redistest"
)

// Broadcasts with rooms, except, volatile and binary arguments reach
// exactly the right sockets of every node, from either node.
func TestBroadcastAcrossNodes(t *testing.T) {
	tc := newTestCluster(t, redistest.Addr(t))
	a, b := tc.startNode("a", nil), tc.startNode("b", nil)
	a1, _ := dial(t, a.url(), "/")
	b1, _ := dial(t, b.url(), "/")
	b2, _ := dial(t, b.url(), "/")
	a1.join("team:1")
	b1.join("team:1", "vip")

	nsA, nsB := a.srv.Of("/"), b.srv.Of("/")
	if err := nsA.To("team:1").Emit("goal", map[string]int{"n": 1}); err != nil {
		t.Fatal(err)
	}
	a1.expect(`42["goal",{"n":1}]`)
	b1.expect(`42["goal",{"n":1}]`)

	nsB.Except("vip").Emit("rest")
	a1.expect(`42["rest"]`)
	b2.expect(`42["rest"]`)

	nsA.To("team:1").Except("vip").Volatile().Emit("typing")
	a1.expect(`42["typing"]`)

	nsB.To("vip").Emit("file", []byte{1, 2})
	b1.expect(`451-["file",{"_placeholder":true,"num":0}]`)

	nsA.Emit("all")
	for _, c := range []*wsClient{a1, b1, b2} {
		c.expect(`42["all"]`)
	}
	// Another namespace's broadcast stays there.
	a.srv.Of("/other").Emit("elsewhere")
	for _, c := range []*wsClient{a1, b1, b2} {
		c.expectNothing(50 * time.Millisecond)
	}
}

// Queries count and list the sockets of every node.
func TestQueriesAcrossNodes(t *testing.T) {
	tc := newTestCluster(t, redistest.Addr(t))
	a, b, c := tc.startNode("a", nil), tc.startNode("b", nil), tc.startNode("c", nil)
	a1, _ := dial(t, a.url(), "/")
	b1, _ := dial(t, b.url(), "/")
	dial(t, c.url(), "/")
	a1.join("user:1")
	b1.join("user:1", "user:2")
	ctx := context.Background()
	for _, n := range []*node{a, b, c} {
		ns := n.srv.Of("/")
		if got, err := ns.Count(ctx); err != nil || got != 3 {
			t.Errorf("%s: Count = %d, %v; want 3", n.name, got, err)
		}
		if got, err := ns.RoomSize(ctx, "user:1"); err != nil || got != 2 {
			t.Errorf("%s: RoomSize(user:1) = %d, %v; want 2", n.name, got, err)
		}
		if ok, err := ns.HasMembers(ctx, "user:2"); err != nil || !ok {
			t.Errorf("%s: HasMembers(user:2) = %v, %v; want true", n.name, ok, err)
		}
		if ok, err := ns.HasMembers(ctx, "user:3"); err != nil || ok {
			t.Errorf("%s: HasMembers(user:3) = %v, %v; want false", n.name, ok, err)
		}
		infos, err := ns.Sockets(ctx, "user:2")
		if err != nil || len(infos) != 1 || len(infos[0].Rooms) != 3 {
			t.Errorf("%s: Sockets(user:2) = %+v, %v", n.name, infos, err)
		}
	}
}

// Joining, leaving and disconnecting the sockets a broadcast selects acts
// on every node.
func TestSocketOperationsAcrossNodes(t *testing.T) {
	tc := newTestCluster(t, redistest.Addr(t))
	a, b := tc.startNode("a", nil), tc.startNode("b", nil)
	a1, _ := dial(t, a.url(), "/")
	b1, _ := dial(t, b.url(), "/")
	b2, _ := dial(t, b.url(), "/")
	a1.join("session:x")
	b1.join("session:x")
	b2.join("session:y")
	ctx := context.Background()
	nsA, nsB := a.srv.Of("/"), b.srv.Of("/")

	if err := nsA.To("session:x").SocketsJoin(ctx, "vip"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "b1 to join vip", func() bool { n, _ := nsB.RoomSize(ctx, "vip"); return n == 2 })
	nsB.To("vip").Emit("v")
	a1.expect(`42["v"]`)
	b1.expect(`42["v"]`)

	if err := nsB.To().SocketsLeave(ctx, "vip"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "everyone to leave vip", func() bool { ok, _ := nsA.HasMembers(ctx, "vip"); return !ok })

	if err := nsA.To("session:x").DisconnectSockets(ctx, false); err != nil {
		t.Fatal(err)
	}
	a1.expect("41")
	b1.expect("41")
	b2.expectNothing(50 * time.Millisecond)
	waitFor(t, "two sockets to leave", func() bool { n, _ := nsA.Count(ctx); return n == 1 })
}

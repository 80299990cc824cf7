package sioredis

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/rtgen/rtgen/internal/nodetest"
	"github.com/rtgen/rtgen/internal/redistest"
	"github.com/rtgen/rtgen/runtime/socketio"
)

// mixed is a cluster of one Go node and one Node socket.io 4.8 server on
// @socket.io/redis-streams-adapter, with socket.io-client sockets driven
// by a script.
type mixed struct {
	t       *testing.T
	goNode  *node
	node    *nodetest.Script // the Node server
	nodeURL string
	clients *nodetest.Script
}

func startMixed(t *testing.T) *mixed {
	addr := redistest.Addr(t)
	tc := newTestCluster(t, addr)
	m := &mixed{t: t, goNode: tc.startNode("go", &socketio.RecoveryConfig{MaxDisconnectionDuration: time.Minute})}
	m.node = nodetest.Start(t, filepath.Join("testdata", "node-server.mjs"), "redis://"+addr, tc.prefix)
	m.node.Decode("url", &m.nodeURL)
	m.clients = nodetest.Start(t, filepath.Join("testdata", "clients.mjs"))
	// Both servers see each other once both answer a query.
	waitFor(t, "the Node server to join the cluster", func() bool {
		peers, err := m.goNode.cluster.adapter("/").peers(context.Background())
		return err == nil && len(peers) == 1
	})
	return m
}

// connect connects a named client to url and returns its socket id.
func (m *mixed) connect(name, url string, rooms ...string) string {
	m.t.Helper()
	m.clients.Send(`{"op":"connect","name":%q,"url":%q}`, name, url)
	var c struct {
		ID string `json:"id"`
	}
	m.clients.Decode("connected", &c)
	if len(rooms) > 0 {
		b, _ := json.Marshal(rooms)
		m.clients.Send(`{"op":"join","name":%q,"rooms":%s}`, name, b)
		m.clients.Expect("joined", `{"ok":true,"data":true}`)
	}
	return c.ID
}

// nodeDo runs a command on the Node server and waits for it.
func (m *mixed) nodeDo(cmd string) {
	m.t.Helper()
	m.node.Send("%s", cmd)
	m.node.Next("done")
}

// events checks the events a client received, in order, with whether each
// carried an offset.
func (m *mixed) events(name string, want string) {
	m.t.Helper()
	var n []json.RawMessage
	if err := json.Unmarshal([]byte(want), &n); err != nil {
		m.t.Fatalf("bad expectation %s: %v", want, err)
	}
	m.clients.Send(`{"op":"events","name":%q,"count":%d}`, name, len(n))
	m.clients.Expect("events", want)
}

// A Go server and a Node server on one Redis are one cluster: broadcasts
// with rooms, except, volatile and binary values both ways, socket
// operations both ways, fetchSockets() on Node listing Go sockets, and Go
// queries counting Node sockets.
func TestMixedCluster(t *testing.T) {
	m := startMixed(t)
	goURL := m.goNode.url()
	g1 := m.connect("g1", goURL, "room-a")
	m.connect("g2", goURL, "room-b")
	n1 := m.connect("n1", m.nodeURL, "room-a")
	m.connect("n2", m.nodeURL, "room-b")
	ns := m.goNode.srv.Of("/")

	// Go → both, with binary; the event is stored (offset) for recovery.
	if err := ns.To("room-a").Emit("from-go", map[string]any{"n": 1, "s": "<&>"}, []byte{1, 2}); err != nil {
		t.Fatal(err)
	}
	want := `[{"event":"from-go","args":[{"n":1,"s":"<&>"},{"$bin":"0102"}],"offset":true}]`
	m.events("g1", want)
	m.events("n1", want)

	// Node → both: rooms, except, volatile.
	m.nodeDo(`{"op":"emit","to":["room-a","room-b"],"except":["room-a"],"event":"from-node","args":[{"$bin":"ff"},[true,null,2.5]]}`)
	want = `[{"event":"from-node","args":[{"$bin":"ff"},[true,null,2.5]],"offset":true}]`
	m.events("g2", want)
	m.events("n2", want)
	m.nodeDo(`{"op":"emit","to":["room-a"],"volatile":true,"event":"typing","args":[]}`)
	// A volatile event is not stored; the Go server appends the offset its
	// client already has, so that the event name is not taken for one
	// (socket.io#5539), where Node sends none.
	m.events("g1", `[{"event":"typing","args":[],"offset":true}]`)
	m.events("n1", `[{"event":"typing","args":[],"offset":false}]`)

	// fetchSockets on Node lists the Go socket with its rooms and session.
	m.node.Send(`{"op":"fetch","to":["room-a"]}`)
	var listed []struct {
		ID      string   `json:"id"`
		Rooms   []string `json:"rooms"`
		Address string   `json:"address"`
	}
	m.node.Decode("sockets", &listed)
	ids := []string{listed[0].ID, listed[1].ID}
	if !slices.Contains(ids, g1) || !slices.Contains(ids, n1) || len(listed) != 2 {
		t.Fatalf("Node's fetchSockets(room-a) = %+v; want %s (Go) and %s (Node)", listed, g1, n1)
	}
	for _, s := range listed {
		if s.ID == g1 && (!slices.Equal(s.Rooms, sortedOf(g1, "room-a")) || s.Address != "127.0.0.1") {
			t.Errorf("the Go socket as Node sees it: %+v", s)
		}
	}
	m.node.Send(`{"op":"count"}`)
	m.node.Expect("count", `4`)

	// Go queries count Node's sockets.
	ctx := context.Background()
	if n, err := ns.Count(ctx); err != nil || n != 4 {
		t.Errorf("Count = %d, %v; want 4", n, err)
	}
	if n, err := ns.RoomSize(ctx, "room-b"); err != nil || n != 2 {
		t.Errorf("RoomSize(room-b) = %d, %v; want 2", n, err)
	}
	infos, err := ns.Sockets(ctx, "room-a")
	if err != nil || len(infos) != 2 {
		t.Fatalf("Sockets(room-a) = %+v, %v", infos, err)
	}
	for _, info := range infos {
		if info.ID == n1 && fmt.Sprint(info.Session) != "map[node:node since:connect]" {
			t.Errorf("a Node socket's data: %#v", info.Session)
		}
	}

	// Socket operations both ways.
	m.nodeDo(`{"op":"socketsJoin","to":["room-b"],"rooms":["vip"]}`)
	waitFor(t, "g2 to join vip", func() bool { ok, _ := ns.HasMembers(ctx, "vip"); return ok })
	if err := ns.To("room-a").SocketsJoin(ctx, "vip"); err != nil {
		t.Fatal(err)
	}
	m.nodeDo(`{"op":"emit","to":["vip"],"event":"vip","args":[]}`)
	want = `[{"event":"vip","args":[],"offset":true}]`
	for _, name := range []string{"g1", "g2", "n1", "n2"} {
		m.events(name, want)
	}
	if err := ns.To("room-b").DisconnectSockets(ctx, false); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"g2", "n2"} {
		m.clients.Send(`{"op":"disconnected","name":%q}`, name)
		m.clients.Expect("disconnected", `["io server disconnect"]`)
	}
	m.nodeDo(`{"op":"disconnect","to":["room-a"]}`)
	for _, name := range []string{"g1", "n1"} {
		m.clients.Send(`{"op":"disconnected","name":%q}`, name)
		m.clients.Expect("disconnected", `["io server disconnect"]`)
	}
	waitFor(t, "every socket to go", func() bool { n, err := ns.Count(ctx); return err == nil && n == 0 })
}

// A client that loses its transport on the Go server and comes back on the
// Node server recovers (and the other way round): same socket id,
// recovered, every event emitted meanwhile by either server once.
func TestMixedClusterRecovery(t *testing.T) {
	m := startMixed(t)
	goURL := m.goNode.url()
	id := m.connect("c", goURL, "r")
	m.connect("watch", m.nodeURL, "r")
	ns := m.goNode.srv.Of("/")
	ns.To("r").Emit("e", 0)
	m.events("c", `[{"event":"e","args":[0],"offset":true}]`)

	for i, hop := range []struct{ from, to string }{{goURL, m.nodeURL}, {m.nodeURL, goURL}} {
		m.clients.Send(`{"op":"cut","name":"c"}`)
		m.clients.Expect("cut", `"forced close"`) // the client closed its transport; the server sees it lost
		// Events of the gap, from both servers, then a volatile one that
		// recovery must not replay.
		base := 10 * (i + 1)
		ns.To("r").Emit("e", base+1)
		m.nodeDo(fmt.Sprintf(`{"op":"emit","to":["r"],"event":"e","args":[%d]}`, base+2))
		ns.To("r").Emit("e", base+3)
		m.nodeDo(`{"op":"emit","to":["r"],"volatile":true,"event":"typing","args":[]}`)
		m.clients.Send(`{"op":"events","name":"watch","count":4}`)
		m.clients.Next("events") // everyone else had them live

		m.clients.Send(`{"op":"reconnect","name":"c","url":%q}`, hop.to)
		m.clients.Expect("reconnected", fmt.Sprintf(`{"id":%q,"recovered":true}`, id))
		want := fmt.Sprintf(`{"event":"e","args":[%d],"offset":true},{"event":"e","args":[%d],"offset":true},{"event":"e","args":[%d],"offset":true}`,
			base+1, base+2, base+3)
		if hop.to == m.nodeURL {
			// Node's adapter replays volatile broadcasts too.
			want += `,{"event":"typing","args":[],"offset":true}`
		}
		m.events("c", "["+want+"]")
	}
}

func sortedOf(v ...string) []string { slices.Sort(v); return v }

package socketio

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"
)

// roomFixture connects n clients to "/" and returns them with their sockets.
func roomFixture(t *testing.T, n int) (*Server, []*client, []*Socket) {
	srv, _ := newTestServer(t, Config{})
	sockets := make(chan *Socket, n)
	srv.Of("/").OnConnection(func(ctx context.Context, s *Socket) { sockets <- s })
	var clients []*client
	var socks []*Socket
	for range n {
		c := dial(t, srv)
		c.join("/")
		clients = append(clients, c)
		socks = append(socks, <-sockets)
	}
	return srv, clients, socks
}

func TestRoomsBroadcast(t *testing.T) {
	srv, c, s := roomFixture(t, 4)
	ns := srv.Of("/")
	s[0].Join("team:1", "contest:9")
	s[1].Join("team:1")
	s[2].Join("contest:9")
	// s[3] in no room

	if got := s[0].Rooms(); !slices.Equal(got, sortedStrings("contest:9", s[0].ID(), "team:1")) {
		t.Fatalf("rooms = %v", got)
	}

	// Several rooms: s[0] is in both and receives once.
	if err := ns.To("team:1", "contest:9").Emit("multi", 1); err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{0, 1, 2} {
		c[i].expect(`42["multi",1]`)
	}
	c[0].expectNothing(10 * time.Millisecond)
	c[3].expectNothing(0)

	// Except.
	ns.To("team:1").Except("contest:9").Emit("ex")
	c[1].expect(`42["ex"]`)
	ns.Except("team:1").Emit("rest")
	c[2].expect(`42["rest"]`)
	c[3].expect(`42["rest"]`)

	// socket.To excludes the sender.
	s[0].To("team:1").Emit("from0")
	c[1].expect(`42["from0"]`)

	// A socket's id names its own room.
	ns.To(s[3].ID()).Emit("direct")
	c[3].expect(`42["direct"]`)

	// Namespace.Emit reaches everyone.
	ns.Emit("all")
	for i := range c {
		c[i].expect(`42["all"]`)
	}

	s[1].Leave("team:1")
	ns.To("team:1").Emit("after-leave")
	c[0].expect(`42["after-leave"]`)
	for i := range c {
		c[i].expectNothing(0)
	}
}

func sortedStrings(v ...string) []string { slices.Sort(v); return v }

func TestRoomQueries(t *testing.T) {
	srv, c, s := roomFixture(t, 3)
	ns := srv.Of("/")
	ctx := context.Background()
	s[0].Join("user:1")
	s[1].Join("user:1", "tv")
	if n, _ := ns.Count(ctx); n != 3 {
		t.Fatalf("Count = %d", n)
	}
	if n, _ := ns.RoomSize(ctx, "user:1"); n != 2 {
		t.Fatalf("RoomSize = %d", n)
	}
	if ok, _ := ns.HasMembers(ctx, "user:2"); ok {
		t.Fatal("HasMembers(user:2)")
	}
	infos, err := ns.Sockets(ctx, "tv", "user:1")
	if err != nil || len(infos) != 2 {
		t.Fatalf("Sockets = %v, %v", infos, err)
	}
	want := sortedStrings(s[0].ID(), s[1].ID())
	if infos[0].ID != want[0] || infos[1].ID != want[1] {
		t.Fatalf("Sockets not sorted by id: %v", infos)
	}
	all, _ := ns.Sockets(ctx)
	if len(all) != 3 {
		t.Fatalf("all sockets = %d", len(all))
	}
	// What a broadcast with exceptions or several rooms reaches, counted and
	// listed as it would send.
	mem := ns.adapter.(*MemoryAdapter)
	for _, tc := range []struct {
		opts BroadcastOptions
		want []string
	}{
		{BroadcastOptions{}, sortedStrings(s[0].ID(), s[1].ID(), s[2].ID())},
		{BroadcastOptions{Except: []string{"tv"}}, sortedStrings(s[0].ID(), s[2].ID())},
		{BroadcastOptions{Rooms: []string{"user:1"}}, sortedStrings(s[0].ID(), s[1].ID())},
		{BroadcastOptions{Rooms: []string{"user:1", "tv"}, Except: []string{"tv"}}, []string{s[0].ID()}},
		{BroadcastOptions{Rooms: []string{"nobody"}}, nil},
	} {
		var got []string
		for _, info := range mem.Matching(tc.opts) {
			got = append(got, info.ID)
		}
		if n := mem.CountMatching(tc.opts); n != len(tc.want) || !slices.Equal(got, tc.want) {
			t.Errorf("%+v: CountMatching %d, Matching %v, want %v", tc.opts, n, got, tc.want)
		}
	}

	c[1].send("41")
	waitFor(t, "socket to leave its rooms", func() bool {
		n, _ := ns.RoomSize(ctx, "tv")
		return n == 0
	})
	if ok, _ := ns.HasMembers(ctx, "user:1"); !ok {
		t.Fatal("user:1 lost its other member")
	}
	// Rooms emptied by disconnects do not linger in the index.
	c[0].send("41")
	waitFor(t, "empty rooms to go", func() bool {
		a := ns.adapter.(*MemoryAdapter)
		a.mu.RLock()
		defer a.mu.RUnlock()
		_, ok := a.rooms["user:1"]
		return !ok && len(a.sids) == 1
	})
}

// Operations on the sockets a broadcast selects: join, leave, disconnect.
func TestOperatorSocketsJoinLeaveDisconnect(t *testing.T) {
	srv, c, s := roomFixture(t, 3)
	ns := srv.Of("/")
	ctx := context.Background()
	s[0].Join("session:a")
	s[1].Join("session:a", "tv")

	if err := ns.To("session:a").Except("tv").SocketsJoin(ctx, "user:1", "vip"); err != nil {
		t.Fatal(err)
	}
	if got := s[0].Rooms(); !slices.Equal(got, sortedStrings(s[0].ID(), "session:a", "user:1", "vip")) {
		t.Fatalf("rooms of s0 = %v", got)
	}
	if got := s[1].Rooms(); slices.Contains(got, "vip") {
		t.Fatalf("an excepted socket joined: %v", got)
	}
	if err := ns.To().SocketsLeave(ctx, "vip", "tv"); err != nil {
		t.Fatal(err)
	}
	if n, _ := ns.RoomSize(ctx, "vip"); n != 0 {
		t.Fatalf("RoomSize(vip) = %d after everyone left it", n)
	}
	if ok, _ := ns.HasMembers(ctx, "tv"); ok {
		t.Fatal("HasMembers(tv) after everyone left it")
	}

	if err := ns.To("session:a").DisconnectSockets(ctx, false); err != nil {
		t.Fatal(err)
	}
	c[0].expect("41")
	c[1].expect("41")
	c[2].expectNothing(10 * time.Millisecond)
	if n, _ := ns.Count(ctx); n != 1 || !s[2].Connected() {
		t.Fatalf("Count = %d after disconnecting session:a; want only s2 left", n)
	}
}

func TestSessionInSocketInfo(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	ns := srv.Of("/auth", WithAuth(func(ctx context.Context, h *Handshake) (any, error) { return "user-7", nil }))
	c := dial(t, srv)
	c.join("/auth")
	infos, _ := ns.Sockets(context.Background())
	if len(infos) != 1 || infos[0].Session != "user-7" {
		t.Fatalf("infos = %+v", infos)
	}
}

// B18: a join racing with a disconnect leaves nothing behind.
func TestJoinAfterDisconnectLeavesNoRoom(t *testing.T) {
	srv, c, s := roomFixture(t, 1)
	c[0].send("41")
	waitFor(t, "disconnect", func() bool { return !s[0].Connected() })
	s[0].Join("late")
	if n, _ := srv.Of("/").RoomSize(context.Background(), "late"); n != 0 {
		t.Fatalf("RoomSize(late) = %d after a join on a closed socket", n)
	}
}

// B28: broadcasts, joins, leaves and disconnects from many goroutines at
// once; run under -race. Afterwards the room index is empty.
func TestConcurrentRoomsAndBroadcasts(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	ns := srv.Of("/")
	sockets := make(chan *Socket, 64)
	ns.OnConnection(func(ctx context.Context, s *Socket) { sockets <- s })
	var clients []*client
	var socks []*Socket
	for range 32 {
		c := dial(t, srv)
		c.join("/")
		clients = append(clients, c)
		socks = append(socks, <-sockets)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				room := fmt.Sprintf("r%d", i%5)
				s := socks[(g*7+i)%len(socks)]
				switch i % 4 {
				case 0:
					s.Join(room)
				case 1:
					s.Leave(room)
				case 2:
					ns.To(room, "r1").Except("r2").Emit("tick", i)
				case 3:
					s.To(room).Emit("tock", i)
					s.Emit("self", i)
				}
			}
		})
	}
	for i, c := range clients {
		if i%2 == 0 {
			wg.Go(func() { c.tr.close("transport close") })
		}
	}
	wg.Wait()
	for _, c := range clients {
		c.tr.close("transport close")
	}
	waitFor(t, "all sockets to leave", func() bool { n, _ := ns.Count(context.Background()); return n == 0 })
	a := ns.adapter.(*MemoryAdapter)
	a.mu.RLock()
	defer a.mu.RUnlock()
	if len(a.rooms) != 0 || len(a.sids) != 0 {
		t.Fatalf("room index not empty: %d rooms, %d sockets", len(a.rooms), len(a.sids))
	}
}

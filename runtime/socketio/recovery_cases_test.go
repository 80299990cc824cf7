package socketio

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rtgen/rtgen/internal/nodetest"
	"github.com/rtgen/rtgen/runtime/engineio"
)

// Recovery cases with the real socket.io-client over WebSocket, the client
// reconnecting only when told, so that each test controls its gap. They
// include the known edge cases of Socket.IO's recovery (socket.io issues
// #4880, #4888, #5282, #5419, #5538, #5539) that apply to this design.

// startAwayClient starts a client that reconnects only when told (reopen).
func startAwayClient(t *testing.T, srv *recoveryServer) *nodetest.Script {
	t.Helper()
	n := startRecoveryClient(t, srv.url, map[string]any{"transports": []string{"websocket"}, "reconnection": false})
	if st := connectClient(t, n, nodetest.Wait); st.Recovered {
		t.Fatal("first connect reported as recovered")
	}
	srv.nextSocket(t, wait)
	return n
}

func (rs *recoveryServer) nextReason(t *testing.T) string {
	t.Helper()
	select {
	case r := <-rs.reasons:
		return r
	case <-time.After(wait):
		t.Fatal("no socket disconnected")
		return ""
	}
}

// awaitMark emits mark m and waits until the client has it, and so every
// event emitted before it that reaches it.
func awaitMark(t *testing.T, srv *recoveryServer, n *nodetest.Script, m int) {
	t.Helper()
	srv.feed.mark(m)
	n.Send("mark %d %d", m, nodetest.Wait.Milliseconds())
	n.Expect("mark", fmt.Sprint(m))
}

// away takes the client's transport away without a DISCONNECT, as a lost
// network does, and waits until the server has seen it go.
func away(t *testing.T, srv *recoveryServer, n *nodetest.Script) {
	t.Helper()
	n.Send("close")
	n.Next("closed")
	if r := srv.nextReason(t); r != engineio.ReasonTransportClose {
		t.Fatalf("the server saw %q", r)
	}
	srv.feed.note("drop")
}

// back reconnects the client (joining its rooms again unless recovered);
// it returns the client's view and the server's socket.
func back(t *testing.T, srv *recoveryServer, n *nodetest.Script) (clientState, *Socket) {
	t.Helper()
	n.Send("reopen")
	n.Expect("reopened", "null")
	st := connectClient(t, n, nodetest.Wait)
	s := srv.nextSocket(t, wait)
	if st.Recovered != s.Recovered() || st.ID != s.ID() {
		t.Fatalf("client %+v, server socket %s recovered %v", st, s.ID(), s.Recovered())
	}
	return st, s
}

// checkRecovers takes the client away, emits a gap of replay and
// volatile events, and checks that the client comes back recovered.
func checkRecovers(t *testing.T, srv *recoveryServer, n *nodetest.Script, replays, volatiles int) {
	t.Helper()
	away(t, srv, n)
	srv.feed.burst("gap", replays, volatiles)
	if st, _ := back(t, srv, n); !st.Recovered || !st.SameID {
		t.Fatalf("client %+v", st)
	}
}

// finish emits live events and mark m, then checks everything the client
// received against the feed.
func finish(t *testing.T, srv *recoveryServer, n *nodetest.Script, recovered bool, m int) {
	t.Helper()
	srv.feed.burst("live", 10, 5)
	awaitMark(t, srv, n, m)
	checkLog(t, clientLog(t, n), srv.feed.expected(recovered))
}

// A history that dropped any event of the gap (too many packets, too many
// bytes) recovers nothing: a fresh socket, none of the gap, the drop
// counted. A gap that fills the history exactly is recovered whole.
func TestRecoveryTrimmedHistory(t *testing.T) {
	for _, c := range []struct {
		name      string
		cfg       RecoveryConfig
		gap       int // replay events of the gap; one in ten brings one to roomElsewhere
		recovered bool
	}{
		{"packets", RecoveryConfig{HistoryPackets: 100}, 150, false},
		{"bytes", RecoveryConfig{HistoryBytes: 4 << 10}, 400, false},
		// 10 + 1 + 1 before it (events, one elsewhere, the mark), 80 + 8: 100.
		{"full", RecoveryConfig{HistoryPackets: 100}, 80, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			srv := startRecoveryServer(t, Config{Recovery: &c.cfg})
			n := startAwayClient(t, srv)
			srv.feed.burst("live", 10, 0)
			awaitMark(t, srv, n, 1)
			away(t, srv, n)
			srv.feed.burst("gap", c.gap, 0)
			st, _ := back(t, srv, n)
			stats := srv.ns.RecoveryStats()
			if st.Recovered != c.recovered || st.SameID != c.recovered {
				t.Errorf("client %+v, want recovered %v", st, c.recovered)
			}
			if c.recovered && (stats.Recovered != 1 || stats.HistoryDropped != 0) ||
				!c.recovered && (stats.NotRecovered != 1 || stats.HistoryDropped == 0) {
				t.Errorf("RecoveryStats %+v", stats)
			}
			finish(t, srv, n, c.recovered, 2)
		})
	}
}

// latestArg is the argument of the test's latest events.
type latestArg struct {
	K string `json:"k"`
	N int    `json:"n"`
}

// 50 updates of 3 keys during a gap replay as 3 events, the last of each
// key, in order with the replay events around them; a latest event keyed
// by itself replays once. Keys are per event, and a key sent to two rooms
// the client is in still replays once. Connected clients get every update.
func TestRecoveryLatest(t *testing.T) {
	t.Parallel()
	srv := startRecoveryServer(t, Config{Recovery: &RecoveryConfig{}})
	n := startAwayClient(t, srv)
	keys := []string{"a", "b", "c"}
	roomsOf := func(i int) []string {
		switch keys[i%3] {
		case "a":
			return []string{"r1"}
		case "b":
			return []string{"r1", "r2"}
		}
		return recoveryRooms[i/3%2 : i/3%2+1] // c: r1 and r2 in turn
	}
	for i := range 6 {
		srv.feed.latest("live", roomsOf(i), keys[i%3], "l", latestArg{keys[i%3], i})
	}
	awaitMark(t, srv, n, 1)
	away(t, srv, n)
	for i := range 50 {
		srv.feed.latest("gap", roomsOf(i), keys[i%3], "l", latestArg{keys[i%3], 100 + i})
		if i%5 == 0 {
			srv.feed.burst("gap", 1, 0)
			srv.feed.latest("gap", []string{"r2"}, "", "tv", i)
			srv.feed.latest("gap", []string{"r1"}, "a", "other", i) // same key, another event
		}
	}
	st, _ := back(t, srv, n)
	if !st.Recovered {
		t.Fatalf("not recovered: %+v", st)
	}
	finish(t, srv, n, true, 2)

	got := clientLog(t, n)
	replayed := got[slices.Index(got, "mark 1")+1:]
	var latest []string
	for _, l := range replayed {
		if !strings.HasPrefix(l, "r ") && !strings.HasPrefix(l, "v-live ") && !strings.HasPrefix(l, "mark ") {
			latest = append(latest, l)
		}
	}
	want := []string{`tv 45`, `other 45`, `l {"k":"c","n":147}`, `l {"k":"a","n":148}`, `l {"k":"b","n":149}`}
	if !slices.Equal(latest, want) {
		t.Errorf("latest events replayed %q, want %q", latest, want)
	}
}

// A client that left (DISCONNECT), or that the server disconnected, is not
// recovered when it connects again, though it presents its pid.
func TestRecoveryNotAfterDisconnect(t *testing.T) {
	t.Parallel()
	srv := startRecoveryServer(t, Config{Recovery: &RecoveryConfig{}})
	n := startAwayClient(t, srv)
	srv.feed.burst("live", 10, 0)
	awaitMark(t, srv, n, 1)

	n.Send("leave")
	n.Expect("left", `"io client disconnect"`)
	if r := srv.nextReason(t); r != ReasonClientDisconnect {
		t.Fatalf("the server saw %q", r)
	}
	srv.feed.note("drop")
	srv.feed.burst("gap", 20, 0)
	st, s := back(t, srv, n)
	if st.Recovered || st.SameID {
		t.Errorf("after leaving: %+v", st)
	}
	awaitMark(t, srv, n, 2)

	s.Disconnect(false)
	n.Send("disconnected")
	n.Expect("disconnected", `"io server disconnect"`)
	if r := srv.nextReason(t); r != ReasonServerDisconnect {
		t.Fatalf("the server saw %q", r)
	}
	srv.feed.note("drop")
	srv.feed.burst("gap", 20, 0)
	if st, _ := back(t, srv, n); st.Recovered {
		t.Errorf("after a server disconnect: %+v", st)
	}
	finish(t, srv, n, false, 3)
	if st := srv.ns.RecoveryStats(); st.Recovered != 0 || st.NotRecovered != 2 {
		t.Errorf("RecoveryStats %+v", st)
	}
}

// socket.io#4888, #5538: socket.io-client sends no offset before it has
// received an event, and Socket.IO then cannot recover. Here a socket that
// received nothing recovers, with the events of its gap.
func TestRecoveryWithoutEventReceived(t *testing.T) {
	t.Parallel()
	srv := startRecoveryServer(t, Config{Recovery: &RecoveryConfig{}})
	n := startAwayClient(t, srv)
	checkRecovers(t, srv, n, 20, 20)
	finish(t, srv, n, true, 1)
}

// socket.io#5282: Socket.IO drops history older than the disconnection
// window, the event a quiet client last received with it, so that client
// can no longer recover. Here it recovers: what it needs starts where it
// disconnected.
func TestRecoveryAfterQuietPeriod(t *testing.T) {
	t.Parallel()
	// The window leaves a busy machine 4 s to take the client away and
	// back.
	srv := startRecoveryServer(t, Config{Recovery: &RecoveryConfig{MaxDisconnectionDuration: 4 * time.Second}})
	n := startAwayClient(t, srv)
	srv.feed.burst("live", 5, 0)
	awaitMark(t, srv, n, 1)
	// Events for others only, until the client's own are out of the history.
	for srv.ns.RecoveryStats().HistoryDropped < 6 {
		srv.feed.elsewhere()
		time.Sleep(100 * time.Millisecond)
	}
	checkRecovers(t, srv, n, 20, 0)
	finish(t, srv, n, true, 2)
}

// socket.io#5539: socket.io-client takes the last argument of any event for
// its offset when it is a string, so a volatile event ending with a string
// made Socket.IO's recovery fail. Here the client recovers after such
// events, whether or not it had received a stored one before (the wire is
// checked in TestRecoveryWire).
func TestRecoveryAfterVolatileStringArgument(t *testing.T) {
	for _, before := range []int{5, 0} {
		t.Run(fmt.Sprintf("%d stored events before", before), func(t *testing.T) {
			t.Parallel()
			srv := startRecoveryServer(t, Config{Recovery: &RecoveryConfig{}})
			n := startAwayClient(t, srv)
			srv.feed.burst("live", before, 0)
			srv.feed.volatile([]string{"r1"}, "status", "connected")
			srv.feed.volatile([]string{"r2"}, "typing", 1, "ada")
			waitForLog(t, n, "typing 1")
			checkRecovers(t, srv, n, 20, 0)
			finish(t, srv, n, true, 1)
		})
	}
}

// waitForLog waits until the client has logged line.
func waitForLog(t *testing.T, n *nodetest.Script, line string) {
	t.Helper()
	for deadline := time.Now().Add(wait); ; time.Sleep(20 * time.Millisecond) {
		n.Send("log")
		var got []string
		n.Decode("log", &got)
		if slices.Contains(got, line) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the client never got %q: %q", line, got)
		}
	}
}

// socket.io#5419 (with a stream adapter): after a recovery that replayed
// nothing, the next one replayed events the client already had. Here
// recoveries in a row replay only what each gap missed.
func TestRecoveryTwiceInARow(t *testing.T) {
	t.Parallel()
	srv := startRecoveryServer(t, Config{Recovery: &RecoveryConfig{}})
	n := startAwayClient(t, srv)
	srv.feed.burst("live", 10, 0)
	awaitMark(t, srv, n, 1)
	for _, gap := range []int{0, 10, 0, 0, 5} {
		checkRecovers(t, srv, n, gap, gap)
	}
	finish(t, srv, n, true, 2)
	if st := srv.ns.RecoveryStats(); st.Recovered != 5 || st.Replayed != 15 {
		t.Errorf("RecoveryStats %+v, want 5 recovered with 15 replayed", st)
	}
}

// socket.io#4880: a client that comes back before the server has found its
// previous transport dead (a silent network cut) recovered once, and no
// more after that transport's heartbeat failed. Here it recovers each
// time, while and after the old transports die.
func TestRecoveryBeforeOldTransportDies(t *testing.T) {
	t.Parallel()
	srv := startRecoveryServer(t, Config{
		Recovery: &RecoveryConfig{},
		Engine:   engineio.Config{PingInterval: 2 * time.Second, PingTimeout: 3 * time.Second},
	})
	proxy := startCutProxy(t, srv.addr)
	n := startRecoveryClient(t, proxy.url(), map[string]any{"transports": []string{"websocket"}, "reconnectionDelay": 100, "reconnectionDelayMax": 300})
	connectClient(t, n, nodetest.Wait)
	srv.nextSocket(t, wait)
	srv.feed.burst("live", 10, 0)
	awaitMark(t, srv, n, 1)
	for round := range 3 {
		proxy.cut(true)
		n.Send("disconnected")
		n.Next("disconnected")
		srv.feed.note("drop")
		srv.feed.burst("gap", 10, 10)
		time.Sleep(300 * time.Millisecond)
		proxy.restore()
		st := connectClient(t, n, nodetest.Wait)
		if s := srv.nextSocket(t, wait); !st.Recovered || !s.Recovered() || !st.SameID {
			t.Fatalf("round %d: client %+v", round, st)
		}
		if round == 1 {
			// Both earlier transports die of their heartbeat now.
			for deadline := time.Now().Add(3 * wait); srv.sio.engine.SessionCount() > 1; time.Sleep(50 * time.Millisecond) {
				if time.Now().After(deadline) {
					t.Fatalf("%d Engine.IO sessions still open", srv.sio.engine.SessionCount())
				}
			}
		}
	}
	finish(t, srv, n, true, 2)
}

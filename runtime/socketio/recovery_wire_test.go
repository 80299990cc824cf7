package socketio

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

// Connection-state recovery on the wire, with fake transports: what the
// server sends, and what it does with any CONNECT payload.

// wireServer returns a server with cfg and its namespace "/", whose
// sockets are reported on the channel once connected.
func wireServer(t *testing.T, cfg Config) (*Server, *Namespace, chan *Socket) {
	t.Helper()
	srv, _ := newTestServer(t, cfg)
	ns := srv.Of("/")
	sockets := make(chan *Socket, 16)
	ns.OnConnection(func(ctx context.Context, s *Socket) { sockets <- s })
	return srv, ns, sockets
}

// connectReply is the payload of a CONNECT reply.
type connectReply struct {
	SID string `json:"sid"`
	PID string `json:"pid"`
}

// connectTo sends CONNECT for "/" with payload (none when "") and returns
// the reply.
func (c *client) connectTo(payload string) connectReply {
	c.t.Helper()
	return c.connectNamespace("", payload)
}

// connectNamespace is connectTo for namespace prefix nsp ("/n," or "").
func (c *client) connectNamespace(nsp, payload string) connectReply {
	c.t.Helper()
	c.send("40" + nsp + payload)
	return c.replyFor(nsp)
}

// reply reads a CONNECT reply for "/".
func (c *client) reply() connectReply {
	c.t.Helper()
	return c.replyFor("")
}

func (c *client) replyFor(nsp string) connectReply {
	c.t.Helper()
	f := c.next()
	var r connectReply
	prefix := "0" + nsp + "{"
	if text := string(f.data); !strings.HasPrefix(text, prefix) || json.Unmarshal(f.data[len(prefix)-1:], &r) != nil {
		c.t.Fatalf("CONNECT reply %s", f)
	}
	return r
}

// dropped connects a socket, runs with it, then closes its transport as a
// lost network does and waits until the server has let it go; it returns
// the reply the socket had.
func dropped(t *testing.T, srv *Server, ns *Namespace, sockets chan *Socket, with func(c *client, s *Socket)) connectReply {
	t.Helper()
	c := dial(t, srv)
	r := c.connectTo("")
	s := <-sockets
	if with != nil {
		with(c, s)
	}
	c.tr.close("transport close")
	waitFor(t, "the socket to go", func() bool { _, ok := ns.Socket(r.SID); return !ok })
	return r
}

func resume(r connectReply, offset string) string {
	return fmt.Sprintf(`{"pid":%q,"offset":%q}`, r.PID, offset)
}

// Without recovery the wire is Socket.IO's as before: no pid, no offsets,
// and a pid presented is ignored. With it, the CONNECT reply carries a pid
// and every stored event its offset, counted per namespace; volatile
// events and those awaiting an acknowledgement carry none, except a
// volatile one ending with a string, which carries the offset the client
// already has (socket.io-client would take the string for one).
func TestRecoveryWire(t *testing.T) {
	t.Run("off", func(t *testing.T) {
		srv, ns, sockets := wireServer(t, Config{})
		c := dial(t, srv)
		c.send(`40{"pid":"x","offset":"1"}`)
		c.expect(`40{"sid":"*"}`)
		s := <-sockets
		ns.Emit("e", 1)
		c.expect(`42["e",1]`)
		s.Emit("own", "x")
		c.expect(`42["own","x"]`)
		ns.broadcast().Volatile().Emit("tick")
		c.expect(`42["tick"]`)
	})
	t.Run("on", func(t *testing.T) {
		srv, ns, sockets := wireServer(t, Config{Recovery: &RecoveryConfig{}})
		c := dial(t, srv)
		c.send("40")
		c.expect(`40{"sid":"*","pid":"*"}`)
		s := <-sockets
		ns.broadcast().Volatile().Emit("tick")
		c.expect(`42["tick","0"]`) // nothing stored yet: the position it connected at
		ns.Emit("e", 1)
		c.expect(`42["e",1,"1"]`)
		ns.To(s.ID()).Emit("two")
		c.expect(`42["two","2"]`)
		s.Emit("own", "x")
		c.expect(`42["own","x","3"]`)
		ns.Emit("bin", []byte{1, 2})
		c.expect(`451-["bin",{"_placeholder":true,"num":0},"4"]`)
		c.expectBinary([]byte{1, 2})
		ns.broadcast().Volatile().Emit("v", map[string]int{"a": 1})
		c.expect(`42["v",{"a":1}]`)
		ns.broadcast().Volatile().Emit("status", "up")
		c.expect(`42["status","up","4"]`)
		ns.broadcast().Volatile().Emit("tick")
		c.expect(`42["tick","4"]`)
		go s.EmitWithAck(context.Background(), "q", "s")
		c.expect(`420["q","s"]`)

		srv.Of("/n")
		c.send("40/n,")
		c.expect(`40/n,{"sid":"*","pid":"*"}`)
		srv.Of("/n").Emit("e")
		c.expect(`42/n,["e","1"]`)
	})
}

// A client that comes back gets its socket id and pid again, its rooms,
// and the events of its gap that reach them, each with its offset: in each
// namespace of its connection, with offsets of their own.
func TestRecoveryWireResume(t *testing.T) {
	srv, ns, sockets := wireServer(t, Config{Recovery: &RecoveryConfig{}})
	other := srv.Of("/n")
	var rn connectReply
	r := dropped(t, srv, ns, sockets, func(c *client, s *Socket) {
		s.Join("r1")
		ns.To("r1").Emit("e", 1)
		c.expect(`42["e",1,"1"]`)
		rn = c.connectNamespace("/n,", "")
		other.Emit("n", 1)
		c.expect(`42/n,["n",1,"1"]`)
	})
	waitFor(t, "the socket in /n to go", func() bool { return len(other.LocalSockets()) == 0 })
	ns.To("r1").Emit("e", 2)
	ns.To("r2").Emit("e", 3)
	other.Emit("n", 2)
	ns.Emit("e", 4)
	c := dial(t, srv)
	if got := c.connectTo(resume(r, "1")); got != r {
		t.Fatalf("CONNECT reply %+v, want %+v", got, r)
	}
	c.expect(`42["e",2,"2"]`)
	c.expect(`42["e",4,"4"]`)
	s := <-sockets
	if got, want := s.Rooms(), sortedStrings("r1", r.SID); !s.Recovered() || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("recovered %v, rooms %v", s.Recovered(), got)
	}
	if got := c.connectNamespace("/n,", resume(rn, "1")); got != rn {
		t.Fatalf("CONNECT reply in /n %+v, want %+v", got, rn)
	}
	c.expect(`42/n,["n",2,"2"]`)
	ns.To("r1").Emit("e", 5)
	c.expect(`42["e",5,"5"]`)
}

// socket.io-client keeps its offset across sockets: after a reconnection
// that was not recovered, it presents the offset of the socket before. A
// socket that was sent no stored event needs only what came after it
// disconnected, however old the offset: not the events sent to its rooms
// before it joined them, and not those the history no longer holds.
func TestRecoveryWireStaleOffset(t *testing.T) {
	for _, history := range []int{DefaultHistoryPackets, 3} {
		t.Run(fmt.Sprint(history), func(t *testing.T) {
			srv, ns, sockets := wireServer(t, Config{Recovery: &RecoveryConfig{HistoryPackets: history}})
			r := dropped(t, srv, ns, sockets, func(c *client, s *Socket) {
				ns.To("r").Emit("before-join") // 1: the socket is not in r yet
				s.Join("r")
				for range 4 {
					ns.To("elsewhere").Emit("x") // 2-5: a history of 3 drops 1 and 2
				}
			})
			ns.To("r").Emit("gap") // 6
			c := dial(t, srv)
			if got := c.connectTo(resume(r, "1")); got != r {
				t.Fatalf("CONNECT reply %+v, want %+v", got, r)
			}
			c.expect(`42["gap","6"]`)
			c.expectNothing(20 * time.Millisecond)
		})
	}
}

// Whatever a CONNECT payload says about recovery, the client gets a
// socket (recovered or fresh), never an error, and the server serves on:
// an unknown, malformed or already used pid, an offset that is not one of
// this server's.
func TestRecoveryWireGarbage(t *testing.T) {
	srv, ns, sockets := wireServer(t, Config{Recovery: &RecoveryConfig{}})
	ns.On("ping", func(ctx context.Context, s *Socket, args Args, ack AckFunc) { ack("pong") })
	check := func(payload string, r connectReply, recovered bool) {
		t.Helper()
		c := dial(t, srv)
		got := c.connectTo(payload)
		s := <-sockets
		if s.Recovered() != recovered || (got == r) != recovered || got.PID == "" {
			t.Errorf("%s: reply %+v (had %+v), recovered %v, want %v", payload, got, r, s.Recovered(), recovered)
		}
		c.send(`421["ping"]`)
		c.expect(`431["pong"]`)
	}
	for _, payload := range []string{
		`{"pid":"unknown","offset":"1"}`,
		`{"pid":42,"offset":"1"}`,
		`{"pid":{"a":1}}`,
		`{"pid":"","offset":""}`,
		`{"pid":null,"offset":null}`,
		`{"offset":"1"}`,
		`{"pid":"` + strings.Repeat("x", 10000) + `"}`,
	} {
		check(payload, connectReply{}, false)
	}
	// A socket that was sent a stored event, and so has an offset.
	sentOne := func(c *client, s *Socket) {
		ns.To(s.ID()).Emit("e")
		c.next()
	}
	for _, offset := range []string{"abc", "-1", "1e3", "99999999999999999999999", "999", " 1", "0x1"} {
		r := dropped(t, srv, ns, sockets, sentOne)
		check(resume(r, offset), r, false)
		check(resume(r, ""), r, false) // the attempt before used the session up
	}
	// A socket that was sent no stored event recovers whatever offset its
	// client presents: its offset, if any, is from an earlier socket.
	for _, offset := range []string{`"abc"`, `"1"`, `1`, `null`, `{"a":1}`, `["1"]`} {
		r := dropped(t, srv, ns, sockets, nil)
		check(fmt.Sprintf(`{"pid":%q,"offset":%s}`, r.PID, offset), r, true)
	}
	if st := ns.RecoveryStats(); st.Recovered != 6 || st.NotRecovered != 2+14 { // a pid that is no string asks for nothing
		t.Errorf("RecoveryStats %+v", st)
	}
}

// A pid is recovered at most once per disconnection, and never gives two
// live sockets the same id. Presented while its socket is still connected
// (the client is back before its old transport was found dead), it moves
// the socket to the new connection, and the old one is told it was
// disconnected.
func TestRecoveryWirePIDOnce(t *testing.T) {
	t.Run("while connected", func(t *testing.T) {
		srv, ns, sockets := wireServer(t, Config{Recovery: &RecoveryConfig{}})
		old := dial(t, srv)
		r := old.connectTo("")
		<-sockets
		c := dial(t, srv)
		if got := c.connectTo(resume(r, "")); got != r {
			t.Fatalf("reply %+v, want %+v", got, r)
		}
		<-sockets
		old.expect(`41`)
		s, ok := ns.Socket(r.SID)
		if !ok || s.conn != c.conn || len(ns.LocalSockets()) != 1 {
			t.Fatalf("sockets %v", ns.LocalSockets())
		}
	})
	t.Run("at once", func(t *testing.T) {
		srv, ns, sockets := wireServer(t, Config{Recovery: &RecoveryConfig{}})
		for range 20 {
			r := dropped(t, srv, ns, sockets, nil)
			clients := []*client{dial(t, srv), dial(t, srv)}
			var wg sync.WaitGroup
			for _, c := range clients {
				wg.Go(func() { c.send("40" + resume(r, "")) })
			}
			wg.Wait()
			// Each gets an answer: its socket back, a fresh one, or a
			// DISCONNECT when the other took the socket from it first.
			// One that got the socket back and no longer holds it is told.
			for _, c := range clients {
				switch f := c.next(); {
				case string(f.data) == "1":
				case strings.HasPrefix(string(f.data), `0{"sid":"`+r.SID+`"`):
					if s, ok := ns.Socket(r.SID); !ok || s.conn != c.conn {
						c.expect("41")
					}
				case !strings.HasPrefix(string(f.data), `0{"sid":`):
					t.Fatalf("answer %s", f)
				}
			}
			for _, c := range clients {
				c.tr.close("transport close")
			}
			waitFor(t, "the sockets to go", func() bool { return len(ns.LocalSockets()) == 0 })
		}
	})
}

// gatedStore is the memory adapter with a Missed that waits for the test,
// so that broadcasts and other connections act while a socket is being
// restored.
type gatedStore struct {
	*MemoryAdapter
	entered, release chan struct{}
}

func (g *gatedStore) Missed(ctx context.Context, offset string, rooms []string) ([]*Packet, error) {
	g.entered <- struct{}{}
	<-g.release
	return g.MemoryAdapter.Missed(ctx, offset, rooms)
}

func gatedServer(t *testing.T) (*Server, *Namespace, chan *Socket, *gatedStore) {
	t.Helper()
	g := &gatedStore{entered: make(chan struct{}, 1), release: make(chan struct{})}
	srv, ns, sockets := wireServer(t, Config{
		Recovery: &RecoveryConfig{},
		Adapter: func(ns AdapterNamespace) Adapter {
			g.MemoryAdapter = NewMemoryAdapter(ns)
			return g
		},
	})
	return srv, ns, sockets, g
}

// Events that arrive while a socket is being restored follow the missed
// ones, once each; a latest event among them that the replay superseded is
// not sent after it (the client would end with a stale value).
func TestRecoveryWireEventsWhileRestoring(t *testing.T) {
	srv, ns, sockets, g := gatedServer(t)
	r := dropped(t, srv, ns, sockets, func(c *client, s *Socket) {
		s.Join("r")
		ns.To("r").Latest("k").Emit("l", 1)
		c.expect(`42["l",1,"1"]`)
	})
	ns.To("r").Emit("e", 1) // 2
	c := dial(t, srv)
	c.send("40" + resume(r, "1"))
	<-g.entered
	ns.To("r").Latest("k").Emit("l", 2) // 3, superseded by 5
	ns.To("r").Emit("e", 2)             // 4
	ns.To("r").Volatile().Emit("v", 0)
	ns.To("r").Latest("k").Emit("l", 3) // 5
	close(g.release)
	if got := c.reply(); got != r {
		t.Fatalf("reply %+v, want %+v", got, r)
	}
	c.expect(`42["e",1,"2"]`)
	c.expect(`42["e",2,"4"]`)
	c.expect(`42["l",3,"5"]`)
	c.expect(`42["v",0]`)
	ns.To("r").Emit("e", 3)
	c.expect(`42["e",3,"6"]`)
}

// A pid presented again while its socket is being restored: the socket
// being restored is told to go (DISCONNECT, no CONNECT reply), and its
// state, taken by then, is not given to the other either.
func TestRecoveryWirePIDWhileRestoring(t *testing.T) {
	srv, ns, sockets, g := gatedServer(t)
	r := dropped(t, srv, ns, sockets, nil)
	first := dial(t, srv)
	first.send("40" + resume(r, ""))
	<-g.entered
	second := dial(t, srv)
	got := second.connectTo(resume(r, ""))
	close(g.release)
	first.expect("41")
	first.expectNothing(50 * time.Millisecond)
	if got.SID == r.SID || got.PID == r.PID {
		t.Fatalf("the second connection got %+v, the state taken by the first %+v", got, r)
	}
	if _, ok := ns.Socket(r.SID); ok {
		t.Fatal("the socket being restored is still there")
	}
}

// FuzzRecoveryConnect sends a CONNECT with any payload to a server with
// recovery on, "$PID" in it standing for the pid of a socket that was sent
// an event and then lost its transport. Nothing may panic, and the client
// is answered, or closed with "parse error" when the payload is no object.
func FuzzRecoveryConnect(f *testing.F) {
	for _, seed := range []string{
		`{"pid":"$PID","offset":"1"}`,
		`{"pid":"$PID","offset":"0"}`,
		`{"pid":"$PID","offset":"x"}`,
		`{"pid":"$PID","offset":"18446744073709551615"}`,
		`{"pid":"$PID","offset":{"$PID":1}}`,
		`{"pid":["$PID"]}`,
		`{"pid":"$PID$PID"}`,
		`[]`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, payload string) {
		srv, ns, sockets := wireServer(t, Config{Recovery: &RecoveryConfig{}})
		r := dropped(t, srv, ns, sockets, func(c *client, s *Socket) {
			ns.To(s.ID()).Emit("e")
			c.next()
		})
		c := dial(t, srv)
		c.conn.OnMessage([]byte("0"+strings.ReplaceAll(payload, "$PID", r.PID)), false)
		deadline := time.After(wait)
		for {
			c.tr.mu.Lock()
			answered, closed, reason, changed := len(c.tr.frames) > 0, c.tr.isClosed, c.tr.reason, c.tr.changed
			c.tr.mu.Unlock()
			switch {
			case closed && reason != "parse error":
				t.Fatalf("closed with %q", reason)
			case answered || closed:
				return
			}
			select {
			case <-changed:
			case <-deadline:
				t.Fatal("no answer")
			}
		}
	})
}

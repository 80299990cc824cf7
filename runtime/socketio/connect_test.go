package socketio

import (
	"context"
	"errors"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestConnectNamespacesOnOneConnection(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	srv.Of("/custom")
	c := dial(t, srv)
	main := c.join("/")
	custom := c.join("/custom")
	if main == custom {
		t.Fatalf("two namespaces got the same socket id %s", main)
	}
	c.send("40/custom") // the suite's form without a comma: custom is joined already
	if r := c.closed(); r != "parse error" {
		t.Fatalf("duplicate CONNECT closed with %q", r)
	}
}

func TestConnectAuthPayload(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	got := make(chan string, 2)
	srv.Of("/").OnConnection(func(ctx context.Context, s *Socket) {
		got <- string(s.Handshake().Auth)
		s.Emit("auth", s.Handshake().Auth)
	})
	c := dial(t, srv)
	c.send("40")
	c.expect(`40{"sid":"*"}`)
	c.expect(`42["auth",{}]`)
	if a := <-got; a != `{}` {
		t.Fatalf("auth without payload = %s, want {}", a)
	}

	c2 := dial(t, srv)
	c2.send(`40{"token":"123","z":1,"a":"<&>"}`)
	c2.expect(`40{"sid":"*"}`)
	c2.expect(`42["auth",{"token":"123","z":1,"a":"<&>"}]`) // verbatim: key order, no escaping
	<-got
}

func TestConnectAuthFunc(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	type user struct{ ID int }
	var sawCtx context.Context
	srv.Of("/private", WithAuth(func(ctx context.Context, h *Handshake) (any, error) {
		sawCtx = ctx
		switch string(h.Auth) {
		case `{"token":"good"}`:
			return user{ID: 7}, nil
		case `{"token":"banned"}`:
			return nil, &Error{Code: CodeForbidden, Message: "banned", Details: map[string]int{"until": 3}}
		}
		return nil, errors.New("not authorized")
	})).OnConnection(func(ctx context.Context, s *Socket) {
		s.Emit("hello", s.Session().(user).ID)
	})

	c := dial(t, srv)
	c.send(`40/private,{"token":"good"}`)
	c.expect(`40/private,{"sid":"*"}`)
	c.expect(`42/private,["hello",7]`)
	if sawCtx == nil || sawCtx.Err() != nil {
		t.Fatal("AuthFunc did not get a live context")
	}

	c = dial(t, srv)
	c.send(`40/private,{"token":"bad"}`)
	c.expect(`44/private,{"message":"not authorized","data":{"code":"unauthorized"}}`)
	c.send(`40/private,{"token":"banned"}`) // refused: may try again on the same connection
	c.expect(`44/private,{"message":"banned","data":{"code":"forbidden","details":{"until":3}}}`)
	c.join("/") // the connection stays usable
	c.send(`42/private,["x"]`)
	if r := c.closed(); r != "parse error" {
		t.Fatalf("event for a refused namespace closed with %q", r)
	}
}

func TestConnectAuthPanicRefuses(t *testing.T) {
	srv, logs := newTestServer(t, Config{})
	srv.Of("/p", WithAuth(func(context.Context, *Handshake) (any, error) { panic("boom") }))
	c := dial(t, srv)
	c.send("40/p,")
	c.expect(`44/p,{"message":"internal error","data":{"code":"internal"}}`)
	c.join("/")
	if !strings.Contains(logs.String(), "Panic in auth: boom") {
		t.Fatalf("panic not logged:\n%s", logs)
	}
}

func TestUnknownNamespaceKeepsConnection(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	c := dial(t, srv)
	c.send("40/random")
	c.expect(`44/random,{"message":"Invalid namespace"}`)
	c.send("40/random,{}")
	c.expect(`44/random,{"message":"Invalid namespace"}`)
	c.join("/")
	if !c.isOpen() {
		t.Fatal("connection closed")
	}
}

// Every protocol violation closes that connection only, with "parse error",
// and never reaches a handler.
func TestProtocolViolationsClose(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	srv.Of("/custom")
	var calls sync.Map
	srv.Of("/").On("message", func(ctx context.Context, s *Socket, args Args, ack AckFunc) {
		calls.Store(string(args.Raw(0)), true)
	})
	ph := func(n string) string { return `{"_placeholder":true,"num":` + n + `}` }
	cases := []struct {
		name  string
		setup bool // join "/" first
		send  []string
		bin   [][]byte
	}{
		{name: "unknown type", send: []string{"4abc"}},
		{name: "invalid handshake", send: []string{"4{}"}},
		{name: "client CONNECT_ERROR", setup: true, send: []string{`44{"message":"x"}`}},
		{name: "invalid payload", setup: true, send: []string{"42{}"}},
		{name: "invalid ack id", setup: true, send: []string{`42abc["message",1]`}},
		{name: "event before connect", send: []string{`42["message",1]`}},
		{name: "event for other namespace", setup: true, send: []string{`42/custom,["message",1]`}},
		{name: "disconnect for namespace not joined", send: []string{`41/custom,`}},
		{name: "ack before connect", send: []string{`430[]`}},
		{name: "duplicate connect", setup: true, send: []string{"40"}},
		{name: "reserved event", setup: true, send: []string{`42["disconnect","x"]`}},
		{name: "reserved newListener", setup: true, send: []string{`42["newListener"]`}},
		{name: "event name object", setup: true, send: []string{`42[{"toString":"foo"}]`}},
		{name: "too many attachments", setup: true, send: []string{`45999999-["message",` + ph("0") + `]`}},
		{name: "attachments 11", setup: true, send: []string{`4511-["message",` + ph("0") + `]`}},
		{name: "placeholder splice", setup: true, send: []string{`451-["message",` + ph(`"splice"`) + `]`}, bin: [][]byte{{1}}},
		{name: "placeholder out of range", setup: true, send: []string{`451-["message",` + ph("1") + `]`}, bin: [][]byte{{1}}},
		{name: "binary without header", setup: true, bin: [][]byte{{1}}},
		{name: "text during attachments", setup: true, send: []string{`452-["message",` + ph("0") + `,` + ph("1") + `]`, `42["message","x"]`}},
		{name: "ack without id", setup: true, send: []string{`43[]`}},
		{name: "deep nesting", setup: true, send: []string{`42["message",` + strings.Repeat("[", 10001) + strings.Repeat("]", 10001) + `]`}},
	}
	control := dial(t, srv)
	control.join("/")
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := dial(t, srv)
			if tc.setup {
				c.join("/")
			}
			for _, s := range tc.send {
				c.send(s)
			}
			for _, b := range tc.bin {
				c.conn.OnMessage(b, true)
			}
			if r := c.closed(); r != "parse error" {
				t.Fatalf("closed with %q, want parse error", r)
			}
			// The control connection is unaffected.
			control.send(`42["message","control"]`)
			waitFor(t, "control event", func() bool { _, ok := calls.Load(`"control"`); return ok })
			calls.Delete(`"control"`)
			if !control.isOpen() {
				t.Fatal("control connection closed")
			}
		})
	}
	n := 0
	calls.Range(func(k, v any) bool { n++; t.Errorf("handler saw %v", k); return true })
}

func TestConnectTimeout(t *testing.T) {
	srv, _ := newTestServer(t, Config{ConnectTimeout: 50 * time.Millisecond})
	idle := dial(t, srv)
	active := dial(t, srv)
	active.join("/")
	if r := idle.closed(); r != "forced server close" {
		t.Fatalf("idle connection closed with %q", r)
	}
	time.Sleep(100 * time.Millisecond)
	if !active.isOpen() {
		t.Fatal("a connection that joined a namespace was closed by the connect timeout")
	}
}

func TestAttachmentsNeverArriving(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	srv.cfg.Engine.PingInterval, srv.cfg.Engine.PingTimeout = 30*time.Millisecond, 20*time.Millisecond
	c := dial(t, srv)
	c.join("/")
	c.send(`452-["message",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]`, []byte{1})
	if r := c.closed(); r != "parse error" {
		t.Fatalf("closed with %q", r)
	}
}

func TestClientDisconnectKeepsConnection(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	srv.Of("/custom")
	reasons := make(chan string, 4)
	srv.Of("/custom").OnDisconnect(func(s *Socket, reason string) { reasons <- reason })
	c := dial(t, srv)
	c.join("/")
	first := c.join("/custom")
	c.send("41/custom,")
	if r := <-reasons; r != ReasonClientDisconnect {
		t.Fatalf("reason = %q", r)
	}
	if n, _ := srv.Of("/custom").Count(context.Background()); n != 0 {
		t.Fatalf("count after disconnect = %d", n)
	}
	second := c.join("/custom") // CONNECT after DISCONNECT is a fresh socket
	if first == second {
		t.Fatal("reconnected socket reuses the old id")
	}
	c.send("41")
	c.send("41/custom")
	<-reasons
	if !c.isOpen() {
		t.Fatal("the Engine.IO connection closed after namespace disconnects")
	}
}

func TestServerDisconnect(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	srv.Of("/a")
	reasons := make(chan string, 4)
	srv.Of("/").OnDisconnect(func(s *Socket, reason string) { reasons <- reason })
	srv.Of("/a").OnDisconnect(func(s *Socket, reason string) { reasons <- reason })
	sockets := make(chan *Socket, 4)
	srv.Of("/").OnConnection(func(ctx context.Context, s *Socket) { sockets <- s })
	srv.Of("/a").OnConnection(func(ctx context.Context, s *Socket) { sockets <- s })

	c := dial(t, srv)
	c.join("/")
	s := <-sockets
	s.Disconnect(false)
	c.expect("41")
	if r := <-reasons; r != ReasonServerDisconnect {
		t.Fatalf("reason = %q", r)
	}
	if err := s.Emit("late"); !errors.Is(err, ErrDisconnected) {
		t.Fatalf("Emit after disconnect: %v", err)
	}
	if s.Context().Err() == nil {
		t.Fatal("context not cancelled")
	}
	if !c.isOpen() {
		t.Fatal("Disconnect(false) closed the connection")
	}

	c.join("/")
	<-sockets
	c.join("/a")
	s2 := <-sockets
	s2.Disconnect(true)
	got := map[string]bool{c.next().String(): true, c.next().String(): true}
	if !got["41"] || !got["41/a,"] {
		t.Fatalf("frames = %v", got)
	}
	if r := c.closed(); r != "forced close" {
		t.Fatalf("closed with %q", r)
	}
	for range 2 {
		if r := <-reasons; r != ReasonServerDisconnect {
			t.Fatalf("reason = %q", r)
		}
	}
}

func TestConnectionCloseDisconnectsAll(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	srv.Of("/a")
	reasons := make(chan string, 4)
	srv.Of("/").OnDisconnect(func(s *Socket, reason string) { reasons <- reason })
	srv.Of("/a").OnDisconnect(func(s *Socket, reason string) { reasons <- reason })
	c := dial(t, srv)
	c.join("/")
	c.join("/a")
	c.tr.close("ping timeout")
	for range 2 {
		if r := <-reasons; r != "ping timeout" {
			t.Fatalf("reason = %q", r)
		}
	}
	for _, n := range []string{"/", "/a"} {
		if k, _ := srv.Of(n).Count(context.Background()); k != 0 {
			t.Fatalf("%s still counts %d sockets", n, k)
		}
	}
}

func TestHandshake(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	got := make(chan *Handshake, 1)
	srv.Of("/").OnConnection(func(ctx context.Context, s *Socket) { got <- s.Handshake() })
	r := httptest.NewRequest("GET", "/socket.io/?EIO=4&transport=polling&room=7", nil)
	r.Header.Set("Cookie", "session=abc; other=1")
	r.RemoteAddr = "192.0.2.1:1234"
	c := dialRequest(t, srv, r)
	c.join("/")
	h := <-got
	if h.Query.Get("room") != "7" || h.RemoteAddr != "192.0.2.1:1234" || time.Since(h.Time) > time.Minute {
		t.Fatalf("handshake = %+v", h)
	}
	if ck, err := h.Cookie("session"); err != nil || ck.Value != "abc" {
		t.Fatalf("cookie = %v, %v", ck, err)
	}
}

func TestSocketIDs(t *testing.T) {
	seen := make(map[string]bool)
	for range 10000 {
		id := newSocketID()
		if len(id) != 20 || seen[id] {
			t.Fatalf("bad or duplicate id %q", id)
		}
		seen[id] = true
	}
}

// Events a client sends while its CONNECT is being authorized wait for the
// outcome: they are handled after a success and dropped after a refusal.
func TestEventsDuringAuthorization(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	release := make(chan bool)
	ns := srv.Of("/slow", WithAuth(func(ctx context.Context, h *Handshake) (any, error) {
		if <-release {
			return nil, nil
		}
		return nil, &Error{Code: CodeUnauthorized, Message: "no"}
	}))
	handled := make(chan string, 4)
	ns.On("e", func(ctx context.Context, s *Socket, args Args, ack AckFunc) { handled <- string(args.Raw(0)) })

	c := dial(t, srv)
	c.send("40/slow,")
	c.send(`42/slow,["e","early"]`)
	release <- false
	c.expect(`44/slow,{"message":"no","data":{"code":"unauthorized"}}`)

	c.send("40/slow,")
	c.send(`42/slow,["e","queued"]`)
	release <- true
	c.expect(`40/slow,{"sid":"*"}`)
	if got := <-handled; got != `"queued"` {
		t.Fatalf("handled %s", got)
	}
	select {
	case got := <-handled:
		t.Fatalf("an event sent before a refused connect was handled: %s", got)
	case <-time.After(20 * time.Millisecond):
	}
}

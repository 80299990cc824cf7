package socketio

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"
)

const ph0 = `{"_placeholder":true,"num":0}`
const ph1 = `{"_placeholder":true,"num":1}`

// echoServer registers the protocol suite's handlers on "/".
func echoServer(t *testing.T, cfg Config) *Server {
	srv, _ := newTestServer(t, cfg)
	n := srv.Of("/")
	n.On("message", func(ctx context.Context, s *Socket, args Args, ack AckFunc) {
		s.Emit("message-back", args)
	})
	n.On("message-with-ack", func(ctx context.Context, s *Socket, args Args, ack AckFunc) {
		ack(args)
	})
	return srv
}

func TestEchoVerbatim(t *testing.T) {
	c := dial(t, echoServer(t, Config{}))
	c.join("/")
	c.send(`42["message",1,"2",{"3":[true]}]`)
	c.expect(`42["message-back",1,"2",{"3":[true]}]`)
	c.send(`42["message",{"z":1,"a":"<\u0026>","é":"\ud83d\ude00"}, 1e999]`)
	c.expect(`42["message-back",{"z":1,"a":"<\u0026>","é":"\ud83d\ude00"},1e999]`)
	c.send(`42456["message-with-ack",1,"2",{"3":[false]}]`)
	c.expect(`43456[1,"2",{"3":[false]}]`)
	c.send(`427["message-with-ack"]`)
	c.expect(`437[]`)
}

func TestEchoBinary(t *testing.T) {
	c := dial(t, echoServer(t, Config{}))
	c.join("/")
	c.send(`452-["message",`+ph0+`,`+ph1+`]`, []byte{1, 2, 3}, []byte{4, 5, 6})
	c.expect(`452-["message-back",` + ph0 + `,` + ph1 + `]`)
	c.expectBinary([]byte{1, 2, 3})
	c.expectBinary([]byte{4, 5, 6})
	c.send(`452-789["message-with-ack",`+ph0+`,`+ph1+`]`, []byte{1, 2, 3}, []byte{4, 5, 6})
	c.expect(`462-789[` + ph0 + `,` + ph1 + `]`)
	c.expectBinary([]byte{1, 2, 3})
	c.expectBinary([]byte{4, 5, 6})
	// Nested and out-of-order placeholders keep their numbers.
	c.send(`452-["message",{"f":[`+ph1+`]},"x",`+ph0+`]`, []byte{9}, []byte{8})
	c.expect(`452-["message-back",{"f":[` + ph1 + `]},"x",` + ph0 + `]`)
	c.expectBinary([]byte{9})
	c.expectBinary([]byte{8})
}

func TestEmitArguments(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	srv.Of("/chat")
	sockets := make(chan *Socket, 1)
	srv.Of("/chat").OnConnection(func(ctx context.Context, s *Socket) { sockets <- s })
	c := dial(t, srv)
	c.join("/chat")
	s := <-sockets

	type msg struct {
		Text string `json:"text"`
		Blob []byte `json:"blob,omitempty"`
	}
	if err := s.Emit("plain", "a<b>&c", 42, nil, msg{Text: "hi"}, json.RawMessage(` {"raw" : true} `)); err != nil {
		t.Fatal(err)
	}
	c.expect(`42/chat,["plain","a<b>&c",42,null,{"text":"hi"},{"raw" : true}]`)

	if err := s.Emit("bin", []byte{1}, "x", []byte{2, 3}); err != nil {
		t.Fatal(err)
	}
	c.expect(`452-/chat,["bin",` + ph0 + `,"x",` + ph1 + `]`)
	c.expectBinary([]byte{1})
	c.expectBinary([]byte{2, 3})

	// Args spliced after another attachment are renumbered.
	args, err := newArgs([]byte(`[{"a":`+ph0+`},`+ph1+`]`), [][]byte{{7}, {8}}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Emit("spliced", []byte{6}, args, "end"); err != nil {
		t.Fatal(err)
	}
	c.expect(`453-/chat,["spliced",{"_placeholder":true,"num":0},{"a":{"_placeholder":true,"num":1}},{"_placeholder":true,"num":2},"end"]`)
	c.expectBinary([]byte{6})
	c.expectBinary([]byte{7})
	c.expectBinary([]byte{8})

	for _, bad := range []struct {
		event string
		args  []any
		want  error
	}{
		{"connect", nil, ErrReservedEvent},
		{"disconnecting", nil, ErrReservedEvent},
		{"x", []any{json.RawMessage(`{`)}, ErrInvalidArgument},
		{"x", []any{make(chan int)}, ErrInvalidArgument},
	} {
		if err := s.Emit(bad.event, bad.args...); !errors.Is(err, bad.want) {
			t.Errorf("Emit(%q, %v) = %v, want %v", bad.event, bad.args, err, bad.want)
		}
	}
	c.expectNothing(20 * time.Millisecond)
}

func TestArgsDecode(t *testing.T) {
	args, err := newArgs([]byte(`["ev",42,`+ph0+`,{"name":"n","blob":`+ph1+`},"s"]`), [][]byte{{1, 2}, {3}}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if args.Len() != 4 || string(args.Raw(0)) != "42" || args.Raw(9) != nil {
		t.Fatalf("args = %d %s", args.Len(), args.Raw(0))
	}
	var n int64
	if err := args.Decode(0, &n); err != nil || n != 42 {
		t.Fatalf("int: %v %v", n, err)
	}
	var b []byte
	if err := args.Decode(1, &b); err != nil || string(b) != "\x01\x02" {
		t.Fatalf("binary: %v %v", b, err)
	}
	if bb, ok := args.Binary(1); !ok || len(bb) != 2 {
		t.Fatalf("Binary(1) = %v, %v", bb, ok)
	}
	if _, ok := args.Binary(2); ok {
		t.Fatal("Binary(2) of an object")
	}
	var v struct {
		Name string `json:"name"`
		Blob []byte `json:"blob"`
	}
	if err := args.Decode(2, &v); err != nil || v.Name != "n" || string(v.Blob) != "\x03" {
		t.Fatalf("nested binary: %+v %v", v, err)
	}
	if err := args.Decode(4, &n); !errors.Is(err, ErrNoArgument) {
		t.Fatalf("out of range: %v", err)
	}
	if err := args.Decode(3, &n); err == nil {
		t.Fatal("string into int64 decoded")
	}
}

func TestEmitWithAck(t *testing.T) {
	srv, _ := newTestServer(t, Config{AckTimeout: 50 * time.Millisecond})
	sockets := make(chan *Socket, 1)
	srv.Of("/").OnConnection(func(ctx context.Context, s *Socket) { sockets <- s })
	c := dial(t, srv)
	c.join("/")
	s := <-sockets

	type result struct {
		args Args
		err  error
	}
	res := make(chan result, 1)
	go func() {
		a, err := s.EmitWithAck(context.Background(), "question", "q?")
		res <- result{a, err}
	}()
	c.expect(`420["question","q?"]`)
	c.send(`430["answer!",` + ph0 + `]`) // not binary: the placeholder is plain data
	r := <-res
	if r.err != nil || r.args.Len() != 2 || string(r.args.Raw(0)) != `"answer!"` {
		t.Fatalf("ack = %+v", r)
	}

	go func() {
		a, err := s.EmitWithAck(context.Background(), "bin")
		res <- result{a, err}
	}()
	c.expect(`421["bin"]`)
	c.send(`461-1[`+ph0+`]`, []byte{5})
	if r := <-res; r.err != nil {
		t.Fatal(r.err)
	} else if b, ok := r.args.Binary(0); !ok || b[0] != 5 {
		t.Fatalf("binary ack = %v", r.args.Raw(0))
	}

	// No answer: AckTimeout applies when ctx has no deadline.
	start := time.Now()
	if _, err := s.EmitWithAck(context.Background(), "ignored"); !errors.Is(err, ErrAckTimeout) {
		t.Fatalf("err = %v, want ErrAckTimeout", err)
	}
	if d := time.Since(start); d < 50*time.Millisecond {
		t.Fatalf("timed out after %v", d)
	}
	c.expect(`422["ignored"]`)
	c.send(`432[]`) // late: dropped
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.EmitWithAck(ctx, "cancelled"); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	c.expect(`423["cancelled"]`)
	if n := s.pendingAcks(); n != 0 {
		t.Fatalf("%d acks pending", n)
	}

	// Disconnect fails pending acks and empties the table.
	var wg sync.WaitGroup
	errs := make(chan error, 3)
	for range 3 {
		wg.Go(func() {
			_, err := s.EmitWithAck(context.Background(), "pending")
			errs <- err
		})
	}
	for range 3 {
		c.next()
	}
	c.send("41")
	wg.Wait()
	for range 3 {
		if err := <-errs; !errors.Is(err, ErrDisconnected) {
			t.Fatalf("err = %v, want ErrDisconnected", err)
		}
	}
	if n := s.pendingAcks(); n != 0 {
		t.Fatalf("%d acks pending after disconnect", n)
	}
	if _, err := s.EmitWithAck(context.Background(), "after"); !errors.Is(err, ErrDisconnected) {
		t.Fatalf("err = %v", err)
	}
}

// A handler may wait for an acknowledgement from its own socket: acks are
// resolved by the reader, not by the (busy) socket goroutine.
func TestHandlerAwaitsOwnAck(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	srv.Of("/").On("ask", func(ctx context.Context, s *Socket, args Args, ack AckFunc) {
		a, err := s.EmitWithAck(ctx, "confirm?")
		if err != nil {
			ack(err.Error())
			return
		}
		ack("confirmed", a)
	})
	c := dial(t, srv)
	c.join("/")
	c.send(`425["ask"]`)
	c.expect(`420["confirm?"]`)
	c.send(`430["yes"]`)
	c.expect(`435["confirmed","yes"]`)
}

func TestEventOrderAndUnknownEvents(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	var mu sync.Mutex
	var seen []string
	srv.Of("/").On("n", func(ctx context.Context, s *Socket, args Args, ack AckFunc) {
		time.Sleep(time.Millisecond) // later events wait, they do not overtake
		mu.Lock()
		seen = append(seen, string(args.Raw(0)))
		mu.Unlock()
	})
	c := dial(t, srv)
	c.join("/")
	for i := range 50 {
		c.send(`42["n",` + string(rune('0'+i%10)) + `]`)
	}
	c.send(`42["nobody"]`)
	c.send(`421["nobody"]`)
	c.expect(`431[{"ok":false,"error":{"code":"not_found","message":"no handler for event \"nobody\""}}]`)
	mu.Lock()
	defer mu.Unlock()
	if len(seen) != 50 {
		t.Fatalf("handled %d events", len(seen))
	}
	for i, v := range seen {
		if v != string(rune('0'+i%10)) {
			t.Fatalf("event %d = %s: out of order", i, v)
		}
	}
}

func TestAckAtMostOnce(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	errs := make(chan error, 1)
	srv.Of("/").On("twice", func(ctx context.Context, s *Socket, args Args, ack AckFunc) {
		ack(1)
		errs <- ack(2)
	})
	srv.Of("/").On("noack", func(ctx context.Context, s *Socket, args Args, ack AckFunc) {
		if ack != nil {
			errs <- errors.New("ack func without an ack id")
		} else {
			errs <- nil
		}
	})
	c := dial(t, srv)
	c.join("/")
	c.send(`423["twice"]`)
	c.expect(`433[1]`)
	if err := <-errs; !errors.Is(err, ErrAckAlreadySent) {
		t.Fatalf("second ack: %v", err)
	}
	c.send(`42["noack"]`)
	if err := <-errs; err != nil {
		t.Fatal(err)
	}
}

func TestHandlerPanicRecovered(t *testing.T) {
	srv, logs := newTestServer(t, Config{})
	n := srv.Of("/")
	n.On("boom", func(ctx context.Context, s *Socket, args Args, ack AckFunc) { panic("kaboom") })
	n.On("ok", func(ctx context.Context, s *Socket, args Args, ack AckFunc) { ack("fine") })
	c := dial(t, srv)
	c.join("/")
	c.send(`421["boom"]`)
	c.expect(`431[{"ok":false,"error":{"code":"internal","message":"internal error"}}]`)
	c.send(`42["boom"]`)
	c.expect(`42["error",{"code":"internal","message":"internal error","event":"boom"}]`)
	c.send(`422["ok"]`)
	c.expect(`432["fine"]`)
	if !strings.Contains(logs.String(), "Panic in handler for boom: kaboom") || !strings.Contains(logs.String(), "stack=") {
		t.Fatalf("panic not logged with its stack:\n%s", logs)
	}
}

func TestInboundQueueLimit(t *testing.T) {
	srv, _ := newTestServer(t, Config{EventQueueLimit: 3})
	release := make(chan struct{})
	reasons := make(chan string, 1)
	n := srv.Of("/")
	n.On("slow", func(ctx context.Context, s *Socket, args Args, ack AckFunc) { <-release })
	n.OnDisconnect(func(s *Socket, reason string) { reasons <- reason })
	c := dial(t, srv)
	c.join("/")
	c.send(`42["slow"]`) // running
	waitFor(t, "handler to start", func() bool {
		s := onlySocket(t, n)
		s.mu.Lock()
		defer s.mu.Unlock()
		return len(s.queue) == 0 && s.running
	})
	for range 3 {
		c.send(`42["slow"]`) // queued
	}
	c.send(`42["slow"]`) // one too many
	c.expect(`42["error",{"code":"too_many_requests","message":"too many requests","event":"slow"}]`)
	c.expect(`41`)
	close(release)
	if r := <-reasons; r != ReasonTooManyRequests {
		t.Fatalf("reason = %q", r)
	}
	if !c.isOpen() {
		t.Fatal("the connection was closed")
	}
}

func onlySocket(t *testing.T, n *Namespace) *Socket {
	t.Helper()
	n.mu.RLock()
	defer n.mu.RUnlock()
	for _, s := range n.sockets {
		return s
	}
	t.Fatal("no socket")
	return nil
}

func TestDisconnectHandlerRunsAfterQueuedEvents(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	var mu sync.Mutex
	var order []string
	n := srv.Of("/")
	n.On("e", func(ctx context.Context, s *Socket, args Args, ack AckFunc) {
		time.Sleep(5 * time.Millisecond)
		mu.Lock()
		order = append(order, "event")
		mu.Unlock()
	})
	done := make(chan struct{})
	n.OnDisconnect(func(s *Socket, reason string) {
		mu.Lock()
		order = append(order, "disconnect")
		mu.Unlock()
		close(done)
	})
	c := dial(t, srv)
	c.join("/")
	c.send(`42["e"]`)
	c.send(`42["e"]`)
	c.send(`41`)
	<-done
	mu.Lock()
	defer mu.Unlock()
	if strings.Join(order, ",") != "event,event,disconnect" {
		t.Fatalf("order = %v", order)
	}
}

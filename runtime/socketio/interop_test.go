package socketio

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/rtgen/rtgen/internal/nodetest"
	"github.com/rtgen/rtgen/runtime/engineio"
)

// The interop tests run the unmodified npm socket.io-client (the version in
// the root package-lock.json) against this server, over each transport
// setting a browser may use.
var interopTransports = []struct{ name, arg string }{
	{"websocket", `["websocket"]`},
	{"polling", `["polling"]`},
	{"default", "default"}, // polling, then upgrade to websocket
}

// Short heartbeats so a silent peer is dropped quickly, with a pingTimeout
// that a Node process busy starting up still meets on a loaded machine.
const (
	interopPingInterval = 250 * time.Millisecond
	interopPingTimeout  = 750 * time.Millisecond
	interopMaxPayload   = 10000
	interopOrigin       = "http://app.example"
)

// interopServer is the Go server under test, on a real TCP listener.
type interopServer struct {
	sio  *Server
	http *http.Server
	addr string
	done chan struct{}
}

func startInteropServer(t *testing.T, addr string) *interopServer {
	t.Helper()
	var ln net.Listener
	var err error
	for deadline := time.Now().Add(wait); ; time.Sleep(20 * time.Millisecond) {
		// On restart the old listener's port may take a moment to free.
		if ln, err = net.Listen("tcp", addr); err == nil || time.Now().After(deadline) {
			break
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	srv := NewServer(Config{
		Engine: engineio.Config{
			PingInterval:   interopPingInterval,
			PingTimeout:    interopPingTimeout,
			MaxPayload:     interopMaxPayload,
			AllowedOrigins: []string{interopOrigin},
		},
		Logger: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	})
	registerInteropHandlers(srv)
	mux := http.NewServeMux()
	mux.Handle("/socket.io/", srv)
	s := &interopServer{sio: srv, http: &http.Server{Handler: mux}, addr: ln.Addr().String(), done: make(chan struct{})}
	go func() {
		defer close(s.done)
		s.http.Serve(ln)
	}()
	t.Cleanup(func() {
		s.stop(t)
		if t.Failed() {
			t.Logf("server log:\n%s", logs)
		}
	})
	return s
}

// stop closes the listener and every session.
func (s *interopServer) stop(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	if err := s.sio.Shutdown(ctx); err != nil {
		t.Errorf("Shutdown: %v", err)
	}
	s.http.Close()
	<-s.done
}

func registerInteropHandlers(srv *Server) {
	main := srv.Of("/")
	main.On("stats", func(ctx context.Context, s *Socket, args Args, ack AckFunc) {
		n, _ := main.Count(ctx)
		ack(map[string]int{"engineSessions": srv.engine.SessionCount(), "mainSockets": n})
	})
	main.On("echo", func(ctx context.Context, s *Socket, args Args, ack AckFunc) { s.Emit("echo-back", args) })
	main.On("ack-me", func(ctx context.Context, s *Socket, args Args, ack AckFunc) { ack(args) })
	main.On("ask", func(ctx context.Context, s *Socket, args Args, ack AckFunc) {
		var q string
		args.Decode(0, &q)
		answer, err := s.EmitWithAck(ctx, "question", q, []byte{0xbe, 0xef})
		if err != nil {
			s.Emit("answer", "error: "+err.Error())
			return
		}
		s.Emit("answer", answer)
	})
	main.On("ask-ignored", func(ctx context.Context, s *Socket, args Args, ack AckFunc) {
		ctx, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
		defer cancel()
		_, err := s.EmitWithAck(ctx, "ignored")
		s.Emit("answer", map[string]bool{"timedOut": errors.Is(err, ErrAckTimeout), "pendingEmpty": s.pendingAcks() == 0})
	})
	HandleEventAck(main, "join", func(ctx context.Context, s *Socket, rooms []string) (bool, error) {
		s.Join(rooms...)
		return true, nil
	})
	type target struct {
		To     []string `json:"to"`
		Except []string `json:"except,omitempty"` // optional: shout has none
		Msg    string   `json:"msg"`
	}
	HandleEvent(main, "broadcast", func(ctx context.Context, s *Socket, p target) error {
		return main.To(p.To...).Except(p.Except...).Emit("news", p.Msg)
	})
	HandleEvent(main, "shout", func(ctx context.Context, s *Socket, p target) error {
		return s.To(p.To...).Emit("news", p.Msg)
	})
	HandleEvent(main, "tick-all", func(ctx context.Context, s *Socket, _ struct{}) error {
		return main.Emit("tick")
	})
	main.On("kick-me", func(ctx context.Context, s *Socket, args Args, ack AckFunc) { s.Disconnect(false) })

	srv.Of("/custom").OnConnection(func(ctx context.Context, s *Socket) { s.Emit("hello", "custom", s.Namespace().Name()) })

	type user struct {
		Name string `json:"name"`
	}
	srv.Of("/private", WithAuth(func(ctx context.Context, h *Handshake) (any, error) {
		var auth struct {
			Token string `json:"token"`
		}
		json.Unmarshal(h.Auth, &auth)
		if auth.Token != "good" {
			return nil, &Error{Code: CodeForbidden, Message: "bad token", Details: map[string]string{"hint": "use good"}}
		}
		return user{Name: "ada"}, nil
	})).OnConnection(func(ctx context.Context, s *Socket) { s.Emit("welcome", s.Session()) })
}

// startNode runs testdata/interop.mjs for one scenario against url.
func startNode(t *testing.T, url, scenario, transports string) *nodetest.Script {
	t.Helper()
	return nodetest.Start(t, filepath.Join("testdata", "interop.mjs"), url, scenario, transports)
}

func TestInteropFeatures(t *testing.T) {
	for _, tr := range interopTransports {
		t.Run(tr.name, func(t *testing.T) {
			srv := startInteropServer(t, "127.0.0.1:0")
			n := startNode(t, "http://"+srv.addr, "features", tr.arg)
			n.Expect("ids", `{"distinct":true,"notEngineId":true}`)
			n.Expect("custom-hello", `["custom","/custom"]`)
			n.Expect("stats", `{"engineSessions":1,"mainSockets":1}`)
			n.Expect("echo", `[1,"2",{"3":[true]},"<&>"]`)
			n.Expect("ack", `["a",{"b":2}]`)
			n.Expect("echo-binary", `[{"$bin":"010203"},{"nested":{"$bin":"0405"}},"text"]`)
			n.Expect("ack-binary", `[{"$bin":"0908"},{"deep":[{"$bin":"07"}]}]`)
			n.Expect("server-ack", `["answer:q1",{"$bin":"cafe"}]`)
			n.Expect("server-ack-timeout", `[{"pendingEmpty":true,"timedOut":true}]`)
			n.Expect("typed-ok", `{"ok":true,"data":true}`)
			n.Expect("typed-bad", `{"ok":false,"error":{"code":"bad_request","message":"invalid payload: json: cannot unmarshal string into Go value of type []string"}}`)
			n.Expect("stats-after", `{"engineSessions":1,"mainSockets":1}`)
			n.Expect("unknown-namespace", `"Invalid namespace"`)
			n.Expect("after-unknown", `["still here"]`)
			n.Expect("auth-ok", `[{"name":"ada"}]`)
			n.Expect("auth-refused", `{"message":"bad token","data":{"code":"forbidden","details":{"hint":"use good"}}}`)
			n.Expect("kicked", `"io server disconnect"`)
			n.Expect("kicked-reconnects", `false`)
			n.Next("done")
		})
	}
}

func TestInteropRooms(t *testing.T) {
	for _, tr := range interopTransports {
		t.Run(tr.name, func(t *testing.T) {
			srv := startInteropServer(t, "127.0.0.1:0")
			n := startNode(t, "http://"+srv.addr, "rooms", tr.arg)
			n.Expect("news", `{"a":["m1","m2","m3","m5"],"b":["m1","m3","m4","m5"],"c":["m5"]}`)
			n.Next("done")
		})
	}
}

func TestInteropServerRestart(t *testing.T) {
	for _, tr := range interopTransports {
		t.Run(tr.name, func(t *testing.T) {
			srv := startInteropServer(t, "127.0.0.1:0")
			addr := srv.addr
			n := startNode(t, "http://"+addr, "restart", tr.arg)
			n.Expect("before", `["before"]`)
			n.Next("ready")
			srv.stop(t)
			startInteropServer(t, addr) // same port
			// WebSocket clients see the close frame; a polling client sees the
			// close packet, or its next request fails: both reconnect.
			if r := string(n.Next("disconnect-reason")); r != `"transport close"` && r != `"transport error"` {
				t.Errorf("disconnect reason %s", r)
			}
			n.Expect("after", `["after"]`)
			n.Next("done")
		})
	}
}

// TestInteropBadInput: an oversized message, an unknown namespace, a
// refused origin and a peer that stops answering pings each affect only
// their own connection; a bystander socket.io-client stays connected and
// keeps receiving.
func TestInteropBadInput(t *testing.T) {
	for _, tr := range interopTransports {
		t.Run(tr.name, func(t *testing.T) {
			srv := startInteropServer(t, "127.0.0.1:0")
			n := startNode(t, "http://"+srv.addr, "bad-input", tr.arg)
			reason := n.Next("oversized")
			if r := string(reason); r != `"transport close"` && r != `"transport error"` {
				t.Errorf("oversized message: victim disconnected with %s", r)
			}
			n.Expect("unknown-namespace", `"Invalid namespace"`)
			n.Next("ready")

			checkRefusedOrigin(t, srv)
			checkSilentPeerDropped(t, srv.addr)

			n.Send("go")
			n.Expect("bystander-echo", `["alive"]`)
			n.Expect("bystander", `{"drops":0,"ticks":1,"connected":true}`)
			n.Next("done")
		})
	}
}

// checkRefusedOrigin: a foreign Origin gets 403 on the polling handshake
// and on the WebSocket upgrade, and no session is created.
func checkRefusedOrigin(t *testing.T, srv *interopServer) {
	t.Helper()
	addr := srv.addr
	before := srv.sio.engine.SessionCount()
	req, _ := http.NewRequest("GET", "http://"+addr+"/socket.io/?EIO=4&transport=polling", nil)
	req.Header.Set("Origin", "http://evil.example")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(string(body), `"code":4`) {
		t.Errorf("polling with a foreign origin: %d %s", resp.StatusCode, body)
	}
	_, resp, err = websocket.DefaultDialer.Dial("ws://"+addr+"/socket.io/?EIO=4&transport=websocket",
		http.Header{"Origin": {"http://app.example.evil.com"}})
	if err == nil || resp == nil || resp.StatusCode != http.StatusForbidden {
		status := 0
		if resp != nil {
			status = resp.StatusCode
		}
		t.Errorf("websocket with a foreign origin: err=%v status=%d", err, status)
	}
	// Other clients' sessions may be closing meanwhile, so only growth
	// would be a sign of a session created for a refused request.
	if after := srv.sio.engine.SessionCount(); after > before {
		t.Errorf("refused requests raised the session count from %d to %d", before, after)
	}
	// The allowed origin works.
	ws, _, err := websocket.DefaultDialer.Dial("ws://"+addr+"/socket.io/?EIO=4&transport=websocket",
		http.Header{"Origin": {interopOrigin}})
	if err != nil {
		t.Fatalf("websocket with the allowed origin: %v", err)
	}
	ws.Close()
}

// checkSilentPeerDropped: a raw WebSocket peer that joins "/" and then
// never answers pings is closed within pingInterval + pingTimeout (plus
// scheduling slack).
func checkSilentPeerDropped(t *testing.T, addr string) {
	t.Helper()
	ws, _, err := websocket.DefaultDialer.Dial("ws://"+addr+"/socket.io/?EIO=4&transport=websocket", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	start := time.Now()
	read := func() string {
		ws.SetReadDeadline(time.Now().Add(wait))
		_, data, err := ws.ReadMessage()
		if err != nil {
			return ""
		}
		return string(data)
	}
	if open := read(); !strings.HasPrefix(open, `0{"sid":`) {
		t.Fatalf("open packet = %q", open)
	}
	ws.WriteMessage(websocket.TextMessage, []byte("40"))
	if reply := read(); !strings.HasPrefix(reply, `40{"sid":`) {
		t.Fatalf("CONNECT reply = %q", reply)
	}
	pings := 0
	for {
		msg := read()
		if msg == "" {
			break
		}
		if msg == "2" {
			pings++ // and no pong
		}
	}
	elapsed := time.Since(start)
	if pings != 1 {
		t.Errorf("saw %d pings before the close, want 1", pings)
	}
	limit := interopPingInterval + interopPingTimeout + 2*time.Second // generous: 2 cores, -race
	if elapsed > limit {
		t.Errorf("silent peer dropped after %v, want within %v", elapsed, limit)
	}
}

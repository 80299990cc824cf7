package socketio

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/rtgen/rtgen/runtime/internal/sioproto"
	"github.com/rtgen/rtgen/runtime/validate"
)

// recorder is an Observer writing one line per call.
type recorder struct {
	mu    sync.Mutex
	lines []string
}

func (r *recorder) add(format string, args ...any) {
	r.mu.Lock()
	r.lines = append(r.lines, fmt.Sprintf(format, args...))
	r.mu.Unlock()
}

func (r *recorder) snapshot() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.lines)
}

// take returns the lines recorded so far and forgets them.
func (r *recorder) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	l := r.lines
	r.lines = nil
	return l
}

func (r *recorder) ConnectionOpened(transport string) { r.add("open %s", transport) }
func (r *recorder) ConnectionClosed(reason string)    { r.add("close %s", reason) }
func (r *recorder) SocketConnected(s *Socket)         { r.add("connected %s", s.Namespace().Name()) }
func (r *recorder) ConnectRefused(n *Namespace, code string) {
	r.add("refused %s %s", n.Name(), code)
}
func (r *recorder) SocketUpgraded(s *Socket) { r.add("upgraded %s", s.Namespace().Name()) }
func (r *recorder) SocketDisconnected(s *Socket, reason string) {
	r.add("disconnected %s %s", s.Namespace().Name(), reason)
}
func (r *recorder) RoomsJoined(s *Socket, rooms []string) { r.add("joined %v", rooms) }
func (r *recorder) RoomsLeft(s *Socket, rooms []string)   { r.add("left %v", rooms) }
func (r *recorder) JoinRefused(s *Socket, room string)    { r.add("join refused %s", room) }
func (r *recorder) EventReceived(s *Socket, event string, args Args) {
	r.add("received %s %d args", event, args.Len())
}
func (r *recorder) HandlerDone(s *Socket, event string, d time.Duration, panicked bool) {
	r.add("handled %s panicked=%v", event, panicked)
}
func (r *recorder) ValidationFailed(s *Socket, event string, fields []string) {
	r.add("invalid %s %v", event, fields)
}
func (r *recorder) EventEmitted(n *Namespace, event string, rooms []string) {
	var names []string
	for _, room := range rooms {
		if _, ok := n.Socket(room); ok {
			room = "<socket>" // ids are random
		}
		names = append(names, room)
	}
	r.add("emitted %s %s %v", n.Name(), event, names)
}
func (r *recorder) Delivered(n *Namespace, p *Packet, to []*Socket) {
	r.add("delivered %s %s to %d (%d bytes)", n.Name(), p.Event(), len(to), p.Size())
}
func (r *recorder) AckDone(s *Socket, event string, d time.Duration, err error) {
	r.add("ack %s err=%v", event, err)
}

type rankPayload struct {
	Rank int `json:"rank"`
}

func (p *rankPayload) Validate() error {
	if p.Rank < 1 {
		return validate.Errors{{Field: "rank", Message: "must be at least 1"}}
	}
	return nil
}

func TestObserverSeesTheSocketLifecycle(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	rec := &recorder{}
	srv.Observe(rec)
	refuse := true
	ns := srv.Of("/x", WithAuth(func(ctx context.Context, h *Handshake) (any, error) {
		if refuse {
			refuse = false
			return nil, NewError(CodeForbidden, "not yet")
		}
		return "session", nil
	}))
	sockets := make(chan *Socket, 1)
	ns.OnConnection(func(ctx context.Context, s *Socket) { sockets <- s })
	HandleRoom(ns, RoomRequest[int64]{
		JoinEvent: "join:user", LeaveEvent: "leave:user",
		Name:  func(id int64) string { return fmt.Sprintf("user:%d", id) },
		Allow: func(ctx context.Context, s *Socket, id int64) (bool, error) { return id == 1, nil },
	})
	HandleEvent(ns, "rank", func(ctx context.Context, s *Socket, p rankPayload) error { return nil })
	ns.On("boom", func(ctx context.Context, s *Socket, args Args, ack AckFunc) { panic("boom") })

	c := dial(t, srv)
	c.send("40/x,")
	c.expect(`44/x,{"message":"not yet","data":{"code":"forbidden"}}`)
	c.join("/x")
	s := <-sockets
	c.send(`42/x,1["join:user",1]`)
	c.expect(`43/x,1[{"ok":true}]`)
	c.send(`42/x,2["join:user",2]`)
	c.expect(`43/x,2[{"ok":false,"error":{"code":"forbidden","message":"not allowed to join user:2","details":{"room":"user:2"}}}]`)
	c.send(`42/x,3["rank",{"rank":0}]`)
	c.expect(`43/x,3[{"ok":false,"error":{"code":"bad_request","message":"invalid payload: rank: must be at least 1","details":[{"field":"rank","message":"must be at least 1"}]}}]`)
	c.send(`42/x,["nobody"]`)
	c.send(`42/x,["boom"]`)
	c.expect(`42/x,["error",{"code":"internal","message":"internal error","event":"boom"}]`)
	// Socket.Emit reports the delivery after it hands the packet over, so
	// the client may see it first: the next emit waits for the report.
	errorDelivered := fmt.Sprintf("delivered /x error to 1 (%d bytes)", len(`2/x,["error",{"code":"internal","message":"internal error","event":"boom"}]`))
	waitFor(t, "the error's delivery", func() bool { return slices.Contains(rec.snapshot(), errorDelivered) })
	if err := ns.To("user:1", "user:3").Emit("news", 1); err != nil {
		t.Fatal(err)
	}
	c.expect(`42/x,["news",1]`)
	go func() {
		c.expect(`42/x,0["ask"]`)
		c.send(`43/x,0["yes"]`)
	}()
	if _, err := s.EmitWithAck(context.Background(), "ask"); err != nil {
		t.Fatal(err)
	}
	s.Leave("user:1")
	c.send(`41/x,`)
	waitFor(t, "the disconnect", func() bool { return !s.Connected() })
	c.tr.close("transport close")
	waitFor(t, "the close", func() bool { return slices.Contains(rec.snapshot(), "close transport close") })

	want := []string{
		"open websocket",
		"refused /x forbidden",
		"connected /x",
		"received join:user 1 args",
		"joined [user:1]",
		"handled join:user panicked=false",
		"received join:user 1 args",
		"join refused user:2",
		"handled join:user panicked=false",
		"received rank 1 args",
		"invalid rank [rank]",
		"handled rank panicked=false",
		"received nobody 0 args",
		"received boom 0 args",
		"handled boom panicked=true",
		"emitted /x error [<socket>]",
		errorDelivered,
		"emitted /x news [user:1 user:3]",
		fmt.Sprintf("delivered /x news to 1 (%d bytes)", len(`2/x,["news",1]`)),
		"emitted /x ask [<socket>]",
		fmt.Sprintf("delivered /x ask to 1 (%d bytes)", len(`2/x,0["ask"]`)),
		"ack ask err=<nil>",
		"left [user:1]",
		"disconnected /x client namespace disconnect",
		"close transport close",
	}
	if diff := cmp.Diff(want, rec.take()); diff != "" {
		t.Errorf("observed (-want +got):\n%s", diff)
	}
}

func TestObserveTwice(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	a, b := &recorder{}, &recorder{}
	srv.Observe(a)
	srv.Observe(b)
	srv.Observe(nil)
	c := dial(t, srv)
	c.join("/")
	want := []string{"open websocket", "connected /"}
	waitFor(t, "the connection", func() bool { return srv.Of("/").LocalSockets() != nil && len(b.snapshot()) == 2 })
	if got := a.take(); !slices.Equal(got, want) {
		t.Errorf("first observer saw %v", got)
	}
	if got := b.take(); !slices.Equal(got, want) {
		t.Errorf("second observer saw %v", got)
	}
}

// observedSocket connects a client to "/" of a server observed by rec.
func observedSocket(t *testing.T) (*recorder, *client, *Socket) {
	t.Helper()
	srv, _ := newTestServer(t, Config{})
	rec := &recorder{}
	srv.Observe(rec)
	sockets := make(chan *Socket, 1)
	srv.Of("/").OnConnection(func(ctx context.Context, s *Socket) { sockets <- s })
	c := dial(t, srv)
	c.join("/")
	return rec, c, <-sockets
}

// A socket that disconnects while in rooms is reported leaving them, its
// own id room aside, before it is reported disconnected.
func TestDisconnectReportsTheRoomsLeft(t *testing.T) {
	rec, c, s := observedSocket(t)
	s.Join("team:2", "user:1")
	c.send("41")
	waitFor(t, "the disconnect", func() bool { return !s.Connected() })
	want := []string{
		"open websocket",
		"connected /",
		"joined [team:2 user:1]",
		"left [team:2 user:1]",
		"disconnected / client namespace disconnect",
	}
	if diff := cmp.Diff(want, rec.take()); diff != "" {
		t.Errorf("observed (-want +got):\n%s", diff)
	}
}

func TestAckTimeoutIsObserved(t *testing.T) {
	rec, _, s := observedSocket(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	if _, err := s.EmitWithAck(ctx, "ask"); !errors.Is(err, ErrAckTimeout) {
		t.Fatalf("err = %v", err)
	}
	if got := rec.take(); !slices.Contains(got, "ack ask err="+ErrAckTimeout.Error()) {
		t.Errorf("observed %v", got)
	}
}

func TestCatalogLabels(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	ns := srv.Of("/lb", WithCatalog(Catalog{
		Events: []string{"rank:changed"},
		Rooms:  []string{"tv-display", "user:{userId}", "contest:{contestId}:team:{teamId}"},
	}))
	ns.On("join:user", func(context.Context, *Socket, Args, AckFunc) {})
	for room, want := range map[string]string{
		"tv-display":            "tv-display",
		"user:42":               "user:{userId}",
		"contest:1:team:2":      "contest:{contestId}:team:{teamId}",
		"user:":                 "",
		"tv-display-2":          "",
		"contest:1:team:":       "",
		"something else":        "",
		"user:42:and:more:text": "user:{userId}",
	} {
		got, ok := ns.RoomTemplate(room)
		if got != want || ok != (want != "") {
			t.Errorf("RoomTemplate(%q) = %q, %v; want %q", room, got, ok, want)
		}
	}
	for event, want := range map[string]bool{"rank:changed": true, "join:user": true, "error": true, "made-up": false} {
		if got := ns.KnownEvent(event); got != want {
			t.Errorf("KnownEvent(%q) = %v", event, got)
		}
	}
	if _, ok := srv.Of("/").RoomTemplate("user:1"); ok {
		t.Error("a namespace without a catalog matched a template")
	}
	for _, bad := range []string{"user:{", "user:}", "user:{}", "a{x}{y}"} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("WithCatalog accepted template %q", bad)
				}
			}()
			WithCatalog(Catalog{Rooms: []string{bad}})
		}()
	}
}

func TestPacketEvent(t *testing.T) {
	p, err := encodePacket(sioproto.Event, "/x", false, 0, "hi", []any{[]byte{1}})
	if err != nil {
		t.Fatal(err)
	}
	rebuilt := NewPacket(p.Text(), p.Attachments())
	if p.Event() != "hi" || rebuilt.Event() != "hi" {
		t.Errorf("Event() = %q, rebuilt %q", p.Event(), rebuilt.Event())
	}
	if got := encodeControl(sioproto.Disconnect, "/x", nil).Event(); got != "" {
		t.Errorf("DISCONNECT Event() = %q", got)
	}
	if p.Size() != len(p.Text())+1 {
		t.Errorf("Size() = %d", p.Size())
	}
}

// Generated emitters go through EmitPayload, which logs every emit at
// debug level with its event, rooms and recipient count.
func TestEmitPayloadLogsRecipients(t *testing.T) {
	srv, logs := newTestServer(t, Config{})
	ns := srv.Of("/", WithLogLabel("Leaderboard"))
	sockets := make(chan *Socket, 3)
	ns.OnConnection(func(ctx context.Context, s *Socket) { sockets <- s })
	for i := range 3 {
		c := dial(t, srv)
		c.join("/")
		if s := <-sockets; i < 2 {
			s.Join("team:1")
		}
	}
	for _, err := range []error{
		EmitPayload(ns.To("team:1"), "team:goal", map[string]int{"teamId": 1}),
		EmitPayload(ns.To(), "rankings:update", nil),
		EmitPayload(ns.To("user:9", "team:1"), "rank:changed", 5),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, want := range []string{
		`msg="[Leaderboard] Emitted team:goal to team:1: 2 recipients" namespace=/ event=team:goal rooms=[team:1] recipients=2`,
		`msg="[Leaderboard] Emitted rankings:update to every client: 3 recipients" namespace=/ event=rankings:update rooms=[] recipients=3`,
		`msg="[Leaderboard] Emitted rank:changed to user:9, team:1: 2 recipients"`,
	} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("log lacks\n%s\nin\n%s", want, logs)
		}
	}
}

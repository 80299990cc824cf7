package socketio

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rtgen/rtgen/internal/nodetest"
	"github.com/rtgen/rtgen/runtime/engineio"
)

// TestMain lets parallel tests run side by side beyond the core count when
// -parallel is not given: the recovery interop cases spend their time
// waiting out network gaps of up to 100 s, not on the CPU, so that together
// they cost about the longest gap rather than the sum.
func TestMain(m *testing.M) {
	flag.Parse()
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.parallel" })
	if !set {
		flag.Set("test.parallel", "32")
	}
	os.Exit(m.Run())
}

// The recovery tests run the unmodified npm socket.io-client
// (testdata/recovery.mjs) against a server with Config.Recovery on.

// recoveryRooms are the rooms the client joins; roomElsewhere is one it
// never joins.
var recoveryRooms = []string{"r1", "r2"}

const roomElsewhere = "r3"

// recoverySession is what the server's AuthFunc returns for a client's
// token, so that a test can check a recovered socket has it again.
type recoverySession struct{ Name string }

// recoveryServer is a Go server with recovery on, over real TCP: clients
// join rooms through the acknowledged event "join", and the test emits to
// them through its feed.
type recoveryServer struct {
	sio       *Server
	ns        *Namespace
	addr, url string
	feed      *feed
	connected chan *Socket // each socket once its OnConnection ran
	reasons   chan string  // OnDisconnect reasons
}

func startRecoveryServer(t *testing.T, cfg Config) *recoveryServer {
	t.Helper()
	logs := &syncBuffer{}
	cfg.Logger = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	srv := NewServer(cfg)
	ns := srv.Of("/", WithAuth(func(ctx context.Context, h *Handshake) (any, error) {
		var auth struct {
			Token string `json:"token"`
		}
		json.Unmarshal(h.Auth, &auth)
		if auth.Token == "" {
			return nil, errors.New("no token")
		}
		return recoverySession{Name: auth.Token}, nil
	}))
	rs := &recoveryServer{
		sio:       srv,
		ns:        ns,
		feed:      &feed{t: t, ns: ns},
		connected: make(chan *Socket, 16),
		reasons:   make(chan string, 64),
	}
	ns.OnConnection(func(ctx context.Context, s *Socket) { rs.connected <- s })
	ns.OnDisconnect(func(s *Socket, reason string) {
		select {
		case rs.reasons <- reason:
		default:
		}
	})
	HandleEventAck(ns, "join", func(ctx context.Context, s *Socket, rooms []string) (bool, error) {
		rs.feed.join(s, rooms)
		return true, nil
	})
	hs := httptest.NewServer(srv)
	rs.addr = hs.Listener.Addr().String()
	rs.url = hs.URL
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), wait)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil {
			t.Errorf("Shutdown: %v", err)
		}
		hs.Close()
		if t.Failed() {
			t.Logf("server log:\n%s", logs)
		}
	})
	return rs
}

// nextSocket returns the next socket that connected, failing after d.
func (rs *recoveryServer) nextSocket(t *testing.T, d time.Duration) *Socket {
	t.Helper()
	select {
	case s := <-rs.connected:
		return s
	case <-time.After(d):
		t.Fatalf("no socket connected within %v", d)
		return nil
	}
}

// startRecoveryClient runs testdata/recovery.mjs against url with
// socket.io-client options (see the script), auth {token: "ada"} and the
// rooms recoveryRooms unless opts says otherwise.
func startRecoveryClient(t *testing.T, url string, opts map[string]any) *nodetest.Script {
	t.Helper()
	all := map[string]any{"auth": map[string]string{"token": "ada"}, "rooms": recoveryRooms, "randomizationFactor": 0}
	for k, v := range opts {
		all[k] = v
	}
	arg, err := json.Marshal(all)
	if err != nil {
		t.Fatal(err)
	}
	return nodetest.Start(t, filepath.Join("testdata", "recovery.mjs"), url, string(arg))
}

// clientState is what the script reports on a connect.
type clientState struct {
	Recovered bool   `json:"recovered"`
	ID        string `json:"id"`
	SameID    bool   `json:"sameId"`
}

func connectClient(t *testing.T, n *nodetest.Script, within time.Duration) clientState {
	t.Helper()
	n.Send("connect %d", within.Milliseconds())
	var st clientState
	n.Decode("connected", &st)
	return st
}

// clientLog returns the events the client received, as "<event> <first
// argument>", without the volatile ones emitted around a reconnection
// (event "v-edge"), which may or may not arrive.
func clientLog(t *testing.T, n *nodetest.Script) []string {
	t.Helper()
	n.Send("log")
	var got []string
	n.Decode("log", &got)
	return slices.DeleteFunc(got, func(l string) bool { return strings.HasPrefix(l, "v-edge ") })
}

// checkLog compares the client's log with what it should have received,
// showing where they part.
func checkLog(t *testing.T, got, want []string) {
	t.Helper()
	if slices.Equal(got, want) {
		return
	}
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	around := func(l []string) []string { return l[max(i-3, 0):min(i+5, len(l))] }
	t.Errorf("the client received %d events, want %d; they differ from #%d:\n got  …%q\n want …%q",
		len(got), len(want), i, around(got), around(want))
}

// A feed emits the test's events and remembers them in order, with the
// joins and the drop, so that the test can tell which events a client must
// have received. Its lock orders emits, joins and notes.
type feed struct {
	t  *testing.T
	ns *Namespace

	mu   sync.Mutex
	seq  int
	sent []sent
}

// sent is one emitted event, as the client logs it, or a note.
type sent struct {
	line     string
	phase    string // "live", "gap" (the client is away) or "edge" (it is coming back)
	volatile bool
	latest   string // DeliverLatest's key, "" for other events
	away     bool   // to roomElsewhere, which the client never joins
	note     string // "join" or "drop" for notes, which are no events
}

func (f *feed) join(s *Socket, rooms []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	s.Join(rooms...)
	f.sent = append(f.sent, sent{note: "join"})
}

// note records a moment, such as "drop".
func (f *feed) note(what string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sent = append(f.sent, sent{note: what})
}

func (f *feed) emit(b *BroadcastOperator, e sent, event string, args ...any) {
	e.line = event + " undefined" // as JavaScript prints a missing argument
	if len(args) > 0 {
		raw, _ := json.Marshal(args[0])
		e.line = event + " " + string(raw)
	}
	if err := b.Emit(event, args...); err != nil {
		f.t.Errorf("emit %s: %v", e.line, err)
	}
	f.sent = append(f.sent, e)
}

// burst emits replay events "r" with the next sequence numbers, to r1, r2
// or both in turn, interleaved with volatile events "v-<phase>" to r1 or
// r2; one replay event in ten is followed by one to roomElsewhere ("x").
func (f *feed) burst(phase string, replays, volatiles int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	targets := [][]string{{"r1"}, {"r2"}, {"r1", "r2"}}
	for i := 0; i < max(replays, volatiles); i++ {
		if i < replays {
			f.seq++
			f.emit(f.ns.To(targets[f.seq%3]...), sent{phase: phase}, "r", f.seq)
			if f.seq%10 == 0 {
				f.emit(f.ns.To(roomElsewhere), sent{phase: phase, away: true}, "x", f.seq)
			}
		}
		if i < volatiles {
			f.emit(f.ns.To(recoveryRooms[i%2]).Volatile(), sent{phase: phase, volatile: true}, "v-"+phase, i)
		}
	}
}

// latest emits event with arg to rooms, keeping only the newest per key
// for a recovery (DeliverLatest).
func (f *feed) latest(phase string, rooms []string, key, event string, arg any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.emit(f.ns.To(rooms...).Latest(key), sent{phase: phase, latest: event + "\n" + key}, event, arg)
}

// volatile emits a live volatile event to rooms.
func (f *feed) volatile(rooms []string, event string, args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.emit(f.ns.To(rooms...).Volatile(), sent{phase: "live", volatile: true}, event, args...)
}

// elsewhere emits a replay event to roomElsewhere only.
func (f *feed) elsewhere() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.emit(f.ns.To(roomElsewhere), sent{phase: "live", away: true}, "x", 0)
}

// mark emits the replay event "mark" with n, which the script waits for.
func (f *feed) mark(n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.emit(f.ns.To("r1"), sent{phase: "live"}, "mark", n)
}

// trickle emits one replay and one volatile event of phase "edge" every
// few milliseconds until stopped: events racing with a reconnection.
func (f *feed) trickle() (stop func()) {
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		tick := time.NewTicker(3 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				f.burst("edge", 1, 1)
			}
		}
	}()
	return func() { close(done); <-finished }
}

// expected returns the lines a client that joined once, dropped, and came
// back must have received: when recovered, every event but the volatile
// ones of the gap and the latest ones superseded during it; otherwise
// those from its first join to the drop and those since it joined again.
// Volatile events of phase "edge" are left out (see clientLog).
func (f *feed) expected(recovered bool) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	superseded := make(map[int]bool)
	lastOf := make(map[string]int)
	for i, e := range f.sent {
		if e.phase == "gap" && e.latest != "" {
			if j, ok := lastOf[e.latest]; ok {
				superseded[j] = true
			}
			lastOf[e.latest] = i
		}
	}
	var out []string
	inRooms := false
	for i, e := range f.sent {
		switch {
		case e.note == "join":
			inRooms = true
		case e.note == "drop":
			inRooms = recovered
		case e.note != "" || e.away || e.volatile && e.phase != "live":
		case e.phase == "live" || !recovered:
			if inRooms {
				out = append(out, e.line)
			}
		case !superseded[i]:
			out = append(out, e.line) // replayed
		}
	}
	return out
}

// cutProxy is a TCP proxy in front of a server that fails the way networks
// do. cut closes the client's side of every connection, so the client
// notices at once and starts reconnecting; the server's side is closed
// too, or with silent left open and black-holed (what the server writes is
// read and dropped, nothing more reaches it), so the server notices only
// when its heartbeat times out. Until restore, new connections are refused
// (accepted and closed at once).
type cutProxy struct {
	ln     net.Listener
	target string

	mu     sync.Mutex
	down   bool
	closed bool
	links  map[*proxyLink]struct{}
}

type proxyLink struct {
	client, server net.Conn
	cut            atomic.Bool
}

func startCutProxy(t *testing.T, target string) *cutProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &cutProxy{ln: ln, target: target, links: make(map[*proxyLink]struct{})}
	go p.serve()
	t.Cleanup(p.close)
	return p
}

func (p *cutProxy) url() string { return "http://" + p.ln.Addr().String() }

func (p *cutProxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		var s net.Conn
		if !p.down && !p.closed {
			s, err = net.Dial("tcp", p.target)
		}
		if s == nil || err != nil {
			p.mu.Unlock()
			c.Close()
			continue
		}
		l := &proxyLink{client: c, server: s}
		p.links[l] = struct{}{}
		p.mu.Unlock()
		go p.forward(l)
	}
}

func (p *cutProxy) forward(l *proxyLink) {
	go func() {
		io.Copy(l.server, l.client)
		if !l.cut.Load() {
			l.server.Close() // the client left: the server hears of it
		}
	}()
	buf := make([]byte, 32<<10)
	for {
		n, err := l.server.Read(buf)
		if n > 0 && !l.cut.Load() {
			l.client.Write(buf[:n])
		}
		if err != nil {
			break
		}
	}
	l.client.Close()
	p.mu.Lock()
	delete(p.links, l)
	p.mu.Unlock()
}

func (p *cutProxy) cut(silent bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.down = true
	for l := range p.links {
		l.cut.Store(true)
		l.client.Close()
		if !silent {
			l.server.Close()
		}
	}
}

func (p *cutProxy) restore() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.down = false
}

func (p *cutProxy) close() {
	p.ln.Close()
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closed = true
	for l := range p.links {
		l.client.Close()
		l.server.Close()
	}
}

// How a test takes the client's transport away.
const (
	dropClose     = "close"     // the client closes its Engine.IO connection (socket.io.engine.close())
	dropCut       = "cut"       // the proxy closes both sides of the TCP connections
	dropBlackhole = "blackhole" // the proxy closes the client's side and black-holes the server's
)

// gapCase is one run of TestRecoveryInterop.
type gapCase struct {
	transport string
	drop      string
	gap       time.Duration
	expire    bool // MaxDisconnectionDuration is shorter than the gap
}

// TestRecoveryInterop: over WebSocket and polling, the transport is taken
// away for 1 s, 10 s and 100 s while the server emits 200 replay and 200
// volatile events to the client's rooms; the client comes back recovered,
// with the same id, rooms and session, has every replay event exactly once
// and in order, across the live ones before and after and those racing
// with its return, and no volatile one of the gap. Past a shortened
// MaxDisconnectionDuration it gets a fresh socket and nothing of the gap.
//
// With the black hole, the client is back before the server has found
// its old transport dead (heartbeats of 15 s + 15 s) after 1 s and 10 s,
// and after it did after 100 s.
func TestRecoveryInterop(t *testing.T) {
	for _, tr := range []string{"websocket", "polling"} {
		for _, drop := range []string{dropClose, dropCut, dropBlackhole} {
			for _, gap := range []time.Duration{time.Second, 10 * time.Second, 100 * time.Second} {
				t.Run(fmt.Sprintf("%s/%s/%ds", tr, drop, int(gap.Seconds())), func(t *testing.T) {
					if gap > time.Second && testing.Short() {
						t.Skip("long gap")
					}
					t.Parallel()
					runGap(t, gapCase{transport: tr, drop: drop, gap: gap})
				})
			}
			t.Run(tr+"/"+drop+"/expired", func(t *testing.T) {
				t.Parallel()
				runGap(t, gapCase{transport: tr, drop: drop, gap: 10 * time.Second, expire: true})
			})
		}
	}
}

func runGap(t *testing.T, c gapCase) {
	cfg := Config{
		Recovery: &RecoveryConfig{},
		Engine:   engineio.Config{PingInterval: 15 * time.Second, PingTimeout: 15 * time.Second},
	}
	if c.expire {
		// The server finds a black-holed transport dead within 4 s and
		// keeps its session 2 s more; heartbeats leave a busy Node process
		// 3 s to answer.
		cfg.Recovery.MaxDisconnectionDuration = 2 * time.Second
		cfg.Engine.PingInterval, cfg.Engine.PingTimeout = time.Second, 3*time.Second
	}
	srv := startRecoveryServer(t, cfg)
	opts := map[string]any{"transports": []string{c.transport}, "reconnectionDelay": 100, "reconnectionDelayMax": 300}
	url := srv.url
	var proxy *cutProxy
	if c.drop == dropClose {
		// The client's reconnection delay makes the gap.
		opts["reconnectionDelay"], opts["reconnectionDelayMax"] = c.gap.Milliseconds(), c.gap.Milliseconds()
	} else {
		proxy = startCutProxy(t, srv.addr)
		url = proxy.url()
	}
	n := startRecoveryClient(t, url, opts)
	if st := connectClient(t, n, nodetest.Wait); st.Recovered {
		t.Fatal("first connect reported as recovered")
	}
	first := srv.nextSocket(t, wait)

	srv.feed.burst("live", 50, 10)
	srv.feed.mark(1)
	n.Send("mark 1 %d", nodetest.Wait.Milliseconds())
	n.Expect("mark", "1")

	if c.drop == dropClose {
		n.Send("close")
		n.Next("closed")
	} else {
		proxy.cut(c.drop == dropBlackhole)
		n.Send("disconnected")
		n.Next("disconnected")
	}
	srv.feed.note("drop")
	dropped := time.Now()
	srv.feed.burst("gap", 200, 200)

	var stopTrickle func()
	defer func() {
		if stopTrickle != nil {
			stopTrickle()
		}
	}()
	if c.drop == dropClose {
		time.Sleep(time.Until(dropped.Add(c.gap - 300*time.Millisecond)))
		stopTrickle = srv.feed.trickle()
	} else {
		time.Sleep(time.Until(dropped.Add(c.gap)))
		// Whether the server has found the old transport dead by now.
		noticed := len(srv.reasons) > 0
		t.Logf("the server noticed the cut before the client came back: %v", noticed)
		if c.drop == dropBlackhole && !c.expire && noticed != (c.gap > 30*time.Second) {
			t.Errorf("black hole of %v: the server noticed it before the client came back: %v", c.gap, noticed)
		}
		stopTrickle = srv.feed.trickle()
		proxy.restore()
	}
	s := srv.nextSocket(t, 30*time.Second)
	if s.Recovered() {
		time.Sleep(50 * time.Millisecond) // live events after the recovery, trickling still
	}
	stopTrickle()
	stopTrickle = nil
	st := connectClient(t, n, nodetest.Wait)
	t.Logf("back after %v, recovered: %v", time.Since(dropped).Round(100*time.Millisecond), st.Recovered)

	if c.expire {
		if st.Recovered || s.Recovered() || st.SameID || s.ID() == first.ID() {
			t.Errorf("after the session expired: client %+v, server recovered %v, id %s (was %s)", st, s.Recovered(), s.ID(), first.ID())
		}
	} else {
		if !st.Recovered || !s.Recovered() || !st.SameID || s.ID() != first.ID() {
			t.Errorf("client %+v, server recovered %v, id %s (was %s)", st, s.Recovered(), s.ID(), first.ID())
		}
		if got, want := s.Rooms(), sortedStrings("r1", "r2", s.ID()); !slices.Equal(got, want) {
			t.Errorf("rooms after recovery %v, want %v", got, want)
		}
		if got := s.Session(); got != (recoverySession{Name: "ada"}) {
			t.Errorf("session after recovery %#v", got)
		}
	}
	srv.feed.burst("live", 50, 20)
	srv.feed.mark(2)
	n.Send("mark 2 %d", nodetest.Wait.Milliseconds())
	n.Expect("mark", "2")
	want := srv.feed.expected(!c.expire)
	t.Logf("%d events expected", len(want))
	checkLog(t, clientLog(t, n), want)

	stats := srv.ns.RecoveryStats()
	if c.expire && (stats.Recovered != 0 || stats.NotRecovered != 1) ||
		!c.expire && (stats.Recovered != 1 || stats.NotRecovered != 0 || stats.Replayed < 200) {
		t.Errorf("RecoveryStats %+v", stats)
	}
}

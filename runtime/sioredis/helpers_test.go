package sioredis

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/redis/go-redis/v9"

	"github.com/rtgen/rtgen/internal/redistest"
	"github.com/rtgen/rtgen/runtime/socketio"
)

// wait bounds every wait of these tests.
const wait = 10 * time.Second

// testOptions are the options of a test's nodes: its own stream, channels
// and session keys, and short heartbeats.
func testOptions(prefix string) Options {
	return Options{
		StreamName:        prefix + "stream",
		ChannelPrefix:     prefix + "ch",
		SessionKeyPrefix:  prefix + "session:",
		HeartbeatInterval: 100 * time.Millisecond,
		HeartbeatTimeout:  time.Second,
		RequestTimeout:    3 * time.Second,
		BlockTime:         time.Second,
	}
}

// testCluster is the Redis and options one test's nodes share.
type testCluster struct {
	t      *testing.T
	addr   string
	prefix string
	opts   Options
}

func newTestCluster(t *testing.T, addr string) *testCluster {
	prefix := redistest.Prefix(t, addr)
	return &testCluster{t: t, addr: addr, prefix: prefix, opts: testOptions(prefix)}
}

// withAddr returns the cluster as seen through another address of its
// Redis (a proxy).
func (tc *testCluster) withAddr(addr string) *testCluster {
	c := *tc
	c.addr = addr
	return &c
}

// node is one Go server of a test cluster, on a real HTTP listener.
type node struct {
	name    string
	srv     *socketio.Server
	cluster *Cluster
	client  *redis.Client
	http    *httptest.Server
	logs    *syncBuffer
}

// startNode starts a node (see newTestServer); recovery, when set, turns
// connection-state recovery on.
func (tc *testCluster) startNode(name string, recovery *socketio.RecoveryConfig) *node {
	t := tc.t
	t.Helper()
	logs := &syncBuffer{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})).With("node", name)
	opts := tc.opts
	opts.Logger = log
	client := redis.NewClient(&redis.Options{Addr: tc.addr, MaxRetries: -1, DialTimeout: time.Second})
	cluster := New(client, opts)
	srv, handler := newTestServer(cluster, recovery, log)
	n := &node{name: name, srv: srv, cluster: cluster, client: client, http: httptest.NewServer(handler), logs: logs}
	t.Cleanup(func() {
		n.stop()
		if t.Failed() {
			t.Logf("node %s log:\n%s", name, logs)
		}
	})
	n.waitReady(t)
	return n
}

// newTestServer returns the server of a test node on cluster: "/" (event
// "join" joins the rooms it is given) and "/other".
func newTestServer(cluster *Cluster, recovery *socketio.RecoveryConfig, log *slog.Logger) (*socketio.Server, http.Handler) {
	srv := socketio.NewServer(socketio.Config{Adapter: cluster.Adapter, Recovery: recovery, Logger: log})
	socketio.HandleEventAck(srv.Of("/"), "join", func(ctx context.Context, s *socketio.Socket, rooms []string) (bool, error) {
		s.Join(rooms...)
		return true, nil
	})
	srv.Of("/other")
	mux := http.NewServeMux()
	mux.Handle("/socket.io/", srv)
	return srv, mux
}

// waitReady waits until the node reads the stream of every namespace.
func (n *node) waitReady(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for _, a := range n.cluster.allAdapters() {
		for {
			if _, err := a.Position(context.Background()); err == nil {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("node %s never read the stream", n.name)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
}

// stop shuts the node down: its clients see "server shutting down".
func (n *node) stop() {
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	n.srv.Shutdown(ctx)
	n.http.Close()
	n.cluster.Close()
	n.client.Close()
}

func (n *node) url() string { return n.http.URL }

// wsClient is a minimal Socket.IO client over WebSocket, for tests that
// check frames exactly; the acceptance tests use socket.io-client.
type wsClient struct {
	t      *testing.T
	conn   *websocket.Conn
	mu     sync.Mutex // one writer at a time
	frames chan string
}

// dial connects a client to nsp of the node at url and waits for its
// CONNECT reply, which it returns.
func dial(t *testing.T, url, nsp string) (*wsClient, string) {
	t.Helper()
	return dialAuth(t, url, nsp, "")
}

// dialAuth is dial with a CONNECT payload (the client's auth, with pid
// and offset when it asks for recovery).
func dialAuth(t *testing.T, url, nsp, auth string) (*wsClient, string) {
	t.Helper()
	ws, _, err := websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(url, "http")+"/socket.io/?EIO=4&transport=websocket", nil)
	if err != nil {
		t.Fatal(err)
	}
	c := &wsClient{t: t, conn: ws, frames: make(chan string, 1024)}
	t.Cleanup(func() { ws.Close() })
	if _, open, err := ws.ReadMessage(); err != nil || open[0] != '0' {
		t.Fatalf("open packet: %q, %v", open, err)
	}
	go c.read()
	connect := "40"
	if nsp != "/" {
		connect += nsp + ","
	}
	c.send(connect + auth)
	reply := c.next()
	if !strings.HasPrefix(reply, connect) {
		t.Fatalf("CONNECT reply %q", reply)
	}
	return c, reply
}

func (c *wsClient) read() {
	defer close(c.frames)
	for {
		_, data, err := c.conn.ReadMessage()
		if err != nil {
			return
		}
		switch {
		case string(data) == "2":
			c.send("3")
		case data[0] == '4':
			c.frames <- string(data)
		}
	}
}

func (c *wsClient) send(frame string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.conn.WriteMessage(websocket.TextMessage, []byte(frame))
}

// next returns the next Engine.IO message frame ("4…").
func (c *wsClient) next() string {
	c.t.Helper()
	select {
	case f, ok := <-c.frames:
		if !ok {
			c.t.Fatal("connection closed")
		}
		return f
	case <-time.After(wait):
		c.t.Fatal("no frame")
	}
	return ""
}

// expect checks the next frame.
func (c *wsClient) expect(want string) {
	c.t.Helper()
	if got := c.next(); got != want {
		c.t.Fatalf("got  %s\nwant %s", got, want)
	}
}

// expectPrefix checks the start of the next frame (a stored event ends
// with its offset when recovery is on).
func (c *wsClient) expectPrefix(want string) {
	c.t.Helper()
	if got := c.next(); !strings.HasPrefix(got, want) {
		c.t.Fatalf("got  %s\nwant %s…", got, want)
	}
}

// expectNothing checks that no frame arrives within d.
func (c *wsClient) expectNothing(d time.Duration) {
	c.t.Helper()
	select {
	case f := <-c.frames:
		c.t.Fatalf("unexpected frame %s", f)
	case <-time.After(d):
	}
}

// join makes the client join rooms through the "join" event and waits
// for the acknowledgement.
func (c *wsClient) join(rooms ...string) {
	c.t.Helper()
	b, _ := json.Marshal(rooms)
	c.send(`421["join",` + string(b) + `]`)
	c.expect(`431[{"ok":true,"data":true}]`)
}

// waitFor polls cond until it holds or the test's wait is over.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// syncBuffer is a bytes.Buffer safe for concurrent writers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

package siometrics_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/rtgen/rtgen/runtime/siometrics"
	"github.com/rtgen/rtgen/runtime/socketio"
)

// wsClient is a raw Socket.IO client over one WebSocket.
type wsClient struct {
	t  *testing.T
	ws *websocket.Conn
}

func dialWS(t *testing.T, url string) *wsClient {
	t.Helper()
	ws, _, err := websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(url, "http")+"/socket.io/?EIO=4&transport=websocket", nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	c := &wsClient{t, ws}
	if open := c.read(); !strings.HasPrefix(open, "0{") {
		t.Fatalf("open packet %q", open)
	}
	return c
}

func (c *wsClient) send(msg string) {
	c.t.Helper()
	if err := c.ws.WriteMessage(websocket.TextMessage, []byte(msg)); err != nil {
		c.t.Fatal(err)
	}
}

// read returns the next message that is not an Engine.IO ping.
func (c *wsClient) read() string {
	c.t.Helper()
	c.ws.SetReadDeadline(time.Now().Add(10 * time.Second))
	for {
		_, msg, err := c.ws.ReadMessage()
		if err != nil {
			c.t.Fatal(err)
		}
		if string(msg) != "2" {
			return string(msg)
		}
	}
}

// The recovery counters of each namespace are exported as they are read
// when scraped: a recovery with two missed events replayed, one stored
// event dropped by the history's cap, one reconnection not recovered.
func TestRecoveryCounters(t *testing.T) {
	srv := socketio.NewServer(socketio.Config{
		Recovery: &socketio.RecoveryConfig{HistoryPackets: 2},
		Logger:   slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	ns := srv.Of("/r")
	sockets := make(chan *socketio.Socket, 3)
	ns.OnConnection(func(ctx context.Context, s *socketio.Socket) { sockets <- s })
	reg := prometheus.NewRegistry()
	reg.MustRegister(siometrics.New(srv, siometrics.Options{}))
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)

	first := dialWS(t, hs.URL)
	first.send("40/r,")
	var reply struct{ SID, PID string }
	json.Unmarshal([]byte(strings.TrimPrefix(first.read(), "40/r,")), &reply)
	s := <-sockets
	for i := range 3 {
		if err := s.Emit("tick", i); err != nil {
			t.Fatal(err)
		}
	}
	var args []any
	json.Unmarshal([]byte(strings.TrimPrefix(first.read(), "42/r,")), &args) // ["tick",0,"<offset>"]
	offset, _ := args[len(args)-1].(string)
	first.ws.Close()
	for deadline := time.Now().Add(10 * time.Second); s.Connected(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the first socket did not disconnect")
		}
	}

	again := dialWS(t, hs.URL)
	again.send(`40/r,{"pid":"` + reply.PID + `","offset":"` + offset + `"}`)
	if got := again.read(); !strings.Contains(got, reply.SID) {
		t.Fatalf("reconnection reply %q, want the recovered id %s", got, reply.SID)
	}
	<-sockets
	stranger := dialWS(t, hs.URL)
	stranger.send(`40/r,{"pid":"unknown","offset":"x"}`)
	stranger.read()
	<-sockets

	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		labels map[string]string
		want   float64
	}{
		{"socketio_recoveries_total", map[string]string{"namespace": "/r", "outcome": "recovered"}, 1},
		{"socketio_recoveries_total", map[string]string{"namespace": "/r", "outcome": "not recovered"}, 1},
		{"socketio_recovery_replayed_total", map[string]string{"namespace": "/r"}, 2},
		{"socketio_recovery_history_dropped_total", map[string]string{"namespace": "/r"}, 1},
		{"socketio_connects_total", map[string]string{"namespace": "/r"}, 3},
	} {
		if got := value(families, c.name, c.labels); got != c.want {
			t.Errorf("%s%v = %v, want %v", c.name, c.labels, got, c.want)
		}
	}
}

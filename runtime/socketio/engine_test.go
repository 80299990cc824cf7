package socketio

import (
	"context"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/rtgen/rtgen/runtime/engineio"
)

// Tests over real Engine.IO sessions (httptest server, gorilla client).

func startEngineServer(t *testing.T, cfg Config) (*Server, string) {
	t.Helper()
	srv, _ := newTestServer(t, cfg)
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	return srv, "ws" + strings.TrimPrefix(hs.URL, "http") + "/socket.io/?EIO=4&transport=websocket"
}

// wsClient is a raw WebSocket peer that answers pings.
type wsClient struct {
	t    *testing.T
	conn *websocket.Conn
}

func dialWS(t *testing.T, url string) *wsClient {
	t.Helper()
	conn, _, err := websocket.DefaultDialer.Dial(url, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	c := &wsClient{t: t, conn: conn}
	if open := c.read(); !strings.HasPrefix(open, `0{"sid"`) {
		t.Fatalf("open packet %q", open)
	}
	return c
}

// read returns the next non-ping text message ("" once the connection is
// closed).
func (c *wsClient) read() string {
	for {
		c.conn.SetReadDeadline(time.Now().Add(wait))
		_, data, err := c.conn.ReadMessage()
		if err != nil {
			return ""
		}
		if string(data) == "2" {
			c.conn.WriteMessage(websocket.TextMessage, []byte("3"))
			continue
		}
		return string(data)
	}
}

func (c *wsClient) write(s string) {
	if err := c.conn.WriteMessage(websocket.TextMessage, []byte(s)); err != nil {
		c.t.Fatal(err)
	}
}

func TestShutdown(t *testing.T) {
	srv, url := startEngineServer(t, Config{})
	ackErr := make(chan error, 1)
	reasons := make(chan string, 1)
	srv.Of("/").On("wait", func(ctx context.Context, s *Socket, args Args, ack AckFunc) {
		_, err := s.EmitWithAck(context.Background(), "never-answered")
		ackErr <- err
	})
	srv.Of("/").OnDisconnect(func(s *Socket, reason string) { reasons <- reason })
	c := dialWS(t, url)
	c.write("40")
	c.read()
	c.write(`42["wait"]`)
	if got := c.read(); got != `420["never-answered"]` {
		t.Fatalf("got %q", got)
	}
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	// Shutdown returned: the handler has finished and OnDisconnect ran.
	select {
	case err := <-ackErr:
		if !errors.Is(err, ErrDisconnected) {
			t.Fatalf("pending ack: %v", err)
		}
	default:
		t.Fatal("Shutdown returned before the handler did")
	}
	if r := <-reasons; r != engineio.ReasonServerShutdown {
		t.Fatalf("reason = %q", r)
	}
	c.conn.SetReadDeadline(time.Now().Add(wait))
	_, _, err := c.conn.ReadMessage()
	if !websocket.IsCloseError(err, websocket.CloseGoingAway) {
		t.Fatalf("client read after shutdown: %v, want close 1001", err)
	}
}

// C6.1 in small: a client that stops reading is closed with "slow client"
// while broadcasts keep flowing to the others.
func TestSlowClientIsolated(t *testing.T) {
	srv, url := startEngineServer(t, Config{Engine: engineio.Config{WriteQueueLimit: 256 << 10, WriteTimeout: 2 * time.Second}})
	ns := srv.Of("/")
	reasons := make(chan string, 2)
	ns.OnDisconnect(func(s *Socket, reason string) { reasons <- reason })

	stalled := dialWS(t, url)
	stalled.write("40")
	stalled.read() // then never reads again
	healthy := dialWS(t, url)
	healthy.write("40")
	healthy.read()

	received := make(chan int, 1)
	go func() {
		n := 0
		for {
			msg := healthy.read()
			if msg == "" {
				break
			}
			if strings.HasPrefix(msg, `42["blob"`) {
				n++
			}
			if msg == `42["end"]` {
				break
			}
		}
		received <- n
	}()
	blob := strings.Repeat("x", 1024)
	sent := 0
	deadline := time.Now().Add(30 * time.Second)
	for slow := false; !slow; {
		if time.Now().After(deadline) {
			t.Fatal("the stalled client was never closed")
		}
		for range 16 { // small bursts: the healthy client's queue stays short
			if err := ns.Emit("blob", blob); err != nil {
				t.Fatal(err)
			}
			sent++
		}
		select {
		case r := <-reasons:
			if r != engineio.ReasonSlowClient {
				t.Fatalf("a client left with %q", r)
			}
			if c, _ := ns.Count(context.Background()); c != 1 {
				t.Fatalf("count = %d after the slow client left", c)
			}
			slow = true
		default:
			time.Sleep(time.Millisecond) // let the healthy reader keep up
		}
	}
	ns.Emit("end")
	if n := <-received; n != sent {
		t.Fatalf("healthy client received %d of %d broadcasts", n, sent)
	}
}

package socketio

import (
	"context"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// An idle connection costs no goroutine: with 5,000 WebSocket clients
// connected to a namespace and in a room, heartbeats armed, the process
// runs as many goroutines as before they came, give or take a few. (The
// clients are in this process too: gorilla's client runs no goroutine.)
// Linux only: elsewhere each WebSocket keeps a reading goroutine.
func TestIdleConnectionsHoldNoGoroutine(t *testing.T) {
	const clients, workers, slack = 5000, 8, 20
	srv, url := startEngineServer(t, Config{})
	ns := srv.Of("/")
	ns.OnConnection(func(_ context.Context, s *Socket) { s.Join("floor") })
	base := runtime.NumGoroutine()

	conns := make([]*websocket.Conn, clients)
	t.Cleanup(func() {
		for _, c := range conns {
			if c != nil {
				c.Close()
			}
		}
	})
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < clients; i += workers {
				c, _, err := websocket.DefaultDialer.Dial(url, nil)
				if err != nil {
					errs <- err
					return
				}
				conns[i] = c
				c.SetReadDeadline(time.Now().Add(wait))
				_, open, err := c.ReadMessage()
				if err == nil {
					err = c.WriteMessage(websocket.TextMessage, []byte("40"))
				}
				var reply []byte
				if err == nil {
					_, reply, err = c.ReadMessage()
				}
				if err != nil || !strings.HasPrefix(string(open), "0{") || !strings.HasPrefix(string(reply), "40{") {
					t.Errorf("client %d: open %q, CONNECT reply %q, %v", i, open, reply, err)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if t.Failed() {
		return
	}
	waitFor(t, "every client in the room", func() bool {
		n, _ := ns.RoomSize(context.Background(), "floor")
		return n == clients
	})
	// Writers and socket goroutines exit once their work is done.
	deadline := time.Now().Add(wait)
	for n := runtime.NumGoroutine(); n > base+slack; n = runtime.NumGoroutine() {
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines with %d idle connections, %d with none", n, clients, base)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if st := srv.engine.Stats(); st.WebSocket != clients {
		t.Fatalf("%d WebSocket sessions open, want %d", st.WebSocket, clients)
	}
}

package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// The /engine.io/ endpoint advertises the suites' settings and echoes text
// and binary messages.
func TestEngineIOEndpoint(t *testing.T) {
	srv := newServer(slog.New(slog.DiscardHandler))
	hs := httptest.NewServer(srv.mux())
	defer hs.Close()
	defer func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	}()

	resp, err := http.Get(hs.URL + "/engine.io/?EIO=4&transport=polling")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{`"pingInterval":300`, `"pingTimeout":200`, `"maxPayload":1000000`, `"upgrades":["websocket"]`} {
		if !strings.Contains(string(body), want) {
			t.Errorf("open packet %s lacks %s", body, want)
		}
	}

	c, _, err := websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(hs.URL, "http")+"/engine.io/?EIO=4&transport=websocket",
		http.Header{"Origin": {"https://any.example"}})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, _, err := c.ReadMessage(); err != nil { // open packet
		t.Fatal(err)
	}
	for _, m := range []struct {
		typ  int
		data string
	}{{websocket.TextMessage, "4hello"}, {websocket.BinaryMessage, "\x01\x02"}} {
		c.WriteMessage(m.typ, []byte(m.data))
		typ, data, err := c.ReadMessage()
		for err == nil && string(data) == "2" { // a heartbeat (every 300ms): answer it
			c.WriteMessage(websocket.TextMessage, []byte("3"))
			typ, data, err = c.ReadMessage()
		}
		if err != nil || typ != m.typ || string(data) != m.data {
			t.Errorf("echo of %q: %d %q %v", m.data, typ, data, err)
		}
	}
}

package engineio_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/rtgen/rtgen/runtime/engineio"
)

// echoHandler sends every message back to its session.
type echoHandler struct{ s *engineio.Session }

func (h echoHandler) OnMessage(data []byte, binary bool) {
	if binary {
		h.s.Send(engineio.NewBinaryMessage(data))
		return
	}
	h.s.Send(engineio.NewTextMessage(data))
}

func (echoHandler) OnClose(reason string) { fmt.Println("closed:", reason) }

// An echo server, driven here by hand over HTTP long-polling.
func ExampleNewServer() {
	srv := engineio.NewServer(engineio.Config{}, func(s *engineio.Session) engineio.SessionHandler {
		return echoHandler{s}
	})
	hs := httptest.NewServer(srv) // in production: mux.Handle("/engine.io/", srv)
	defer hs.Close()

	get := func(query string) string {
		resp, err := http.Get(hs.URL + "/?EIO=4&transport=polling" + query)
		if err != nil {
			return err.Error()
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	open := get("")
	sid := strings.Split(open, `"`)[3] // 0{"sid":"…",…}
	fmt.Println(open[:1], len(sid))

	if resp, err := http.Post(hs.URL+"/?EIO=4&transport=polling&sid="+sid, "text/plain", strings.NewReader("4hello\x1ebAQID")); err == nil {
		resp.Body.Close()
	}
	fmt.Printf("%q\n", get("&sid="+sid))

	srv.Shutdown(context.Background())
	// Output:
	// 0 20
	// "4hello\x1ebAQID"
	// closed: server shutting down
}

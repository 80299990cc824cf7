package sticky

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gorilla/websocket"

	"github.com/rtgen/rtgen/runtime/socketio"
)

// Two Socket.IO servers behind the proxy: each browser (cookie jar) stays on one server for its
// polling requests and WebSocket upgrade, browsers are spread over both, and a browser whose server
// is gone moves to the other.
func TestProxyKeepsEachBrowserOnItsServer(t *testing.T) {
	var backends []Backend
	var servers []*httptest.Server
	for _, name := range []string{"n1", "n2"} {
		srv := socketio.NewServer(socketio.Config{})
		mux := http.NewServeMux()
		mux.Handle("/socket.io/", srv)
		mux.HandleFunc("/whoami", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, name) })
		hs := httptest.NewServer(mux)
		t.Cleanup(func() { srv.Shutdown(context.Background()); hs.Close() })
		servers = append(servers, hs)
		backends = append(backends, Backend{Name: name, URL: hs.URL})
	}
	p, err := New(backends, nil)
	if err != nil {
		t.Fatal(err)
	}
	front := httptest.NewServer(p)
	t.Cleanup(front.Close)

	browser := func() *http.Client {
		jar, _ := cookiejar.New(nil)
		return &http.Client{Jar: jar}
	}
	get := func(c *http.Client, path string) (int, string) {
		resp, err := c.Get(front.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}

	seen := map[string]bool{}
	for range 4 {
		c := browser()
		_, first := get(c, "/whoami")
		seen[first] = true
		for range 3 {
			if _, again := get(c, "/whoami"); again != first {
				t.Fatalf("a browser moved from %s to %s", first, again)
			}
		}
	}
	if !seen["n1"] || !seen["n2"] {
		t.Fatalf("browsers went to %v only", seen)
	}

	// A polling session, then its upgrade to WebSocket, on the same server.
	c := browser()
	code, open := get(c, "/socket.io/?EIO=4&transport=polling")
	if code != 200 || !strings.HasPrefix(open, `0{"sid":"`) {
		t.Fatalf("handshake: %d %s", code, open)
	}
	sid := open[len(`0{"sid":"`):strings.Index(open, `","`)]
	resp, err := c.Post(front.URL+"/socket.io/?EIO=4&transport=polling&sid="+sid, "text/plain", strings.NewReader("40"))
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("a polling request of the session failed: %v %v", err, resp)
	}
	resp.Body.Close()
	if code, reply := get(c, "/socket.io/?EIO=4&transport=polling&sid="+sid); code != 200 || !strings.HasPrefix(reply, `40{"sid":`) {
		t.Fatalf("CONNECT reply by polling: %d %s", code, reply)
	}
	u := "ws" + strings.TrimPrefix(front.URL, "http") + "/socket.io/?EIO=4&transport=websocket&sid=" + sid
	ws, _, err := websocket.DefaultDialer.Dial(u, http.Header{"Cookie": {cookieOf(t, c, front.URL)}})
	if err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	ws.WriteMessage(websocket.TextMessage, []byte("2probe"))
	if _, msg, err := ws.ReadMessage(); err != nil || string(msg) != "3probe" {
		t.Fatalf("probe: %q %v", msg, err)
	}
	ws.Close()

	// The browser's server goes away: it gets a 502 once, then the other server.
	_, mine := get(c, "/whoami")
	for i, b := range backends {
		if b.Name == mine {
			servers[i].Close()
		}
	}
	if code, _ := get(c, "/whoami"); code != http.StatusBadGateway {
		t.Fatalf("to a closed server: %d", code)
	}
	if _, other := get(c, "/whoami"); other == mine {
		t.Fatalf("still sent to the closed server %s", mine)
	}
}

func cookieOf(t *testing.T, c *http.Client, rawURL string) string {
	req, _ := http.NewRequest("GET", rawURL, nil)
	for _, ck := range c.Jar.Cookies(req.URL) {
		if ck.Name == CookieName {
			return ck.String()
		}
	}
	t.Fatal("no proxy cookie")
	return ""
}

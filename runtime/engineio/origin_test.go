package engineio_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/gorilla/websocket"
)

// badOrigins are refused by an allow-list of https://app.example.com.
var badOrigins = []string{
	"https://evil.example",
	"null",
	"https://app.example.com.evil.com",
	"https://evil.com/app.example.com",
	"http://app.example.com",
	"https://app.example.com:8443",
	"app.example.com",
	"",
}

func TestOriginRefused(t *testing.T) {
	cfg := shortConfig()
	cfg.AllowedOrigins = []string{"https://app.example.com"}
	ts := newTestServer(t, cfg, false)
	sid := ts.handshake() // no Origin: not a browser, allowed
	ts.session()
	for _, origin := range badOrigins {
		h := http.Header{"Origin": {origin}}
		for _, req := range []struct{ method, query string }{
			{"GET", "EIO=4&transport=polling"},
			{"GET", "EIO=4&transport=polling&sid=" + sid},
			{"POST", "EIO=4&transport=polling&sid=" + sid},
			{"OPTIONS", "EIO=4&transport=polling"},
		} {
			resp := ts.request(req.method, req.query, strings.NewReader("4x"), h)
			resp.Body.Close()
			if resp.StatusCode != 403 {
				t.Errorf("Origin %q: %s %s → %d, want 403", origin, req.method, req.query, resp.StatusCode)
			}
			if acao := resp.Header.Get("Access-Control-Allow-Origin"); acao != "" {
				t.Errorf("Origin %q: Access-Control-Allow-Origin %q on a refusal", origin, acao)
			}
		}
		_, resp, err := websocket.DefaultDialer.Dial(ts.wsURL("EIO=4&transport=websocket"), h)
		if !errors.Is(err, websocket.ErrBadHandshake) || resp.StatusCode != 403 {
			t.Errorf("Origin %q: WebSocket → %v %v, want 403", origin, err, resp)
		}
		_, resp, err = websocket.DefaultDialer.Dial(ts.wsURL("EIO=4&transport=websocket&sid="+sid), h)
		if !errors.Is(err, websocket.ErrBadHandshake) || resp.StatusCode != 403 {
			t.Errorf("Origin %q: upgrade → %v %v, want 403", origin, err, resp)
		}
	}
	if status, body := ts.do("GET", "EIO=4&transport=polling", "", http.Header{"Origin": {"https://evil.example"}}); body != `{"code":4,"message":"Forbidden"}` {
		t.Errorf("refusal body %d %s", status, body)
	}
	if n := ts.srv.SessionCount(); n != 1 {
		t.Errorf("SessionCount = %d, want only the origin-less session", n)
	}
}

func TestOriginAllowed(t *testing.T) {
	cfg := shortConfig()
	cfg.AllowedOrigins = []string{"https://app.example.com", "http://localhost:5173/"}
	ts := newTestServer(t, cfg, false)
	for _, origin := range []string{"https://app.example.com", "https://APP.Example.com", "http://localhost:5173"} {
		resp := ts.request("GET", "EIO=4&transport=polling", nil, http.Header{"Origin": {origin}})
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("Origin %q → %d", origin, resp.StatusCode)
		}
		for k, want := range map[string]string{
			"Access-Control-Allow-Origin":      origin,
			"Access-Control-Allow-Credentials": "true",
			"Vary":                             "Origin",
		} {
			if got := resp.Header.Get(k); got != want {
				t.Errorf("Origin %q: %s = %q, want %q", origin, k, got, want)
			}
		}
		c, _, err := websocket.DefaultDialer.Dial(ts.wsURL("EIO=4&transport=websocket"), http.Header{"Origin": {origin}})
		if err != nil {
			t.Errorf("Origin %q: WebSocket: %v", origin, err)
		} else {
			c.Close()
		}
	}

	// Preflight.
	resp := ts.request("OPTIONS", "EIO=4&transport=polling", nil, http.Header{
		"Origin":                         {"https://app.example.com"},
		"Access-Control-Request-Method":  {"POST"},
		"Access-Control-Request-Headers": {"x-token, content-type"},
	})
	resp.Body.Close()
	if resp.StatusCode != 204 {
		t.Errorf("preflight → %d", resp.StatusCode)
	}
	for k, want := range map[string]string{
		"Access-Control-Allow-Origin":      "https://app.example.com",
		"Access-Control-Allow-Credentials": "true",
		"Access-Control-Allow-Methods":     "GET,POST,OPTIONS",
		"Access-Control-Allow-Headers":     "x-token, content-type",
	} {
		if got := resp.Header.Get(k); got != want {
			t.Errorf("preflight %s = %q, want %q", k, got, want)
		}
	}
	if got := resp.Header.Values("Vary"); strings.Join(got, ", ") != "Origin, Access-Control-Request-Headers" {
		t.Errorf("preflight Vary = %v", got)
	}
}

// With no AllowedOrigins, only the request's own host is allowed.
func TestOriginSameHostDefault(t *testing.T) {
	ts := newTestServer(t, shortConfig(), false)
	host := strings.TrimPrefix(ts.http.URL, "http://")
	for origin, want := range map[string]int{
		"http://" + host:                   200,
		"https://" + host:                  200,
		"http://" + strings.ToUpper(host):  200,
		"http://other.example":             403,
		"http://" + host + ".evil.example": 403,
		"null":                             403,
		"http://" + host + "0":             403,
	} {
		if status, _ := ts.do("GET", "EIO=4&transport=polling", "", http.Header{"Origin": {origin}}); status != want {
			t.Errorf("Origin %q → %d, want %d", origin, status, want)
		}
	}
}

// "*" allows any origin and still reflects it, so credentials work.
func TestOriginWildcard(t *testing.T) {
	cfg := shortConfig()
	cfg.AllowedOrigins = []string{"*"}
	ts := newTestServer(t, cfg, false)
	resp := ts.request("GET", "EIO=4&transport=polling", nil, http.Header{"Origin": {"https://anything.example"}})
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Access-Control-Allow-Origin") != "https://anything.example" ||
		resp.Header.Get("Access-Control-Allow-Credentials") != "true" {
		t.Errorf("wildcard → %d %v", resp.StatusCode, resp.Header)
	}
	// Two Origin headers are never a browser request.
	if status, _ := ts.do("GET", "EIO=4&transport=polling", "", http.Header{"Origin": {"https://a.example", "https://b.example"}}); status != 403 {
		t.Errorf("two Origin headers → %d", status)
	}
}

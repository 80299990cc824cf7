package engineio_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/rtgen/rtgen/runtime/engineio"
)

var sidPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{20}$`)

// openPacket decodes an open packet and checks it has exactly the five keys.
func openPacket(t *testing.T, packet string) map[string]any {
	t.Helper()
	if !strings.HasPrefix(packet, "0") {
		t.Fatalf("not an open packet: %q", packet)
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(packet[1:]), &v); err != nil {
		t.Fatalf("open packet %q: %v", packet, err)
	}
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if want := []string{"maxPayload", "pingInterval", "pingTimeout", "sid", "upgrades"}; !slices.Equal(keys, want) {
		t.Fatalf("open packet keys %v, want %v", keys, want)
	}
	if sid, _ := v["sid"].(string); !sidPattern.MatchString(sid) {
		t.Errorf("sid %q is not 20 URL-safe base64 characters", sid)
	}
	return v
}

func TestHandshakePolling(t *testing.T) {
	cfg := shortConfig()
	cfg.PingInterval, cfg.PingTimeout = 300*time.Millisecond, 200*time.Millisecond
	ts := newTestServer(t, cfg, false)
	resp := ts.request(http.MethodGet, "EIO=4&transport=polling&t=xm7h1ke0", nil, nil)
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	for k, want := range map[string]string{
		"Content-Type":  "text/plain; charset=UTF-8",
		"Cache-Control": "no-store",
	} {
		if got := resp.Header.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	body := new(bytes.Buffer)
	if _, err := body.ReadFrom(resp.Body); err != nil {
		t.Fatal(err)
	}
	v := openPacket(t, body.String())
	if got := v["upgrades"]; !slices.Equal(toStrings(got), []string{"websocket"}) {
		t.Errorf("upgrades = %v", got)
	}
	if v["pingInterval"] != 300.0 || v["pingTimeout"] != 200.0 || v["maxPayload"] != 1e6 {
		t.Errorf("timings/limits = %v %v %v", v["pingInterval"], v["pingTimeout"], v["maxPayload"])
	}
	r := ts.session()
	if r.s.ID() != v["sid"] || r.s.Transport() != "polling" {
		t.Errorf("session %q on %q, open packet sid %v", r.s.ID(), r.s.Transport(), v["sid"])
	}
	if got := ts.srv.SessionCount(); got != 1 {
		t.Errorf("SessionCount = %d", got)
	}
}

func toStrings(v any) []string {
	list, _ := v.([]any)
	out := []string{}
	for _, e := range list {
		s, _ := e.(string)
		out = append(out, s)
	}
	return out
}

func TestHandshakeWebSocket(t *testing.T) {
	ts := newTestServer(t, shortConfig(), false)
	_, open := ts.dialSession()
	v := openPacket(t, open)
	if got := toStrings(v["upgrades"]); len(got) != 0 {
		t.Errorf("upgrades = %v, want []", got)
	}
	if v["pingInterval"] != 5000.0 || v["maxPayload"] != float64(engineio.DefaultMaxPayload) {
		t.Errorf("open packet %v", v)
	}
	if r := ts.session(); r.s.Transport() != "websocket" {
		t.Errorf("Transport() = %q", r.s.Transport())
	}
}

func TestSessionRequest(t *testing.T) {
	ts := newTestServer(t, shortConfig(), false)
	ts.do(http.MethodGet, "EIO=4&transport=polling&room=a", "", http.Header{"X-Token": {"abc"}})
	r := ts.session().s.Request()
	if r.Method != http.MethodGet || r.URL.Query().Get("room") != "a" || r.Header.Get("X-Token") != "abc" {
		t.Errorf("Request() = %s %s %v", r.Method, r.URL, r.Header)
	}
	if r.Body != nil || r.RemoteAddr == "" || r.Context().Done() != nil {
		t.Errorf("Request(): body %v, remote %q, live context %v", r.Body, r.RemoteAddr, r.Context().Done() != nil)
	}
}

// Every error of the protocol's table, and odd queries that must neither
// panic nor create a session.
func TestHTTPErrors(t *testing.T) {
	cfg := shortConfig()
	cfg.AllowRequest = func(r *http.Request) error {
		if r.Header.Get("X-Deny") != "" {
			return errors.New("go away")
		}
		return nil
	}
	ts := newTestServer(t, cfg, false)
	cases := []struct {
		name, method, query string
		header              http.Header
		status              int
		body                string
	}{
		{"no EIO", "GET", "transport=polling", nil, 400, `{"code":5,"message":"Unsupported protocol version"}`},
		{"EIO=abc", "GET", "EIO=abc&transport=polling", nil, 400, `{"code":5,"message":"Unsupported protocol version"}`},
		{"EIO=3", "GET", "EIO=3&transport=polling", nil, 400, `{"code":5,"message":"Unsupported protocol version"}`},
		{"EIO=4abc", "GET", "EIO=4abc&transport=polling", nil, 400, `{"code":5,"message":"Unsupported protocol version"}`},
		{"EIO empty", "GET", "EIO=&transport=polling", nil, 400, `{"code":5,"message":"Unsupported protocol version"}`},
		{"EIO twice", "GET", "EIO=4&EIO=4&transport=polling", nil, 400, `{"code":5,"message":"Unsupported protocol version"}`},
		{"no transport", "GET", "EIO=4", nil, 400, `{"code":0,"message":"Transport unknown"}`},
		{"transport=abc", "GET", "EIO=4&transport=abc", nil, 400, `{"code":0,"message":"Transport unknown"}`},
		{"transport=__proto__", "GET", "EIO=4&transport=__proto__", nil, 400, `{"code":0,"message":"Transport unknown"}`},
		{"transport=constructor", "GET", "EIO=4&transport=constructor", nil, 400, `{"code":0,"message":"Transport unknown"}`},
		{"transport=webtransport", "GET", "EIO=4&transport=webtransport", nil, 400, `{"code":0,"message":"Transport unknown"}`},
		{"transport twice", "GET", "EIO=4&transport=polling&transport=websocket", nil, 400, `{"code":0,"message":"Transport unknown"}`},
		{"transport wrong case", "GET", "EIO=4&transport=Polling", nil, 400, `{"code":0,"message":"Transport unknown"}`},
		{"unknown sid", "GET", "EIO=4&transport=polling&sid=nope", nil, 400, `{"code":1,"message":"Session ID unknown"}`},
		{"empty sid", "GET", "EIO=4&transport=polling&sid=", nil, 400, `{"code":1,"message":"Session ID unknown"}`},
		{"sid twice", "GET", "EIO=4&transport=polling&sid=a&sid=b", nil, 400, `{"code":1,"message":"Session ID unknown"}`},
		{"unknown sid POST", "POST", "EIO=4&transport=polling&sid=nope", nil, 400, `{"code":1,"message":"Session ID unknown"}`},
		{"POST handshake", "POST", "EIO=4&transport=polling", nil, 400, `{"code":2,"message":"Bad handshake method"}`},
		{"PUT handshake", "PUT", "EIO=4&transport=polling", nil, 400, `{"code":2,"message":"Bad handshake method"}`},
		{"DELETE handshake", "DELETE", "EIO=4&transport=polling", nil, 400, `{"code":2,"message":"Bad handshake method"}`},
		{"plain GET websocket", "GET", "EIO=4&transport=websocket", nil, 400, `{"code":3,"message":"Bad request"}`},
		{"upgrade headers on polling", "GET", "EIO=4&transport=polling",
			http.Header{"Connection": {"Upgrade"}, "Upgrade": {"websocket"}}, 400, `{"code":3,"message":"Bad request"}`},
		{"allowRequest refused", "GET", "EIO=4&transport=polling", http.Header{"X-Deny": {"1"}}, 403, `{"code":4,"message":"go away"}`},
		{"bad percent-encoding", "GET", "EIO=4&transport=polling&sid=%zz", nil, 400, `{"code":3,"message":"Bad request"}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp := ts.request(tc.method, tc.query, nil, tc.header)
			defer resp.Body.Close()
			body := new(bytes.Buffer)
			body.ReadFrom(resp.Body)
			if resp.StatusCode != tc.status || body.String() != tc.body {
				t.Errorf("%s %s → %d %s, want %d %s", tc.method, tc.query, resp.StatusCode, body, tc.status, tc.body)
			}
			if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type = %q", ct)
			}
		})
	}
	if n := ts.srv.SessionCount(); n != 0 {
		t.Errorf("SessionCount = %d after refused requests", n)
	}

	// A method other than GET/POST on an existing session.
	sid := ts.handshake()
	if status, body := ts.do(http.MethodPut, "EIO=4&transport=polling&sid="+sid, "", nil); status != 400 || body != `{"code":3,"message":"Bad request"}` {
		t.Errorf("PUT with sid → %d %s", status, body)
	}
}

func TestWebSocketHandshakeErrors(t *testing.T) {
	cfg := shortConfig()
	cfg.AllowRequest = func(r *http.Request) error {
		if r.URL.Query().Get("deny") != "" {
			return errors.New("denied")
		}
		return nil
	}
	ts := newTestServer(t, cfg, false)
	for _, tc := range []struct {
		query  string
		status int
	}{
		{"transport=websocket", 400},
		{"EIO=abc&transport=websocket", 400},
		{"EIO=4", 400},
		{"EIO=4&transport=abc", 400},
		{"EIO=4&transport=websocket&sid=nope", 400},
		{"EIO=4&transport=websocket&deny=1", 403},
	} {
		_, resp, err := websocket.DefaultDialer.Dial(ts.wsURL(tc.query), nil)
		if !errors.Is(err, websocket.ErrBadHandshake) || resp == nil || resp.StatusCode != tc.status {
			t.Errorf("dial %s: %v %v, want status %d", tc.query, err, resp, tc.status)
		}
	}
}

func TestTransportsConfig(t *testing.T) {
	cfg := shortConfig()
	cfg.Transports = []string{"polling"}
	ts := newTestServer(t, cfg, false)
	status, body := ts.get("EIO=4&transport=polling")
	if status != 200 {
		t.Fatalf("polling handshake: %d %s", status, body)
	}
	if got := toStrings(openPacket(t, body)["upgrades"]); len(got) != 0 {
		t.Errorf("upgrades = %v with websocket disabled", got)
	}
	_, resp, err := websocket.DefaultDialer.Dial(ts.wsURL("EIO=4&transport=websocket"), nil)
	if err == nil || resp.StatusCode != 400 {
		t.Errorf("websocket handshake with websocket disabled: %v %v", err, resp)
	}

	cfg.Transports = []string{"websocket"}
	ts = newTestServer(t, cfg, false)
	if status, body := ts.get("EIO=4&transport=polling"); status != 400 || body != `{"code":0,"message":"Transport unknown"}` {
		t.Errorf("polling with polling disabled: %d %s", status, body)
	}
	ts.dialSession()
}

// accept returning nil refuses the handshake.
func TestAcceptRefuses(t *testing.T) {
	srv := engineio.NewServer(shortConfig(), func(*engineio.Session) engineio.SessionHandler { return nil })
	ts := &testServer{t: t, srv: srv}
	ts.http = newHTTPServer(t, srv)
	if status, body := ts.get("EIO=4&transport=polling"); status != 403 || body != `{"code":4,"message":"Forbidden"}` {
		t.Errorf("refused handshake: %d %s", status, body)
	}
	c := ts.dial("EIO=4&transport=websocket")
	if code := expectClose(t, c); code != websocket.ClosePolicyViolation {
		t.Errorf("refused WebSocket session: close %d", code)
	}
	if n := srv.SessionCount(); n != 0 {
		t.Errorf("SessionCount = %d", n)
	}
}

// Malformed WebSocket handshakes are refused before upgrading.
func TestBadWebSocketHandshakes(t *testing.T) {
	ts := newTestServer(t, shortConfig(), false)
	base := http.Header{"Connection": {"Upgrade"}, "Upgrade": {"websocket"}, "Sec-Websocket-Version": {"13"},
		"Sec-Websocket-Key": {"dGhlIHNhbXBsZSBub25jZQ=="}}
	for _, tc := range []struct {
		name   string
		change func(http.Header)
	}{
		{"h2c", func(h http.Header) { h.Set("Upgrade", "h2c") }},
		{"no key", func(h http.Header) { h.Del("Sec-Websocket-Key") }},
		{"short key", func(h http.Header) { h.Set("Sec-Websocket-Key", "abc") }},
		{"version 12", func(h http.Header) { h.Set("Sec-Websocket-Version", "12") }},
	} {
		h := base.Clone()
		tc.change(h)
		if status, body := ts.do(http.MethodGet, "EIO=4&transport=websocket", "", h); status != 400 || body != `{"code":3,"message":"Bad request"}` {
			t.Errorf("%s: %d %s", tc.name, status, body)
		}
	}
	if n := ts.srv.SessionCount(); n != 0 {
		t.Errorf("SessionCount = %d", n)
	}
}

package engineio_test

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/rtgen/rtgen/runtime/engineio"
)

func TestWebSocketEcho(t *testing.T) {
	ts := newTestServer(t, shortConfig(), true)
	c, _ := ts.dialSession()
	r := ts.session()
	writeText(t, c, "4hello")
	if got := readText(t, c); got != "4hello" {
		t.Errorf("echo %q", got)
	}
	c.WriteMessage(websocket.BinaryMessage, []byte{1, 2, 3, 4})
	typ, data, err := readFrame(t, c)
	if err != nil || typ != websocket.BinaryMessage || !bytes.Equal(data, []byte{1, 2, 3, 4}) {
		t.Errorf("binary echo: %d %v %v", typ, data, err)
	}
	if m := r.message(t); m != (message{"hello", false}) {
		t.Errorf("OnMessage %+v", m)
	}
	if m := r.message(t); m != (message{"\x01\x02\x03\x04", true}) {
		t.Errorf("OnMessage %+v", m)
	}
	c.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(websocket.CloseNormalClosure, ""))
	if code := expectClose(t, c); code != websocket.CloseNormalClosure {
		t.Errorf("close reply code %d", code)
	}
	if reason := r.closeReason(t); reason != engineio.ReasonTransportClose {
		t.Errorf("reason %q", reason)
	}
}

// Each protocol violation closes the connection with its code and reason,
// and nothing reaches OnMessage.
func TestWebSocketViolations(t *testing.T) {
	cfg := shortConfig()
	cfg.MaxPayload = 100
	ts := newTestServer(t, cfg, false)
	for _, tc := range []struct {
		name   string
		typ    int
		data   []byte
		code   int
		reason string
	}{
		{"invalid packet", websocket.TextMessage, []byte("abc"), websocket.CloseProtocolError, engineio.ReasonParseError},
		{"empty text frame", websocket.TextMessage, nil, websocket.CloseProtocolError, engineio.ReasonParseError},
		{"invalid UTF-8", websocket.TextMessage, []byte("4\xed\xa0\x80"), websocket.CloseInvalidFramePayloadData, engineio.ReasonParseError},
		{"client ping", websocket.TextMessage, []byte("2"), websocket.CloseProtocolError, engineio.ReasonTransportError},
		{"too big text", websocket.TextMessage, []byte("4" + strings.Repeat("a", 100)), websocket.CloseMessageTooBig, engineio.ReasonMessageTooBig},
		{"too big binary", websocket.BinaryMessage, bytes.Repeat([]byte{7}, 101), websocket.CloseMessageTooBig, engineio.ReasonMessageTooBig},
		{"close packet", websocket.TextMessage, []byte("1"), websocket.CloseNormalClosure, engineio.ReasonTransportClose},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := ts.dialSession()
			r := ts.session()
			c.WriteMessage(tc.typ, tc.data)
			if code := expectClose(t, c); code != tc.code {
				t.Errorf("close code %d, want %d", code, tc.code)
			}
			if reason := r.closeReason(t); reason != tc.reason {
				t.Errorf("reason %q, want %q", reason, tc.reason)
			}
			r.noMessage(t)
		})
	}
	// Exactly MaxPayload passes.
	c, _ := ts.dialSession()
	r := ts.session()
	c.WriteMessage(websocket.BinaryMessage, bytes.Repeat([]byte{7}, 100))
	if m := r.message(t); len(m.data) != 100 {
		t.Errorf("message of MaxPayload bytes: %d", len(m.data))
	}
}

// A WebSocket-level ping is answered with a pong carrying its data.
func TestWebSocketControlPing(t *testing.T) {
	ts := newTestServer(t, shortConfig(), false)
	c, _ := ts.dialSession()
	got := make(chan string, 1)
	c.SetPongHandler(func(data string) error { got <- data; return nil })
	c.WriteControl(websocket.PingMessage, []byte("x1"), timeNowPlus())
	go readFrame(t, c)
	select {
	case data := <-got:
		if data != "x1" {
			t.Errorf("pong %q", data)
		}
	case <-timeAfterWait():
		t.Fatal("no pong")
	}
}

// Close flushes queued messages before the close frame.
func TestWebSocketCloseFlushes(t *testing.T) {
	ts := newTestServer(t, shortConfig(), false)
	c, _ := ts.dialSession()
	r := ts.session()
	r.s.Send(engineio.NewTextMessage([]byte("a")), engineio.NewTextMessage([]byte("b")))
	r.s.Close(engineio.ReasonForcedClose)
	for _, want := range []string{"4a", "4b"} {
		if got := readText(t, c); got != want {
			t.Errorf("read %q, want %q", got, want)
		}
	}
	if code := expectClose(t, c); code != websocket.CloseNormalClosure {
		t.Errorf("close code %d", code)
	}
	if reason := r.closeReason(t); reason != engineio.ReasonForcedClose {
		t.Errorf("reason %q", reason)
	}
}

// Many goroutines sending to one session: each Send's messages stay
// contiguous and in order, and nothing is lost.
func TestWebSocketConcurrentSend(t *testing.T) {
	ts := newTestServer(t, shortConfig(), false)
	c, _ := ts.dialSession()
	r := ts.session()
	const senders, perSender = 16, 50
	var wg sync.WaitGroup
	for g := range senders {
		wg.Go(func() {
			for i := range perSender {
				a := engineio.NewTextMessage([]byte{byte('A' + g), byte(i)})
				b := engineio.NewTextMessage([]byte{byte('a' + g), byte(i)})
				if err := r.s.Send(a, b); err != nil {
					t.Errorf("Send: %v", err)
				}
			}
		})
	}
	next := make([]int, senders)
	for range senders * perSender {
		first, second := readText(t, c), readText(t, c)
		g := int(first[1] - 'A')
		if g < 0 || g >= senders || second != string([]byte{'4', byte('a' + g), byte(next[g])}) || first[2] != byte(next[g]) {
			t.Fatalf("interleaved or out of order: %q %q", first, second)
		}
		next[g]++
	}
	wg.Wait()
}

// One Message may be sent to many sessions on both transports.
func TestSharedMessage(t *testing.T) {
	ts := newTestServer(t, shortConfig(), false)
	var conns []*websocket.Conn
	var recs []*recorder
	for range 5 {
		c, _ := ts.dialSession()
		conns = append(conns, c)
		recs = append(recs, ts.session())
	}
	sid := ts.handshake()
	poller := ts.session()
	text := engineio.NewTextMessage([]byte("all"))
	bin := engineio.NewBinaryMessage([]byte{9})
	var wg sync.WaitGroup
	for _, r := range append(recs, poller) {
		wg.Go(func() { r.s.Send(text, bin) })
	}
	wg.Wait()
	for _, c := range conns {
		if got := readText(t, c); got != "4all" {
			t.Errorf("read %q", got)
		}
		if typ, data, _ := readFrame(t, c); typ != websocket.BinaryMessage || !bytes.Equal(data, []byte{9}) {
			t.Errorf("binary frame %d %v", typ, data)
		}
	}
	if _, body := ts.get("EIO=4&transport=polling&sid=" + sid); body != "4all\x1ebCQ==" {
		t.Errorf("polling %q", body)
	}
}

// panicker's OnMessage panics; the session closes and the server lives on.
type panicker struct{ closed chan string }

func (p panicker) OnMessage([]byte, bool) { panic("boom") }
func (p panicker) OnClose(reason string)  { p.closed <- reason }

func TestHandlerPanicContained(t *testing.T) {
	closed := make(chan string, 2)
	srv := engineio.NewServer(shortConfig(), func(*engineio.Session) engineio.SessionHandler { return panicker{closed} })
	ts := &testServer{t: t, srv: srv}
	ts.http = newHTTPServer(t, srv)
	c, _ := ts.dialSession()
	writeText(t, c, "4x")
	if code := expectClose(t, c); code != websocket.CloseInternalServerErr {
		t.Errorf("close code %d", code)
	}
	select {
	case reason := <-closed:
		if reason != engineio.ReasonTransportError {
			t.Errorf("reason %q", reason)
		}
	case <-timeAfterWait():
		t.Fatal("OnClose not called")
	}
	ts.dialSession() // still serving
}

// Bytes sent right behind the upgrade request, before the handshake
// completes, get the connection dropped without a session (CVE-2022-21676).
func TestDataBeforeUpgradeCompletes(t *testing.T) {
	ts := newTestServer(t, shortConfig(), false)
	addr := strings.TrimPrefix(ts.http.URL, "http://")
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.Write([]byte("GET /?EIO=4&transport=websocket HTTP/1.1\r\nHost: " + addr +
		"\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n" +
		"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\ntest"))
	c.SetReadDeadline(timeNowPlus())
	if b, err := io.ReadAll(c); len(b) != 0 || err != nil {
		t.Errorf("read %q, %v; want the connection closed", b, err)
	}
	if n := ts.srv.SessionCount(); n != 0 {
		t.Errorf("SessionCount = %d", n)
	}
	ts.dialSession()
}

// maskedFrame is a client frame: FIN, opcode, masked payload (< 126 bytes).
func maskedFrame(opcode byte, payload string) []byte {
	key := [4]byte{0x12, 0x34, 0x56, 0x78}
	b := append([]byte{0x80 | opcode, 0x80 | byte(len(payload))}, key[:]...)
	for i := range len(payload) {
		b = append(b, payload[i]^key[i%4])
	}
	return b
}

// Every message reaches OnMessage, in order, however the client's bytes
// are cut: many frames in one write (read into the buffer by one read), and
// a frame cut in two with a pause in between.
func TestWebSocketFramesAsTheyArrive(t *testing.T) {
	ts := newTestServer(t, shortConfig(), false)
	addr := strings.TrimPrefix(ts.http.URL, "http://")
	c := rawWebSocket(t, addr)
	defer c.Close()
	r := ts.session()
	var burst []byte
	for i := range 50 {
		burst = append(burst, maskedFrame(websocket.TextMessage, "4m"+strconv.Itoa(i))...)
	}
	if _, err := c.Write(burst); err != nil {
		t.Fatal(err)
	}
	for i := range 50 {
		if m := r.message(t); m.data != "m"+strconv.Itoa(i) {
			t.Fatalf("message %d: %+v", i, m)
		}
	}
	split := maskedFrame(websocket.TextMessage, "4split")
	for _, part := range [][]byte{split[:3], split[3:]} {
		time.Sleep(50 * time.Millisecond)
		if _, err := c.Write(part); err != nil {
			t.Fatal(err)
		}
	}
	if m := r.message(t); m.data != "split" {
		t.Fatalf("split frame: %+v", m)
	}
	r.noMessage(t)
}

// A WebSocket over TLS (which the poller cannot watch: TLS buffers what it
// decrypts) is read by a goroutine of its own, with the same behaviour.
func TestWebSocketOverTLS(t *testing.T) {
	var sessions = make(chan *recorder, 1)
	srv := engineio.NewServer(shortConfig(), func(s *engineio.Session) engineio.SessionHandler {
		r := &recorder{s: s, echo: true, msgs: make(chan message, 10), closed: make(chan string, 1)}
		sessions <- r
		return r
	})
	hs := httptest.NewTLSServer(srv)
	defer hs.Close()
	defer srv.Shutdown(t.Context())
	d := websocket.Dialer{TLSClientConfig: hs.Client().Transport.(*http.Transport).TLSClientConfig}
	c, _, err := d.Dial("wss"+strings.TrimPrefix(hs.URL, "https")+"/?EIO=4&transport=websocket", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if open := readText(t, c); !strings.HasPrefix(open, "0{") {
		t.Fatalf("open packet %q", open)
	}
	r := <-sessions
	for _, m := range []string{"4one", "4two"} {
		writeText(t, c, m)
		if got := readText(t, c); got != m {
			t.Errorf("echo %q, want %q", got, m)
		}
	}
	c.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(websocket.CloseNormalClosure, ""))
	if reason := r.closeReason(t); reason != engineio.ReasonTransportClose {
		t.Errorf("reason %q", reason)
	}
}

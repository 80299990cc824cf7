package engineio

import (
	"bytes"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gorilla/websocket"
)

// countingConn records each Write that reaches the network.
type countingConn struct {
	net.Conn
	writes [][]byte
	err    error
}

func (c *countingConn) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	c.writes = append(c.writes, bytes.Clone(p))
	return len(p), nil
}

func TestAppendFrame(t *testing.T) {
	for _, n := range []int{0, 1, 124, 125, 126, 65534, 65535, 70000} {
		text := NewTextMessage([]byte(strings.Repeat("x", n)))
		bin := NewBinaryMessage(bytes.Repeat([]byte{7}, n))
		frames := text.appendFrame(nil)
		frames = bin.appendFrame(frames)
		// gorilla's own client reader must read them back as sent.
		ws := readerOver(t, frames)
		typ, got, err := ws.ReadMessage()
		if err != nil || typ != websocket.TextMessage || string(got) != "4"+strings.Repeat("x", n) {
			t.Fatalf("n=%d: text frame read back as %d, %d bytes, %v", n, typ, len(got), err)
		}
		typ, got, err = ws.ReadMessage()
		if err != nil || typ != websocket.BinaryMessage || !bytes.Equal(got, bytes.Repeat([]byte{7}, n)) {
			t.Fatalf("n=%d: binary frame read back as %d, %d bytes, %v", n, typ, len(got), err)
		}
	}
}

// readerOver returns a client connection whose server sends b raw right
// after the WebSocket handshake.
func readerOver(t *testing.T, b []byte) *websocket.Conn {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := (&websocket.Upgrader{}).Upgrade(w, r, nil)
		if err != nil {
			return
		}
		c.NetConn().Write(b)
	}))
	t.Cleanup(srv.Close)
	ws, _, err := websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(srv.URL, "http"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	return ws
}

func TestWriteFramesIsOneWrite(t *testing.T) {
	under := &countingConn{}
	c := &frameConn{Conn: under}
	msgs := []*Message{NewTextMessage([]byte("a")), pingMessage, NewBinaryMessage([]byte{1, 2})}
	if err := c.writeFrames(msgs); err != nil {
		t.Fatal(err)
	}
	var want []byte
	for _, m := range msgs {
		want = m.appendFrame(want)
	}
	if len(under.writes) != 1 || !bytes.Equal(under.writes[0], want) {
		t.Fatalf("writes = %q, want one write of %q", under.writes, want)
	}
	boom := errors.New("boom")
	under.err = boom
	if err := c.writeFrames(msgs); !errors.Is(err, boom) {
		t.Errorf("writeFrames error = %v, want the network's", err)
	}
}

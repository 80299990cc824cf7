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

// The held handshake response goes out with the first frames, in one
// write, whichever way they are written; then writes are plain again.
func TestHeldHandshakeResponse(t *testing.T) {
	resp := []byte("HTTP/1.1 101 Switching Protocols\r\n\r\n")
	open := []*Message{NewTextMessage([]byte("a"))}
	under := &countingConn{}
	c := &frameConn{Conn: under, hold: true}
	if n, err := c.Write(resp); n != len(resp) || err != nil || len(under.writes) != 0 {
		t.Fatalf("held Write = %d, %v; %d writes reached the network", n, err, len(under.writes))
	}
	c.hold = false
	if err := c.writeFrames(open); err != nil {
		t.Fatal(err)
	}
	if err := c.writeFrames(open); err != nil {
		t.Fatal(err)
	}
	frame := open[0].appendFrame(nil)
	if len(under.writes) != 2 || !bytes.Equal(under.writes[0], append(bytes.Clone(resp), frame...)) || !bytes.Equal(under.writes[1], frame) {
		t.Fatalf("writes = %q", under.writes)
	}
	// The flusher's way: the response first in the buffer it writes.
	c = &frameConn{Conn: under, held: resp}
	if b := appendFrames(c.takeHeld(nil, nil), open); !bytes.Equal(b, append(bytes.Clone(resp), frame...)) || c.held != nil {
		t.Fatalf("flusher buffer %q, still held %q", b, c.held)
	}
}

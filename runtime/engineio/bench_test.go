package engineio_test

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/rtgen/rtgen/runtime/engineio"
)

// BenchmarkIdleWebSocketSessions measures what one idle WebSocket session
// costs: heap bytes and goroutines per connection, after the open packet
// was written and the writer went idle. Clients are raw TCP connections
// with a hand-written handshake so that their own cost is a few hundred
// bytes. Run with -benchtime=1x.
func BenchmarkIdleWebSocketSessions(b *testing.B) {
	const n = 1000
	srv := engineio.NewServer(engineio.Config{}, func(s *engineio.Session) engineio.SessionHandler {
		return nopHandler{}
	})
	hs := httptest.NewServer(srv)
	defer hs.Close()
	defer srv.Shutdown(b.Context())
	addr := strings.TrimPrefix(hs.URL, "http://")

	before := snapshot()
	conns := make([]net.Conn, 0, n)
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for range b.N {
		for range n {
			conns = append(conns, rawWebSocket(b, addr))
		}
	}
	for srv.SessionCount() < n*b.N {
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(100 * time.Millisecond) // let the writers finish and exit
	after := snapshot()
	total := float64(n * b.N)
	b.ReportMetric(float64(after.heap-before.heap)/total, "heapB/conn")
	b.ReportMetric(float64(after.goroutines-before.goroutines)/total, "goroutines/conn")
}

type usage struct{ heap, goroutines int }

func snapshot() usage {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	// Goroutine stacks live outside the heap; count both.
	return usage{int(m.HeapAlloc + m.StackInuse), runtime.NumGoroutine()}
}

type nopHandler struct{}

func (nopHandler) OnMessage([]byte, bool) {}
func (nopHandler) OnClose(string)         {}

// rawWebSocket opens a WebSocket session over a bare TCP connection and
// reads its open packet.
func rawWebSocket(b testing.TB, addr string) net.Conn {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		b.Fatal(err)
	}
	c.Write([]byte("GET /?EIO=4&transport=websocket HTTP/1.1\r\nHost: " + addr +
		"\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n" +
		"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"))
	r := bufio.NewReaderSize(c, 512)
	for {
		line, err := r.ReadSlice('\n')
		if err != nil {
			b.Fatal(err)
		}
		if bytes.Equal(line, []byte("\r\n")) {
			break
		}
	}
	// The open packet: a text frame with a one-byte length.
	hdr := make([]byte, 2)
	if _, err := io.ReadFull(r, hdr); err != nil || hdr[0] != 0x81 {
		b.Fatalf("open frame header %x: %v", hdr, err)
	}
	return c
}

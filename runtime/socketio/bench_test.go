package socketio

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
)

// countingTransport accepts every packet and only counts messages, so the
// benchmark measures the socketio side of a broadcast: encoding once,
// selecting recipients, handing the shared messages to each session.
type countingTransport struct {
	msgs atomic.Int64
	c    *conn
}

func (t *countingTransport) request() *http.Request {
	return httptest.NewRequest("GET", "/socket.io/?EIO=4&transport=websocket", nil)
}
func (t *countingTransport) send(p *Packet) error        { t.msgs.Add(int64(len(p.msgs))); return nil }
func (t *countingTransport) sendVolatile(p *Packet) bool { return t.send(p) == nil }
func (t *countingTransport) close(reason string)         { go t.c.OnClose(reason) }
func (t *countingTransport) name() string                { return "websocket" }

func BenchmarkBroadcast(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		for _, mode := range []string{"namespace", "room", "rooms+except"} {
			b.Run(fmt.Sprintf("sockets=%d/%s", n, mode), func(b *testing.B) {
				benchmarkBroadcast(b, n, mode)
			})
		}
	}
}

func benchmarkBroadcast(b *testing.B, n int, mode string) {
	srv := NewServer(Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	ns := srv.Of("/leaderboard")
	ns.OnConnection(func(ctx context.Context, s *Socket) {
		s.Join("tv-display")
		if len(s.ID())%2 == 0 || s.ID()[0] < 'M' {
			s.Join("team:1")
		}
	})
	var transports []*countingTransport
	for range n {
		tr := &countingTransport{}
		tr.c = newConn(srv, tr)
		tr.c.OnMessage([]byte("0/leaderboard,"), false)
		transports = append(transports, tr)
	}
	waitFor(b, "sockets to join", func() bool {
		size, _ := ns.RoomSize(context.Background(), "tv-display")
		return size == n
	})
	payload := struct {
		UserID   int64  `json:"userId"`
		UserName string `json:"userName"`
		NewRank  int    `json:"newRank"`
		Metric   string `json:"metric"`
	}{456, "John Doe", 5, "yearlyRevenue"}
	emit := func() error {
		switch mode {
		case "room":
			return ns.To("tv-display").Emit("rankings:update", payload)
		case "rooms+except":
			return ns.To("tv-display", "team:1").Except("team:2").Emit("rankings:update", payload)
		}
		return ns.Emit("rankings:update", payload)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := emit(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	var sent int64
	for _, tr := range transports {
		sent += tr.msgs.Load()
	}
	b.ReportMetric(float64(sent-int64(n))/float64(b.N)/float64(n), "deliveries/socket/op")
	for _, tr := range transports {
		tr.close("transport close")
	}
}

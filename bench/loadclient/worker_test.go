package loadclient

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/rtgen/rtgen/bench/benchserver"
	"github.com/rtgen/rtgen/runtime/socketio"
)

// TestWorkerAgainstGoBenchServer drives a worker through a connect,
// a fixed-rate and a saturating phase against the Go bench server, with
// and without connection-state recovery (which appends an offset to every
// event), and checks that every message arrived once, in order, with a
// latency.
func TestWorkerAgainstGoBenchServer(t *testing.T) {
	for _, tc := range []struct {
		name     string
		recovery *socketio.RecoveryConfig
	}{{"defaults", nil}, {"recovery", &socketio.RecoveryConfig{}}} {
		t.Run(tc.name, func(t *testing.T) {
			testWorker(t, socketio.Config{Recovery: tc.recovery, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		})
	}
}

func testWorker(t *testing.T, cfg socketio.Config) {
	sio := benchserver.New(cfg)
	mux := http.NewServeMux()
	mux.Handle("/socket.io/", sio)
	srv := httptest.NewServer(mux)
	defer srv.Close()
	defer sio.Shutdown(t.Context())

	const n = 20
	w := &Worker{}
	defer w.closeAll()
	url := "ws" + strings.TrimPrefix(srv.URL, "http") + "/socket.io/?EIO=4&transport=websocket"
	r := w.handle(Command{Op: "connect", Connect: &ConnectCmd{URL: url, N: n, Concurrency: 5, SourceNet: 30, Room: "bench"}})
	if r.Error != "" || r.Connected != n || r.Failed != 0 {
		t.Fatalf("connect: %+v", r)
	}

	for _, pub := range []PublishCmd{
		{Publishers: 2, Mode: ModeRate, Rate: 20, Seconds: 0.5, PadBytes: 10},
		{Publishers: 2, Mode: ModeSaturate, Window: 2, Seconds: 0.5, PadBytes: 10},
	} {
		w.handle(Command{Op: "reset"})
		r := w.handle(Command{Op: "publish", Publish: &pub})
		if r.Error != "" || len(r.Published) != 2 || r.Published[0] == 0 || r.Published[1] == 0 {
			t.Fatalf("%s: publish: %+v", pub.Mode, r)
		}
		st := w.handle(Command{Op: "drain", Drain: &DrainCmd{Expected: r.Published, TimeoutSeconds: 20}}).Stats
		want := (r.Published[0] + r.Published[1]) * n
		if !st.Drained || st.Deliveries != want || st.Lost != 0 || st.Reordered != 0 || st.Errors != 0 || st.Alive != n {
			t.Fatalf("%s: stats %+v, want %d deliveries and nothing lost", pub.Mode, st, want)
		}
		if st.Latency.N != uint64(want) || st.LastRecvNs == 0 || time.Since(time.Unix(0, st.LastRecvNs)) > time.Minute {
			t.Errorf("%s: latency samples %d, last receive %d", pub.Mode, st.Latency.N, st.LastRecvNs)
		}
	}

	// A drain that cannot complete reports the missing messages as lost.
	w.handle(Command{Op: "reset"})
	st := w.handle(Command{Op: "drain", Drain: &DrainCmd{Expected: []int64{3}, TimeoutSeconds: 0.1}}).Stats
	if st.Drained || st.Lost != 3*n {
		t.Errorf("impossible drain: %+v, want %d lost", st, 3*n)
	}
}

func TestWorkerRefusesBadCommands(t *testing.T) {
	w := &Worker{}
	for _, c := range []Command{
		{Op: "nope"},
		{Op: "connect"},
		{Op: "connect", Connect: &ConnectCmd{URL: "ws://127.0.0.1:1/", N: 1, Concurrency: 1, SourceNet: 0, Room: "r"}},
		{Op: "publish", Publish: &PublishCmd{Publishers: 1}}, // no connections
	} {
		if r := w.handle(c); r.Error == "" {
			t.Errorf("%+v accepted: %+v", c, r)
		}
	}
}

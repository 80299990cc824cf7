package loadclient

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
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

// benchURL serves the bench contract on cfg for the test's length and
// returns its WebSocket URL.
func benchURL(t *testing.T, cfg socketio.Config) string {
	sio := benchserver.New(cfg)
	mux := http.NewServeMux()
	mux.Handle("/socket.io/", sio)
	srv := httptest.NewServer(mux)
	t.Cleanup(func() {
		sio.Shutdown(context.Background())
		srv.Close()
	})
	return "ws" + strings.TrimPrefix(srv.URL, "http") + "/socket.io/?EIO=4&transport=websocket"
}

// connectedWorker is a worker with n connections to url joined to "bench".
func connectedWorker(t *testing.T, url string, n, sourceNet int) *Worker {
	w := &Worker{}
	t.Cleanup(w.closeAll)
	r := w.handle(Command{Op: "connect", Connect: &ConnectCmd{URL: url, N: n, Concurrency: 5, SourceNet: sourceNet, Room: "bench"}})
	if r.Error != "" || r.Connected != n || r.Failed != 0 {
		t.Fatalf("connect: %+v", r)
	}
	return w
}

func testWorker(t *testing.T, cfg socketio.Config) {
	const n = 20
	w := connectedWorker(t, benchURL(t, cfg), n, 30)

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

// Publishers on two workers, numbered apart, each reach every connection
// of both.
func TestWorkersPublishApart(t *testing.T) {
	const n = 10
	url := benchURL(t, socketio.Config{})
	ws := []*Worker{connectedWorker(t, url, n, 31), connectedWorker(t, url, n, 32)}
	for _, w := range ws {
		w.handle(Command{Op: "reset"})
	}
	replies := make([]Reply, len(ws))
	var wg sync.WaitGroup
	for i, w := range ws {
		wg.Go(func() {
			replies[i] = w.handle(Command{Op: "publish", Publish: &PublishCmd{
				Publishers: 1, FirstID: i, Of: len(ws), Mode: ModeRate, Rate: 10, Seconds: 0.5, PadBytes: 10,
			}})
		})
	}
	wg.Wait()
	expected := make([]int64, len(ws))
	for i, r := range replies {
		if r.Error != "" || len(r.Published) != i+1 || r.Published[i] == 0 {
			t.Fatalf("worker %d: publish: %+v", i, r)
		}
		expected[i] = r.Published[i]
	}
	for i, w := range ws {
		st := w.handle(Command{Op: "drain", Drain: &DrainCmd{Expected: expected, TimeoutSeconds: 20}}).Stats
		if want := (expected[0] + expected[1]) * n; !st.Drained || st.Deliveries != want || st.Lost != 0 || st.Reordered != 0 {
			t.Errorf("worker %d: stats %+v, want %d deliveries and nothing lost", i, st, want)
		}
	}
}

func TestWorkerRefusesBadCommands(t *testing.T) {
	w := &Worker{}
	for _, c := range []Command{
		{Op: "nope"},
		{Op: "connect"},
		{Op: "connect", Connect: &ConnectCmd{URL: "ws://127.0.0.1:1/", N: 1, Concurrency: 1, SourceNet: 0, Room: "r"}},
		{Op: "publish", Publish: &PublishCmd{Publishers: 1}},             // no connections
		{Op: "publish", Publish: &PublishCmd{Publishers: 2, FirstID: 7}}, // past MaxPublishers
	} {
		if r := w.handle(c); r.Error == "" {
			t.Errorf("%+v accepted: %+v", c, r)
		}
	}
}

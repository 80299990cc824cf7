package generated_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/rtgen/rtgen/generated/realtime"
	"github.com/rtgen/rtgen/internal/nodetest"
	"github.com/rtgen/rtgen/runtime/engineio"
	"github.com/rtgen/rtgen/runtime/siometrics"
	"github.com/rtgen/rtgen/runtime/socketio"
)

// writeQueueLimit is small so that the slow client overflows it with its
// third large event.
const writeQueueLimit = 4096

// The generated seed server with metrics on, after a scripted session: the
// real socket.io-client connects (once refused), joins rooms the rules allow
// and refuse, sends valid, invalid and unknown events, receives room events
// and answers an acknowledgement; a polling client that stops polling is
// disconnected as slow. /metrics then holds exactly these counts, labelled
// with the schema's names.
func TestMetricsAfterAScriptedSession(t *testing.T) {
	a := &app{}
	srv := socketio.NewServer(socketio.Config{
		Engine: engineio.Config{WriteQueueLimit: writeQueueLimit},
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	rt := registerSeed(t, srv, authenticate, a)
	reg := prometheus.NewRegistry()
	reg.MustRegister(siometrics.New(srv, siometrics.Options{}))
	mux := http.NewServeMux()
	mux.Handle("/socket.io/", srv)
	mux.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	hs := httptest.NewServer(mux)
	t.Cleanup(hs.Close)

	script := nodetest.Start(t, "testdata/metrics_client.mjs", hs.URL)
	script.Expect("anonymous", `"sign in first"`)
	script.Expect("joins", `[{"ok":true},
		{"ok":false,"error":{"code":"forbidden","message":"not allowed to join user:8","details":{"room":"user:8"}}},
		{"ok":true}]`)
	script.Expect("events", `[true,"bad_request","bad_request"]`)
	script.Expect("ready", `true`)

	at := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	rank := realtime.RankingUpdate{UserID: 7, UserName: "Alice", PreviousRank: 2, NewRank: 1, Metric: "yearlyRevenue", Value: 1500, Timestamp: at}
	tv := realtime.TVDisplayUpdate{Metric: "revenue", Leaders: []realtime.LeaderboardEntry{}, Timestamp: at}
	for _, err := range []error{
		rt.Leaderboard.NotifyUserRankChange(7, rank),
		rt.Leaderboard.NotifyUserRankChange(99, rank), // nobody is in user:99
		rt.Leaderboard.UpdateTVDisplay(tv),
		rt.Leaderboard.BroadcastRankingUpdate(rank),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	xp := realtime.XPGainEvent{UserID: 7, UserName: "Alice", Amount: 50, Source: "Quiz", NewTotal: 50, Timestamp: at}
	trainee := rt.Training.Namespace().LocalSockets()
	if len(trainee) != 1 {
		t.Fatalf("%d sockets on /training", len(trainee))
	}
	if _, err := trainee[0].EmitWithAck(context.Background(), realtime.TrainingXPGainedEvent, xp); err != nil {
		t.Fatal(err)
	}
	script.Send("go")
	script.Expect("received", `["rank:changed","tv:update","rankings:update"]`)

	// Bob connects over polling, joins his room, then stops polling: the
	// third large event overflows his write queue.
	bob := newPollingClient(t, hs.URL)
	bob.post(`40/leaderboard,{"token":"bob"}`)
	if got := bob.get(); !strings.HasPrefix(got, `40/leaderboard,{"sid":`) {
		t.Fatalf("bob's CONNECT reply: %q", got)
	}
	bob.post(`42/leaderboard,1["join:user",8]`)
	if got := bob.get(); got != `43/leaderboard,1[{"ok":true}]` {
		t.Fatalf("bob's join reply: %q", got)
	}
	big := rank
	big.UserID, big.UserName = 8, strings.Repeat("B", 1500)
	for range 3 {
		if err := rt.Leaderboard.NotifyUserRankChange(8, big); err != nil {
			t.Fatal(err)
		}
	}
	waitUntil(t, "bob's disconnect", func() bool {
		on, _ := rt.Leaderboard.IsUserConnected(context.Background(), 8)
		return !on && srv.EngineStats() == engineio.Stats{WebSocket: 2}
	})

	wire := func(nsp, prefix string, event string, payload any) int {
		b, err := json.Marshal(payload)
		if err != nil {
			t.Fatal(err)
		}
		return len(fmt.Sprintf(`2%s,%s[%q,%s]`, nsp, prefix, event, b))
	}
	rankBytes := wire("/leaderboard", "", "rank:changed", rank) + 2*wire("/leaderboard", "", "rank:changed", big)
	want := []string{
		`socketio_ack_latency_seconds_count{event="xp:gained",namespace="/training",outcome="ok"} 1`,
		`socketio_connect_refusals_total{code="unauthorized",namespace="/leaderboard"} 1`,
		`socketio_connections_closed_total{reason="slow client"} 1`,
		`socketio_connections_closed_total{reason="transport close"} 1`,
		`socketio_connections_opened_total{transport="polling"} 1`,
		`socketio_connections_opened_total{transport="websocket"} 3`,
		`socketio_connects_total{namespace="/leaderboard"} 2`,
		`socketio_connects_total{namespace="/training"} 1`,
		fmt.Sprintf(`socketio_delivered_bytes_total{event="rank:changed",namespace="/leaderboard"} %d`, rankBytes),
		fmt.Sprintf(`socketio_delivered_bytes_total{event="rankings:update",namespace="/leaderboard"} %d`, wire("/leaderboard", "", "rankings:update", rank)),
		fmt.Sprintf(`socketio_delivered_bytes_total{event="tv:update",namespace="/leaderboard"} %d`, wire("/leaderboard", "", "tv:update", tv)),
		fmt.Sprintf(`socketio_delivered_bytes_total{event="xp:gained",namespace="/training"} %d`, wire("/training", "0", "xp:gained", xp)),
		`socketio_deliveries_total{event="rank:changed",namespace="/leaderboard"} 3`,
		`socketio_deliveries_total{event="rankings:update",namespace="/leaderboard"} 1`,
		`socketio_deliveries_total{event="tv:update",namespace="/leaderboard"} 1`,
		`socketio_deliveries_total{event="xp:gained",namespace="/training"} 1`,
		`socketio_disconnects_total{namespace="/leaderboard",reason="slow client"} 1`,
		`socketio_events_emitted_total{event="rank:changed",namespace="/leaderboard",room="user:{userId}"} 5`,
		`socketio_events_emitted_total{event="rankings:update",namespace="/leaderboard",room="(all)"} 1`,
		`socketio_events_emitted_total{event="tv:update",namespace="/leaderboard",room="tv-display"} 1`,
		`socketio_events_emitted_total{event="xp:gained",namespace="/training",room="(socket)"} 1`,
		`socketio_events_received_total{event="(other)",namespace="/training"} 1`,
		`socketio_events_received_total{event="join:tv-display",namespace="/leaderboard"} 1`,
		`socketio_events_received_total{event="join:user",namespace="/leaderboard"} 3`,
		`socketio_events_received_total{event="roleplay:message",namespace="/training"} 3`,
		`socketio_handler_duration_seconds_count{event="join:tv-display",namespace="/leaderboard"} 1`,
		`socketio_handler_duration_seconds_count{event="join:user",namespace="/leaderboard"} 3`,
		`socketio_handler_duration_seconds_count{event="roleplay:message",namespace="/training"} 3`,
		`socketio_invalid_fields_total{event="roleplay:message",field="(payload)",namespace="/training"} 1`,
		`socketio_invalid_fields_total{event="roleplay:message",field="message",namespace="/training"} 1`,
		`socketio_invalid_fields_total{event="roleplay:message",field="sessionId",namespace="/training"} 1`,
		`socketio_join_refusals_total{namespace="/leaderboard",room="user:{userId}"} 1`,
		`socketio_room_joins_total{namespace="/leaderboard",room="tv-display"} 1`,
		`socketio_room_joins_total{namespace="/leaderboard",room="user:{userId}"} 2`,
		`socketio_validation_failures_total{event="roleplay:message",namespace="/training"} 2`,
		// Gauges, read at the scrape: Alice's two WebSocket connections.
		`socketio_connections{transport="polling"} 0`,
		`socketio_connections{transport="websocket"} 2`,
		`socketio_sockets{namespace="/",transport="polling"} 0`,
		`socketio_sockets{namespace="/",transport="websocket"} 0`,
		`socketio_sockets{namespace="/field",transport="polling"} 0`,
		`socketio_sockets{namespace="/field",transport="websocket"} 0`,
		`socketio_sockets{namespace="/leaderboard",transport="polling"} 0`,
		`socketio_sockets{namespace="/leaderboard",transport="websocket"} 1`,
		`socketio_sockets{namespace="/training",transport="polling"} 0`,
		`socketio_sockets{namespace="/training",transport="websocket"} 1`,
		// Recovery is off in this server.
		`socketio_recoveries_total{namespace="/",outcome="not recovered"} 0`,
		`socketio_recoveries_total{namespace="/",outcome="recovered"} 0`,
		`socketio_recovery_history_dropped_total{namespace="/"} 0`,
		`socketio_recovery_replayed_total{namespace="/"} 0`,
		`socketio_recoveries_total{namespace="/field",outcome="not recovered"} 0`,
		`socketio_recoveries_total{namespace="/field",outcome="recovered"} 0`,
		`socketio_recovery_history_dropped_total{namespace="/field"} 0`,
		`socketio_recovery_replayed_total{namespace="/field"} 0`,
		`socketio_recoveries_total{namespace="/leaderboard",outcome="not recovered"} 0`,
		`socketio_recoveries_total{namespace="/leaderboard",outcome="recovered"} 0`,
		`socketio_recovery_history_dropped_total{namespace="/leaderboard"} 0`,
		`socketio_recovery_replayed_total{namespace="/leaderboard"} 0`,
		`socketio_recoveries_total{namespace="/training",outcome="not recovered"} 0`,
		`socketio_recoveries_total{namespace="/training",outcome="recovered"} 0`,
		`socketio_recovery_history_dropped_total{namespace="/training"} 0`,
		`socketio_recovery_replayed_total{namespace="/training"} 0`,
		`socketio_write_queue_bytes 0`,
		`socketio_write_queue_max_bytes 0`,
	}
	slices.Sort(want)
	if diff := cmp.Diff(want, scrape(t, hs.URL+"/metrics")); diff != "" {
		t.Errorf("/metrics (-want +got):\n%s", diff)
	}
	script.Send("go")
}

// scrape fetches a Prometheus text exposition and returns its socketio_
// samples, sorted, without histogram buckets and sums (times vary).
func scrape(t *testing.T, url string) []string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var samples []string
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		line := sc.Text()
		name, _, _ := strings.Cut(line, "{")
		name, _, _ = strings.Cut(name, " ")
		if !strings.HasPrefix(name, "socketio_") || strings.HasSuffix(name, "_bucket") || strings.HasSuffix(name, "_sum") {
			continue
		}
		samples = append(samples, line)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	slices.Sort(samples)
	return samples
}

// pollingClient is a raw Engine.IO polling client: it polls only when the
// test says so, which makes it a client that can stop reading.
type pollingClient struct {
	t   *testing.T
	url string
}

func newPollingClient(t *testing.T, base string) *pollingClient {
	c := &pollingClient{t: t, url: base + "/socket.io/?EIO=4&transport=polling"}
	open := c.request("GET", "")
	var h struct{ SID string }
	if err := json.Unmarshal([]byte(strings.TrimPrefix(open, "0")), &h); err != nil {
		t.Fatalf("handshake %q: %v", open, err)
	}
	c.url += "&sid=" + h.SID
	return c
}

// post sends one Engine.IO packet, written as on the wire ("42…").
func (c *pollingClient) post(msg string) {
	c.t.Helper()
	if got := c.request("POST", msg); got != "ok" {
		c.t.Fatalf("POST %q → %q", msg, got)
	}
}

// get polls once and returns the payload received.
func (c *pollingClient) get() string {
	c.t.Helper()
	return c.request("GET", "")
}

func (c *pollingClient) request(method, body string) string {
	c.t.Helper()
	req, err := http.NewRequest(method, c.url, strings.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		c.t.Fatalf("%s %s → %d %q (%v)", method, c.url, resp.StatusCode, b, err)
	}
	return string(b)
}

func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

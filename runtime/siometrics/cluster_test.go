package siometrics_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"github.com/redis/go-redis/v9"

	"github.com/rtgen/rtgen/internal/redistest"
	"github.com/rtgen/rtgen/runtime/siometrics"
	"github.com/rtgen/rtgen/runtime/sioredis"
	"github.com/rtgen/rtgen/runtime/socketio"
)

// clusterNode is one server of a two-node sioredis cluster, with its
// metrics.
type clusterNode struct {
	srv *socketio.Server
	reg *prometheus.Registry
	url string
}

func startClusterNode(t *testing.T, addr, prefix string) *clusterNode {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	client := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1})
	cluster := sioredis.New(client, sioredis.Options{
		StreamName: prefix + "stream", ChannelPrefix: prefix + "ch", SessionKeyPrefix: prefix + "session:",
		HeartbeatInterval: 100 * time.Millisecond, HeartbeatTimeout: time.Second, Logger: log,
	})
	srv := socketio.NewServer(socketio.Config{Adapter: cluster.Adapter, Logger: log})
	srv.Of("/").OnConnection(func(ctx context.Context, s *socketio.Socket) { s.Join("r") })
	reg := prometheus.NewRegistry()
	reg.MustRegister(siometrics.New(srv, siometrics.Options{Cluster: cluster}))
	hs := httptest.NewServer(srv)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
		hs.Close()
		cluster.Close()
		client.Close()
	})
	return &clusterNode{srv: srv, reg: reg, url: hs.URL}
}

// scrape gathers the node's metrics.
func (n *clusterNode) scrape(t *testing.T) []*dto.MetricFamily {
	t.Helper()
	families, err := n.reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	return families
}

// A node of a sioredis cluster exports its traffic with the other: ten
// broadcasts from a, after the ones that made sure b reads the stream, are
// counted sent on a and received on b, exactly; Redis answers, nothing
// failed, nothing waits, and each node hears the other.
func TestClusterMetrics(t *testing.T) {
	addr := redistest.Addr(t)
	prefix := redistest.Prefix(t, addr)
	a, b := startClusterNode(t, addr, prefix), startClusterNode(t, addr, prefix)
	client := dialWS(t, b.url)
	client.send("40")
	client.read() // CONNECT reply
	for deadline := time.Now().Add(10 * time.Second); !inRoom(b.srv.Of("/"), "r"); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("b's socket never joined r")
		}
	}
	frames := make(chan string, 100)
	go func() {
		for {
			_, msg, err := client.ws.ReadMessage()
			if err != nil {
				close(frames)
				return
			}
			if s := string(msg); strings.HasPrefix(s, "42") {
				frames <- s
			}
		}
	}()

	// b reads the stream from where it was when it started: a broadcast
	// sent before may be missed, so a sends until b's client has one.
	nsA := a.srv.Of("/")
	sent, received := 0, 0
	for received == 0 {
		if sent == 50 {
			t.Fatal("no warm-up broadcast reached b")
		}
		nsA.To("r").Emit("warmup")
		sent++
		select {
		case <-frames:
			received++
		case <-time.After(100 * time.Millisecond):
		}
	}
	const n = 10
	for i := range n {
		nsA.To("r").Emit("e", i)
	}
	sent += n
	for got := 0; got < n; {
		select {
		case f := <-frames:
			received++
			if f == fmt.Sprintf(`42["e",%d]`, got) {
				got++
			} else if f != `42["warmup"]` {
				t.Fatalf("frame %s", f)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%d broadcasts of %d reached b", got, n)
		}
	}

	broadcast := map[string]string{"type": "broadcast"}
	root := map[string]string{"namespace": "/"}
	deadline := time.Now().Add(10 * time.Second)
	for value(a.scrape(t), "socketio_cluster_messages_sent_total", broadcast) != float64(sent) ||
		value(a.scrape(t), "socketio_cluster_nodes", root) != 1 || value(b.scrape(t), "socketio_cluster_nodes", root) != 1 {
		if time.Now().After(deadline) {
			t.Fatalf("a never counted %d broadcasts sent, or the nodes never heard of each other", sent)
		}
		time.Sleep(10 * time.Millisecond)
	}
	famA, famB := a.scrape(t), b.scrape(t)
	for _, c := range []struct {
		node     string
		families []*dto.MetricFamily
		name     string
		labels   map[string]string
		want     float64
	}{
		{"a", famA, "socketio_cluster_messages_sent_total", broadcast, float64(sent)},
		{"a", famA, "socketio_cluster_messages_received_total", broadcast, 0},
		{"b", famB, "socketio_cluster_messages_received_total", broadcast, float64(received)},
		{"b", famB, "socketio_cluster_messages_sent_total", broadcast, 0},
		{"b", famB, "socketio_cluster_messages_received_total", map[string]string{"type": "sockets_join"}, 0},
		{"a", famA, "socketio_cluster_healthy", nil, 1},
		{"b", famB, "socketio_cluster_healthy", nil, 1},
		{"a", famA, "socketio_cluster_outages_total", nil, 0},
		{"a", famA, "socketio_cluster_publish_queue", nil, 0},
		{"a", famA, "socketio_cluster_publish_dropped_total", nil, 0},
		{"b", famB, "socketio_cluster_nodes", root, 1},
	} {
		if got := value(c.families, c.name, c.labels); got != c.want {
			t.Errorf("%s: %s%v = %v, want %v", c.node, c.name, c.labels, got, c.want)
		}
	}
	for _, fams := range [][]*dto.MetricFamily{famA, famB} {
		ops := 0
		for _, f := range fams {
			if f.GetName() != "socketio_cluster_errors_total" {
				continue
			}
			for _, m := range f.Metric {
				ops++
				if v := m.GetCounter().GetValue(); v != 0 {
					t.Errorf("%v failed commands: %v", v, m.Label)
				}
			}
		}
		if ops != 7 {
			t.Errorf("%d operations, want append, read, subscribe, publish, peers, session and history", ops)
		}
	}
	t.Logf("%d broadcasts sent, %d received (the first %d before b read the stream)", sent, received, sent-received)
}

// inRoom reports whether ns has a local socket in room.
func inRoom(ns *socketio.Namespace, room string) bool {
	for _, s := range ns.LocalSockets() {
		if slices.Contains(s.Rooms(), room) {
			return true
		}
	}
	return false
}

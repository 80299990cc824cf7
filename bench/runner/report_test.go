package runner

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func fakeResults() *Results {
	res := &Results{Started: time.Date(2026, 11, 26, 4, 0, 0, 0, time.UTC), Seconds: 600,
		Config: RunInfo{Reps: 3, Rates: []float64{2, 10}, PayloadBytes: 100, SaturatePublishers: 2, Window: 4}}
	for rep := range 3 {
		for _, n := range []int{1000, 10000} {
			f := float64(rep + 1)
			res.Samples = append(res.Samples,
				Sample{Server: "go", Clients: n, Rep: rep, Scenario: ScenarioSaturate, DeliveriesPerSec: 300000 * f, ServerCPUPerDeliveryUs: 3, P99Ms: 10, Drained: true, Published: 10, Deliveries: 10 * int64(n)},
				Sample{Server: "node", Clients: n, Rep: rep, Scenario: ScenarioSaturate, DeliveriesPerSec: 70000 * f, ServerCPUPerDeliveryUs: 14, P99Ms: 100, Drained: true},
				Sample{Server: "go", Clients: n, Rep: rep, Scenario: "rate2", P99Ms: 20, Drained: true},
				Sample{Server: "node", Clients: n, Rep: rep, Scenario: "rate2", P99Ms: 240, Drained: true},
				Sample{Server: "go", Clients: n, Rep: rep, Scenario: "rate10", P99Ms: 40, Drained: true, Lost: 1},
				Sample{Server: "node", Clients: n, Rep: rep, Scenario: "rate10", P99Ms: 8000, Drained: true},
				Sample{Server: "go", Clients: n, Rep: rep, Scenario: ScenarioIdle, RSSPerConnKB: 6},
				Sample{Server: "node", Clients: n, Rep: rep, Scenario: ScenarioIdle, RSSPerConnKB: 15},
				Sample{Server: "go", Clients: n, Rep: rep, Scenario: ScenarioConnect, ConnectsPerSec: 5000, Failed: 1},
			)
		}
		res.Samples = append(res.Samples,
			Sample{Server: "go", Clients: 19500, Rep: rep, Scenario: ScenarioConnect, Connected: 19500, ConnectsPerSec: 6500},
			Sample{Server: "node", Clients: 19500, Rep: rep, Scenario: ScenarioConnect, Connected: 19500, ConnectsPerSec: 2600},
			Sample{Server: "go", Clients: 19500, Rep: rep, Scenario: ScenarioIdle, RSSPerConnKB: 4.5 + float64(rep)/10},
			Sample{Server: "node", Clients: 19500, Rep: rep, Scenario: ScenarioIdle, RSSPerConnKB: 13.6},
		)
	}
	return res
}

func TestMarkdown(t *testing.T) {
	md := Markdown(fakeResults())
	wantLines(t, md,
		"| fan-out, saturation | 10,000 | deliveries/s | 600,000 (300,000–900,000) | 140,000 (70,000–210,000) | 4.29× | ≥ 3× Node at 10k: **met** |",
		"| fan-out, saturation | 10,000 | lost or reordered messages | 0 | 0 | — | none at 10k: **met** |",
		"| fan-out, saturation | 1,000 | server CPU per delivery (µs) | 3.00 | 14.00 | 0.21× |  |",
		"| fan-out, 2 broadcasts/s | 10,000 | latency p99 (ms) | 20.0 | 240.0 | 0.083× | ≤ 1/4 of Node at 10k: **met** |",
		"| fan-out, 10 broadcasts/s | 10,000 | latency p99 (ms) | 40.0 | 8,000.0 | 0.005× | ≤ 100 ms at 10k: **met** |",
		"| idle connections | 1,000 | server RSS per connection (KiB) | 6.00 | 15.00 | 0.40× |  |",
		"| idle connections | 10,000 | server RSS per connection (KiB) | 6.00 | 15.00 | 0.40× | ≤ 5 KiB at 10k and 19.5k: **missed** |",
		"| idle connections | 19,500 | server RSS per connection (KiB) | 4.60 (4.50–4.70) | 13.60 | 0.34× | ≤ 5 KiB at 10k and 19.5k: **met** |",
		"| connect | 19,500 | time to connect all (s) | 3.00 | 7.50 | 0.40× | ≤ 1/2 of Node at 19.5k: **met** |",
		"| connect | 19,500 | refused connections | 0 | 0 | — | none at 19.5k: **met** |",
		"| ≤ 1/4 of Node at 10k | fan-out, 2 broadcasts/s, latency p99 (ms) | 10,000 | 0.083× (20.0 vs 240.0) | **met** |",
		"| ≤ 5 KiB at 10k and 19.5k | idle connections, server RSS per connection (KiB) | 19,500 | 4.60 (4.50–4.70) | **met** |",
		"| fan-out, 10 broadcasts/s | 10,000 | go | 0 | 0 | 3 | 0 | 0 | true |",
		"Failed connection attempts over the run: Go 6, Node 0.",
	)
}

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	doc := filepath.Join(dir, "doc.md")
	os.WriteFile(doc, []byte("intro\n"+beginMarker+"\nold\n"+endMarker+"\noutro\n"), 0o644)
	o := Outputs{Dir: filepath.Join(dir, "out"), Docs: doc, Chart: filepath.Join(dir, "chart.png")}
	if err := Write(fakeResults(), o); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(doc)
	if s := string(b); strings.Contains(s, "old") || !strings.HasPrefix(s, "intro\n") || !strings.HasSuffix(s, endMarker+"\noutro\n") ||
		!strings.Contains(s, "| scenario | clients |") {
		t.Errorf("document not rewritten as expected:\n%s", s)
	}
	png, err := os.ReadFile(o.Chart)
	if err != nil || len(png) < 1000 || string(png[1:4]) != "PNG" {
		t.Errorf("chart: %d bytes, %v", len(png), err)
	}
	for _, f := range []string{"results.json", "results.md"} {
		if _, err := os.Stat(filepath.Join(o.Dir, f)); err != nil {
			t.Error(err)
		}
	}
	os.WriteFile(doc, []byte("no markers"), 0o644)
	if err := Write(fakeResults(), o); err == nil {
		t.Error("Write succeeded on a document without markers")
	}
}

func TestFmtNum(t *testing.T) {
	for v, want := range map[float64]string{0: "0", 999: "999", 1000: "1,000", 1234567.891: "1,234,567.89", -12345: "-12,345"} {
		if got := fmtNum(v, map[bool]int{true: 2, false: 0}[v != float64(int64(v))]); got != want {
			t.Errorf("fmtNum(%v) = %q, want %q", v, got, want)
		}
	}
}

func TestFeatureCosts(t *testing.T) {
	res := fakeResults()
	if got := featureCosts(res); got != "" {
		t.Errorf("featureCosts without Go variant samples = %q", got)
	}
	for rep := range 3 {
		res.Samples = append(res.Samples,
			Sample{Server: ServerGoMetrics, Clients: 10000, Rep: rep, Scenario: ScenarioSaturate,
				ServerCPUPerDeliveryUs: 3.1 + 0.1*float64(rep), Drained: true},
			Sample{Server: ServerGoRecovery, Clients: 10000, Rep: rep, Scenario: ScenarioIdle, RSSPerConnKB: 6.6})
	}
	md := Markdown(res)
	wantLines(t, md,
		"Cost of the Prometheus metrics (runtime/siometrics): the Go server with it off (`go`) and on (`go-metrics`), same run:",
		"| scenario | clients | metric | off | on | on / off |",
		"| fan-out, saturation | 10,000 | server CPU per delivery (µs) | 3.00 | 3.20 (3.10–3.30) | 1.07× |",
		"Cost of connection-state recovery (every broadcast kept in the history): the Go server with it off (`go`) and on (`go-recovery`), same run:",
		"| idle connections | 10,000 | server RSS per connection (KiB) | 6.00 | 6.60 | 1.10× |",
	)
	if strings.Contains(featureCosts(res), "| fan-out, saturation | 1,000 |") {
		t.Error("a client count without variant samples has a cost row")
	}
}

func TestClusterFanout(t *testing.T) {
	res := fakeResults()
	if got := clusterFanout(res); got != "" {
		t.Errorf("clusterFanout without cluster samples = %q", got)
	}
	for rep := range 3 {
		res.Samples = append(res.Samples,
			Sample{Server: ServerGoCluster, Clients: 10000, Rep: rep, Scenario: ScenarioSaturate, DeliveriesPerSec: 400000,
				RedisCPUPerDeliveryUs: 0.01, Drained: true},
			Sample{Server: ServerNodeCluster, Clients: 10000, Rep: rep, Scenario: ScenarioSaturate, DeliveriesPerSec: 100000 + 1000*float64(rep),
				RedisCPUPerDeliveryUs: 0.04, Drained: true})
	}
	md := Markdown(res)
	wantLines(t, md,
		"| scenario | clients | metric | rtgen (Go) ×2 | Node socket.io ×2 | Go / Node |",
		"| fan-out, saturation | 10,000 | deliveries/s | 400,000 | 101,000 (100,000–102,000) | 3.96× |",
		"| fan-out, saturation | 10,000 | Redis CPU per delivery (µs) | 0.01 | 0.04 | 0.25× |",
	)
}

func TestSpreadReport(t *testing.T) {
	res := fakeResults()
	if got, v := spreadReport(res); got != "" || v != nil {
		t.Errorf("spreadReport without spread samples = %q, %v", got, v)
	}
	res.Config.Spread = Spread{Clients: 100000, Nodes: 6, Rate: 1}
	spread := func(server, scenario string, s Sample) Sample {
		s.Server, s.Clients, s.Scenario, s.Nodes, s.Spread = server, 100000, scenario, 6, true
		return s
	}
	res.Samples = append(res.Samples,
		spread(ServerGoCluster, ScenarioConnect, Sample{Connected: 100000, ConnectsPerSec: 5000}),
		spread(ServerGoCluster, ScenarioIdle, Sample{RSSKB: 600 * 1024, RSSPerConnKB: 5.5}),
		spread(ServerGoCluster, "rate1", Sample{DeliveriesPerSec: 100000, P99Ms: 80, Drained: true}),
		spread(ServerGoCluster, ScenarioSaturate, Sample{DeliveriesPerSec: 250000, P99Ms: 900, Drained: true}),
		spread(ServerNodeCluster, ScenarioConnect, Sample{Connected: 100000, ConnectsPerSec: 2000}),
		spread(ServerNodeCluster, "rate1", Sample{DeliveriesPerSec: 90000, P99Ms: 400, Drained: true}),
		// A 2-server cluster sample at another size stays in the cluster table.
		Sample{Server: ServerGoCluster, Clients: 10000, Scenario: ScenarioSaturate, Nodes: 2, DeliveriesPerSec: 400000, Drained: true},
	)
	md := Markdown(res)
	wantLines(t, md,
		"100,000 clients over 6 servers on one Redis",
		"| scenario | metric | rtgen (Go) ×6 | Node socket.io ×6 | Go / Node |",
		"| connect | time to connect all (s) | 20.0 | 50.0 | 0.40× |",
		"| idle connections | servers' RSS in all (MiB) | 600 | — | — |",
		"| fan-out, 1 broadcast/s | latency p99 (ms) | 80.0 | 400.0 | 0.20× |",
		"| 100,000 connections across 6 processes on Redis, every broadcast delivered | many connections across many processes | 100,000 | "+
			"250,000 deliveries/s at saturation, p99 80 ms at 1 broadcast/s, RSS 600 MiB in all | **met** |",
		"| fan-out, saturation | 10,000 | deliveries/s | 400,000 | — | — |",
	)
	if strings.Contains(clusterFanout(res), "100,000") {
		t.Error("the cluster table shows the spread case")
	}

	// A lost message, or a phase that never ran, misses the target.
	res.Samples[len(res.Samples)-5].Lost = 1
	if _, v := spreadReport(res); v == nil || v.met {
		t.Errorf("a lost message: verdict %+v", v)
	}
	res.Samples[len(res.Samples)-5].Lost = 0
	res.Samples = slices.DeleteFunc(res.Samples, func(s Sample) bool { return s.Spread && s.Scenario == ScenarioSaturate })
	if _, v := spreadReport(res); v == nil || v.met {
		t.Errorf("no saturation phase: verdict %+v", v)
	}
}

// wantLines fails t for each of wants that md lacks.
func wantLines(t *testing.T, md string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks\n%s\nin\n%s", want, md)
		}
	}
}

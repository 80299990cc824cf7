package runner

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/rtgen/rtgen/bench/loadclient"
)

// Scenario names, as they appear in results.
const (
	ScenarioConnect  = "connect"
	ScenarioIdle     = "idle"
	ScenarioSaturate = "saturate"
)

// Go variants: the Go bench server with one feature on. They run the
// fan-out sizes only, next to "go", to measure what the feature costs.
const (
	ServerGoMetrics  = "go-metrics"
	ServerGoRecovery = "go-recovery"
)

// goVariants are the bench server's flag and the report's name of each Go
// variant's feature.
var goVariants = map[string]struct{ flag, feature string }{
	ServerGoMetrics:  {"-metrics", "the Prometheus metrics (runtime/siometrics)"},
	ServerGoRecovery: {"-recovery", "connection-state recovery (every broadcast kept in the history)"},
}

// isGoServer reports whether kind runs the Go bench server.
func isGoServer(kind string) bool {
	_, variant := goVariants[kind]
	return kind == "go" || variant || kind == ServerGoCluster
}

// Clusters: two servers on one Redis (runtime/sioredis for Go,
// @socket.io/redis-streams-adapter for Node), half the clients on each and
// the publishers on the first, so that half the deliveries cross servers.
// They run the fan-out sizes only.
const (
	ServerGoCluster   = "go-cluster"
	ServerNodeCluster = "node-cluster"
)

// clusterNodes is how many servers a cluster session runs (outside the
// spread case).
const clusterNodes = 2

func isCluster(kind string) bool { return kind == ServerGoCluster || kind == ServerNodeCluster }

// rateScenario names a fixed-rate fan-out phase.
func rateScenario(rate float64) string { return fmt.Sprintf("rate%g", rate) }

// benchRoom is the room every client joins.
const benchRoom = "bench"

// Sample is one measurement of one scenario against one server.
type Sample struct {
	Server   string  `json:"server"` // "go", a Go variant, "node", or a cluster
	Clients  int     `json:"clients"`
	Rep      int     `json:"rep"`
	Scenario string  `json:"scenario"`
	Nodes    int     `json:"nodes,omitempty"`  // a cluster's servers
	Spread   bool    `json:"spread,omitempty"` // of the many-process case (Config.Spread)
	Load1    float64 `json:"load1"`            // one-minute load average when it started

	// connect
	Connected          int     `json:"connected,omitempty"`
	Failed             int     `json:"failed,omitempty"`
	ConnectsPerSec     float64 `json:"connectsPerSec,omitempty"`
	ServerCPUPerConnUs float64 `json:"serverCpuPerConnUs,omitempty"`

	// idle
	RSSBaseKB    float64 `json:"rssBaseKB,omitempty"`
	RSSKB        float64 `json:"rssKB,omitempty"`
	RSSPerConnKB float64 `json:"rssPerConnKB,omitempty"`

	// fan-out phases; the server figures sum a cluster's servers
	Published              int64   `json:"published,omitempty"`
	Deliveries             int64   `json:"deliveries,omitempty"`
	Lost                   int64   `json:"lost"`
	Reordered              int64   `json:"reordered"`
	Errors                 int64   `json:"errors"`
	FirstError             string  `json:"firstError,omitempty"`
	Drained                bool    `json:"drained,omitempty"`
	DeliveriesPerSec       float64 `json:"deliveriesPerSec,omitempty"`
	P50Ms                  float64 `json:"p50Ms,omitempty"`
	P90Ms                  float64 `json:"p90Ms,omitempty"`
	P99Ms                  float64 `json:"p99Ms,omitempty"`
	MaxMs                  float64 `json:"maxMs,omitempty"`
	ServerCores            float64 `json:"serverCores,omitempty"`
	ServerCPUPerDeliveryUs float64 `json:"serverCpuPerDeliveryUs,omitempty"`
	ClientCores            float64 `json:"clientCores,omitempty"`
	// Redis, in cluster sessions
	RedisCores            float64 `json:"redisCores,omitempty"`
	RedisCPUPerDeliveryUs float64 `json:"redisCpuPerDeliveryUs,omitempty"`
}

// sessionSpec says what one session runs.
type sessionSpec struct {
	kind    string
	clients int
	rep     int
	nodes   int       // servers: 1, or a cluster's
	fanout  bool      // fan-out phases after connect and idle
	rates   []float64 // the fixed-rate phases' broadcasts per second
	spread  bool      // the spread case: a publisher on every server, the rate shared among them
}

// session is the servers of one spec with their clients connected.
type session struct {
	sessionSpec
	cfg     *Config
	srvs    []*server
	workers []*worker // worker i connects to server i mod nodes
	pprof   string    // the Go server's pprof address, when profiling
	out     []Sample
}

// runSession starts the servers, connects clients, and measures connect
// rate, idle memory and, if fanout, every fan-out phase.
func (cfg *Config) runSession(spec sessionSpec) ([]Sample, error) {
	s := &session{sessionSpec: spec, cfg: cfg}
	if err := s.start(); err != nil {
		return nil, err
	}
	defer s.stop()
	if err := s.connect(); err != nil {
		return s.out, err
	}
	if !s.fanout {
		return s.out, nil
	}
	for _, rate := range s.rates {
		if err := s.phase(rateScenario(rate), loadclient.PublishCmd{
			Publishers: 1, Mode: loadclient.ModeRate, Rate: rate, Seconds: cfg.RateSeconds, PadBytes: cfg.PadBytes,
		}); err != nil {
			return s.out, err
		}
	}
	err := s.phase(ScenarioSaturate, loadclient.PublishCmd{
		Publishers: cfg.SaturatePublishers, Mode: loadclient.ModeSaturate, Window: cfg.Window,
		Seconds: cfg.SaturateSeconds, PadBytes: cfg.PadBytes,
	})
	return s.out, err
}

func (s *session) sample(scenario string) Sample {
	smp := Sample{Server: s.kind, Clients: s.clients, Rep: s.rep, Scenario: scenario, Spread: s.spread, Load1: loadAvg1()}
	if isCluster(s.kind) {
		smp.Nodes = s.nodes
	}
	return smp
}

// publishCmds places a phase's publishers, the i-th command for worker i:
// all on the first worker, or in the spread case one on each server (on
// its first worker), sharing the rate.
func (s *session) publishCmds(pub loadclient.PublishCmd) []loadclient.PublishCmd {
	if !s.spread {
		return []loadclient.PublishCmd{pub}
	}
	cmds := make([]loadclient.PublishCmd, s.nodes)
	for i := range cmds {
		c := pub
		c.Publishers, c.FirstID, c.Of, c.Rate = 1, i, s.nodes, pub.Rate/float64(s.nodes)
		cmds[i] = c
	}
	return cmds
}

func (s *session) logf(format string, args ...any) {
	fmt.Fprintf(s.cfg.Log, "[%s %s n=%d rep=%d] %s\n", time.Now().Format("15:04:05"), s.kind, s.clients, s.rep,
		fmt.Sprintf(format, args...))
}

func (s *session) start() error {
	for i := range s.nodes {
		cmd, err := s.command(i)
		if err != nil {
			return err
		}
		srv, err := startServer(s.kind, cmd)
		if err != nil {
			return err
		}
		s.srvs = append(s.srvs, srv)
	}
	// Each worker connects to one server, in turn, and every server has as
	// many workers: a cluster has as many clients on each server, the
	// publishers' workers first.
	nw := (s.clients + s.cfg.PerWorker - 1) / s.cfg.PerWorker
	nw = (nw + s.nodes - 1) / s.nodes * s.nodes
	for range nw {
		w, err := startWorker(s.cfg.Exe)
		if err != nil {
			return err
		}
		s.workers = append(s.workers, w)
	}
	return nil
}

// command returns the command of the i-th server of the session.
func (s *session) command(i int) (*exec.Cmd, error) {
	prefix := fmt.Sprintf("rtgen-bench:%s:%d:%d:", s.kind, s.clients, s.rep)
	switch {
	case isGoServer(s.kind):
		args := []string{"-addr", "127.0.0.1:0"}
		if v, ok := goVariants[s.kind]; ok {
			args = append(args, v.flag)
		}
		if s.kind == ServerGoCluster {
			args = append(args, "-redis", s.cfg.redisURL, "-redis-prefix", prefix)
		}
		if s.cfg.ProfileDir != "" && i == 0 {
			addr, err := freeAddr()
			if err != nil {
				return nil, err
			}
			s.pprof = addr
			args = append(args, "-pprof", addr)
		}
		return exec.Command(s.cfg.GoServer, args...), nil
	case s.kind == "node" || s.kind == ServerNodeCluster:
		cmd := exec.Command("node", filepath.Join("bench", "node", "server.mjs"))
		cmd.Dir = s.cfg.RepoRoot
		if s.kind == ServerNodeCluster {
			cmd.Env = append(os.Environ(), "REDIS_URL="+s.cfg.redisURL, "REDIS_PREFIX="+prefix)
		}
		return cmd, nil
	}
	return nil, fmt.Errorf("unknown server %q", s.kind)
}

// cpuSeconds is the CPU time of the session's servers.
func (s *session) cpuSeconds() float64 {
	var sum float64
	for _, srv := range s.srvs {
		v, _ := procCPUSeconds(srv.pid())
		sum += v
	}
	return sum
}

// rssKB is the resident memory of the session's servers.
func (s *session) rssKB() (float64, error) {
	var sum float64
	for _, srv := range s.srvs {
		v, err := procRSSKB(srv.pid())
		if err != nil {
			return 0, err
		}
		sum += v
	}
	return sum, nil
}

// redisCPUSeconds is the CPU time of the run's Redis, 0 outside clusters.
func (s *session) redisCPUSeconds() float64 {
	if !isCluster(s.kind) {
		return 0
	}
	v, _ := procCPUSeconds(s.cfg.redisPid)
	return v
}

func (s *session) stop() {
	for _, w := range s.workers {
		w.close()
	}
	for _, srv := range s.srvs {
		srv.stop()
	}
}

// connect opens every client (in parallel across workers) and measures the
// connect rate, then, after the settle time, the idle memory.
func (s *session) connect() error {
	time.Sleep(time.Second) // let the server finish starting
	base, err := s.rssKB()
	if err != nil {
		return err
	}
	smp := s.sample(ScenarioConnect)
	cpu0 := s.cpuSeconds()
	start := time.Now()
	nw := len(s.workers)
	replies, err := callAll(s.workers, func(i int) loadclient.Command {
		n := s.clients / nw
		if i < s.clients%nw {
			n++
		}
		return loadclient.Command{Op: "connect", Connect: &loadclient.ConnectCmd{
			URL: s.srvs[i%len(s.srvs)].url(), N: n, Concurrency: s.cfg.ConnectConcurrency, SourceNet: 10 + i, Room: benchRoom,
		}}
	})
	elapsed := time.Since(start).Seconds()
	cpu1 := s.cpuSeconds()
	if err != nil {
		return err
	}
	for _, r := range replies {
		smp.Connected += r.Connected
		smp.Failed += r.Failed
		if r.FirstError != "" && smp.FirstError == "" {
			smp.FirstError = r.FirstError
		}
	}
	smp.ConnectsPerSec = float64(smp.Connected) / elapsed
	if smp.Connected > 0 {
		smp.ServerCPUPerConnUs = (cpu1 - cpu0) / float64(smp.Connected) * 1e6
	}
	s.out = append(s.out, smp)
	s.logf("connected %d (failed %d) in %.1fs: %.0f/s, server %.0f µs/conn %s",
		smp.Connected, smp.Failed, elapsed, smp.ConnectsPerSec, smp.ServerCPUPerConnUs, smp.FirstError)
	if smp.Connected == 0 {
		return fmt.Errorf("no client connected: %s", smp.FirstError)
	}

	idle := s.sample(ScenarioIdle)
	time.Sleep(s.cfg.Settle)
	rss, err := s.rssKB()
	if err != nil {
		return err
	}
	idle.Connected, idle.RSSBaseKB, idle.RSSKB = smp.Connected, base, rss
	idle.RSSPerConnKB = (rss - base) / float64(smp.Connected)
	s.out = append(s.out, idle)
	s.logf("idle: RSS %.0f KiB (base %.0f): %.2f KiB/conn", rss, base, idle.RSSPerConnKB)
	if s.pprof != "" {
		s.fetchProfile("heap", fmt.Sprintf("heap-%d.pb.gz", s.clients), "/debug/pprof/heap")
		s.fetchProfile("goroutine", fmt.Sprintf("goroutine-%d.txt", s.clients), "/debug/pprof/goroutine?debug=1")
		s.fetchProfile("memstats", fmt.Sprintf("memstats-%d.json", s.clients), "/debug/memstats")
		s.fetchProfile("memstats", fmt.Sprintf("memstats-gc-%d.json", s.clients), "/debug/memstats?gc=1")
		s.fetchProfile("heap", fmt.Sprintf("heap-gc-%d.pb.gz", s.clients), "/debug/pprof/heap")
	}
	return nil
}

// phase runs one fan-out phase: publish, drain, tally.
func (s *session) phase(scenario string, pub loadclient.PublishCmd) error {
	smp := s.sample(scenario)
	if _, err := callAll(s.workers, func(int) loadclient.Command { return loadclient.Command{Op: "reset"} }); err != nil {
		return err
	}
	cpu0, redis0 := s.cpuSeconds(), s.redisCPUSeconds()
	start := time.Now()
	var profDone chan struct{}
	if s.pprof != "" {
		profDone = make(chan struct{})
		go func() {
			defer close(profDone)
			s.fetchProfile("cpu", fmt.Sprintf("cpu-%s-%d.pb.gz", scenario, s.clients),
				fmt.Sprintf("/debug/pprof/profile?seconds=%d", max(int(pub.Seconds)-1, 1)))
		}()
	}
	cmds := s.publishCmds(pub)
	published, err := callAll(s.workers[:len(cmds)], func(i int) loadclient.Command {
		return loadclient.Command{Op: "publish", Publish: &cmds[i]}
	})
	// expected[p] is how many publisher p sent; a publisher that failed
	// still counts what it sent.
	var expected []int64
	for _, r := range published {
		for p, n := range r.Published {
			expected = append(expected, make([]int64, max(p+1-len(expected), 0))...)
			expected[p] += n
			smp.Published += n
		}
	}
	if err != nil {
		s.logf("%s: publish: %v", scenario, err)
		if smp.Published == 0 {
			return err
		}
	}
	replies, err := callAll(s.workers, func(int) loadclient.Command {
		return loadclient.Command{Op: "drain", Drain: &loadclient.DrainCmd{Expected: expected, TimeoutSeconds: s.cfg.DrainTimeout}}
	})
	end := time.Now()
	cpu1, redis1 := s.cpuSeconds(), s.redisCPUSeconds()
	if profDone != nil {
		<-profDone
	}
	if err != nil {
		return err
	}
	var hist loadclient.Hist
	var lastRecv int64
	var clientCPU float64
	smp.Drained = true
	for _, rp := range replies {
		st := rp.Stats
		smp.Deliveries += st.Deliveries
		smp.Lost += st.Lost
		smp.Reordered += st.Reordered
		smp.Errors += st.Errors
		if st.FirstError != "" && smp.FirstError == "" {
			smp.FirstError = st.FirstError
		}
		smp.Drained = smp.Drained && st.Drained
		hist.Merge(st.Latency)
		lastRecv = max(lastRecv, st.LastRecvNs)
		clientCPU += st.CPUSeconds
	}
	if lastRecv > 0 {
		smp.DeliveriesPerSec = float64(smp.Deliveries) / time.Unix(0, lastRecv).Sub(start).Seconds()
	}
	smp.P50Ms, smp.P90Ms = hist.Quantile(0.5)/1e3, hist.Quantile(0.9)/1e3
	smp.P99Ms, smp.MaxMs = hist.Quantile(0.99)/1e3, hist.Quantile(1)/1e3
	wall := end.Sub(start).Seconds()
	smp.ServerCores = (cpu1 - cpu0) / wall
	smp.ClientCores = clientCPU / wall
	smp.RedisCores = (redis1 - redis0) / wall
	if smp.Deliveries > 0 {
		smp.ServerCPUPerDeliveryUs = (cpu1 - cpu0) / float64(smp.Deliveries) * 1e6
		smp.RedisCPUPerDeliveryUs = (redis1 - redis0) / float64(smp.Deliveries) * 1e6
	}
	smp.RSSKB, _ = s.rssKB()
	s.out = append(s.out, smp)
	s.logf("%s: published %d, delivered %d (%.0f/s), lost %d, reordered %d, errors %d, p50 %.1f p99 %.1f max %.1f ms, server %.2f cores %.2f µs/delivery, clients %.2f cores %s",
		scenario, smp.Published, smp.Deliveries, smp.DeliveriesPerSec, smp.Lost, smp.Reordered, smp.Errors,
		smp.P50Ms, smp.P99Ms, smp.MaxMs, smp.ServerCores, smp.ServerCPUPerDeliveryUs, smp.ClientCores, smp.FirstError)
	return nil
}

// fetchProfile saves one pprof endpoint of the Go server into ProfileDir.
func (s *session) fetchProfile(what, name, path string) {
	resp, err := http.Get("http://" + s.pprof + path)
	if err != nil {
		s.logf("%s profile: %v", what, err)
		return
	}
	defer resp.Body.Close()
	f, err := os.Create(filepath.Join(s.cfg.ProfileDir, name))
	if err != nil {
		s.logf("%s profile: %v", what, err)
		return
	}
	defer f.Close()
	io.Copy(f, resp.Body)
}

// freeAddr returns a loopback address with a port free right now.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

package runner

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/rtgen/rtgen/internal/redisserver"
)

// Results is everything one run measured.
type Results struct {
	Started  time.Time `json:"started"`
	Seconds  float64   `json:"seconds"`
	Machine  Machine   `json:"machine"`
	Config   RunInfo   `json:"config"`
	Samples  []Sample  `json:"samples"`
	Failures []string  `json:"failures,omitempty"`
}

// RunInfo is the part of Config that shapes the figures.
type RunInfo struct {
	Reps               int       `json:"reps"`
	FanoutSizes        []int     `json:"fanoutSizes"`
	IdleSizes          []int     `json:"idleSizes"`
	Rates              []float64 `json:"rates"`
	RateSeconds        float64   `json:"rateSeconds"`
	SaturateSeconds    float64   `json:"saturateSeconds"`
	SaturatePublishers int       `json:"saturatePublishers"`
	Window             int       `json:"window"`
	PayloadBytes       int       `json:"payloadBytes"`
	PerWorker          int       `json:"perWorker"`
	Spread             Spread    `json:"spread"`
}

// Machine describes where the run happened.
type Machine struct {
	CPU        string `json:"cpu"`
	Cores      int    `json:"cores"`
	MemoryGiB  int    `json:"memoryGiB"`
	Kernel     string `json:"kernel"`
	Go         string `json:"go"`
	Node       string `json:"node"`
	SocketIO   string `json:"socketio"`
	FileLimit  uint64 `json:"fileLimit"`
	GOMAXPROCS int    `json:"gomaxprocs"`
}

// Run runs every session of cfg. A failed session is recorded in
// Failures and the run goes on.
func Run(cfg Config) (*Results, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	raiseFileLimit()
	if slices.ContainsFunc(cfg.Servers, isCluster) {
		// A Redis of the run's own: the shared one stays undisturbed, and its
		// CPU is the clusters' alone.
		dir, err := os.MkdirTemp("", "rtgen-bench-redis-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(dir)
		r, err := redisserver.Start(dir)
		if err != nil {
			return nil, err
		}
		defer r.Kill()
		cfg.redisURL, cfg.redisPid = "redis://"+r.Addr, r.Pid()
	}
	res := &Results{Started: time.Now(), Machine: describeMachine(cfg.RepoRoot), Config: RunInfo{
		Reps: cfg.Reps, FanoutSizes: cfg.FanoutSize, IdleSizes: cfg.IdleSizes, Rates: cfg.Rates,
		RateSeconds: cfg.RateSeconds, SaturateSeconds: cfg.SaturateSeconds,
		SaturatePublishers: cfg.SaturatePublishers, Window: cfg.Window,
		PayloadBytes: payloadBytes(cfg.PadBytes), PerWorker: cfg.PerWorker,
	}}
	if len(cfg.spreadServers()) > 0 {
		res.Config.Spread = cfg.Spread
	}
	for rep := range cfg.Reps {
		for _, size := range cfg.sizes() {
			servers := slices.Clone(cfg.Servers)
			if rep%2 == 1 {
				slices.Reverse(servers)
			}
			for _, kind := range servers {
				if _, variant := goVariants[kind]; (variant || isCluster(kind)) && !size.fanout {
					continue // they differ per event: idle sizes would show nothing
				}
				spec := sessionSpec{kind: kind, clients: size.n, rep: rep, nodes: 1, fanout: size.fanout, rates: cfg.Rates}
				if isCluster(kind) {
					spec.nodes = clusterNodes
				}
				res.run(&cfg, spec)
			}
		}
		spread := cfg.spreadServers()
		if rep%2 == 1 {
			slices.Reverse(spread)
		}
		for _, kind := range spread {
			sp := cfg.Spread
			res.run(&cfg, sessionSpec{kind: kind, clients: sp.Clients, rep: rep, nodes: sp.Nodes, fanout: true,
				rates: []float64{sp.Rate}, spread: true})
		}
	}
	res.Seconds = time.Since(res.Started).Seconds()
	return res, nil
}

// run runs one session and records its samples; a failed session is
// recorded in Failures and the run goes on.
func (res *Results) run(cfg *Config, spec sessionSpec) {
	samples, err := cfg.runSession(spec)
	res.Samples = append(res.Samples, samples...)
	if err != nil {
		msg := fmt.Sprintf("%s n=%d rep=%d: %v", spec.kind, spec.clients, spec.rep, err)
		fmt.Fprintln(cfg.Log, "FAILED:", msg)
		res.Failures = append(res.Failures, msg)
	}
}

// payloadBytes is the size of the JSON object a publisher sends, for a
// typical sequence number and timestamp.
func payloadBytes(pad int) int {
	return len(`{"room":"bench","pub":0,"seq":1234,"ts":1764130000000000000,"pad":""}`) + pad
}

// raiseFileLimit lifts the open-file soft limit to the hard limit; the
// servers and workers started afterwards inherit it.
func raiseFileLimit() {
	var l syscall.Rlimit
	if syscall.Getrlimit(syscall.RLIMIT_NOFILE, &l) == nil && l.Cur < l.Max {
		l.Cur = l.Max
		syscall.Setrlimit(syscall.RLIMIT_NOFILE, &l)
	}
}

func describeMachine(root string) Machine {
	m := Machine{Cores: runtime.NumCPU(), Go: runtime.Version(), GOMAXPROCS: runtime.GOMAXPROCS(0)}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for line := range strings.SplitSeq(string(b), "\n") {
			if v, ok := strings.CutPrefix(line, "model name"); ok {
				m.CPU = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), ":"))
				break
			}
		}
	}
	if kb, err := statusField("/proc/meminfo", "MemTotal:"); err == nil {
		m.MemoryGiB = int(kb/(1<<20) + 0.5)
	}
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.Kernel = strings.TrimSpace(string(b))
	}
	if out, err := exec.Command("node", "--version").Output(); err == nil {
		m.Node = strings.TrimSpace(string(out))
	}
	if b, err := os.ReadFile(filepath.Join(root, "node_modules", "socket.io", "package.json")); err == nil {
		if _, v, ok := strings.Cut(string(b), `"version": "`); ok {
			m.SocketIO, _, _ = strings.Cut(v, `"`)
		}
	}
	var l syscall.Rlimit
	if syscall.Getrlimit(syscall.RLIMIT_NOFILE, &l) == nil {
		m.FileLimit = l.Max
	}
	return m
}

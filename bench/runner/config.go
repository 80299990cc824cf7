// Package runner drives the benchmark: for every repetition, client count
// and server (alternating which server goes first), it starts the server
// (the Go bench server on runtime/socketio, or the Node socket.io 4.8 bench
// server; two of either on Redis for a cluster), starts load client worker
// processes, and measures connect rate, idle memory and the fan-out phases;
// after each repetition's client counts, the spread case does the same with
// many clients over many cluster servers. Then it reports medians and
// ranges, renders the chart and updates the results section of the
// benchmark document.
package runner

import (
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/rtgen/rtgen/bench/loadclient"
)

// Config is one benchmark run. Default and Quick return complete ones.
type Config struct {
	Servers    []string // "go", Go variants ("go-metrics", "go-recovery"), "node", clusters ("go-cluster", "node-cluster"); run in this order on even repetitions, reversed on odd ones
	FanoutSize []int    // client counts with connect, idle and fan-out phases
	IdleSizes  []int    // client counts with connect and idle only
	Reps       int
	Spread     Spread // the many-process case, after each repetition's client counts

	Rates              []float64 // fixed broadcast rates (one publisher), per second
	RateSeconds        float64
	SaturateSeconds    float64
	SaturatePublishers int
	Window             int // outstanding broadcasts per saturating publisher
	PadBytes           int // filler making the payload ~100 bytes
	DrainTimeout       float64
	Settle             time.Duration // wait after connecting before reading idle RSS

	PerWorker          int // connections per load client process (each may hold < 20,000 files)
	ConnectConcurrency int // connection attempts in flight per worker

	GoServer   string // the rtgen-benchserver binary
	RepoRoot   string // holds bench/node/server.mjs and node_modules
	Exe        string // this program, run as "<Exe> worker" for load clients
	ProfileDir string // if set, CPU, heap and goroutine profiles of the Go server go here
	Log        io.Writer

	// The Redis of the cluster sessions, which Run starts.
	redisURL string
	redisPid int
}

// Spread is many connections across many server processes: Clients
// clients over Nodes servers on one Redis, for each cluster kind of the
// run, with one publisher on every server so that each broadcast reaches
// every server's clients from any of them. Its phases: connect, idle, one
// fixed rate (all publishers together) and saturation.
type Spread struct {
	Clients int     `json:"clients"` // 0: no such case
	Nodes   int     `json:"nodes"`
	Rate    float64 `json:"rate"` // broadcasts per second, all servers together
}

// Default is the full run behind the published figures.
func Default() Config {
	return Config{
		Servers:    []string{"go", ServerGoMetrics, ServerGoRecovery, "node", ServerGoCluster, ServerNodeCluster},
		FanoutSize: []int{1000, 5000, 10000},
		IdleSizes:  []int{19500},
		Reps:       3,
		Spread:     Spread{Clients: 100000, Nodes: 6, Rate: 1},

		Rates:              []float64{2, 10},
		RateSeconds:        15,
		SaturateSeconds:    10,
		SaturatePublishers: 2,
		Window:             4,
		PadBytes:           34,
		DrainTimeout:       40,
		Settle:             5 * time.Second,

		PerWorker:          5000,
		ConnectConcurrency: 50,
	}
}

// Quick is a run of a couple of minutes: one repetition, short phases.
func Quick() Config {
	c := Default()
	c.FanoutSize = []int{1000, 10000}
	c.IdleSizes = nil
	c.Spread.Clients = 0
	c.Reps = 1
	c.RateSeconds = 5
	c.SaturateSeconds = 5
	c.DrainTimeout = 20
	c.Settle = 3 * time.Second
	return c
}

func (c *Config) validate() error {
	if len(c.Servers) == 0 || c.Reps < 1 || c.PerWorker < 1 || c.PerWorker > 19000 || c.ConnectConcurrency < 1 {
		return fmt.Errorf("bench: invalid config: servers %v, reps %d, per worker %d", c.Servers, c.Reps, c.PerWorker)
	}
	for _, s := range c.Servers {
		if !isGoServer(s) && s != "node" && s != ServerNodeCluster {
			return fmt.Errorf("bench: unknown server %q (want go, %s, %s, node, %s or %s)", s, ServerGoMetrics, ServerGoRecovery, ServerGoCluster, ServerNodeCluster)
		}
	}
	if c.GoServer == "" && slices.ContainsFunc(c.Servers, isGoServer) {
		return fmt.Errorf("bench: no Go bench server binary")
	}
	if sp := c.Spread; sp.Clients > 0 {
		// One publisher per server, each numbered apart; a server may hold
		// fewer than 20,000 open files.
		if sp.Nodes < 2 || sp.Nodes > loadclient.MaxPublishers || sp.Rate <= 0 || (sp.Clients+sp.Nodes-1)/sp.Nodes > 19000 {
			return fmt.Errorf("bench: invalid spread: %d clients on %d servers (2 to %d, at most 19,000 clients each) at %g/s",
				sp.Clients, sp.Nodes, loadclient.MaxPublishers, sp.Rate)
		}
	}
	if c.Exe == "" || c.Log == nil {
		return fmt.Errorf("bench: Exe and Log are required")
	}
	return nil
}

// clientCount is one client count of a run.
type clientCount struct {
	n      int
	fanout bool // with fan-out phases, not only connect and idle
}

// spreadServers are the run's cluster kinds, which the spread case runs.
func (c *Config) spreadServers() []string {
	if c.Spread.Clients == 0 {
		return nil
	}
	return slices.DeleteFunc(slices.Clone(c.Servers), func(s string) bool { return !isCluster(s) })
}

// sizes returns every client count in increasing order.
func (c *Config) sizes() []clientCount {
	var out []clientCount
	all := slices.Sorted(slices.Values(append(slices.Clone(c.FanoutSize), c.IdleSizes...)))
	for _, n := range slices.Compact(all) {
		out = append(out, clientCount{n, slices.Contains(c.FanoutSize, n)})
	}
	return out
}

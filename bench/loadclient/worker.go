// Package loadclient is the benchmark's load client: one worker process
// holds many Socket.IO connections joined to one room, publishes on some of
// them, and measures what the others receive — deliveries, latency from the
// publisher's timestamp, messages lost or out of order, and its own CPU
// time. A controlling process (package runner) drives several workers
// through JSON commands on their standard input and reads one JSON reply
// per command from their standard output.
//
// Each connection costs one goroutine (its reader) once connected. Source
// addresses are spread across 127.0.0.0/8, a thousand connections per
// address, so that ephemeral ports never run out.
package loadclient

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// connsPerIP is how many connections share one source address.
const connsPerIP = 1000

// Command is one request to a worker; Op selects which of the other fields
// applies.
type Command struct {
	Op      string      `json:"op"` // "connect", "reset", "publish", "drain", "close"
	Connect *ConnectCmd `json:"connect,omitempty"`
	Publish *PublishCmd `json:"publish,omitempty"`
	Drain   *DrainCmd   `json:"drain,omitempty"`
}

// ConnectCmd opens N connections to URL, Concurrency at a time, from
// source addresses 127.SourceNet.x.y, and joins each to Room.
type ConnectCmd struct {
	URL         string `json:"url"`
	N           int    `json:"n"`
	Concurrency int    `json:"concurrency"`
	SourceNet   int    `json:"sourceNet"` // 1..254
	Room        string `json:"room"`
}

// PublishCmd publishes on the first Publishers connections for Seconds, as
// publishers FirstID, FirstID+1, …: a phase may run publishers on several
// workers (one per server of a cluster), each numbered apart.
type PublishCmd struct {
	Publishers int     `json:"publishers"`
	FirstID    int     `json:"firstId,omitempty"`
	Of         int     `json:"of,omitempty"` // publishers of the phase on all workers, spread across a rate's interval (0: Publishers)
	Mode       string  `json:"mode"`         // ModeRate or ModeSaturate
	Rate       float64 `json:"rate"`         // per publisher per second (ModeRate)
	Window     int     `json:"window"`
	Seconds    float64 `json:"seconds"`
	PadBytes   int     `json:"padBytes"`
}

// DrainCmd waits until every connection received Expected[p] messages of
// each publisher p, or Timeout passed, and returns the phase's Stats.
type DrainCmd struct {
	Expected       []int64 `json:"expected"`
	TimeoutSeconds float64 `json:"timeoutSeconds"`
}

// Reply answers one Command.
type Reply struct {
	Error string `json:"error,omitempty"`
	// connect
	Connected  int     `json:"connected,omitempty"`
	Failed     int     `json:"failed,omitempty"`
	Seconds    float64 `json:"seconds,omitempty"`
	FirstError string  `json:"firstError,omitempty"`
	// publish: Published[p] is how many publisher p sent
	Published []int64 `json:"published,omitempty"`
	// drain
	Stats *Stats `json:"stats,omitempty"`
}

// Stats is what a worker measured during one phase (from reset to drain).
type Stats struct {
	Deliveries  int64   `json:"deliveries"`
	Lost        int64   `json:"lost"`
	Reordered   int64   `json:"reordered"`
	Errors      int64   `json:"errors"`
	FirstError  string  `json:"firstError,omitempty"`
	Latency     Hist    `json:"latency"`
	LastRecvNs  int64   `json:"lastRecvNs"`
	CPUSeconds  float64 `json:"cpuSeconds"`
	WallSeconds float64 `json:"wallSeconds"`
	Alive       int     `json:"alive"`
	Drained     bool    `json:"drained"`
}

// Worker holds one process's connections.
type Worker struct {
	room    string
	conns   []*conn
	hist    shardedHist
	closing atomic.Bool
	last    atomic.Int64 // UnixNano of the latest delivery

	errMu    sync.Mutex
	errs     int64
	firstErr string

	phaseStart time.Time
	cpuStart   float64
}

// Run serves commands from in, one JSON reply per command on out, until
// in ends or a "close" command; then it closes every connection.
func Run(in io.Reader, out io.Writer) error {
	raiseFileLimit()
	w := &Worker{}
	defer w.closeAll()
	dec, enc := json.NewDecoder(in), json.NewEncoder(out)
	for {
		var cmd Command
		if err := dec.Decode(&cmd); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return fmt.Errorf("reading command: %w", err)
		}
		if cmd.Op == "close" {
			return enc.Encode(Reply{})
		}
		if err := enc.Encode(w.handle(cmd)); err != nil {
			return err
		}
	}
}

func (w *Worker) handle(cmd Command) Reply {
	switch {
	case cmd.Op == "connect" && cmd.Connect != nil:
		return w.connect(*cmd.Connect)
	case cmd.Op == "reset":
		w.reset()
		return Reply{}
	case cmd.Op == "publish" && cmd.Publish != nil:
		return w.publish(*cmd.Publish)
	case cmd.Op == "drain" && cmd.Drain != nil:
		return Reply{Stats: w.drain(*cmd.Drain)}
	}
	return Reply{Error: fmt.Sprintf("bad command %q", cmd.Op)}
}

// fail records an error seen by a connection.
func (w *Worker) fail(err error) {
	w.errMu.Lock()
	defer w.errMu.Unlock()
	w.errs++
	if w.firstErr == "" {
		w.firstErr = err.Error()
	}
}

func (w *Worker) connect(cmd ConnectCmd) Reply {
	if cmd.N <= 0 || cmd.Concurrency <= 0 || cmd.SourceNet < 1 || cmd.SourceNet > 254 || cmd.Room == "" {
		return Reply{Error: fmt.Sprintf("bad connect command %+v", cmd)}
	}
	w.room = cmd.Room
	start := time.Now()
	base := len(w.conns)
	conns := make([]*conn, cmd.N)
	var (
		next     atomic.Int64
		wg       sync.WaitGroup
		mu       sync.Mutex
		failed   int
		firstErr string
	)
	for range min(cmd.Concurrency, cmd.N) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= cmd.N {
					return
				}
				k := (base + i) / connsPerIP
				ip := net.IPv4(127, byte(cmd.SourceNet), byte(k/250), byte(k%250+1))
				ws, err := dial(context.Background(), cmd.URL, ip, cmd.Room)
				if err != nil {
					mu.Lock()
					failed++
					if firstErr == "" {
						firstErr = err.Error()
					}
					mu.Unlock()
					continue
				}
				c := &conn{w: w, idx: base + i, ws: ws}
				c.alive.Store(true)
				conns[i] = c
				go c.readLoop()
			}
		})
	}
	wg.Wait()
	for _, c := range conns {
		if c != nil {
			w.conns = append(w.conns, c)
		}
	}
	return Reply{Connected: cmd.N - failed, Failed: failed, Seconds: time.Since(start).Seconds(), FirstError: firstErr}
}

// reset starts a phase: counters, histogram and CPU clock from zero.
func (w *Worker) reset() {
	for _, c := range w.conns {
		c.resetPhase()
	}
	w.hist.snapshot(true)
	w.errMu.Lock()
	w.errs, w.firstErr = 0, ""
	w.errMu.Unlock()
	w.last.Store(0)
	w.phaseStart = time.Now()
	w.cpuStart = cpuSeconds()
}

func (w *Worker) publish(cmd PublishCmd) Reply {
	if cmd.Publishers <= 0 || cmd.FirstID < 0 || cmd.FirstID+cmd.Publishers > MaxPublishers || cmd.Publishers > len(w.conns) {
		return Reply{Error: fmt.Sprintf("cannot run publishers %d to %d on %d connections",
			cmd.FirstID, cmd.FirstID+cmd.Publishers-1, len(w.conns))}
	}
	if cmd.Of < cmd.FirstID+cmd.Publishers {
		cmd.Of = cmd.FirstID + cmd.Publishers
	}
	published := make([]int64, cmd.FirstID+cmd.Publishers)
	errs := make([]error, cmd.Publishers)
	var wg sync.WaitGroup
	for i := range cmd.Publishers {
		id := cmd.FirstID + i
		p := &publisher{id: int64(id), c: w.conns[i], window: make(chan struct{}, max(cmd.Window, 1))}
		p.c.pub.Store(p)
		wg.Go(func() {
			defer p.c.pub.Store(nil)
			published[id], errs[i] = p.run(cmd, w.room)
		})
	}
	wg.Wait()
	r := Reply{Published: published}
	if err := errors.Join(errs...); err != nil {
		r.Error = err.Error()
	}
	return r
}

// drain waits for the phase's messages, then reports it.
func (w *Worker) drain(cmd DrainCmd) *Stats {
	var expected [MaxPublishers]int64
	var perConn int64
	for i, e := range cmd.Expected {
		if i < MaxPublishers {
			expected[i] = e
			perConn += e
		}
	}
	want := perConn * int64(len(w.conns))
	deadline := time.Now().Add(time.Duration(cmd.TimeoutSeconds * float64(time.Second)))
	drained := false
	for {
		var got int64
		for _, c := range w.conns {
			got += c.recv.Load()
		}
		if got >= want {
			drained = true
			break
		}
		if time.Now().After(deadline) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	s := &Stats{Latency: w.hist.snapshot(false), LastRecvNs: w.last.Load(), Drained: drained}
	for _, c := range w.conns {
		lost, reordered := c.tally(expected)
		s.Lost += lost
		s.Reordered += reordered
		s.Deliveries += c.recv.Load() + reordered
		if c.alive.Load() {
			s.Alive++
		}
	}
	w.errMu.Lock()
	s.Errors, s.FirstError = w.errs, w.firstErr
	w.errMu.Unlock()
	s.CPUSeconds = cpuSeconds() - w.cpuStart
	s.WallSeconds = time.Since(w.phaseStart).Seconds()
	return s
}

func (w *Worker) closeAll() {
	w.closing.Store(true)
	for _, c := range w.conns {
		c.ws.Close()
	}
}

// cpuSeconds returns the process's user + system CPU time.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

// raiseFileLimit lifts the open-file soft limit to the hard limit: a
// worker holds thousands of sockets.
func raiseFileLimit() {
	var l syscall.Rlimit
	if syscall.Getrlimit(syscall.RLIMIT_NOFILE, &l) == nil && l.Cur < l.Max {
		l.Cur = l.Max
		syscall.Setrlimit(syscall.RLIMIT_NOFILE, &l)
	}
}

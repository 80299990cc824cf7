package sioadmin

import (
	"cmp"
	"os"
	"slices"
	"sync"
	"time"
)

// serverStats is the UI's ServerStats.
type serverStats struct {
	ServerID            string            `json:"serverId"`
	Hostname            string            `json:"hostname"`
	PID                 int               `json:"pid"`
	Uptime              float64           `json:"uptime"` // seconds since Instrument
	ClientsCount        int               `json:"clientsCount"`
	PollingClientsCount int               `json:"pollingClientsCount"`
	AggregatedEvents    []aggregatedEvent `json:"aggregatedEvents"`
	Namespaces          []namespaceView   `json:"namespaces"`
}

type namespaceView struct {
	Name         string `json:"name"`
	SocketsCount int    `json:"socketsCount"`
}

// stats describes the server now; with counts, it hands over (and
// forgets) the aggregated counts, which go to every admin at once.
func (a *admin) stats(counts bool) serverStats {
	eng := a.srv.EngineStats()
	st := serverStats{
		ServerID:            a.opts.ServerID,
		Hostname:            a.hostname,
		PID:                 os.Getpid(),
		Uptime:              time.Since(a.started).Seconds(),
		ClientsCount:        eng.Polling + eng.WebSocket,
		PollingClientsCount: eng.Polling,
		AggregatedEvents:    []aggregatedEvent{},
		Namespaces:          []namespaceView{},
	}
	if counts {
		st.AggregatedEvents = a.counts.take()
	}
	for _, n := range a.srv.Namespaces() {
		st.Namespaces = append(st.Namespaces, namespaceView{n.Name(), len(n.LocalSockets())})
	}
	return st
}

// statsLoop sends server_stats to the admins until stop is closed.
func (a *admin) statsLoop(stop <-chan struct{}) {
	tick := time.NewTicker(a.opts.StatsInterval)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return
		case <-tick.C:
			a.emit("server_stats", a.stats(true))
		}
	}
}

// Types of aggregated events, as the UI charts them.
const (
	countConnection    = "rawConnection"
	countDisconnection = "rawDisconnection" // by reason
	countPacketsIn     = "packetsIn"
	countPacketsOut    = "packetsOut"
	countBytesIn       = "bytesIn"
	countBytesOut      = "bytesOut"
)

// aggregatedEvent is a count of one type of event within one second.
type aggregatedEvent struct {
	Timestamp int64  `json:"timestamp"` // the second, in milliseconds since the epoch
	Type      string `json:"type"`
	SubType   string `json:"subType,omitempty"`
	Count     int    `json:"count"`
}

// aggregate counts events per second until they are taken.
type aggregate struct {
	mu     sync.Mutex
	counts map[aggregateKey]int
}

type aggregateKey struct {
	second       int64
	typ, subType string
}

func (g *aggregate) add(typ, subType string, n int) {
	key := aggregateKey{time.Now().Unix(), typ, subType}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.counts == nil {
		g.counts = make(map[aggregateKey]int)
	}
	g.counts[key] += n
}

// take returns the counts in order of time, type and subtype, and forgets
// them.
func (g *aggregate) take() []aggregatedEvent {
	g.mu.Lock()
	counts := g.counts
	g.counts = nil
	g.mu.Unlock()
	events := make([]aggregatedEvent, 0, len(counts))
	for k, n := range counts {
		events = append(events, aggregatedEvent{Timestamp: k.second * 1000, Type: k.typ, SubType: k.subType, Count: n})
	}
	slices.SortFunc(events, func(x, y aggregatedEvent) int {
		return cmp.Or(cmp.Compare(x.Timestamp, y.Timestamp), cmp.Compare(x.Type, y.Type), cmp.Compare(x.SubType, y.SubType))
	})
	return events
}

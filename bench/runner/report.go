package runner

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// stat is the median and range of one metric over repetitions.
type stat struct {
	Median, Min, Max float64
	N                int
}

func statOf(vs []float64) stat {
	if len(vs) == 0 {
		return stat{}
	}
	s := slices.Sorted(slices.Values(vs))
	m := s[len(s)/2]
	if len(s)%2 == 0 {
		m = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return stat{Median: m, Min: s[0], Max: s[len(s)-1], N: len(s)}
}

// metric is one row kind of the results table.
type metric struct {
	scenario string
	name     string
	get      func(Sample) float64
	digits   int
	target   *target // nil: no target
}

// target is one of the goals the results are checked against, at the
// client counts in at (all when empty).
type target struct {
	text string
	at   []int
	// absolute targets judge the Go figures alone, the others the Go /
	// Node ratio of medians.
	absolute bool
	met      func(goStat stat, ratio float64) bool
}

// verdict is a target checked at one client count.
type verdict struct {
	text, what, clients, figure string
	met                         bool
}

func (v verdict) mark() string {
	if v.met {
		return "**met**"
	}
	return "**missed**"
}

// The targets of the second performance round: in a full run side by side
// with Node socket.io, never as timed tests.
func metrics(rates []float64) []metric {
	ms := []metric{
		{scenario: ScenarioSaturate, name: "deliveries/s", get: func(s Sample) float64 { return s.DeliveriesPerSec }, digits: 0,
			target: &target{text: "≥ 3× Node at 10k", at: []int{10000}, met: func(_ stat, r float64) bool { return r >= 3 }}},
		{scenario: ScenarioSaturate, name: "lost or reordered messages", get: func(s Sample) float64 { return float64(s.Lost + s.Reordered) }, digits: 0,
			target: &target{text: "none at 10k", at: []int{10000}, absolute: true, met: func(g stat, _ float64) bool { return g.Max == 0 }}},
		{scenario: ScenarioSaturate, name: "server CPU per delivery (µs)", get: func(s Sample) float64 { return s.ServerCPUPerDeliveryUs }, digits: 2},
		{scenario: ScenarioSaturate, name: "server CPU (cores)", get: func(s Sample) float64 { return s.ServerCores }, digits: 2},
		{scenario: ScenarioSaturate, name: "load client CPU (cores)", get: func(s Sample) float64 { return s.ClientCores }, digits: 2},
		{scenario: ScenarioSaturate, name: "latency p50 (ms)", get: func(s Sample) float64 { return s.P50Ms }, digits: 1},
		{scenario: ScenarioSaturate, name: "latency p99 (ms)", get: func(s Sample) float64 { return s.P99Ms }, digits: 1},
	}
	for _, r := range rates {
		sc := rateScenario(r)
		p99 := metric{scenario: sc, name: "latency p99 (ms)", get: func(s Sample) float64 { return s.P99Ms }, digits: 1}
		switch r {
		case 2:
			p99.target = &target{text: "≤ 1/4 of Node at 10k", at: []int{10000}, met: func(_ stat, r float64) bool { return r <= 0.25 }}
		case 10:
			p99.target = &target{text: "≤ 100 ms at 10k", at: []int{10000}, absolute: true, met: func(g stat, _ float64) bool { return g.Median <= 100 }}
		}
		ms = append(ms,
			metric{scenario: sc, name: "deliveries/s", get: func(s Sample) float64 { return s.DeliveriesPerSec }, digits: 0},
			metric{scenario: sc, name: "latency p50 (ms)", get: func(s Sample) float64 { return s.P50Ms }, digits: 1},
			metric{scenario: sc, name: "latency p90 (ms)", get: func(s Sample) float64 { return s.P90Ms }, digits: 1},
			p99,
			metric{scenario: sc, name: "latency max (ms)", get: func(s Sample) float64 { return s.MaxMs }, digits: 1},
			metric{scenario: sc, name: "server CPU per delivery (µs)", get: func(s Sample) float64 { return s.ServerCPUPerDeliveryUs }, digits: 2,
				target: &target{text: "≤ 1/2 of Node", met: func(_ stat, r float64) bool { return r <= 0.5 }}},
		)
	}
	ms = append(ms,
		metric{scenario: ScenarioIdle, name: "server RSS per connection (KiB)", get: func(s Sample) float64 { return s.RSSPerConnKB }, digits: 2,
			target: &target{text: "≤ 5 KiB at 10k and 19.5k", at: []int{10000, 19500}, absolute: true, met: func(g stat, _ float64) bool { return g.Median <= 5 }}},
		metric{scenario: ScenarioConnect, name: "connections/s", get: func(s Sample) float64 { return s.ConnectsPerSec }, digits: 0},
		metric{scenario: ScenarioConnect, name: "time to connect all (s)", get: connectSeconds, digits: 2,
			target: &target{text: "≤ 1/2 of Node at 19.5k", at: []int{19500}, met: func(_ stat, r float64) bool { return r <= 0.5 }}},
		metric{scenario: ScenarioConnect, name: "refused connections", get: func(s Sample) float64 { return float64(s.Failed) }, digits: 0,
			target: &target{text: "none at 19.5k", at: []int{19500}, absolute: true, met: func(g stat, _ float64) bool { return g.Max == 0 }}},
		metric{scenario: ScenarioConnect, name: "server CPU per connection (µs)", get: func(s Sample) float64 { return s.ServerCPUPerConnUs }, digits: 0},
	)
	return ms
}

// connectSeconds is how long a connect phase took.
func connectSeconds(s Sample) float64 {
	if s.ConnectsPerSec == 0 {
		return 0
	}
	return float64(s.Connected) / s.ConnectsPerSec
}

// check judges t at client count n; ok is false when the run has no
// figure for it.
func (t *target) check(n int, goStat, nodeStat stat, ratio float64, digits int) (v verdict, ok bool) {
	if len(t.at) > 0 && !slices.Contains(t.at, n) || goStat.N == 0 || !t.absolute && ratio == 0 {
		return verdict{}, false
	}
	v = verdict{text: t.text, clients: fmtNum(float64(n), 0), met: t.met(goStat, ratio)}
	if t.absolute {
		v.figure = fmtStat(goStat, digits)
	} else {
		v.figure = fmt.Sprintf("%s (%s vs %s)", fmtRatio(ratio), fmtNum(goStat.Median, digits), fmtNum(nodeStat.Median, digits))
	}
	return v, true
}

// scenarioTitle names a scenario for people.
func scenarioTitle(sc string) string {
	switch sc {
	case ScenarioSaturate:
		return "fan-out, saturation"
	case ScenarioIdle:
		return "idle connections"
	case ScenarioConnect:
		return "connect"
	}
	if r, ok := strings.CutPrefix(sc, "rate"); ok {
		if rate, err := strconv.ParseFloat(r, 64); err == nil {
			return "fan-out, " + perSecond(rate)
		}
	}
	return sc
}

// perSecond names a broadcast rate: "1 broadcast/s", "2 broadcasts/s".
func perSecond(rate float64) string {
	if rate == 1 {
		return "1 broadcast/s"
	}
	return fmt.Sprintf("%g broadcasts/s", rate)
}

// values collects one metric of one server, scenario and client count.
func values(samples []Sample, server, scenario string, clients int, get func(Sample) float64) []float64 {
	var vs []float64
	for _, s := range samples {
		if s.Server == server && s.Scenario == scenario && s.Clients == clients {
			vs = append(vs, get(s))
		}
	}
	return vs
}

func clientCounts(samples []Sample, scenario string) []int {
	var ns []int
	for _, s := range samples {
		if s.Scenario == scenario && !slices.Contains(ns, s.Clients) {
			ns = append(ns, s.Clients)
		}
	}
	slices.Sort(ns)
	return ns
}

func fmtStat(s stat, digits int) string {
	if s.N == 0 {
		return "—"
	}
	f := func(v float64) string { return fmtNum(v, digits) }
	if s.N == 1 || s.Min == s.Max {
		return f(s.Median)
	}
	return fmt.Sprintf("%s (%s–%s)", f(s.Median), f(s.Min), f(s.Max))
}

// fmtNum writes v with digits decimals and thousands separators.
func fmtNum(v float64, digits int) string {
	s := fmt.Sprintf("%.*f", digits, v)
	intPart, frac, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(intPart, "-")
	intPart = strings.TrimPrefix(intPart, "-")
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	out := b.String()
	if neg {
		out = "-" + out
	}
	if frac != "" {
		out += "." + frac
	}
	return out
}

func fmtRatio(r float64) string {
	switch {
	case r == 0:
		return "—"
	case r >= 10:
		return fmt.Sprintf("%.0f×", r)
	case r >= 0.1:
		return fmt.Sprintf("%.2f×", r)
	}
	return fmt.Sprintf("%.3f×", r)
}

// Markdown renders the results tables of res.
func Markdown(res *Results) string {
	var b strings.Builder
	m := res.Machine
	loads := statOf(func() []float64 {
		var vs []float64
		for _, s := range res.Samples {
			vs = append(vs, s.Load1)
		}
		return vs
	}())
	c := res.Config
	fmt.Fprintf(&b, "Run of %s, %.0f minutes; %d repetition(s); servers alternate which goes first.\n\n",
		res.Started.UTC().Format("2006-01-02 15:04 MST"), res.Seconds/60, c.Reps)
	fmt.Fprintf(&b, "Machine: %s, %d cores (GOMAXPROCS %d), %d GiB, Linux %s, %s, Node %s, socket.io %s, open-file limit %d per process.\n\n",
		m.CPU, m.Cores, m.GOMAXPROCS, m.MemoryGiB, m.Kernel, m.Go, m.Node, m.SocketIO, m.FileLimit)
	fmt.Fprintf(&b, "Load (one-minute average, sampled as each measurement started, everything included): median %.2f, range %.2f–%.2f.\n\n",
		loads.Median, loads.Min, loads.Max)
	fmt.Fprintf(&b, "Fan-out: every client in one room, payload %d bytes of JSON; fixed rates with one publisher for %gs; "+
		"saturation with %d publishers keeping %d broadcasts each in flight for %gs. Each cell: median (min–max) over repetitions.\n\n",
		c.PayloadBytes, c.RateSeconds, c.SaturatePublishers, c.Window, c.SaturateSeconds)

	b.WriteString("| scenario | clients | metric | rtgen (Go) | Node socket.io | Go / Node | target |\n")
	b.WriteString("|---|---:|---|---:|---:|---:|---|\n")
	var verdicts []verdict
	for _, mt := range metrics(c.Rates) {
		for _, n := range clientCounts(res.Samples, mt.scenario) {
			gs := statOf(values(res.Samples, "go", mt.scenario, n, mt.get))
			ns := statOf(values(res.Samples, "node", mt.scenario, n, mt.get))
			if gs.N == 0 && ns.N == 0 {
				continue // a size only other servers ran
			}
			ratio := 0.0
			if gs.N > 0 && ns.N > 0 && ns.Median != 0 {
				ratio = gs.Median / ns.Median
			}
			tgt := ""
			if mt.target != nil {
				if v, ok := mt.target.check(n, gs, ns, ratio, mt.digits); ok {
					v.what = scenarioTitle(mt.scenario) + ", " + mt.name
					verdicts = append(verdicts, v)
					tgt = v.text + ": " + v.mark()
				}
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s |\n", scenarioTitle(mt.scenario), fmtNum(float64(n), 0),
				mt.name, fmtStat(gs, mt.digits), fmtStat(ns, mt.digits), fmtRatio(ratio), tgt)
		}
	}
	spread, spreadVerdict := spreadReport(res)
	if spreadVerdict != nil {
		verdicts = append(verdicts, *spreadVerdict)
	}
	if len(verdicts) > 0 {
		b.WriteString("\nTargets (Go medians; a ratio is Go / Node):\n\n")
		b.WriteString("| target | metric | clients | figure | |\n|---|---|---:|---|---|\n")
		for _, v := range verdicts {
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", v.text, v.what, v.clients, v.figure, v.mark())
		}
	}

	b.WriteString(featureCosts(res))
	b.WriteString(clusterFanout(res))
	b.WriteString(spread)

	b.WriteString("\nLost and reordered messages, and client-side errors, summed over repetitions:\n\n")
	b.WriteString("| scenario | clients | server | published | delivered | lost | reordered | errors | all drained |\n")
	b.WriteString("|---|---:|---|---:|---:|---:|---:|---:|---|\n")
	type key struct {
		scenario, server string
		clients          int
	}
	agg := map[key]*Sample{}
	var keys []key
	for _, s := range res.Samples {
		if s.Scenario == ScenarioIdle || s.Scenario == ScenarioConnect {
			continue
		}
		k := key{s.Scenario, s.Server, s.Clients}
		a := agg[k]
		if a == nil {
			a = &Sample{Drained: true}
			agg[k] = a
			keys = append(keys, k)
		}
		a.Published += s.Published
		a.Deliveries += s.Deliveries
		a.Lost += s.Lost
		a.Reordered += s.Reordered
		a.Errors += s.Errors
		a.Drained = a.Drained && s.Drained
	}
	slices.SortFunc(keys, func(x, y key) int {
		return cmp.Or(cmp.Compare(x.scenario, y.scenario), cmp.Compare(x.clients, y.clients), cmp.Compare(x.server, y.server))
	})
	for _, k := range keys {
		a := agg[k]
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %d | %d | %d | %v |\n", scenarioTitle(k.scenario), fmtNum(float64(k.clients), 0),
			k.server, fmtNum(float64(a.Published), 0), fmtNum(float64(a.Deliveries), 0), a.Lost, a.Reordered, a.Errors, a.Drained)
	}
	failed := map[string]int{}
	for _, s := range res.Samples {
		if s.Scenario == ScenarioConnect {
			failed[s.Server] += s.Failed
		}
	}
	fmt.Fprintf(&b, "\nFailed connection attempts over the run: Go %d, Node %d.\n", failed["go"], failed["node"])
	if len(res.Failures) > 0 {
		b.WriteString("\nFailed sessions:\n\n")
		for _, f := range res.Failures {
			fmt.Fprintf(&b, "- %s\n", f)
		}
	}
	return b.String()
}

// fanoutScenarios are the run's fan-out scenarios: saturation, then the
// fixed rates.
func fanoutScenarios(res *Results) []string {
	scs := []string{ScenarioSaturate}
	for _, r := range res.Config.Rates {
		scs = append(scs, rateScenario(r))
	}
	return scs
}

// clusterFanout renders the fan-out of the cluster sessions, Go and Node
// side by side; "" when the run measured no cluster.
func clusterFanout(res *Results) string {
	rows := []struct {
		name   string
		get    func(Sample) float64
		digits int
	}{
		{"deliveries/s", func(s Sample) float64 { return s.DeliveriesPerSec }, 0},
		{"latency p50 (ms)", func(s Sample) float64 { return s.P50Ms }, 1},
		{"latency p99 (ms)", func(s Sample) float64 { return s.P99Ms }, 1},
		{"servers' CPU per delivery (µs)", func(s Sample) float64 { return s.ServerCPUPerDeliveryUs }, 2},
		{"Redis CPU per delivery (µs)", func(s Sample) float64 { return s.RedisCPUPerDeliveryUs }, 2},
	}
	samples := slices.DeleteFunc(slices.Clone(res.Samples), func(s Sample) bool { return s.Spread })
	var b strings.Builder
	for _, sc := range fanoutScenarios(res) {
		for _, n := range clientCounts(samples, sc) {
			for _, row := range rows {
				g := statOf(values(samples, ServerGoCluster, sc, n, row.get))
				nd := statOf(values(samples, ServerNodeCluster, sc, n, row.get))
				if g.N == 0 && nd.N == 0 {
					continue
				}
				if b.Len() == 0 {
					b.WriteString("\nCross-node fan-out: two servers on one Redis (a redis-server of the run's own), the Go ones on runtime/sioredis, " +
						"the Node ones on @socket.io/redis-streams-adapter; half the clients on each server, the publishers on the first, " +
						"so that half the deliveries cross servers. Server CPU sums both servers.\n\n")
					b.WriteString("| scenario | clients | metric | rtgen (Go) ×2 | Node socket.io ×2 | Go / Node |\n")
					b.WriteString("|---|---:|---|---:|---:|---:|\n")
				}
				ratio := 0.0
				if g.N > 0 && nd.N > 0 && nd.Median != 0 {
					ratio = g.Median / nd.Median
				}
				fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", scenarioTitle(sc), fmtNum(float64(n), 0), row.name,
					fmtStat(g, row.digits), fmtStat(nd, row.digits), fmtRatio(ratio))
			}
		}
	}
	return b.String()
}

// featureCosts renders, for each Go variant the run measured, the Go
// server's CPU per delivery and its RSS with the variant's feature off and
// on, side by side; "" when the run measured none.
func featureCosts(res *Results) string {
	var b strings.Builder
	scenarios := fanoutScenarios(res)
	perDelivery := func(s Sample) float64 { return s.ServerCPUPerDeliveryUs }
	rssMiB := func(s Sample) float64 { return s.RSSKB / 1024 }
	perConn := func(s Sample) float64 { return s.RSSPerConnKB }
	for _, variant := range slices.Sorted(maps.Keys(goVariants)) {
		var rows strings.Builder
		row := func(sc string, n int, get func(Sample) float64, digits int, what string) {
			off := statOf(values(res.Samples, "go", sc, n, get))
			on := statOf(values(res.Samples, variant, sc, n, get))
			if on.N == 0 {
				return
			}
			ratio := 0.0
			if off.N > 0 && off.Median != 0 {
				ratio = on.Median / off.Median
			}
			fmt.Fprintf(&rows, "| %s | %s | %s | %s | %s | %s |\n", scenarioTitle(sc), fmtNum(float64(n), 0), what,
				fmtStat(off, digits), fmtStat(on, digits), fmtRatio(ratio))
		}
		for _, sc := range scenarios {
			for _, n := range clientCounts(res.Samples, sc) {
				row(sc, n, perDelivery, 2, "server CPU per delivery (µs)")
				row(sc, n, rssMiB, 0, "server RSS after the phase (MiB)")
			}
		}
		for _, n := range clientCounts(res.Samples, ScenarioIdle) {
			row(ScenarioIdle, n, perConn, 2, "server RSS per connection (KiB)")
		}
		if rows.Len() == 0 {
			continue
		}
		fmt.Fprintf(&b, "\nCost of %s: the Go server with it off (`go`) and on (`%s`), same run:\n\n", goVariants[variant].feature, variant)
		b.WriteString("| scenario | clients | metric | off | on | on / off |\n")
		b.WriteString("|---|---:|---|---:|---:|---:|\n")
		b.WriteString(rows.String())
	}
	return b.String()
}

// spreadReport renders the spread case, Go and Node clusters side by side,
// and judges its target on the Go cluster: every client connected and
// every broadcast delivered to every client, nothing lost or reordered.
// It returns "" and nil when the run measured no spread.
func spreadReport(res *Results) (string, *verdict) {
	sp := res.Config.Spread
	samples := slices.DeleteFunc(slices.Clone(res.Samples), func(s Sample) bool { return !s.Spread })
	if len(samples) == 0 {
		return "", nil
	}
	rate := rateScenario(sp.Rate)
	lostOrReordered := func(s Sample) float64 { return float64(s.Lost + s.Reordered) }
	rows := []struct {
		scenario, name string
		get            func(Sample) float64
		digits         int
	}{
		{ScenarioConnect, "time to connect all (s)", connectSeconds, 1},
		{ScenarioConnect, "refused connections", func(s Sample) float64 { return float64(s.Failed) }, 0},
		{ScenarioConnect, "servers' CPU per connection (µs)", func(s Sample) float64 { return s.ServerCPUPerConnUs }, 0},
		{ScenarioIdle, "servers' RSS in all (MiB)", func(s Sample) float64 { return s.RSSKB / 1024 }, 0},
		{ScenarioIdle, "servers' RSS per connection (KiB)", func(s Sample) float64 { return s.RSSPerConnKB }, 2},
		{rate, "deliveries/s", func(s Sample) float64 { return s.DeliveriesPerSec }, 0},
		{rate, "latency p50 (ms)", func(s Sample) float64 { return s.P50Ms }, 1},
		{rate, "latency p99 (ms)", func(s Sample) float64 { return s.P99Ms }, 1},
		{rate, "servers' CPU per delivery (µs)", func(s Sample) float64 { return s.ServerCPUPerDeliveryUs }, 2},
		{rate, "lost or reordered messages", lostOrReordered, 0},
		{ScenarioSaturate, "deliveries/s", func(s Sample) float64 { return s.DeliveriesPerSec }, 0},
		{ScenarioSaturate, "latency p50 (ms)", func(s Sample) float64 { return s.P50Ms }, 1},
		{ScenarioSaturate, "latency p99 (ms)", func(s Sample) float64 { return s.P99Ms }, 1},
		{ScenarioSaturate, "servers' CPU per delivery (µs)", func(s Sample) float64 { return s.ServerCPUPerDeliveryUs }, 2},
		{ScenarioSaturate, "Redis CPU per delivery (µs)", func(s Sample) float64 { return s.RedisCPUPerDeliveryUs }, 2},
		{ScenarioSaturate, "servers' RSS after the phase (MiB)", func(s Sample) float64 { return s.RSSKB / 1024 }, 0},
		{ScenarioSaturate, "lost or reordered messages", lostOrReordered, 0},
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\nMany connections across many processes: %s clients over %d servers on one Redis, "+
		"as many on each server; one publisher on every server, so that each broadcast reaches every server's clients "+
		"from any of them; %s in all for %gs, then saturation with one publisher per server keeping %d "+
		"broadcasts in flight for %gs. Server figures sum the %d servers.\n\n",
		fmtNum(float64(sp.Clients), 0), sp.Nodes, perSecond(sp.Rate), res.Config.RateSeconds, res.Config.Window,
		res.Config.SaturateSeconds, sp.Nodes)
	fmt.Fprintf(&b, "| scenario | metric | rtgen (Go) ×%d | Node socket.io ×%d | Go / Node |\n", sp.Nodes, sp.Nodes)
	b.WriteString("|---|---|---:|---:|---:|\n")
	for _, row := range rows {
		g := statOf(values(samples, ServerGoCluster, row.scenario, sp.Clients, row.get))
		nd := statOf(values(samples, ServerNodeCluster, row.scenario, sp.Clients, row.get))
		ratio := 0.0
		if g.N > 0 && nd.N > 0 && nd.Median != 0 {
			ratio = g.Median / nd.Median
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", scenarioTitle(row.scenario), row.name,
			fmtStat(g, row.digits), fmtStat(nd, row.digits), fmtRatio(ratio))
	}

	var goSamples []Sample
	for _, s := range samples {
		if s.Server == ServerGoCluster {
			goSamples = append(goSamples, s)
		}
	}
	if len(goSamples) == 0 {
		return b.String(), nil
	}
	met := true
	for _, s := range goSamples {
		switch s.Scenario {
		case ScenarioConnect:
			met = met && s.Connected == sp.Clients && s.Failed == 0
		case rate, ScenarioSaturate:
			met = met && s.Drained && s.Lost == 0 && s.Reordered == 0 && s.Errors == 0
		}
	}
	// A session that failed before its phases leaves them missing.
	for _, sc := range []string{ScenarioConnect, rate, ScenarioSaturate} {
		met = met && slices.ContainsFunc(goSamples, func(s Sample) bool { return s.Scenario == sc })
	}
	median := func(sc string, get func(Sample) float64) float64 {
		return statOf(values(samples, ServerGoCluster, sc, sp.Clients, get)).Median
	}
	v := &verdict{
		text:    fmt.Sprintf("%s connections across %d processes on Redis, every broadcast delivered", fmtNum(float64(sp.Clients), 0), sp.Nodes),
		what:    "many connections across many processes",
		clients: fmtNum(float64(sp.Clients), 0),
		figure: fmt.Sprintf("%s deliveries/s at saturation, p99 %s ms at %s, RSS %s MiB in all",
			fmtNum(median(ScenarioSaturate, func(s Sample) float64 { return s.DeliveriesPerSec }), 0),
			fmtNum(median(rate, func(s Sample) float64 { return s.P99Ms }), 0), perSecond(sp.Rate),
			fmtNum(median(ScenarioIdle, func(s Sample) float64 { return s.RSSKB / 1024 }), 0)),
		met: met,
	}
	return b.String(), v
}

package siometrics_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/rtgen/rtgen/runtime/siometrics"
	"github.com/rtgen/rtgen/runtime/socketio"
)

// The Grafana dashboard in docs/ queries only metrics the Collector
// exports, grouped by labels they have: it cannot drift from the code.
func TestDashboardMatchesTheCollector(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "docs", "grafana-dashboard.json"))
	if err != nil {
		t.Fatal(err)
	}
	var dash struct {
		Panels []struct {
			Title   string
			Targets []struct{ Expr string }
		}
		Templating struct {
			List []struct{ Definition string }
		}
	}
	if err := json.Unmarshal(raw, &dash); err != nil {
		t.Fatal(err)
	}
	labels := map[string][]string{} // metric name → its labels
	ch := make(chan *prometheus.Desc, 64)
	go func() {
		siometrics.New(socketio.NewServer(socketio.Config{}), siometrics.Options{}).Describe(ch)
		close(ch)
	}()
	descRE := regexp.MustCompile(`fqName: "([^"]+)".*variableLabels: \{([^}]*)\}`)
	for d := range ch {
		m := descRE.FindStringSubmatch(d.String())
		if m == nil {
			t.Fatalf("unexpected Desc %s", d)
		}
		labels[m[1]] = append(strings.Split(m[2], ","), "job", "le")
	}
	nameRE := regexp.MustCompile(`socketio_[a-z_]+`)
	byRE := regexp.MustCompile(`by \(([^)]*)\) \((?:rate\()?(socketio_[a-z_]+)`)
	var exprs []string
	for _, p := range dash.Panels {
		for _, tg := range p.Targets {
			exprs = append(exprs, tg.Expr)
		}
	}
	for _, v := range dash.Templating.List {
		exprs = append(exprs, v.Definition)
	}
	for _, e := range exprs {
		for _, name := range nameRE.FindAllString(e, -1) {
			if labels[metricOf(name)] == nil {
				t.Errorf("dashboard queries %s, which the Collector does not export: %s", name, e)
			}
		}
		for _, m := range byRE.FindAllStringSubmatch(e, -1) {
			for _, l := range strings.Split(m[1], ",") {
				if l = strings.TrimSpace(l); !slices.Contains(labels[metricOf(m[2])], l) {
					t.Errorf("dashboard groups %s by %q, which it lacks: %s", m[2], l, e)
				}
			}
		}
	}
	if len(exprs) < 20 {
		t.Errorf("only %d queries in the dashboard", len(exprs))
	}
}

// metricOf maps a histogram's series name to the histogram.
func metricOf(series string) string {
	for _, suffix := range []string{"_bucket", "_count", "_sum"} {
		if base, ok := strings.CutSuffix(series, suffix); ok && strings.HasSuffix(base, "_seconds") {
			return base
		}
	}
	return series
}

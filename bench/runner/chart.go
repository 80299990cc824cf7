package runner

import (
	"fmt"
	"image/color"
	"os"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

var serverStyle = map[string]struct {
	label string
	color color.Color
}{
	"go":   {"rtgen (Go)", color.RGBA{0, 125, 156, 255}},
	"node": {"Node socket.io 4.8", color.RGBA{200, 80, 40, 255}},
}

// Chart renders, side by side, deliveries/s at saturation and p99 latency
// at each fixed rate against client count, medians for both servers, into
// a PNG at path.
func Chart(res *Results, path string) error {
	left := plot.New()
	left.Title.Text = "Fan-out at saturation"
	left.X.Label.Text = "clients in the room"
	left.Y.Label.Text = "deliveries/s (median)"
	left.Y.Tick.Marker = thousandsTicks{}
	left.X.Tick.Marker = thousandsTicks{}
	right := plot.New()
	right.Title.Text = "Latency p99 at fixed broadcast rates"
	right.X.Label.Text = "clients in the room"
	right.Y.Label.Text = "p99 latency (ms, log scale)"
	right.Y.Scale = plot.LogScale{}
	right.Y.Tick.Marker = plot.LogTicks{Prec: -1}
	right.X.Tick.Marker = thousandsTicks{}

	for _, server := range []string{"go", "node"} {
		st := serverStyle[server]
		if err := addLine(left, res, server, ScenarioSaturate, st.label, st.color, nil,
			func(s Sample) float64 { return s.DeliveriesPerSec }); err != nil {
			return err
		}
		for i, r := range res.Config.Rates {
			dashes := []vg.Length{vg.Points(6), vg.Points(3)}
			if i == 0 {
				dashes = nil
			}
			label := fmt.Sprintf("%s, %g/s", st.label, r)
			if err := addLine(right, res, server, rateScenario(r), label, st.color, dashes,
				func(s Sample) float64 { return max(s.P99Ms, 0.01) }); err != nil {
				return err
			}
		}
	}
	// Deliveries/s fall with the room's size: the free corner is top right.
	// Latency rises with it: the free corner is bottom right.
	left.Legend.Top = true
	left.Y.Min = 0
	right.Legend.Top = false

	const w, h = 11 * vg.Inch, 4.5 * vg.Inch
	img := vgimg.New(w, h)
	dc := draw.New(img)
	tiles := draw.Tiles{Rows: 1, Cols: 2, PadX: vg.Inch / 4, PadLeft: vg.Inch / 8, PadRight: vg.Inch / 8, PadTop: vg.Inch / 8, PadBottom: vg.Inch / 8}
	canvases := plot.Align([][]*plot.Plot{{left, right}}, tiles, dc)
	left.Draw(canvases[0][0])
	right.Draw(canvases[0][1])

	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// addLine plots the medians of one metric against client count.
func addLine(p *plot.Plot, res *Results, server, scenario, label string, c color.Color, dashes []vg.Length, get func(Sample) float64) error {
	var pts plotter.XYs
	for _, n := range clientCounts(res.Samples, scenario) {
		s := statOf(values(res.Samples, server, scenario, n, get))
		if s.N > 0 {
			pts = append(pts, plotter.XY{X: float64(n), Y: s.Median})
		}
	}
	if len(pts) == 0 {
		return nil
	}
	line, points, err := plotter.NewLinePoints(pts)
	if err != nil {
		return err
	}
	line.Color, line.Width, line.Dashes = c, vg.Points(2), dashes
	points.Color, points.Shape = c, draw.CircleGlyph{}
	p.Add(line, points)
	p.Legend.Add(label, line, points)
	return nil
}

// thousandsTicks labels axes 10k, 20k, … instead of 10000.
type thousandsTicks struct{}

func (thousandsTicks) Ticks(min, max float64) []plot.Tick {
	ts := plot.DefaultTicks{}.Ticks(min, max)
	for i := range ts {
		if ts[i].Label == "" {
			continue
		}
		v := ts[i].Value
		switch {
		case v >= 1e6:
			ts[i].Label = fmt.Sprintf("%gM", v/1e6)
		case v >= 1e3:
			ts[i].Label = fmt.Sprintf("%gk", v/1e3)
		}
	}
	return ts
}

package loadclient

import (
	"math"
	"testing"
)

func TestBuckets(t *testing.T) {
	prev := -1
	for _, v := range []uint64{0, 1, 127, 128, 129, 255, 256, 1000, 1 << 20, 1<<40 + 12345} {
		b := bucketOf(v)
		if b < prev {
			t.Errorf("bucketOf(%d) = %d, before %d", v, b, prev)
		}
		prev = b
		if lo, hi := bucketLow(b), bucketLow(b+1); v < lo || v >= hi {
			t.Errorf("%d not in bucket %d = [%d,%d)", v, b, lo, hi)
		} else if v >= 128 && float64(hi-lo)/float64(lo) > 1.0/64+1e-9 {
			t.Errorf("bucket %d too wide: [%d,%d)", b, lo, hi)
		}
	}
}

func TestQuantiles(t *testing.T) {
	var s shardedHist
	for v := uint64(1); v <= 10000; v++ {
		s.record(int(v), v)
	}
	h := s.snapshot(true)
	if h.N != 10000 || h.Max != 10000 {
		t.Fatalf("N, Max = %d, %d", h.N, h.Max)
	}
	for _, q := range []float64{0.5, 0.9, 0.99} {
		want := q * 10000
		if got := h.Quantile(q); math.Abs(got-want)/want > 0.02 {
			t.Errorf("Quantile(%v) = %v, want ≈ %v", q, got, want)
		}
	}
	if got := h.Quantile(1); got != 10000 {
		t.Errorf("Quantile(1) = %v", got)
	}
	if e := s.snapshot(false); e.N != 0 {
		t.Errorf("reset left %d samples", e.N)
	}
	var m Hist
	m.Merge(h)
	m.Merge(h)
	if m.N != 20000 || m.Quantile(0.5) != h.Quantile(0.5) {
		t.Errorf("Merge: N=%d p50=%v", m.N, m.Quantile(0.5))
	}
}

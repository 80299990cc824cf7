package loadclient

import (
	"math/bits"
	"sync"
)

// Latencies are recorded in microseconds in a log-linear histogram:
// exact below 128 µs, then 64 buckets per power of two, so any quantile is
// within 1.6% of the true value.
const (
	subBits    = 6
	numBuckets = (64 - subBits) << subBits
)

func bucketOf(v uint64) int {
	if v < 1<<(subBits+1) {
		return int(v)
	}
	shift := bits.Len64(v) - (subBits + 1)
	return (shift+1)<<subBits + int(v>>shift) - 1<<subBits
}

// bucketLow returns the smallest value of bucket i.
func bucketLow(i int) uint64 {
	if i < 1<<(subBits+1) {
		return uint64(i)
	}
	shift := i>>subBits - 1
	return uint64(i&(1<<subBits-1)+1<<subBits) << shift
}

// Hist is a latency histogram. The zero value is empty and ready.
type Hist struct {
	Counts map[int]uint64 `json:"counts"` // bucket → count, sparse
	N      uint64         `json:"n"`
	Max    uint64         `json:"max"` // exact, µs
}

// Merge adds o into h.
func (h *Hist) Merge(o Hist) {
	if h.Counts == nil {
		h.Counts = make(map[int]uint64, len(o.Counts))
	}
	for b, c := range o.Counts {
		h.Counts[b] += c
	}
	h.N += o.N
	h.Max = max(h.Max, o.Max)
}

// Quantile returns the value (µs) below which a fraction q of the samples
// lie: the middle of the bucket holding it, or the exact maximum for q=1.
func (h *Hist) Quantile(q float64) float64 {
	if h.N == 0 {
		return 0
	}
	if q >= 1 {
		return float64(h.Max)
	}
	rank := uint64(q*float64(h.N-1)) + 1
	var seen uint64
	for i := 0; i < numBuckets; i++ {
		c := h.Counts[i]
		if c == 0 {
			continue
		}
		seen += c
		if seen >= rank {
			lo, hi := bucketLow(i), bucketLow(i+1)
			return min(float64(lo+hi-1)/2, float64(h.Max))
		}
	}
	return float64(h.Max)
}

// shardedHist lets many connection goroutines record without contending:
// each connection records into the shard its index selects.
type shardedHist struct {
	shards [16]histShard
}

type histShard struct {
	mu     sync.Mutex
	counts [numBuckets]uint64
	n, max uint64
	_      [64]byte // keep neighbouring shards' locks off one cache line
}

func (s *shardedHist) record(shard int, us uint64) {
	h := &s.shards[shard%len(s.shards)]
	b := min(bucketOf(us), numBuckets-1)
	h.mu.Lock()
	h.counts[b]++
	h.n++
	h.max = max(h.max, us)
	h.mu.Unlock()
}

// snapshot returns the merged histogram and, if reset, empties the shards.
func (s *shardedHist) snapshot(reset bool) Hist {
	out := Hist{Counts: make(map[int]uint64)}
	for i := range s.shards {
		h := &s.shards[i]
		h.mu.Lock()
		for b, c := range h.counts {
			if c != 0 {
				out.Counts[b] += c
			}
		}
		out.N += h.n
		out.Max = max(out.Max, h.max)
		if reset {
			h.counts = [numBuckets]uint64{}
			h.n, h.max = 0, 0
		}
		h.mu.Unlock()
	}
	return out
}

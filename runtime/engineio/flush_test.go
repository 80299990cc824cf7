package engineio

import "testing"

// The flusher's list stays first in, first out, and loses nothing, while
// it is appended to and taken from in turns (its written part is then
// dropped now and then rather than kept).
func TestFlusherListOrder(t *testing.T) {
	f := &flusher{workers: 1} // maxWorkers 0: no worker starts, the test is the one
	sessions := make([]*Session, 5000)
	for i := range sessions {
		sessions[i] = &Session{}
	}
	next := 0
	for i, s := range sessions {
		f.add(s)
		if i%3 != 0 { // take two of every three: the list keeps growing
			if got := f.take(); got != sessions[next] {
				t.Fatalf("take %d: session %p, want %p", next, got, sessions[next])
			}
			next++
		}
	}
	for ; next < len(sessions); next++ {
		if got := f.take(); got != sessions[next] {
			t.Fatalf("take %d: wrong session", next)
		}
	}
	if got := f.take(); got != nil || f.workers != 0 {
		t.Fatalf("take on an empty list: %v, workers %d", got, f.workers)
	}
}

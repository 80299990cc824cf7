package engineio

import (
	"sync"
	"time"
)

// heartbeats fires the sessions' heartbeat events (the next ping, or the
// pong deadline) on one timer per server instead of one per session: a
// session is listed under the tick of its next event, and the timer runs
// at each tick that has sessions. A tick is a sixteenth of the shorter of
// PingInterval and PingTimeout, so an event fires at most that late; a
// pong deadline still counts from the scheduled ping, so a late tick never
// extends a client's allowance. Rescheduling a session does not look for
// its entry: the entry carries the session's heartbeat generation, and an
// entry of an older one is dropped when its tick comes.
type heartbeats struct {
	tick  time.Duration
	start time.Time // tick n ends at start + n*tick

	mu    sync.Mutex
	due   map[int64][]heartbeatEntry // by tick
	timer *time.Timer
	next  int64 // the tick the timer is set for; 0 when it is not set
}

type heartbeatEntry struct {
	s   *Session
	gen uint32
}

func newHeartbeats(cfg *settings) *heartbeats {
	h := &heartbeats{
		tick:  max(min(cfg.PingInterval, cfg.PingTimeout)/16, time.Millisecond),
		start: time.Now(),
		due:   make(map[int64][]heartbeatEntry),
	}
	h.timer = time.AfterFunc(time.Hour, h.fire)
	h.timer.Stop()
	return h
}

// schedule lists s (at heartbeat generation gen) for its event at t.
func (h *heartbeats) schedule(s *Session, gen uint32, t time.Time) {
	tick := int64((t.Sub(h.start) + h.tick - 1) / h.tick) // the first tick at or after t
	h.mu.Lock()
	defer h.mu.Unlock()
	h.due[tick] = append(h.due[tick], heartbeatEntry{s, gen})
	if h.next == 0 || tick < h.next {
		h.next = tick
		h.timer.Reset(time.Until(h.start.Add(time.Duration(tick) * h.tick)))
	}
}

// fire runs every event whose tick has come, and sets the timer for the
// next tick with sessions.
func (h *heartbeats) fire() {
	now := int64(time.Since(h.start) / h.tick)
	var ready []heartbeatEntry
	h.mu.Lock()
	h.next = 0
	for tick, entries := range h.due {
		if tick <= now {
			ready = append(ready, entries...)
			delete(h.due, tick)
		} else if h.next == 0 || tick < h.next {
			h.next = tick
		}
	}
	if h.next != 0 {
		h.timer.Reset(time.Until(h.start.Add(time.Duration(h.next) * h.tick)))
	}
	h.mu.Unlock()
	for _, e := range ready {
		e.s.onHeartbeat(e.gen)
	}
}

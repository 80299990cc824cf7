package socketio

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"time"
)

// memHistory is the MemoryAdapter's RecoveryStore: the namespace's stored
// packets in offset order and the sessions of disconnected sockets.
// Offsets are decimal counters starting at 1; "0" is the position of an
// empty history. They mean nothing to another process, whose sessions are
// unknown here anyway.
type memHistory struct {
	cfg RecoveryConfig

	// mu is held from storing a packet until it has been handed to every
	// recipient, so that each socket receives stored packets in offset
	// order (a client resumes from the last offset it saw).
	mu      sync.Mutex
	entries []memEntry // offsets first, first+1, …; a superseded entry has a nil packet
	first   uint64
	next    uint64 // the offset the next stored packet gets
	live    int    // entries with a packet
	bytes   int    // their encoded size
	// lost is the highest offset of a live packet the caps dropped: a gap
	// that starts before it cannot be replayed whole.
	lost    uint64
	dropped uint64
	latest  map[string]uint64 // LatestKey and audience → offset of the newest

	sessionsMu sync.Mutex
	sessions   map[string]memSession // by private id
	swept      time.Time
}

type memEntry struct {
	p    *Packet
	opts BroadcastOptions
	at   time.Time
	size int
	slot string // the latest key and audience it fills; "" for other packets
}

type memSession struct {
	PersistedSession
	expires time.Time
}

func newMemHistory(cfg RecoveryConfig) *memHistory {
	return &memHistory{
		cfg:      cfg,
		first:    1,
		next:     1,
		latest:   make(map[string]uint64),
		sessions: make(map[string]memSession),
	}
}

// store adds p to the history and returns it carrying its offset. The
// caller holds h.mu until the returned packet has been delivered.
func (h *memHistory) store(p *Packet, opts BroadcastOptions) *Packet {
	off := h.next
	h.next++
	q := p.WithOffset(strconv.FormatUint(off, 10))
	e := memEntry{p: q, opts: opts, at: time.Now(), size: packetSize(q)}
	if opts.LatestKey != "" {
		// Only a packet for the same audience may supersede another: a
		// client in just one of two audiences still needs its own latest.
		e.slot = opts.LatestKey + "\x00" + fmt.Sprint(opts.Rooms) + "\x00" + fmt.Sprint(opts.Except)
		if prev, ok := h.latest[e.slot]; ok && prev >= h.first {
			h.supersede(prev)
		}
		h.latest[e.slot] = off
	}
	h.entries = append(h.entries, e)
	h.live++
	h.bytes += e.size
	h.trim(e.at)
	return q
}

// supersede frees the packet at offset off: a later one with the same
// key and audience replaces it, so no gap ever needs it.
func (h *memHistory) supersede(off uint64) {
	e := &h.entries[off-h.first]
	if e.p == nil {
		return
	}
	h.live--
	h.bytes -= e.size
	*e = memEntry{}
}

// trim drops the oldest entries beyond the caps, and those older than the
// longest disconnection a session may survive.
func (h *memHistory) trim(now time.Time) {
	expired := now.Add(-h.cfg.MaxDisconnectionDuration)
	for len(h.entries) > 0 {
		e := &h.entries[0]
		if e.p != nil {
			if h.live <= h.cfg.HistoryPackets && h.bytes <= h.cfg.HistoryBytes && e.at.After(expired) {
				return
			}
			h.live--
			h.bytes -= e.size
			h.lost = h.first
			h.dropped++
			if e.slot != "" && h.latest[e.slot] == h.first {
				delete(h.latest, e.slot)
			}
		}
		*e = memEntry{}
		h.entries = h.entries[1:]
		h.first++
	}
}

func packetSize(p *Packet) int {
	n := len(p.text)
	for _, a := range p.attachments {
		n += len(a)
	}
	return n
}

// Position implements RecoveryStore.
func (h *memHistory) Position(context.Context) (string, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return strconv.FormatUint(h.next-1, 10), nil
}

// Missed implements RecoveryStore.
func (h *memHistory) Missed(_ context.Context, offset string, rooms []string) ([]*Packet, error) {
	off, err := strconv.ParseUint(offset, 10, 64)
	if err != nil {
		return nil, fmt.Errorf("%w: offset %q is not one of this server's", ErrNotRecoverable, offset)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	switch {
	case off >= h.next:
		return nil, fmt.Errorf("%w: offset %q is not one of this server's", ErrNotRecoverable, offset)
	case off < h.lost:
		return nil, fmt.Errorf("%w: the history no longer holds the events after offset %s", ErrNotRecoverable, offset)
	}
	var out []*Packet
	var keys []string
	for i := max(off+1, h.first) - h.first; i < uint64(len(h.entries)); i++ {
		e := h.entries[i]
		if e.p == nil || !e.opts.Reaches(rooms) {
			continue
		}
		out = append(out, e.p)
		keys = append(keys, e.opts.LatestKey)
	}
	return KeepLatest(out, keys), nil
}

// KeepLatest drops every packet followed by a later one with the same
// non-empty key (BroadcastOptions.LatestKey), keeping the order of the
// rest: what a RecoveryStore's Missed returns of a gap.
func KeepLatest(packets []*Packet, keys []string) []*Packet {
	seen := make(map[string]bool)
	keep := make([]bool, len(packets))
	for i := len(packets) - 1; i >= 0; i-- {
		k := keys[i]
		keep[i] = k == "" || !seen[k]
		seen[k] = true
	}
	out := packets[:0]
	for i, p := range packets {
		if keep[i] {
			out = append(out, p)
		}
	}
	return out
}

// Reaches reports whether a broadcast with opts reaches a socket in rooms.
func (opts BroadcastOptions) Reaches(rooms []string) bool {
	in := len(opts.Rooms) == 0
	for _, r := range rooms {
		if slices.Contains(opts.Except, r) {
			return false
		}
		in = in || slices.Contains(opts.Rooms, r)
	}
	return in
}

// PersistSession implements RecoveryStore.
func (h *memHistory) PersistSession(_ context.Context, s PersistedSession, ttl time.Duration) error {
	now := time.Now()
	h.sessionsMu.Lock()
	defer h.sessionsMu.Unlock()
	if now.Sub(h.swept) > time.Minute {
		for pid, ms := range h.sessions {
			if now.After(ms.expires) {
				delete(h.sessions, pid)
			}
		}
		h.swept = now
	}
	h.sessions[s.PID] = memSession{PersistedSession: s, expires: now.Add(ttl)}
	return nil
}

// TakeSession implements RecoveryStore.
func (h *memHistory) TakeSession(_ context.Context, pid string) (PersistedSession, error) {
	h.sessionsMu.Lock()
	defer h.sessionsMu.Unlock()
	ms, ok := h.sessions[pid]
	delete(h.sessions, pid)
	if !ok || time.Now().After(ms.expires) {
		return PersistedSession{}, fmt.Errorf("%w: unknown or expired session", ErrNotRecoverable)
	}
	return ms.PersistedSession, nil
}

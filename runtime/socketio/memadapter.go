package socketio

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"
)

// MemoryAdapter is the in-process Adapter: rooms live in two maps
// (room → sockets, socket → rooms) under one RWMutex. It is the default,
// and a multi-node Adapter can embed it as its local index. When the
// namespace has recovery on, it is also the namespace's RecoveryStore,
// keeping the history in memory (so it does not survive a restart).
type MemoryAdapter struct {
	ns   AdapterNamespace
	hist *memHistory // nil without recovery

	mu    sync.RWMutex
	rooms map[string]idSet // room → socket ids
	sids  map[string]idSet // socket id → rooms
}

// NewMemoryAdapter returns an empty MemoryAdapter delivering through ns.
func NewMemoryAdapter(ns AdapterNamespace) *MemoryAdapter {
	a := &MemoryAdapter{
		ns:    ns,
		rooms: make(map[string]idSet),
		sids:  make(map[string]idSet),
	}
	if cfg := ns.Recovery(); cfg != nil {
		a.hist = newMemHistory(*cfg)
	}
	return a
}

// AddAll implements Adapter.
func (a *MemoryAdapter) AddAll(id string, rooms []string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	mine := a.sids[id]
	for _, r := range rooms {
		mine.add(r)
		members := a.rooms[r]
		members.add(id)
		a.rooms[r] = members
	}
	a.sids[id] = mine
}

// Del implements Adapter.
func (a *MemoryAdapter) Del(id, room string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if mine, ok := a.sids[id]; ok {
		mine.remove(room)
		a.sids[id] = mine
	}
	a.leaveLocked(id, room)
}

// DelAll implements Adapter.
func (a *MemoryAdapter) DelAll(id string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	mine := a.sids[id]
	for r := range mine.all() {
		a.leaveLocked(id, r)
	}
	delete(a.sids, id)
}

func (a *MemoryAdapter) leaveLocked(id, room string) {
	members, ok := a.rooms[room]
	if !ok {
		return
	}
	members.remove(id)
	if members.len() == 0 {
		delete(a.rooms, room) // empty rooms must not accumulate
		return
	}
	a.rooms[room] = members
}

// SocketRooms implements Adapter.
func (a *MemoryAdapter) SocketRooms(id string) []string {
	a.mu.RLock()
	defer a.mu.RUnlock()
	mine, ok := a.sids[id]
	if !ok {
		return nil
	}
	return slices.Sorted(mine.all())
}

// Broadcast implements Adapter: the recipients are computed under the read
// lock, then delivered after it is released. With recovery on, a packet
// that is not volatile is stored first and delivered with its offset;
// such broadcasts of one namespace are delivered one at a time.
func (a *MemoryAdapter) Broadcast(p *Packet, opts BroadcastOptions) error {
	if h := a.hist; h != nil && !opts.Volatile {
		h.mu.Lock()
		defer h.mu.Unlock()
		p = h.store(p, opts)
	}
	ids := idSlicePool.Get().(*[]string)
	*ids = a.appendTargets((*ids)[:0], opts)
	a.ns.Deliver(p, *ids)
	clear(*ids)
	if cap(*ids) <= 1<<16 {
		idSlicePool.Put(ids)
	}
	return nil
}

var idSlicePool = sync.Pool{New: func() any { return new([]string) }}

// appendTargets appends the ids matched by opts, each once.
func (a *MemoryAdapter) appendTargets(dst []string, opts BroadcastOptions) []string {
	a.mu.RLock()
	defer a.mu.RUnlock()
	var except map[string]struct{}
	if len(opts.Except) > 0 {
		except = make(map[string]struct{})
		for _, r := range opts.Except {
			members := a.rooms[r]
			for id := range members.all() {
				except[id] = struct{}{}
			}
		}
	}
	keep := func(id string) bool { _, skip := except[id]; return !skip }
	switch len(opts.Rooms) {
	case 0:
		for id := range a.sids {
			if keep(id) {
				dst = append(dst, id)
			}
		}
	case 1:
		members := a.rooms[opts.Rooms[0]]
		for id := range members.all() {
			if keep(id) {
				dst = append(dst, id)
			}
		}
	default:
		seen := make(map[string]struct{})
		for _, r := range opts.Rooms {
			members := a.rooms[r]
			for id := range members.all() {
				if _, dup := seen[id]; dup || !keep(id) {
					continue
				}
				seen[id] = struct{}{}
				dst = append(dst, id)
			}
		}
	}
	return dst
}

// Sockets implements Adapter.
func (a *MemoryAdapter) Sockets(_ context.Context, rooms []string) ([]SocketInfo, error) {
	return a.Matching(BroadcastOptions{Rooms: rooms}), nil
}

// CountMatching counts the sockets a broadcast with opts reaches: those
// in any of its rooms (every socket when it names none) and in none of
// its exceptions.
func (a *MemoryAdapter) CountMatching(opts BroadcastOptions) int {
	if len(opts.Except) == 0 && len(opts.Rooms) <= 1 {
		a.mu.RLock()
		defer a.mu.RUnlock()
		if len(opts.Rooms) == 0 {
			return len(a.sids)
		}
		members := a.rooms[opts.Rooms[0]]
		return members.len()
	}
	return len(a.appendTargets(nil, opts))
}

// Matching lists, by id, the sockets a broadcast with opts reaches.
func (a *MemoryAdapter) Matching(opts BroadcastOptions) []SocketInfo {
	ids := a.appendTargets(nil, opts)
	slices.Sort(ids)
	out := make([]SocketInfo, 0, len(ids))
	for _, id := range ids {
		r := a.SocketRooms(id)
		if r == nil {
			continue // left while we were listing
		}
		out = append(out, SocketInfo{ID: id, Rooms: r, Session: a.ns.SessionOf(id)})
	}
	return out
}

// Count implements Adapter.
func (a *MemoryAdapter) Count(context.Context) (int, error) {
	return a.CountMatching(BroadcastOptions{}), nil
}

// RoomSize implements Adapter.
func (a *MemoryAdapter) RoomSize(_ context.Context, room string) (int, error) {
	return a.CountMatching(BroadcastOptions{Rooms: []string{room}}), nil
}

// HasMembers implements Adapter.
func (a *MemoryAdapter) HasMembers(_ context.Context, room string) (bool, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	members := a.rooms[room]
	return members.len() > 0, nil
}

// AddSockets implements Adapter.
func (a *MemoryAdapter) AddSockets(_ context.Context, opts BroadcastOptions, rooms []string) error {
	a.apply(opts, func(s *Socket) { s.Join(rooms...) })
	return nil
}

// DelSockets implements Adapter.
func (a *MemoryAdapter) DelSockets(_ context.Context, opts BroadcastOptions, rooms []string) error {
	a.apply(opts, func(s *Socket) { s.Leave(rooms...) })
	return nil
}

// DisconnectSockets implements Adapter.
func (a *MemoryAdapter) DisconnectSockets(_ context.Context, opts BroadcastOptions, closeConn bool) error {
	a.apply(opts, func(s *Socket) { s.Disconnect(closeConn) })
	return nil
}

// apply calls fn for each local socket matched by opts, outside the lock
// (fn changes rooms).
func (a *MemoryAdapter) apply(opts BroadcastOptions, fn func(*Socket)) {
	for _, id := range a.appendTargets(nil, opts) {
		if s, ok := a.ns.Socket(id); ok {
			fn(s)
		}
	}
}

// errNoRecovery answers RecoveryStore calls on a namespace without
// recovery.
var errNoRecovery = fmt.Errorf("%w: recovery is off", ErrNotRecoverable)

// Position implements RecoveryStore.
func (a *MemoryAdapter) Position(ctx context.Context) (string, error) {
	if a.hist == nil {
		return "", errNoRecovery
	}
	return a.hist.Position(ctx)
}

// PersistSession implements RecoveryStore.
func (a *MemoryAdapter) PersistSession(ctx context.Context, s PersistedSession, ttl time.Duration) error {
	if a.hist == nil {
		return errNoRecovery
	}
	return a.hist.PersistSession(ctx, s, ttl)
}

// TakeSession implements RecoveryStore.
func (a *MemoryAdapter) TakeSession(ctx context.Context, pid string) (PersistedSession, error) {
	if a.hist == nil {
		return PersistedSession{}, errNoRecovery
	}
	return a.hist.TakeSession(ctx, pid)
}

// Missed implements RecoveryStore.
func (a *MemoryAdapter) Missed(ctx context.Context, offset string, rooms []string) ([]*Packet, error) {
	if a.hist == nil {
		return nil, errNoRecovery
	}
	return a.hist.Missed(ctx, offset, rooms)
}

// HistoryDropped returns how many stored packets the history dropped to
// stay within its caps or because they outlived MaxDisconnectionDuration.
func (a *MemoryAdapter) HistoryDropped() uint64 {
	if a.hist == nil {
		return 0
	}
	a.hist.mu.Lock()
	defer a.hist.mu.Unlock()
	return a.hist.dropped
}

// Close implements Adapter; the memory adapter holds no outside resources.
func (a *MemoryAdapter) Close() error { return nil }

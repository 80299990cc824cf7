package socketio

import (
	"encoding/json"
	"fmt"
	"log/slog"

	"github.com/rtgen/rtgen/runtime/engineio"
	"github.com/rtgen/rtgen/runtime/internal/sioproto"
)

// join makes an authorized socket a member of its namespace and sends the
// CONNECT reply: a recovery of the client's previous socket when it asks
// for one and it can be had whole, a fresh socket otherwise. It reports
// false when the connection closed meanwhile.
func (s *Socket) join() bool {
	if store := s.nsp.store; store != nil {
		if req, asked := parseRecoveryRequest(s.auth); asked {
			if done, ok := s.recover(req); done {
				return ok
			}
		}
		s.pid = newSocketID()
		pos, err := store.Position(s.ctx())
		if err != nil {
			s.log(slog.LevelWarn, "Recovery store unavailable: "+err.Error(), "error", err.Error())
		}
		s.connectedAt = pos
	}
	s.mu.Lock()
	ok := s.state.CompareAndSwap(stateConnecting, stateConnected)
	if ok {
		s.nsp.add(s)
		s.nsp.adapter.AddAll(s.id, []string{s.id})
	}
	s.mu.Unlock()
	if ok {
		s.conn.tr.send(s.connectReply())
	}
	return ok
}

// connectReply is the CONNECT packet that tells the client its socket id
// and, with recovery on, its private session id.
func (s *Socket) connectReply() *Packet {
	reply, _ := json.Marshal(struct {
		SID string `json:"sid"`
		PID string `json:"pid,omitempty"`
	}{s.id, s.pid})
	return encodeControl(sioproto.Connect, s.nsp.name, reply)
}

// recover restores the socket the client had before it lost its transport:
// its id, the rooms its rules still allow, and every stored packet it
// missed. done is false when the state cannot be recovered whole, and the
// caller connects a fresh socket; otherwise ok says whether the socket is
// connected (false: the connection closed meanwhile).
//
// No packet is lost or sent twice: the socket joins its rooms first, in a
// restoring state that holds live packets back, then reads what it missed
// from the store; the missed packets go out before the held ones, of which
// those the store has read are dropped (they carry their offsets).
func (s *Socket) recover(req recoveryRequest) (done, ok bool) {
	nsp := s.nsp
	if old := nsp.socketByPID(req.PID); old != nil {
		// The client is back before its previous transport was found dead
		// (a silent network cut): that socket is gone, its session stays.
		old.movedAway()
	}
	ps, err := nsp.store.TakeSession(s.ctx(), req.PID)
	if err != nil {
		return false, s.notRecovered(err)
	}
	fresh := s.id
	s.rename(ps.SID, ps.PID)
	s.connectedAt = ps.Connected
	if ps.Addressed != "" {
		// Carried over, so that a later recovery knows the client has had
		// it even if this one replays nothing: without it, that recovery
		// would replay everything since the first connect again.
		addressed := ps.Addressed
		s.addressed.Store(&addressed)
	}
	rooms := s.restoredRooms(ps.Rooms)

	s.mu.Lock()
	if !s.state.CompareAndSwap(stateConnecting, stateRestoring) {
		s.mu.Unlock()
		return true, false
	}
	nsp.add(s)
	nsp.adapter.AddAll(s.id, rooms)
	s.mu.Unlock()

	missed, err := nsp.store.Missed(s.ctx(), ps.resumeFrom(req.Offset), rooms)
	if err == nil {
		err = s.fitsWriteQueue(missed)
	}
	if err != nil {
		s.mu.Lock()
		nsp.adapter.DelAll(s.id)
		nsp.remove(s)
		s.held = nil
		back := s.state.CompareAndSwap(stateRestoring, stateConnecting)
		s.mu.Unlock()
		if !back {
			return true, false
		}
		s.rename(fresh, "")
		return false, s.notRecovered(err)
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state.Load() != stateRestoring {
		return true, false
	}
	s.recovered = true
	s.conn.tr.send(s.connectReply())
	replayed := make(map[string]bool, len(missed))
	for _, p := range missed {
		replayed[p.offset] = true
		s.transmit(p)
	}
	// Stored packets are held in offset order, so those up to the last one
	// the store returned were all there when it read: each one it did not
	// return was superseded by a later one (DeliverLatest) and must not
	// follow it.
	covered := -1
	for i, p := range s.held {
		if replayed[p.offset] {
			covered = i
		}
	}
	for i, p := range s.held {
		if p.offset == "" || i > covered {
			s.transmit(p)
		}
	}
	s.held = nil
	s.state.Store(stateConnected)
	nsp.rec.recovered.Add(1)
	nsp.rec.replayed.Add(uint64(len(missed)))
	s.log(slog.LevelInfo, fmt.Sprintf("Client recovered: %s (%d missed events replayed)", s.id, len(missed)), "replayed", len(missed))
	return true, true
}

// movedAway closes the socket whose private session id another connection
// presented, keeping its session for that one to take. Its own connection
// is sent DISCONNECT, after the CONNECT reply if that went out: whatever
// still listens there (a copy of the client) stops, rather than wait for
// an answer forever or reconnect and take the socket back.
func (s *Socket) movedAway() {
	s.mu.Lock()
	if st := s.state.Load(); st == stateConnected || st == stateRestoring {
		s.conn.tr.send(encodeControl(sioproto.Disconnect, s.nsp.name, nil))
	}
	s.mu.Unlock()
	s.onClose(engineio.ReasonTransportClose)
}

// notRecovered counts and logs a recovery that could not be had; the
// client gets a fresh socket and `recovered: false`. It returns false, so
// that recover's callers carry on.
func (s *Socket) notRecovered(err error) bool {
	s.nsp.rec.notRecovered.Add(1)
	s.log(slog.LevelInfo, "Connection state not recovered: "+err.Error(), "error", err.Error())
	return false
}

// forgetSession drops the kept session that a refused CONNECT presented:
// a principal signed out while its client was away must authenticate again
// and start afresh, never get the old socket back on a later attempt.
func (s *Socket) forgetSession() {
	if s.nsp.store == nil {
		return
	}
	if req, asked := parseRecoveryRequest(s.auth); asked {
		if _, err := s.nsp.store.TakeSession(s.ctx(), req.PID); err == nil {
			s.log(slog.LevelInfo, "Connection state dropped: the reconnecting client was refused")
		}
	}
}

// rename gives the not yet connected socket another id and private id.
func (s *Socket) rename(id, pid string) {
	s.id, s.pid = id, pid
	s.logger.Store(nil) // one made with the old id
}

// restoredRooms returns the socket's own room and those of rooms the
// namespace's join rules still let it into.
func (s *Socket) restoredRooms(rooms []string) []string {
	out := []string{s.id}
	for _, r := range rooms {
		if r == s.id {
			continue
		}
		if !s.nsp.mayRestore(s.ctx(), s, r) {
			s.log(slog.LevelInfo, "Room not restored: "+r+" for "+s.id, "room", r)
			continue
		}
		out = append(out, r)
	}
	return out
}

// fitsWriteQueue refuses a replay larger than the connection's write
// queue, which would cut the client as slow before it caught up.
func (s *Socket) fitsWriteQueue(missed []*Packet) error {
	limit := s.nsp.srv.cfg.Engine.WriteQueueLimit
	if limit <= 0 {
		limit = engineio.DefaultWriteQueueLimit
	}
	n := 0
	for _, p := range missed {
		n += packetSize(p)
	}
	if n > limit {
		return fmt.Errorf("%w: %d missed bytes exceed the write queue (%d)", ErrNotRecoverable, n, limit)
	}
	return nil
}

// sessionToKeep describes the connected socket for its recovery, rooms
// aside (they are read under its lock); nil when the store cannot say
// where it stands.
func (s *Socket) sessionToKeep() *PersistedSession {
	pos, err := s.nsp.store.Position(s.ctx())
	if err != nil {
		s.log(slog.LevelWarn, "Session not kept for recovery: "+err.Error(), "error", err.Error())
		return nil
	}
	ps := &PersistedSession{SID: s.id, PID: s.pid, Connected: s.connectedAt, Disconnected: pos}
	if off := s.addressed.Load(); off != nil {
		ps.Addressed = *off
	}
	return ps
}

// persist keeps the session of a socket that lost its transport.
func (s *Socket) persist(ps PersistedSession) {
	ttl := s.nsp.srv.cfg.Recovery.MaxDisconnectionDuration
	if err := s.nsp.store.PersistSession(s.ctx(), ps, ttl); err != nil {
		s.log(slog.LevelWarn, "Session not kept for recovery: "+err.Error(), "error", err.Error())
	}
}

package engineio

import (
	"bytes"
	"errors"
	"time"

	"github.com/rtgen/rtgen/runtime/internal/eioproto"
)

// probeSettle is how long after answering the probe the server waits before
// releasing the pending polling GET with a noop. Clients send the upgrade
// packet right behind the probe, and a GET that races with it must see the
// upgrade done (400), not a noop; a short settle window makes that
// deterministic without periodic checks. Data never waits for it: a queued
// packet still completes the GET at once.
const probeSettle = 50 * time.Millisecond

// serveProbe runs a WebSocket that asks to take over the polling session s:
// "2probe" → "3probe", then "5" switches the session to it. Anything else,
// the upgrade timeout or the session closing aborts the probe and the
// session stays on polling. It returns when the connection is done;
// upgraded reports that it carried the session, whose reads then released
// it from the server.
func (s *Session) serveProbe(t *wsConn) (upgraded bool) {
	s.mu.Lock()
	if s.state != stateOpen || s.ws != nil || s.probe != nil {
		// Already upgraded or upgrading: this second WebSocket is refused.
		s.mu.Unlock()
		closeProbe(t, closePolicyViolation, s.srv.cfg.WriteTimeout)
		return false
	}
	s.probe = t
	s.upgradeTimer = time.AfterFunc(s.srv.cfg.UpgradeTimeout, func() { s.upgradeExpired(t) })
	s.mu.Unlock()

	buf := make([]byte, 512) // the probe's few packets
	abort := 0               // the close code ending the probe, once it fails
	for !upgraded {
		n, err := t.net.Read(buf)
		_, ferr := t.feed(buf[:n], s.srv.cfg.MaxPayload, func(in wsInput) bool {
			if upgraded { // what follows "5" in the same read is the session's
				return s.onInput(t, in)
			}
			abort, upgraded = s.probeInput(t, in)
			return abort == 0
		})
		if upgraded && ferr != nil {
			// A violation after "5" is the session's: it closes as it would
			// on its reader.
			s.closeForFrame(ferr)
			s.endReads(t)
			return true
		}
		switch {
		case errors.Is(ferr, errFrameTooBig):
			abort = closeMessageTooBig
		case ferr != nil:
			abort = closeProtocolError
		case err != nil && abort == 0 && !upgraded:
			abort = closeNormal
		}
		if abort != 0 {
			s.abortProbe(t, abort)
			return false
		}
	}
	s.serveReads(t, false)
	return true
}

// probeInput acts on one input of a probing WebSocket: it answers the
// probe, or completes the upgrade (upgraded), or fails the probe with a
// close code (abort).
func (s *Session) probeInput(t *wsConn, in wsInput) (abort int, upgraded bool) {
	var p eioproto.Packet
	var err error
	switch in.op {
	case opPing:
		s.onWSPing(t, in.data)
		return 0, false
	case opPong:
		return 0, false
	case opClose:
		return closeNormal, false
	case opText:
		p, err = eioproto.DecodePacket(in.data)
	}
	switch {
	case in.op != opText || err != nil:
		return closeProtocolError, false
	case p.Type == eioproto.Ping && bytes.Equal(p.Data, []byte("probe")):
		if !s.probeAnswered(t) {
			return closeNormal, false
		}
		t.net.SetWriteDeadline(time.Now().Add(s.srv.cfg.WriteTimeout))
		if err := t.net.writeFrames([]*Message{probeReply}); err != nil {
			return closeNormal, false
		}
		return 0, false
	case p.Type == eioproto.Upgrade:
		if !s.completeUpgrade(t) {
			return closeProtocolError, false
		}
		s.upgraded()
		return 0, true
	}
	return closeProtocolError, false
}

// probeAnswered records that t's probe is being answered and starts the
// settle window after which polling is released with a noop.
func (s *Session) probeAnswered(t *wsConn) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.probe != t {
		return false
	}
	if !s.probed {
		s.probed = true
		s.settleTimer = time.AfterFunc(probeSettle, func() { s.probeSettled(t) })
	}
	return true
}

func (s *Session) probeSettled(t *wsConn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.probe != t {
		return
	}
	s.noopReady = true
	if s.poll != nil { // a pending GET means nothing is queued
		s.answerPollLocked(pollResult{body: noopPayload})
	}
}

// completeUpgrade makes t the session's transport. Queued packets follow
// over t in order; a GET still pending is refused like any later one.
func (s *Session) completeUpgrade(t *wsConn) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.probe != t || !s.probed || s.state != stateOpen {
		return false
	}
	s.cancelProbeLocked()
	s.ws = t
	t.s.Store(s)
	s.transport = TransportWebSocket
	if s.poll != nil {
		s.answerPollLocked(pollResult{err: errBadRequest})
	}
	s.flushLocked()
	return true
}

// cancelProbeLocked forgets the probe (if any) and its timers, and wakes its
// reader so that it closes the connection.
func (s *Session) cancelProbeLocked() {
	if s.probe == nil {
		return
	}
	stopTimer(s.upgradeTimer)
	stopTimer(s.settleTimer)
	if s.state != stateOpen {
		s.probe.kick()
	}
	s.probe, s.probed, s.noopReady = nil, false, false
}

func (s *Session) upgradeExpired(t *wsConn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.probe == t {
		s.cancelProbeLocked()
		t.kick()
	}
}

// abortProbe drops t's claim on the session and closes t with code, or
// with the session's own code if the session closed meanwhile.
func (s *Session) abortProbe(t *wsConn, code int) {
	s.mu.Lock()
	if s.probe == t {
		s.cancelProbeLocked()
	}
	if s.state != stateOpen {
		code = int(s.wsCloseCode)
	}
	s.mu.Unlock()
	closeProbe(t, code, s.srv.cfg.WriteTimeout)
}

// closeProbe sends a close frame and closes a connection that carries no
// session, from its reader goroutine (its only writer).
func closeProbe(t *wsConn, code int, timeout time.Duration) {
	t.net.writeClose(code, timeout)
	t.net.Close()
}

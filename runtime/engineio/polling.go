package engineio

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"

	"github.com/rtgen/rtgen/runtime/internal/eioproto"
)

// pollWaiter is a pending long-polling GET. Whoever answers it sends exactly
// one result on ch (buffered) and clears Session.poll.
type pollWaiter struct {
	ch chan pollResult
}

type pollResult struct {
	body []byte     // a payload, when err is nil
	err  *httpError // an error response instead
}

var noopPayload = noopMessage.pollingBytes()

// answerPollLocked completes the pending GET.
func (s *Session) answerPollLocked(res pollResult) {
	s.poll.ch <- res
	s.poll = nil
}

// takePayloadLocked empties the queue into one polling payload.
func (s *Session) takePayloadLocked() []byte {
	n := len(s.queue) - 1
	for _, m := range s.queue {
		n += len(m.pollingBytes())
	}
	body := make([]byte, 0, n)
	for i, m := range s.queue {
		if i > 0 {
			body = append(body, eioproto.Separator)
		}
		body = append(body, m.pollingBytes()...)
	}
	clear(s.queue)
	s.queue = s.queue[:0]
	s.queueBytes = 0
	return body
}

// servePoll answers a long-polling GET: at once if packets are queued,
// otherwise when one is queued, the session closes or an upgrade needs the
// request released.
func (s *Session) servePoll(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.checkPingLocked()
	var res pollResult
	switch {
	case s.state == stateClosing && s.ws == nil && s.poll == nil:
		// The last GET of a closing session collects the final payload.
		stopTimer(s.finalFlush)
		res.body = s.takePayloadLocked()
		s.closedLocked()
	case s.state != stateOpen:
		res.err = errUnknownSID
	case s.ws != nil:
		res.err = errBadRequest // transport mismatch: the session was upgraded
	case s.poll != nil:
		// Overlapping GETs: the protocol allows one. The first gets close.
		s.closeLocked(ReasonTransportError, closeProtocolError, false)
		res.err = errBadRequest
	case len(s.queue) > 0:
		res.body = s.takePayloadLocked()
	case s.noopReady:
		res.body = noopPayload // an upgrade is waiting for polling to pause
	default:
		waiter := &pollWaiter{ch: make(chan pollResult, 1)}
		s.poll = waiter
		s.mu.Unlock()
		select {
		case res = <-waiter.ch:
		case <-r.Context().Done():
			// The connection under the pending GET closed: the client's
			// network is gone (Engine.IO's "poll connection closed
			// prematurely"), so the session ends now rather than at the
			// ping timeout, and a client back sooner finds it closed.
			s.mu.Lock()
			if s.poll == waiter {
				s.poll = nil
				s.closeLocked(ReasonTransportError, closeProtocolError, false)
			}
			s.mu.Unlock()
			return
		}
		writePollResult(w, res)
		return
	}
	s.mu.Unlock()
	writePollResult(w, res)
}

func writePollResult(w http.ResponseWriter, res pollResult) {
	if res.err != nil {
		res.err.write(w)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=UTF-8")
	h.Set("Content-Length", strconv.Itoa(len(res.body)))
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	w.Write(res.body)
}

var okBody = []byte("ok")

// servePost reads a POST payload and dispatches its packets in order.
func (s *Session) servePost(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.checkPingLocked()
	switch {
	case s.state == stateClosing && s.ws == nil:
		// Closing: what the client still sends is no longer wanted.
		s.mu.Unlock()
		io.Copy(io.Discard, io.LimitReader(r.Body, s.srv.cfg.MaxPayload))
		writeOK(w)
		return
	case s.state != stateOpen:
		s.mu.Unlock()
		errUnknownSID.write(w)
		return
	case s.ws != nil:
		s.mu.Unlock()
		errBadRequest.write(w)
		return
	case s.posting:
		s.closeLocked(ReasonTransportError, closeProtocolError, false)
		s.mu.Unlock()
		errBadRequest.write(w)
		return
	}
	s.posting = true
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.posting = false
		s.mu.Unlock()
	}()

	// v4 carries binary as base64 text; an octet-stream body is a v3 client.
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "application/octet-stream" {
		s.closeWith(ReasonTransportError, closeProtocolError)
		errBadRequest.write(w)
		return
	}
	max := s.srv.cfg.MaxPayload
	if r.ContentLength > max {
		s.closeWith(ReasonMessageTooBig, closeMessageTooBig)
		errPayloadTooLarge.write(w)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, max))
	if err != nil {
		if _, tooBig := errors.AsType[*http.MaxBytesError](err); tooBig {
			s.closeWith(ReasonMessageTooBig, closeMessageTooBig)
			errPayloadTooLarge.write(w)
		} else {
			s.closeWith(ReasonTransportError, closeProtocolError)
			errBadRequest.write(w)
		}
		return
	}
	packets, err := eioproto.DecodePayload(body)
	if err != nil {
		s.closeWith(ReasonParseError, closeProtocolError)
		errBadRequest.write(w)
		return
	}
	for _, p := range packets {
		if !s.handlePacket(p) {
			break
		}
	}
	writeOK(w)
}

func writeOK(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Content-Type", "text/html")
	h.Set("Content-Length", "2")
	w.WriteHeader(http.StatusOK)
	w.Write(okBody)
}

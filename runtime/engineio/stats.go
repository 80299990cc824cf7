package engineio

// Stats describes a server's open sessions at one moment.
type Stats struct {
	// Polling and WebSocket count the open sessions by transport.
	Polling, WebSocket int
	// QueuedBytes is the application data waiting in every session's write
	// queue (what WriteQueueLimit bounds), summed; MaxQueuedBytes is the
	// largest of one session.
	QueuedBytes, MaxQueuedBytes int
}

// Stats counts the open sessions and their queued bytes. It locks each
// session briefly, one at a time: call it for monitoring, not per message.
func (srv *Server) Stats() Stats {
	srv.mu.Lock()
	sessions := make([]*Session, 0, len(srv.sessions))
	for _, s := range srv.sessions {
		sessions = append(sessions, s)
	}
	srv.mu.Unlock()
	var st Stats
	for _, s := range sessions {
		s.mu.Lock()
		open, transport, queued := s.state == stateOpen, s.transport, s.queueBytes
		s.mu.Unlock()
		if !open {
			continue
		}
		if transport == TransportWebSocket {
			st.WebSocket++
		} else {
			st.Polling++
		}
		st.QueuedBytes += queued
		st.MaxQueuedBytes = max(st.MaxQueuedBytes, queued)
	}
	return st
}

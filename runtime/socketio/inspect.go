package socketio

import (
	"maps"
	"slices"
	"strings"

	"github.com/rtgen/rtgen/runtime/engineio"
)

// Namespaces returns the server's namespaces, sorted by name.
func (s *Server) Namespaces() []*Namespace {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return slices.SortedFunc(maps.Values(s.nsps), func(a, b *Namespace) int { return strings.Compare(a.name, b.name) })
}

// EngineStats describes the server's Engine.IO connections: how many use
// each transport and how much is waiting in their write queues.
func (s *Server) EngineStats() engineio.Stats { return s.engine.Stats() }

// LocalSockets returns the namespace's connected sockets of this process,
// sorted by id.
func (n *Namespace) LocalSockets() []*Socket {
	n.mu.RLock()
	defer n.mu.RUnlock()
	return slices.SortedFunc(maps.Values(n.sockets), func(a, b *Socket) int { return strings.Compare(a.id, b.id) })
}

// Transport returns the transport the socket's connection uses now,
// "polling" or "websocket".
func (s *Socket) Transport() string { return s.conn.tr.name() }

// ClientID returns an id shared by the sockets of one connection (one
// client multiplexing several namespaces). Like a socket id it is random
// and public, never the Engine.IO session id.
func (s *Socket) ClientID() string {
	c := s.conn
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.id == "" {
		c.id = newSocketID() // made on first use: most connections never need one
	}
	return c.id
}

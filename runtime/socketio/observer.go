package socketio

import (
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// An Observer is told what a Server does, as it happens: connections,
// sockets, rooms, events both ways, deliveries, acknowledgements, handler
// timings. Metrics (runtime/siometrics) and the Admin UI's server side
// (runtime/sioadmin) are Observers; attach one with Server.Observe.
//
// Methods are called synchronously by the goroutine doing the work (a
// connection's reader, a socket's goroutine, the caller of an emit), never
// while the runtime holds a lock, so they may call the methods of the
// values they are given. They must be safe for concurrent use and must
// not block: they delay what they observe. Event arguments (Args, Packet)
// must not be modified or retained beyond what their documentation allows.
type Observer interface {
	// ConnectionOpened: an Engine.IO connection was accepted, on transport
	// ("polling" or "websocket").
	ConnectionOpened(transport string)
	// ConnectionClosed: a connection closed with reason (the engineio
	// Reason* values: "transport close", "ping timeout", "slow client", …).
	ConnectionClosed(reason string)

	// SocketConnected: s joined its namespace; its CONNECT reply is queued.
	SocketConnected(s *Socket)
	// ConnectRefused: n's AuthFunc refused a CONNECT with code (an Error
	// code, CodeUnauthorized for plain errors).
	ConnectRefused(n *Namespace, code string)
	// SocketUpgraded: the connection of s moved to the WebSocket transport.
	SocketUpgraded(s *Socket)
	// SocketDisconnected: s left its namespace with reason (see the
	// package documentation's list).
	SocketDisconnected(s *Socket, reason string)

	// RoomsJoined and RoomsLeft: s was added to or removed from rooms by
	// Socket.Join or Socket.Leave; on a disconnect, RoomsLeft reports every
	// room s was in, just before SocketDisconnected. The room named after
	// the socket's id is never reported.
	RoomsJoined(s *Socket, rooms []string)
	RoomsLeft(s *Socket, rooms []string)
	// JoinRefused: a room rule (HandleRoom) refused s the room.
	JoinRefused(s *Socket, room string)

	// EventReceived: a client event is about to be handled (or ignored,
	// when it has no handler). args must not be retained.
	EventReceived(s *Socket, event string, args Args)
	// HandlerDone: the handler of event returned after d, or panicked.
	HandlerDone(s *Socket, event string, d time.Duration, panicked bool)
	// ValidationFailed: the payload of event was refused with bad_request
	// before its handler ran. fields are the paths of the failing fields
	// ("entries[2].rank"); empty when the payload did not decode at all.
	ValidationFailed(s *Socket, event string, fields []string)

	// EventEmitted: the server emitted event in n to rooms; nil rooms means
	// every socket of the namespace, and Socket.Emit and EmitWithAck
	// report the socket's own id room.
	EventEmitted(n *Namespace, event string, rooms []string)
	// Delivered: p, an event packet, was queued for the local sockets to
	// (those whose session refused it are left out). A broadcast is
	// reported once per node that delivers it.
	Delivered(n *Namespace, p *Packet, to []*Socket)
	// AckDone: an EmitWithAck of event on s ended after d, with err nil
	// (answered), ErrAckTimeout, ErrDisconnected or the context's error.
	AckDone(s *Socket, event string, d time.Duration, err error)
}

// Observe attaches o to the server; it sees what happens from then on.
// Observers attached one after the other are all called, in order. A
// server with no observer pays one nil check per call site.
func (s *Server) Observe(o Observer) {
	if o == nil {
		return
	}
	s.obsMu.Lock()
	defer s.obsMu.Unlock()
	switch cur := s.observer().(type) {
	case nil:
	case observers:
		o = append(slices.Clip(cur), o)
	default:
		o = observers{cur, o}
	}
	s.obs.Store(&observerBox{o})
}

// observer returns the attached Observer, nil when none is.
func (s *Server) observer() Observer {
	if b := s.obs.Load(); b != nil {
		return b.o
	}
	return nil
}

// observerBox lets an interface value live in an atomic.Pointer.
type observerBox struct{ o Observer }

// observerSlot is the part of Server holding its observers.
type observerSlot struct {
	obsMu sync.Mutex // serialises Observe
	obs   atomic.Pointer[observerBox]
}

// NopObserver does nothing; embed it in an Observer to implement only
// the methods of interest.
type NopObserver struct{}

func (NopObserver) ConnectionOpened(string)                          {}
func (NopObserver) ConnectionClosed(string)                          {}
func (NopObserver) SocketConnected(*Socket)                          {}
func (NopObserver) ConnectRefused(*Namespace, string)                {}
func (NopObserver) SocketUpgraded(*Socket)                           {}
func (NopObserver) SocketDisconnected(*Socket, string)               {}
func (NopObserver) RoomsJoined(*Socket, []string)                    {}
func (NopObserver) RoomsLeft(*Socket, []string)                      {}
func (NopObserver) JoinRefused(*Socket, string)                      {}
func (NopObserver) EventReceived(*Socket, string, Args)              {}
func (NopObserver) HandlerDone(*Socket, string, time.Duration, bool) {}
func (NopObserver) ValidationFailed(*Socket, string, []string)       {}
func (NopObserver) EventEmitted(*Namespace, string, []string)        {}
func (NopObserver) Delivered(*Namespace, *Packet, []*Socket)         {}
func (NopObserver) AckDone(*Socket, string, time.Duration, error)    {}

// observers calls several Observers in order.
type observers []Observer

func (os observers) ConnectionOpened(transport string) {
	for _, o := range os {
		o.ConnectionOpened(transport)
	}
}

func (os observers) ConnectionClosed(reason string) {
	for _, o := range os {
		o.ConnectionClosed(reason)
	}
}

func (os observers) SocketConnected(s *Socket) {
	for _, o := range os {
		o.SocketConnected(s)
	}
}

func (os observers) ConnectRefused(n *Namespace, code string) {
	for _, o := range os {
		o.ConnectRefused(n, code)
	}
}

func (os observers) SocketUpgraded(s *Socket) {
	for _, o := range os {
		o.SocketUpgraded(s)
	}
}

func (os observers) SocketDisconnected(s *Socket, reason string) {
	for _, o := range os {
		o.SocketDisconnected(s, reason)
	}
}

func (os observers) RoomsJoined(s *Socket, rooms []string) {
	for _, o := range os {
		o.RoomsJoined(s, rooms)
	}
}

func (os observers) RoomsLeft(s *Socket, rooms []string) {
	for _, o := range os {
		o.RoomsLeft(s, rooms)
	}
}

func (os observers) JoinRefused(s *Socket, room string) {
	for _, o := range os {
		o.JoinRefused(s, room)
	}
}

func (os observers) EventReceived(s *Socket, event string, args Args) {
	for _, o := range os {
		o.EventReceived(s, event, args)
	}
}

func (os observers) HandlerDone(s *Socket, event string, d time.Duration, panicked bool) {
	for _, o := range os {
		o.HandlerDone(s, event, d, panicked)
	}
}

func (os observers) ValidationFailed(s *Socket, event string, fields []string) {
	for _, o := range os {
		o.ValidationFailed(s, event, fields)
	}
}

func (os observers) EventEmitted(n *Namespace, event string, rooms []string) {
	for _, o := range os {
		o.EventEmitted(n, event, rooms)
	}
}

func (os observers) Delivered(n *Namespace, p *Packet, to []*Socket) {
	for _, o := range os {
		o.Delivered(n, p, to)
	}
}

func (os observers) AckDone(s *Socket, event string, d time.Duration, err error) {
	for _, o := range os {
		o.AckDone(s, event, d, err)
	}
}

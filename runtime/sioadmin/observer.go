package sioadmin

import (
	"encoding/json"
	"time"

	"github.com/rtgen/rtgen/runtime/internal/sioproto"
	"github.com/rtgen/rtgen/runtime/socketio"
)

// The admin is a socketio.Observer: what it observes while an admin socket
// is connected becomes aggregated counts and, unless Production, the UI's
// live events. Its own namespace's events are counted but never reported
// as events, which would report themselves without end.
var _ socketio.Observer = (*admin)(nil)

// verbose reports whether per-socket events go to the admins now.
func (a *admin) verbose() bool { return !a.opts.Production && a.watched() }

func (a *admin) ConnectionOpened(string) {
	if a.watched() {
		a.counts.add(countConnection, "", 1)
	}
}

func (a *admin) ConnectionClosed(reason string) {
	if a.watched() {
		a.counts.add(countDisconnection, reason, 1)
	}
}

func (a *admin) SocketConnected(s *socketio.Socket) {
	if a.verbose() {
		a.emit("socket_connected", a.view(s), timestamp(time.Now()))
	}
}

func (a *admin) SocketUpgraded(s *socketio.Socket) {
	if a.verbose() {
		a.emit("socket_updated", map[string]string{"id": s.ID(), "nsp": s.Namespace().Name(), "transport": s.Transport()})
	}
}

func (a *admin) SocketDisconnected(s *socketio.Socket, reason string) {
	if !a.verbose() {
		return
	}
	now := timestamp(time.Now())
	a.emit("socket_disconnected", s.Namespace().Name(), s.ID(), reason, now)
	// The UI forgets a room when its last socket leaves it, and the
	// observer never reports the socket's own id room.
	a.emit("room_left", s.Namespace().Name(), s.ID(), s.ID(), now)
}

func (a *admin) RoomsJoined(s *socketio.Socket, rooms []string) { a.rooms("room_joined", s, rooms) }

func (a *admin) RoomsLeft(s *socketio.Socket, rooms []string) { a.rooms("room_left", s, rooms) }

// rooms reports s joining or leaving rooms, one event per room.
func (a *admin) rooms(event string, s *socketio.Socket, rooms []string) {
	if !a.verbose() {
		return
	}
	now := timestamp(time.Now())
	for _, r := range rooms {
		a.emit(event, s.Namespace().Name(), r, s.ID(), now)
	}
}

func (a *admin) EventReceived(s *socketio.Socket, event string, args socketio.Args) {
	if !a.watched() {
		return
	}
	size := 0
	for i := range args.Len() {
		size += len(args.Raw(i))
		if b, ok := args.Binary(i); ok {
			size += len(b)
		}
	}
	a.counts.add(countPacketsIn, "", 1)
	a.counts.add(countBytesIn, "", size)
	if s.Namespace() == a.ns || a.opts.Production {
		return
	}
	// [event, ...args], the arguments as received (a binary one as its
	// placeholder).
	all := make([]any, 0, 1+args.Len())
	all = append(all, event)
	for i := range args.Len() {
		all = append(all, args.Raw(i))
	}
	a.emit("event_received", s.Namespace().Name(), s.ID(), all, timestamp(time.Now()))
}

func (a *admin) Delivered(n *socketio.Namespace, p *socketio.Packet, to []*socketio.Socket) {
	if !a.watched() || len(to) == 0 {
		return
	}
	a.counts.add(countPacketsOut, "", len(to))
	a.counts.add(countBytesOut, "", len(to)*p.Size())
	if n == a.ns || a.opts.Production {
		return
	}
	sp, _, err := sioproto.Parse(p.Text(), len(p.Attachments()))
	if err != nil {
		return // the runtime encoded it: cannot happen
	}
	args := json.RawMessage(sp.Data) // [event, ...args]
	now := timestamp(time.Now())
	for _, s := range to {
		a.emit("event_sent", n.Name(), s.ID(), args, now)
	}
}

package sioadmin

import (
	"context"
	"fmt"
	"slices"

	"github.com/rtgen/rtgen/runtime/socketio"
)

// The operations the UI sends.
const (
	opJoin       = "join"        // nsp, room, filter?
	opLeave      = "leave"       // nsp, room, filter?
	opDisconnect = "_disconnect" // nsp, close, filter?
)

var errReadOnly = socketio.NewError(socketio.CodeForbidden, "the admin namespace is read-only")

// An action is what an operation does to each socket it targets, and how
// the log names it.
type action struct {
	what string
	do   func(*socketio.Socket)
}

// handleOperations registers the operations on the admin namespace.
func (a *admin) handleOperations() {
	a.operation(opJoin, func(args socketio.Args) (action, error) {
		room, err := roomArg(args)
		return action{"join " + room, func(s *socketio.Socket) { s.Join(room) }}, err
	})
	a.operation(opLeave, func(args socketio.Args) (action, error) {
		room, err := roomArg(args)
		return action{"leave " + room, func(s *socketio.Socket) {
			if room != s.ID() { // a socket never leaves its own room
				s.Leave(room)
			}
		}}, err
	})
	a.operation(opDisconnect, func(args socketio.Args) (action, error) {
		var closeConn bool
		if err := args.Decode(1, &closeConn); err != nil {
			return action{}, socketio.NewError(socketio.CodeBadRequest, "_disconnect takes a namespace, a boolean and an optional room")
		}
		return action{fmt.Sprintf("disconnect (close %v)", closeConn), func(s *socketio.Socket) { s.Disconnect(closeConn) }}, nil
	})
}

// roomArg is the room of a join or leave: its second argument.
func roomArg(args socketio.Args) (string, error) {
	var room string
	if err := args.Decode(1, &room); err != nil || room == "" {
		return "", socketio.NewError(socketio.CodeBadRequest, "join and leave take a namespace, a room and an optional room")
	}
	return room, nil
}

// operation registers an operation: parse reads its own arguments, then
// the action is applied to the sockets of the namespace in args[0] that are
// in the room args[2] (a socket id names one socket), or to all of them
// when args[2] is absent or null. The admin socket is told what went wrong,
// and the acknowledgement, when asked for, counts the sockets.
func (a *admin) operation(op string, parse func(socketio.Args) (action, error)) {
	a.ns.On(op, func(ctx context.Context, admin *socketio.Socket, args socketio.Args, ack socketio.AckFunc) {
		n, filter, act, err := a.parse(op, args, parse)
		if err != nil {
			socketio.ReportFailure(admin, op, ack, err)
			return
		}
		targets := localSockets(n, filter)
		for _, s := range targets {
			act.do(s)
		}
		in := "every socket"
		if filter != "" {
			in = "the sockets in " + filter
		}
		admin.Logger().Info(fmt.Sprintf("%s: %s of %s (%d)", act.what, in, n.Name(), len(targets)),
			"op", op, "target", n.Name(), "filter", filter, "sockets", len(targets))
		if ack != nil {
			ack(done{OK: true, Data: doneData{Sockets: len(targets)}})
		}
	})
}

// done acknowledges an operation as the typed helpers do: {"ok":true,
// "data":{"sockets":<how many it acted on>}}.
type done struct {
	OK   bool     `json:"ok"`
	Data doneData `json:"data"`
}

type doneData struct {
	Sockets int `json:"sockets"`
}

// parse checks an operation: refused in read-only mode, its namespace
// known, its filter a room name.
func (a *admin) parse(op string, args socketio.Args, parse func(socketio.Args) (action, error)) (*socketio.Namespace, string, action, error) {
	if a.opts.ReadOnly {
		return nil, "", action{}, errReadOnly
	}
	var nsp, filter string
	if err := args.Decode(0, &nsp); err != nil {
		return nil, "", action{}, socketio.NewError(socketio.CodeBadRequest, op+": the namespace must be a string")
	}
	act, err := parse(args)
	if err != nil {
		return nil, "", action{}, err
	}
	if args.Len() > 2 {
		if err := args.Decode(2, &filter); err != nil { // null leaves ""
			return nil, "", action{}, socketio.NewError(socketio.CodeBadRequest, op+": the filter must be a room name")
		}
	}
	n := a.namespace(nsp)
	if n == nil {
		return nil, "", action{}, socketio.NewError(socketio.CodeNotFound, "no namespace "+nsp)
	}
	return n, filter, act, nil
}

// namespace returns the server's namespace called name, nil when it has
// none: an operation never creates one.
func (a *admin) namespace(name string) *socketio.Namespace {
	for _, n := range a.srv.Namespaces() {
		if n.Name() == name {
			return n
		}
	}
	return nil
}

// localSockets returns the sockets of this process in n that are in room
// filter, every one when filter is "", sorted by id. It asks no other
// node: operations act on this process's sockets only.
func localSockets(n *socketio.Namespace, filter string) []*socketio.Socket {
	all := n.LocalSockets()
	if filter == "" {
		return all
	}
	return slices.DeleteFunc(all, func(s *socketio.Socket) bool { return !slices.Contains(s.Rooms(), filter) })
}

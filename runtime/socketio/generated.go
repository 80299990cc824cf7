package socketio

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
)

// GeneratedCodeV1 is referenced by code that rtgen generates (`const _ =
// socketio.GeneratedCodeV1`), so that generated code built against a runtime
// too old to support it fails to compile instead of misbehaving.
const GeneratedCodeV1 = true

// SessionAuth adapts a typed authenticator for WithAuth. When required, a
// nil session without an error is refused with code unauthorized; otherwise
// it connects the socket without a session. A returned session becomes
// Socket.Session as a *S.
func SessionAuth[S any](fn func(ctx context.Context, h *Handshake) (*S, error), required bool) AuthFunc {
	return func(ctx context.Context, h *Handshake) (any, error) {
		s, err := fn(ctx, h)
		if err != nil {
			return nil, err
		}
		if s == nil {
			if required {
				return nil, &Error{Code: CodeUnauthorized, Message: "authentication required"}
			}
			return nil, nil // not a typed nil: Socket.Session stays a plain nil
		}
		return s, nil
	}
}

// RoomRequest describes a family of rooms that clients ask to join and
// leave with a pair of events, as generated code declares it. P is what the
// client sends: the room's parameter (an int64, a string, …), a struct of
// parameters, or struct{} for a fixed room.
type RoomRequest[P any] struct {
	// JoinEvent and LeaveEvent are the client events, e.g. "join:user".
	JoinEvent, LeaveEvent string
	// Name builds the room name from the parameters, e.g. "user:42".
	Name func(P) string
	// Allow decides whether s may join the room: false refuses the join
	// with code forbidden; an error is reported like a handler's (an
	// *Error as is, anything else as internal).
	Allow func(ctx context.Context, s *Socket, p P) (bool, error)
	// Parse reads the parameters back from a room name; false when the
	// name is not one of these rooms. A recovering socket's rooms go
	// through it and Allow again (rules may have changed while it was
	// away). nil for a fixed room, whose name is Name of the zero P.
	Parse func(room string) (P, bool)
}

// roomRule decides whether a socket may be in a room that one RoomRequest
// describes; matched is false for rooms of other requests.
type roomRule func(ctx context.Context, s *Socket, room string) (matched, allowed bool, err error)

// rule returns r's join rule for room names.
func (r RoomRequest[P]) rule() roomRule {
	parse := r.Parse
	if parse == nil {
		var zero P
		fixed := r.Name(zero)
		parse = func(room string) (P, bool) { return zero, room == fixed }
	}
	return func(ctx context.Context, s *Socket, room string) (bool, bool, error) {
		p, ok := parse(room)
		if !ok {
			return false, false, nil
		}
		allowed, err := r.Allow(ctx, s, p)
		return true, allowed, err
	}
}

// HandleRoom registers the join and leave events of r. A join the rule
// allows adds the socket to the room and answers {"ok":true}; a refused one
// answers code forbidden with details {"room": name} and the socket receives
// nothing from that room. Leaving needs no permission and succeeds whether
// or not the socket was in the room. Payloads are decoded and validated as
// by HandleEvent, so a malformed parameter is refused with bad_request
// before Allow runs.
//
// Once a namespace has a RoomRequest, its rooms are deny-by-default for a
// recovering socket too: it gets back only the rooms that a RoomRequest
// parses and allows for it now.
func HandleRoom[P any](n *Namespace, r RoomRequest[P]) {
	n.addRoomRule(r.rule())
	HandleEvent(n, r.JoinEvent, func(ctx context.Context, s *Socket, p P) error {
		room := r.Name(p)
		ok, err := r.Allow(ctx, s, p)
		if err != nil {
			return err
		}
		if !ok {
			if o := n.srv.observer(); o != nil {
				o.JoinRefused(s, room)
			}
			s.log(slog.LevelWarn, "Join refused: "+room+" for "+s.ID(), "room", room)
			return &Error{
				Code:    CodeForbidden,
				Message: fmt.Sprintf("not allowed to join %s", room),
				Details: map[string]string{"room": room},
			}
		}
		s.Join(room)
		s.log(slog.LevelDebug, "Joined "+room+": "+s.ID(), "room", room)
		return nil
	})
	HandleEvent(n, r.LeaveEvent, func(ctx context.Context, s *Socket, p P) error {
		room := r.Name(p)
		s.Leave(room)
		s.log(slog.LevelDebug, "Left "+room+": "+s.ID(), "room", room)
		return nil
	})
}

// EmitPayload validates p and sends it as the only argument of event
// through b. Generated emitters use it, so that a payload the schema's
// constraints forbid (a rank of 0, a required list left nil) fails on the
// server with an error naming the field instead of reaching clients that
// rely on the schema's types.
//
// A nil p sends the event without arguments; a p that is not a Validator is
// sent as is. Each emit is logged at debug level by the namespace's logger
// with its event, rooms and recipient count (the sockets of this process
// it was queued for): "[Leaderboard] Emitted rank:changed to user:456: 1
// recipient".
func EmitPayload(b *BroadcastOperator, event string, p any) error {
	var args []any
	if p != nil {
		if v, ok := p.(Validator); ok {
			if err := v.Validate(); err != nil {
				return fmt.Errorf("socketio: %s: invalid payload: %w", event, err)
			}
		}
		args = []any{p}
	}
	log := b.nsp.Logger()
	debug := log.Enabled(context.Background(), slog.LevelDebug)
	n, err := b.emit(event, args, debug)
	if err != nil {
		return err
	}
	if debug {
		to := "every client"
		if len(b.opts.Rooms) > 0 {
			to = strings.Join(b.opts.Rooms, ", ")
		}
		unit := "recipients"
		if n == 1 {
			unit = "recipient"
		}
		log.Debug(fmt.Sprintf("Emitted %s to %s: %d %s", event, to, n, unit),
			"event", event, "rooms", b.opts.Rooms, "recipients", n)
	}
	return nil
}

// MatchRoom splits a room name along the literal parts of its template:
// literals[0] precedes the first parameter, literals[i] separates
// parameters i-1 and i, and the last literal follows the last parameter
// ("" where nothing stands). It returns the parameters' text, or false when
// room does not match. Generated room parsers use it:
// MatchRoom("user:42", "user:", "") = ["42"], true.
func MatchRoom(room string, literals ...string) ([]string, bool) {
	if len(literals) < 2 {
		return nil, false
	}
	rest, ok := strings.CutPrefix(room, literals[0])
	if !ok {
		return nil, false
	}
	params := make([]string, 0, len(literals)-1)
	for i, lit := range literals[1:] {
		var param string
		if i == len(literals)-2 {
			// The last parameter runs to the final literal, which must end the name.
			if param, ok = strings.CutSuffix(rest, lit); !ok {
				return nil, false
			}
			rest = ""
		} else {
			j := strings.Index(rest, lit)
			if j < 0 {
				return nil, false
			}
			param, rest = rest[:j], rest[j+len(lit):]
		}
		if param == "" {
			return nil, false
		}
		params = append(params, param)
	}
	return params, true
}

// HookResult collects the first error of the application hooks that one
// generated join rule calls, so that a rule stays a single boolean
// expression: `ok := isAdmin || h.Pass(auth.CanJoinContest(ctx, sess, id))`.
type HookResult struct {
	Err error
}

// Pass returns ok when err is nil; otherwise it records err (the first one
// only) and returns false, so a failing hook never grants a join.
func (h *HookResult) Pass(ok bool, err error) bool {
	if err != nil {
		if h.Err == nil {
			h.Err = err
		}
		return false
	}
	return ok
}

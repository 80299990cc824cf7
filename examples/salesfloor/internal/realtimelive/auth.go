package realtimelive

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/auth"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/floor"
	"github.com/rtgen/rtgen/generated/realtime"
	"github.com/rtgen/rtgen/runtime/socketio"
)

// authenticate establishes a socket's session from the session cookie its handshake carried, as an
// HTTP request of the same browser would: the page and its socket are one origin, so the browser
// sends the cookie with both.
func (l *Live) authenticate(ctx context.Context, h *socketio.Handshake) (*realtime.Session, error) {
	p, err := l.sessions.FromRequest(ctx, &http.Request{Header: h.Header})
	if errors.Is(err, auth.ErrNoSession) {
		return nil, socketio.NewError(socketio.CodeUnauthorized, "log in first")
	}
	if err != nil {
		return nil, err
	}
	return session(p), nil
}

// SignedOut disconnects, in every namespace and on every server of a cluster, the sockets that were
// opened with the session token, so that a signed-out browser stops receiving the user's events at
// once rather than at its next reconnect. The client sees "io server disconnect" and does not
// reconnect by itself. Sockets of the same user opened with other sessions (other devices) stay
// connected. It returns how many sockets it disconnected.
func (l *Live) SignedOut(ctx context.Context, token string) int {
	room := tokenRoom(token)
	n := 0
	for _, ns := range l.namespaces() {
		size, err := ns.RoomSize(ctx, room)
		if err != nil {
			l.log.Error("counting the sockets to sign out: "+err.Error(), "namespace", ns.Name())
		}
		if err := ns.To(room).DisconnectSockets(ctx, false); err != nil {
			l.log.Error("signing sockets out: "+err.Error(), "namespace", ns.Name())
			continue
		}
		n += size
	}
	return n
}

// joinTokenRoom puts a socket in the room of the session token its handshake carried, which
// SignedOut empties; recovered sockets join it again.
func joinTokenRoom(_ context.Context, s *socketio.Socket) {
	if c, err := s.Handshake().Cookie(auth.CookieName); err == nil {
		s.Join(tokenRoom(c.Value))
	}
}

// tokenRoom names the room of the sockets opened with a session token. It holds a hash, never the
// token: room names show in logs. Clients cannot join rooms by themselves.
func tokenRoom(token string) string {
	sum := sha256.Sum256([]byte(token))
	return "session-token:" + hex.EncodeToString(sum[:12])
}

// session is the claims a connection carries. Roles the schema does not know (the TV display's)
// are left out: such a connection may join only the rooms open to anyone.
func session(p auth.Principal) *realtime.Session {
	s := &realtime.Session{UserID: p.UserID, UserName: p.UserName, TeamIDs: append([]int64{}, p.TeamIDs...), Roles: []realtime.Role{}}
	for _, r := range p.Roles {
		if role := realtime.Role(r); role.Validate() == nil {
			s.Roles = append(s.Roles, role)
		}
	}
	return s
}

// handlers serves what the schema leaves to the application: room rules and client events.
type handlers struct{ l *Live }

// CanJoinContest lets those who sell follow a contest (admins are let in by the schema's rule).
func (h handlers) CanJoinContest(ctx context.Context, s *realtime.Session, contestID int64) (bool, error) {
	if s == nil {
		return false, nil
	}
	return h.l.floor.CanFollowContest(ctx, s.UserID, contestID)
}

// IsSessionOwner lets a rep into their own roleplay sessions (managers are let in by the schema's
// rule, to coach).
func (h handlers) IsSessionOwner(ctx context.Context, s *realtime.Session, sessionID string) (bool, error) {
	if s == nil {
		return false, nil
	}
	return h.l.floor.OwnsRoleplay(ctx, s.UserID, sessionID)
}

// OwnsConversation lets a user into their own conversation with Susan only.
func (h handlers) OwnsConversation(_ context.Context, s *realtime.Session, conversationID string) (bool, error) {
	if s == nil {
		return false, nil
	}
	owner, ok := floor.FieldConversationOwner(conversationID)
	return ok && owner == s.UserID, nil
}

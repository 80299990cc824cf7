package realtimelive

import (
	"context"
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

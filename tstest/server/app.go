package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/rtgen/rtgen/generated/realtime"
	"github.com/rtgen/rtgen/runtime/socketio"
)

// denied is the room parameter value the authorizer hooks refuse; every
// other value is allowed.
const denied = "denied"

// deniedContest is the contest id CanJoinContest refuses.
const deniedContest = 13

// Received is one client event as the generated handler got it.
type Received struct {
	Seq       int             `json:"seq"`
	Namespace string          `json:"namespace"`
	Event     string          `json:"event"`
	Method    string          `json:"method"`
	UserID    int64           `json:"userId"`
	Payload   json.RawMessage `json:"payload"`
}

// app implements the generated handler and authorizer interfaces: every
// handler records the decoded payload and answers with the fixture's ack.
type app struct {
	acks map[string]json.RawMessage // "namespace event" → ack sample

	mu       sync.Mutex
	received []Received
}

func newApp(fx *Fixtures) *app {
	a := &app{acks: map[string]json.RawMessage{}}
	for _, ns := range fx.Namespaces {
		for _, ev := range ns.ClientEvents {
			if ev.Ack != nil {
				a.acks[ns.Name+" "+ev.Event] = ev.Ack
			}
		}
	}
	return a
}

// handle records one client event and decodes the fixture's ack for it into A.
func handle[A any](a *app, c realtime.Client, ns, event, method string, p any) (A, error) {
	var ack A
	b, err := json.Marshal(p)
	if err != nil {
		return ack, err
	}
	var userID int64
	if s := c.Session(); s != nil {
		userID = s.UserID
	}
	a.mu.Lock()
	a.received = append(a.received, Received{
		Seq: len(a.received) + 1, Namespace: ns, Event: event, Method: method, UserID: userID, Payload: b,
	})
	a.mu.Unlock()
	if raw, ok := a.acks[ns+" "+event]; ok {
		if err := json.Unmarshal(raw, &ack); err != nil {
			return ack, fmt.Errorf("ack fixture of %s %s: %w", ns, event, err)
		}
	}
	return ack, nil
}

// Received returns what the handlers got, in order.
func (a *app) Received() []Received {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]Received{}, a.received...)
}

func (a *app) OnRoleplayMessage(_ context.Context, c realtime.Client, p realtime.RoleplayMessage) (realtime.RoleplayMessageAck, error) {
	return handle[realtime.RoleplayMessageAck](a, c, realtime.TrainingNamespace, realtime.TrainingRoleplayMessageEvent, "OnRoleplayMessage", p)
}

func (a *app) OnRoleplayStopTyping(_ context.Context, c realtime.Client, p realtime.RoleplayStopTyping) error {
	_, err := handle[struct{}](a, c, realtime.TrainingNamespace, realtime.TrainingRoleplayStopTypingEvent, "OnRoleplayStopTyping", p)
	return err
}

func (a *app) OnProgressUpdate(_ context.Context, c realtime.Client, p realtime.ProgressReport) (realtime.TrainingProgress, error) {
	return handle[realtime.TrainingProgress](a, c, realtime.TrainingNamespace, realtime.TrainingProgressUpdateEvent, "OnProgressUpdate", p)
}

func (a *app) OnChatMessage(_ context.Context, c realtime.Client, p realtime.ChatMessage) (realtime.ChatMessageAck, error) {
	return handle[realtime.ChatMessageAck](a, c, realtime.FieldNamespace, realtime.FieldChatMessageEvent, "OnChatMessage", p)
}

func (a *app) OnChatTyping(_ context.Context, c realtime.Client, p realtime.ChatTyping) error {
	_, err := handle[struct{}](a, c, realtime.FieldNamespace, realtime.FieldChatTypingEvent, "OnChatTyping", p)
	return err
}

func (a *app) OnNotificationRead(_ context.Context, c realtime.Client, p realtime.MarkRead) (realtime.UnreadCount, error) {
	return handle[realtime.UnreadCount](a, c, realtime.MainNamespace, realtime.MainNotificationReadEvent, "OnNotificationRead", p)
}

func (a *app) CanJoinContest(_ context.Context, _ *realtime.Session, contestID int64) (bool, error) {
	return contestID != deniedContest, nil
}

func (a *app) IsSessionOwner(_ context.Context, _ *realtime.Session, sessionID string) (bool, error) {
	return sessionID != denied, nil
}

func (a *app) OwnsConversation(_ context.Context, _ *realtime.Session, conversationID string) (bool, error) {
	return conversationID != denied, nil
}

// authenticate accepts a client whose auth payload carries either
// `session`, the claims as JSON, or `token`, a short form such as
// "user:7:team:5,6:roles:admin" (user id, team ids, roles; the name is
// "User 7"). Anything else is refused with code unauthorized.
func authenticate(_ context.Context, h *socketio.Handshake) (*realtime.Session, error) {
	var auth struct {
		Session json.RawMessage `json:"session"`
		Token   string          `json:"token"`
	}
	if err := json.Unmarshal(h.Auth, &auth); err != nil {
		return nil, &socketio.Error{Code: socketio.CodeBadRequest, Message: "auth payload: " + err.Error()}
	}
	switch {
	case auth.Session != nil:
		var s realtime.Session
		if err := json.Unmarshal(auth.Session, &s); err != nil {
			return nil, &socketio.Error{Code: socketio.CodeUnauthorized, Message: "session: " + err.Error()}
		}
		return &s, nil
	case auth.Token != "":
		s, err := parseToken(auth.Token)
		if err != nil {
			return nil, &socketio.Error{Code: socketio.CodeUnauthorized, Message: err.Error()}
		}
		return s, nil
	}
	return nil, &socketio.Error{Code: socketio.CodeUnauthorized, Message: "sign in first"}
}

// parseToken reads "user:7:team:5,6:roles:admin,manager": key:value pairs,
// lists comma-separated; user is required.
func parseToken(token string) (*realtime.Session, error) {
	parts := strings.Split(token, ":")
	if len(parts)%2 != 0 {
		return nil, fmt.Errorf("token %q: want key:value pairs", token)
	}
	s := &realtime.Session{TeamIDs: []int64{}, Roles: []realtime.Role{}}
	hasUser := false
	for i := 0; i < len(parts); i += 2 {
		key, val := parts[i], parts[i+1]
		switch key {
		case "user":
			id, err := strconv.ParseInt(val, 10, 64)
			if err != nil {
				return nil, fmt.Errorf("token %q: user: %w", token, err)
			}
			s.UserID, s.UserName, hasUser = id, "User "+val, true
		case "team":
			for _, v := range strings.Split(val, ",") {
				id, err := strconv.ParseInt(v, 10, 64)
				if err != nil {
					return nil, fmt.Errorf("token %q: team: %w", token, err)
				}
				s.TeamIDs = append(s.TeamIDs, id)
			}
		case "roles":
			for _, v := range strings.Split(val, ",") {
				s.Roles = append(s.Roles, realtime.Role(v))
			}
		default:
			return nil, fmt.Errorf("token %q: unknown key %q", token, key)
		}
	}
	if !hasUser {
		return nil, fmt.Errorf("token %q: no user", token)
	}
	return s, nil
}

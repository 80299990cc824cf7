package realtimelive

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/floor"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/store"
	"github.com/rtgen/rtgen/generated/realtime"
	"github.com/rtgen/rtgen/runtime/socketio"
)

// CodeConflict is the error code of a client event the current state does not allow, such as a
// roleplay message while the coach is still answering the previous one.
const CodeConflict = "conflict"

// OnRoleplayMessage stores the rep's message and acknowledges it at once; the coach's typing
// indicator and reply follow in the session's room.
func (h handlers) OnRoleplayMessage(ctx context.Context, c realtime.Client, m realtime.RoleplayMessage) (realtime.RoleplayMessageAck, error) {
	l := h.l
	p, err := l.floor.PostRoleplayMessage(ctx, c.Session().UserID, m.SessionID, m.Message)
	if err != nil {
		return realtime.RoleplayMessageAck{}, clientError(err)
	}
	l.background(func(ctx context.Context) {
		if _, err := p.Reply(ctx); err != nil {
			l.rt.Training.Namespace().Logger().ErrorContext(ctx, "roleplay reply failed", "session", m.SessionID, "err", err)
		}
	})
	return realtime.RoleplayMessageAck{MessageID: strconv.FormatInt(p.Sent.ID, 10), ReceivedAt: p.Sent.Timestamp}, nil
}

// OnRoleplayStopTyping accepts the owner's "stopped typing". The coach does not watch the rep type
// and the schema has no event to show it to a coaching manager, so it is only logged.
func (h handlers) OnRoleplayStopTyping(ctx context.Context, c realtime.Client, m realtime.RoleplayStopTyping) error {
	owns, err := h.l.floor.OwnsRoleplay(ctx, c.Session().UserID, m.SessionID)
	if err != nil {
		return err
	}
	if !owns {
		return forbidden()
	}
	c.Socket().Logger().DebugContext(ctx, "Rep stopped typing", "session", m.SessionID)
	return nil
}

// OnProgressUpdate takes a report of where the user is in a lesson (a quiz of the module) and
// answers with the module's progress, which the user's other screens and the module's room get too.
func (h handlers) OnProgressUpdate(ctx context.Context, c realtime.Client, r realtime.ProgressReport) (realtime.TrainingProgress, error) {
	p, err := h.l.floor.ReportLessonProgress(ctx, c.Session().UserID, r.ModuleID, r.LessonID, r.PercentComplete)
	if err != nil {
		return realtime.TrainingProgress{}, clientError(err)
	}
	return trainingProgress(p), nil
}

// OnChatMessage stores a question to Susan in the user's own conversation and acknowledges it at
// once; her typing indicator and answer follow in the conversation's room. A shared location is
// not used: Susan's answers do not depend on where the rep is.
func (h handlers) OnChatMessage(ctx context.Context, c realtime.Client, m realtime.ChatMessage) (realtime.ChatMessageAck, error) {
	l := h.l
	if !ownConversation(c, m.ConversationID) {
		return realtime.ChatMessageAck{}, forbidden()
	}
	p, err := l.floor.PostFieldQuestion(ctx, c.Session().UserID, m.Message)
	if err != nil {
		return realtime.ChatMessageAck{}, clientError(err)
	}
	l.background(func(ctx context.Context) {
		if _, err := p.Answer(ctx); err != nil {
			l.rt.Field.Namespace().Logger().ErrorContext(ctx, "Susan's answer failed", "conversation", m.ConversationID, "err", err)
		}
	})
	return realtime.ChatMessageAck{MessageID: strconv.FormatInt(p.Question.ID, 10), ReceivedAt: p.Question.Timestamp}, nil
}

// OnChatTyping accepts the rep's typing state in their conversation. Susan does not watch the rep
// type, so it is only logged.
func (h handlers) OnChatTyping(ctx context.Context, c realtime.Client, t realtime.ChatTyping) error {
	if !ownConversation(c, t.ConversationID) {
		return forbidden()
	}
	c.Socket().Logger().DebugContext(ctx, "Rep typing", "conversation", t.ConversationID, "isTyping", t.IsTyping)
	return nil
}

// OnNotificationRead marks the user's notifications read and answers with the unread count left.
func (h handlers) OnNotificationRead(ctx context.Context, c realtime.Client, m realtime.MarkRead) (realtime.UnreadCount, error) {
	ids := make([]int64, 0, len(m.IDs))
	for _, s := range m.IDs {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			return realtime.UnreadCount{}, &socketio.Error{Code: socketio.CodeBadRequest, Message: "ids: " + strconv.Quote(s) + " is not a notification id", Details: map[string]string{"field": "ids"}}
		}
		ids = append(ids, id)
	}
	userID := c.Session().UserID
	n, err := h.l.floor.MarkNotificationsRead(ctx, userID, ids)
	if err != nil {
		return realtime.UnreadCount{}, clientError(err)
	}
	return realtime.UnreadCount{UserID: userID, Count: int64(n)}, nil
}

func ownConversation(c realtime.Client, conversationID string) bool {
	owner, ok := floor.FieldConversationOwner(conversationID)
	return ok && owner == c.Session().UserID
}

func forbidden() error {
	return socketio.NewError(socketio.CodeForbidden, "that belongs to someone else")
}

// clientError turns the floor service's errors into the codes clients act on; anything else is the
// server's fault and is reported as internal (and logged) by the runtime.
func clientError(err error) error {
	var ve *floor.ValidationError
	switch {
	case errors.As(err, &ve):
		return &socketio.Error{Code: socketio.CodeBadRequest, Message: ve.Error(), Details: map[string]string{"field": ve.Field}}
	case errors.Is(err, floor.ErrForbidden):
		return forbidden()
	case errors.Is(err, store.ErrNotFound):
		return socketio.NewError(socketio.CodeNotFound, err.Error())
	case errors.Is(err, floor.ErrConflict):
		return socketio.NewError(CodeConflict, strings.TrimPrefix(err.Error(), floor.ErrConflict.Error()+": "))
	}
	return err
}

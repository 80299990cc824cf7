package floor

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/coach"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/live"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/rules"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/store"
)

// FieldHistoryLength is how many field messages a chat shows.
const FieldHistoryLength = 50

// FieldExchange is a question and Susan's answer.
type FieldExchange struct {
	Question live.FieldMessage `json:"question"`
	Answer   live.FieldMessage `json:"answer"`
}

// FieldHistory is a user's latest field chat, oldest first.
func (s *Service) FieldHistory(ctx context.Context, userID int64) ([]live.FieldMessage, error) {
	out := []live.FieldMessage{}
	err := s.store.Read(ctx, func(tx *store.Tx) error {
		msgs, err := tx.FieldMessages(userID, FieldHistoryLength)
		for _, m := range msgs {
			out = append(out, s.fieldMessage(m))
		}
		return err
	})
	return out, err
}

// AskField answers a user's field question: PostFieldQuestion, then the pending answer's Answer.
// It returns when Susan has answered.
func (s *Service) AskField(ctx context.Context, userID int64, message string) (FieldExchange, error) {
	p, err := s.PostFieldQuestion(ctx, userID, message)
	if err != nil {
		return FieldExchange{}, err
	}
	return p.Answer(ctx)
}

// PendingField is a user's stored field question whose answer is still to come.
type PendingField struct {
	// Question is the user's message as stored.
	Question live.FieldMessage

	s *Service
	q coach.Question
}

// PostFieldQuestion stores a user's field question, with what Susan will know of their standing on
// the leaderboard, and returns the answer to prepare.
func (s *Service) PostFieldQuestion(ctx context.Context, userID int64, message string) (*PendingField, error) {
	msg, err := text("message", message, 1, coach.MaxMessageLength)
	if err != nil {
		return nil, err
	}
	now := s.clock()
	from, to := yearBounds(now)
	p := &PendingField{s: s}
	err = s.store.Write(ctx, func(tx *store.Tx) error {
		user, err := tx.User(userID)
		if err != nil {
			return err
		}
		standings, err := tx.Standings(from, to)
		if err != nil {
			return err
		}
		p.q = coach.Question{UserName: user.Name, Message: msg, Stats: repStats(user, rankOf(standings), rules.DateOf(now))}
		m := store.FieldMessage{UserID: userID, Author: "user", Text: msg, CreatedAt: now}
		id, err := tx.InsertFieldMessage(m)
		m.ID = id
		p.Question = s.fieldMessage(m)
		return err
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// Answer shows Susan typing for the typing delay, then stores her answer and delivers it to the
// user's conversation. Call it once.
func (p *PendingField) Answer(ctx context.Context) (FieldExchange, error) {
	s, userID := p.s, p.Question.UserID
	out := FieldExchange{Question: p.Question}
	s.live.FieldTyping(ctx, userID, true)
	answer, err := s.answer(ctx, p.q)
	if err != nil {
		s.live.FieldTyping(ctx, userID, false)
		return FieldExchange{}, err
	}
	err = s.store.Write(ctx, func(tx *store.Tx) error {
		m := store.FieldMessage{UserID: userID, Author: "susan", Text: answer.Message, Suggestions: answer.Suggestions, CreatedAt: s.clock()}
		id, err := tx.InsertFieldMessage(m)
		m.ID = id
		out.Answer = s.fieldMessage(m)
		out.Answer.ReplyTo = p.Question.ID
		return err
	})
	if err != nil {
		s.live.FieldTyping(ctx, userID, false)
		return FieldExchange{}, err
	}
	s.live.FieldReply(ctx, userID, out.Answer)
	s.live.FieldTyping(ctx, userID, false)
	return out, nil
}

func (s *Service) answer(ctx context.Context, q coach.Question) (coach.Answer, error) {
	if err := sleep(ctx, s.typingDelay); err != nil {
		return coach.Answer{}, err
	}
	a, err := s.coach.Field(ctx, q)
	if errors.Is(err, coach.ErrEmptyMessage) || errors.Is(err, coach.ErrMessageTooLong) {
		return a, invalid("message", "%v", err)
	}
	return a, err
}

// repStats is what Susan knows of a user's numbers.
func repStats(u store.User, ranked []rules.Ranked, today rules.Date) coach.RepStats {
	st := coach.RepStats{Of: len(ranked), TeamName: u.TeamName, Level: rules.LevelForXP(u.XP), Streak: streakView(u.Streak, today).Days}
	for i, r := range ranked {
		if r.UserID != u.ID {
			continue
		}
		st.Rank, st.Revenue, st.Deals = r.Rank, r.Value, r.Count
		if i > 0 {
			st.GapToNext, st.NextName = ranked[i-1].Value-r.Value, ranked[i-1].UserName
		}
	}
	return st
}

func (s *Service) fieldMessage(m store.FieldMessage) live.FieldMessage {
	return live.FieldMessage{ID: m.ID, UserID: m.UserID, Author: m.Author, Message: m.Text, Suggestions: m.Suggestions, Timestamp: m.CreatedAt.In(s.loc)}
}

// fieldConversationPrefix starts the id of every user's conversation with Susan.
const fieldConversationPrefix = "field-"

// FieldConversation is the id of a user's conversation with Susan: each user has one, "field-7" for
// user 7. Ids are not secret; who may open one is FieldConversationOwner's business.
func FieldConversation(userID int64) string {
	return fieldConversationPrefix + strconv.FormatInt(userID, 10)
}

// FieldConversationOwner returns the user whose conversation id is; ok is false for an id
// FieldConversation does not make.
func FieldConversationOwner(id string) (userID int64, ok bool) {
	digits, found := strings.CutPrefix(id, fieldConversationPrefix)
	if !found || digits == "" || digits[0] == '0' || digits[0] == '+' {
		return 0, false
	}
	userID, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || userID <= 0 {
		return 0, false
	}
	return userID, true
}

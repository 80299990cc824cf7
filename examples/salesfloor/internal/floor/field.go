package floor

import (
	"context"
	"errors"

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

// AskField stores a user's field question, shows Susan typing for the typing delay, and stores and
// delivers her answer, which knows the user's standing on the leaderboard.
func (s *Service) AskField(ctx context.Context, userID int64, message string) (FieldExchange, error) {
	msg, err := text("message", message, 1, coach.MaxMessageLength)
	if err != nil {
		return FieldExchange{}, err
	}
	now := s.clock()
	from, to := yearBounds(now)
	var q coach.Question
	var out FieldExchange
	err = s.store.Write(ctx, func(tx *store.Tx) error {
		user, err := tx.User(userID)
		if err != nil {
			return err
		}
		standings, err := tx.Standings(from, to)
		if err != nil {
			return err
		}
		q = coach.Question{UserName: user.Name, Message: msg, Stats: repStats(user, rankOf(standings), rules.DateOf(now))}
		m := store.FieldMessage{UserID: userID, Author: "user", Text: msg, CreatedAt: now}
		id, err := tx.InsertFieldMessage(m)
		m.ID = id
		out.Question = s.fieldMessage(m)
		return err
	})
	if err != nil {
		return FieldExchange{}, err
	}

	s.live.FieldTyping(ctx, userID, true)
	answer, err := s.answer(ctx, q)
	if err != nil {
		s.live.FieldTyping(ctx, userID, false)
		return FieldExchange{}, err
	}
	err = s.store.Write(ctx, func(tx *store.Tx) error {
		m := store.FieldMessage{UserID: userID, Author: "susan", Text: answer.Message, Suggestions: answer.Suggestions, CreatedAt: s.clock()}
		id, err := tx.InsertFieldMessage(m)
		m.ID = id
		out.Answer = s.fieldMessage(m)
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

package floor

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"errors"
	"strings"
	"time"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/coach"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/live"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/rules"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/store"
)

// replyWindow is how long a rep message may wait for its reply before the session accepts a new
// one (a reply lost to a crash must not lock the session forever).
const replyWindow = 30 * time.Second

// RoleplayView is a roleplay session with its transcript.
type RoleplayView struct {
	SessionID string         `json:"sessionId"`
	Scenario  ScenarioView   `json:"scenario"`
	Done      bool           `json:"done"`
	Messages  []RoleplayLine `json:"messages"`
}

// RoleplayLine is one message of a transcript. Speaker is "rep", "buyer" or "coach"; Score,
// Feedback and Techniques assess the rep's previous message and are set on buyer lines after the
// opening.
type RoleplayLine struct {
	ID         int64     `json:"id"`
	Speaker    string    `json:"speaker"`
	Message    string    `json:"message"`
	Score      int       `json:"score,omitempty"`
	Feedback   string    `json:"feedback,omitempty"`
	Techniques []string  `json:"techniques,omitempty"`
	Timestamp  time.Time `json:"timestamp"`
}

// RoleplayOutcome is one exchange: the rep's stored message, the coach's reply (Speaker "buyer" or
// "coach"), and the XP and level-up earned when the reply ended the scenario.
type RoleplayOutcome struct {
	Sent    RoleplayLine          `json:"sent"`
	Reply   live.RoleplayResponse `json:"reply"`
	Speaker string                `json:"speaker"`
	XP      *live.XPGainEvent     `json:"xp,omitempty"`
	LevelUp *live.LevelUpEvent    `json:"levelUp,omitempty"`
}

// StartRoleplay opens a session of a scenario for a user; the buyer speaks first.
func (s *Service) StartRoleplay(ctx context.Context, userID int64, scenarioID string) (RoleplayView, error) {
	sc, err := coach.ScenarioByID(scenarioID)
	if err != nil {
		return RoleplayView{}, err
	}
	id, err := sessionID()
	if err != nil {
		return RoleplayView{}, err
	}
	now := s.clock()
	err = s.store.Write(ctx, func(tx *store.Tx) error {
		if _, err := tx.User(userID); err != nil {
			return err
		}
		if err := tx.InsertRoleplaySession(store.RoleplaySession{ID: id, UserID: userID, ScenarioID: sc.ID, CreatedAt: now}); err != nil {
			return err
		}
		_, err := tx.InsertRoleplayMessage(store.RoleplayMessage{SessionID: id, Speaker: string(coach.SpeakerBuyer), Text: sc.Opening, CreatedAt: now})
		return err
	})
	if err != nil {
		return RoleplayView{}, err
	}
	return s.Roleplay(ctx, userID, id)
}

// Roleplay returns a user's session with its transcript; another user's session is ErrForbidden.
func (s *Service) Roleplay(ctx context.Context, userID int64, sessionID string) (RoleplayView, error) {
	var v RoleplayView
	err := s.store.Read(ctx, func(tx *store.Tx) error {
		sess, err := ownSession(tx, userID, sessionID)
		if err != nil {
			return err
		}
		sc, err := coach.ScenarioByID(sess.ScenarioID)
		if err != nil {
			return err
		}
		msgs, err := tx.RoleplayMessages(sessionID)
		v = RoleplayView{SessionID: sess.ID, Scenario: scenarioView(sc), Done: sess.Done, Messages: []RoleplayLine{}}
		for _, m := range msgs {
			v.Messages = append(v.Messages, s.line(m))
		}
		return err
	})
	return v, err
}

// SendRoleplayMessage answers a rep's message in their session: PostRoleplayMessage, then the
// pending reply's Reply. It returns when the coach has replied.
func (s *Service) SendRoleplayMessage(ctx context.Context, userID int64, sessionID, message string) (RoleplayOutcome, error) {
	p, err := s.PostRoleplayMessage(ctx, userID, sessionID, message)
	if err != nil {
		return RoleplayOutcome{}, err
	}
	return p.Reply(ctx)
}

// PendingRoleplay is a rep's stored roleplay message whose reply is still to come.
type PendingRoleplay struct {
	// Sent is the rep's message as stored.
	Sent RoleplayLine

	s         *Service
	userID    int64
	sessionID string
	turn      coach.Turn
}

// PostRoleplayMessage stores a rep's message in their session and returns the reply to prepare. A
// real-time client is acknowledged with Sent at once and receives the reply when Reply delivers it.
func (s *Service) PostRoleplayMessage(ctx context.Context, userID int64, sessionID, message string) (*PendingRoleplay, error) {
	msg, err := text("message", message, 1, coach.MaxMessageLength)
	if err != nil {
		return nil, err
	}
	now := s.clock()
	p := &PendingRoleplay{s: s, userID: userID, sessionID: sessionID}
	err = s.store.Write(ctx, func(tx *store.Tx) error {
		sess, err := ownSession(tx, userID, sessionID)
		if err != nil {
			return err
		}
		if sess.Done {
			return conflict("this roleplay is over; start a new one")
		}
		if p.turn.Scenario, err = coach.ScenarioByID(sess.ScenarioID); err != nil {
			return err
		}
		history, err := tx.RoleplayMessages(sessionID)
		if err != nil {
			return err
		}
		if n := len(history); n > 0 && history[n-1].Speaker == "rep" && now.Sub(history[n-1].CreatedAt) < replyWindow {
			return conflict("the coach is still replying to your last message")
		}
		for _, m := range history {
			p.turn.History = append(p.turn.History, coach.Line{FromRep: m.Speaker == "rep", Text: m.Text})
			if m.Speaker == "rep" {
				p.turn.Number++
			}
		}
		p.turn.Number++
		p.turn.Message = msg
		rep := store.RoleplayMessage{SessionID: sessionID, Speaker: "rep", Text: msg, CreatedAt: now}
		rep.ID, err = tx.InsertRoleplayMessage(rep)
		p.Sent = s.line(rep)
		return err
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// Reply shows the coach typing for the typing delay, asks the coach, stores and delivers the reply
// (roleplay typing, then the response, to the session), and when the reply ends the scenario
// awards XP by the session's average score. Call it once.
func (p *PendingRoleplay) Reply(ctx context.Context) (RoleplayOutcome, error) {
	s, sessionID := p.s, p.sessionID
	out := RoleplayOutcome{Sent: p.Sent}
	s.live.RoleplayTyping(ctx, sessionID, true)
	reply, err := s.think(ctx, p.turn)
	if err != nil {
		s.live.RoleplayTyping(ctx, sessionID, false)
		return RoleplayOutcome{}, err
	}
	now := s.clock()
	var award *xpAward
	err = s.store.Write(ctx, func(tx *store.Tx) error {
		m := store.RoleplayMessage{SessionID: sessionID, Speaker: string(reply.Speaker), Text: reply.Message, Score: reply.Score, Feedback: reply.Feedback, Techniques: reply.Techniques, CreatedAt: now}
		id, err := tx.InsertRoleplayMessage(m)
		if err != nil {
			return err
		}
		out.Speaker = string(reply.Speaker)
		out.Reply = live.RoleplayResponse{
			SessionID: sessionID, MessageID: id, Message: reply.Message, Timestamp: now,
			Metadata: live.RoleplayMetadata{Score: reply.Score, Feedback: reply.Feedback, Techniques: reply.Techniques, Done: reply.Done},
		}
		if !reply.Done {
			return nil
		}
		if err := tx.FinishRoleplaySession(sessionID); err != nil {
			return err
		}
		user, err := tx.User(p.userID)
		if err != nil {
			return err
		}
		msgs, err := tx.RoleplayMessages(sessionID)
		if err != nil {
			return err
		}
		a, err := awardXP(tx, user, rules.RoleplayXP(averageScore(msgs)), "Roleplay: "+p.turn.Scenario.Title, now)
		award = &a
		out.XP, out.LevelUp = &a.gain, a.levelUp
		return err
	})
	if err != nil {
		s.live.RoleplayTyping(ctx, sessionID, false)
		return RoleplayOutcome{}, err
	}
	s.live.RoleplayReply(ctx, sessionID, out.Reply)
	s.live.RoleplayTyping(ctx, sessionID, false)
	if award != nil {
		s.notifyXP(ctx, *award)
	}
	return out, nil
}

// OwnsRoleplay reports whether a roleplay session belongs to a user; an unknown session is not
// theirs.
func (s *Service) OwnsRoleplay(ctx context.Context, userID int64, sessionID string) (bool, error) {
	var owns bool
	err := s.store.Read(ctx, func(tx *store.Tx) error {
		sess, err := tx.RoleplaySession(sessionID)
		if errors.Is(err, store.ErrNotFound) {
			return nil
		}
		owns = err == nil && sess.UserID == userID
		return err
	})
	return owns, err
}

// think waits the typing delay and asks the coach.
func (s *Service) think(ctx context.Context, t coach.Turn) (coach.Reply, error) {
	if err := sleep(ctx, s.typingDelay); err != nil {
		return coach.Reply{}, err
	}
	r, err := s.coach.Roleplay(ctx, t)
	if errors.Is(err, coach.ErrEmptyMessage) || errors.Is(err, coach.ErrMessageTooLong) {
		return r, invalid("message", "%v", err)
	}
	return r, err
}

func ownSession(tx *store.Tx, userID int64, sessionID string) (store.RoleplaySession, error) {
	sess, err := tx.RoleplaySession(sessionID)
	if err != nil {
		return sess, err
	}
	if sess.UserID != userID {
		return sess, ErrForbidden
	}
	return sess, nil
}

// averageScore is the mean score of the buyer's assessed replies (coach tips and the opening carry
// no score).
func averageScore(msgs []store.RoleplayMessage) int {
	sum, n := 0, 0
	for i, m := range msgs {
		if m.Speaker == string(coach.SpeakerBuyer) && i > 0 {
			sum += m.Score
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return sum / n
}

func (s *Service) line(m store.RoleplayMessage) RoleplayLine {
	return RoleplayLine{ID: m.ID, Speaker: m.Speaker, Message: m.Text, Score: m.Score, Feedback: m.Feedback, Techniques: m.Techniques, Timestamp: m.CreatedAt.In(s.loc)}
}

func scenarioView(sc coach.Scenario) ScenarioView {
	return ScenarioView{ID: sc.ID, Objection: string(sc.Objection), Title: sc.Title, Buyer: sc.Buyer, Brief: sc.Brief}
}

// sessionID is a random, URL-safe roleplay session id such as "rp-k3j…".
func sessionID() (string, error) {
	b := make([]byte, 10)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return "rp-" + strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b)), nil
}

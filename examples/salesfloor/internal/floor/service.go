// Package floor is the sales floor application: it records sales, quizzes, check-ins, contest
// entries and chats through the store, applies the gamification rules, and reports what changed
// through the live Notifier. HTTP handlers, the simulator and real-time event handlers all call the
// same Service, so every path obeys the same rules.
//
// Notifications are sent after the transaction that caused them commits, so a client that refetches
// on an event always sees the new state.
package floor

import (
	"context"
	"log/slog"
	"time"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/coach"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/live"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/quiz"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/rules"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/store"
)

// Config configures a Service. Only Store is required; every other zero field has a default.
type Config struct {
	Store *store.Store
	// Notifier receives every real-time notification; nil → live.Nop{}.
	Notifier live.Notifier
	// Presence answers who is connected; nil → live.Nop{} (nobody).
	Presence live.Presence
	// Coach answers roleplay and field chats; nil → coach.Rules{}.
	Coach coach.Coach
	// Catalogue is the training course; nil → quiz.Default().
	Catalogue *quiz.Catalogue
	// Now is the clock; nil → time.Now.
	Now func() time.Time
	// Location is the floor's time zone, which decides the sales year and streak days; nil → time.Local.
	Location *time.Location
	// TypingDelay is how long the coach shows as typing before a reply, so the indicator is seen;
	// 0 → replies at once.
	TypingDelay time.Duration
	// Logger: nil → slog.Default().
	Logger *slog.Logger
}

// Service is the sales floor. It is safe for concurrent use.
type Service struct {
	store       *store.Store
	live        live.Notifier
	presence    live.Presence
	coach       coach.Coach
	catalogue   *quiz.Catalogue
	now         func() time.Time
	loc         *time.Location
	typingDelay time.Duration
	log         *slog.Logger
}

// New returns a Service for cfg.
func New(cfg Config) *Service {
	s := &Service{
		store: cfg.Store, live: cfg.Notifier, presence: cfg.Presence, coach: cfg.Coach, catalogue: cfg.Catalogue,
		now: cfg.Now, loc: cfg.Location, typingDelay: cfg.TypingDelay, log: cfg.Logger,
	}
	if s.live == nil {
		s.live = live.Nop{}
	}
	if s.presence == nil {
		s.presence = live.Nop{}
	}
	if s.coach == nil {
		s.coach = coach.Rules{}
	}
	if s.catalogue == nil {
		s.catalogue = quiz.Default()
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.loc == nil {
		s.loc = time.Local
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	return s
}

// Catalogue is the training course the service grades against.
func (s *Service) Catalogue() *quiz.Catalogue { return s.catalogue }

// clock is the current time in the floor's time zone.
func (s *Service) clock() time.Time { return s.now().In(s.loc) }

// yearBounds is the calendar year containing t, as [start, end).
func yearBounds(t time.Time) (time.Time, time.Time) {
	start := time.Date(t.Year(), time.January, 1, 0, 0, 0, 0, t.Location())
	return start, start.AddDate(1, 0, 0)
}

// dollars converts cents for payloads, which carry dollars.
func dollars(cents int64) float64 { return float64(cents) / 100 }

// achievementEvent builds the live payload of an achievement a user earned.
func achievementEvent(u store.User, a rules.Achievement, at time.Time) live.Achievement {
	return live.Achievement{
		ID: a.Key,
		Event: live.AchievementEvent{
			UserID: u.ID, UserName: u.Name, AchievementType: string(a.Type),
			Title: a.Title, Description: a.Description, Icon: a.Icon, Timestamp: at,
		},
		Rarity: string(a.Rarity),
		Public: a.Rarity.Showcased(),
	}
}

// grant records an achievement unless the user already has one with the same key; it reports whether
// it was granted.
func grant(tx *store.Tx, userID int64, a rules.Achievement, at time.Time) (bool, error) {
	has, err := tx.HasAchievement(userID, a.Key)
	if err != nil || has {
		return false, err
	}
	_, err = tx.InsertAchievement(userID, a, at)
	return err == nil, err
}

// sleep waits d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

package floor

import (
	"context"
	"time"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/live"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/rules"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/store"
)

// Profile is a user as the app shows them: who they are, where they rank this year (Rank 0: not
// ranked, e.g. an admin or display), their level, streak and latest achievements, and the id of
// their conversation with Susan.
type Profile struct {
	ID           int64      `json:"id"`
	Name         string     `json:"name"`
	Email        string     `json:"email"`
	Title        string     `json:"title"`
	Role         string     `json:"role"`
	TeamID       int64      `json:"teamId"`
	TeamName     string     `json:"teamName"`
	TeamColor    string     `json:"teamColor"`
	Rank         int        `json:"rank"`
	RankedOf     int        `json:"rankedOf"`
	Revenue      float64    `json:"revenue"`
	Deals        int        `json:"deals"`
	Level        LevelView  `json:"level"`
	Streak       StreakView `json:"streak"`
	Achievements []Earned   `json:"achievements"`
	Conversation string     `json:"conversationId"`
}

// Earned is an achievement someone earned, for lists and feeds.
type Earned struct {
	UserID          int64     `json:"userId"`
	UserName        string    `json:"userName"`
	AchievementType string    `json:"achievementType"`
	Title           string    `json:"title"`
	Description     string    `json:"description"`
	Icon            string    `json:"icon"`
	Rarity          string    `json:"rarity"`
	Timestamp       time.Time `json:"timestamp"`
}

// Profile is a user's profile.
func (s *Service) Profile(ctx context.Context, userID int64) (Profile, error) {
	now := s.clock()
	from, to := yearBounds(now)
	var p Profile
	err := s.store.Read(ctx, func(tx *store.Tx) error {
		u, err := tx.User(userID)
		if err != nil {
			return err
		}
		p = Profile{
			ID: u.ID, Name: u.Name, Email: u.Email, Title: u.Title, Role: string(u.Role), TeamID: u.TeamID,
			TeamName: u.TeamName, TeamColor: u.TeamColor, Level: levelView(u.XP), Streak: streakView(u.Streak, rules.DateOf(now)),
			Conversation: FieldConversation(u.ID),
		}
		if u.Role.Sells() {
			st, err := tx.Standings(from, to)
			if err != nil {
				return err
			}
			ranked := rankOf(st)
			p.RankedOf = len(ranked)
			for _, r := range ranked {
				if r.UserID == u.ID {
					p.Rank, p.Revenue, p.Deals = r.Rank, dollars(r.Value), r.Count
				}
			}
		}
		p.Achievements, err = s.achievements(tx, userID, 6)
		return err
	})
	return p, err
}

// RecentAchievements is the floor's latest achievements, newest first; limit is clamped to 1–50.
func (s *Service) RecentAchievements(ctx context.Context, limit int) ([]Earned, error) {
	var out []Earned
	err := s.store.Read(ctx, func(tx *store.Tx) (err error) {
		out, err = s.achievements(tx, 0, min(max(limit, 1), 50))
		return err
	})
	return out, err
}

func (s *Service) achievements(tx *store.Tx, userID int64, limit int) ([]Earned, error) {
	list, err := tx.Achievements(userID, limit)
	out := []Earned{}
	for _, a := range list {
		out = append(out, Earned{
			UserID: a.UserID, UserName: a.UserName, AchievementType: string(a.Type), Title: a.Title,
			Description: a.Description, Icon: a.Icon, Rarity: string(a.Rarity), Timestamp: a.EarnedAt.In(s.loc),
		})
	}
	return out, err
}

// Notice levels.
const (
	NoticeInfo    = "info"
	NoticeSuccess = "success"
	NoticeWarning = "warning"
)

// Announce sends a notice to everyone connected.
func (s *Service) Announce(ctx context.Context, title, message, level string) (live.Notice, error) {
	title, err := text("title", title, 1, MaxNoticeTitle)
	if err != nil {
		return live.Notice{}, err
	}
	message, err = text("message", message, 1, MaxNoticeLength)
	if err != nil {
		return live.Notice{}, err
	}
	switch level {
	case "":
		level = NoticeInfo
	case NoticeInfo, NoticeSuccess, NoticeWarning:
	default:
		return live.Notice{}, invalid("level", "must be info, success or warning")
	}
	n := live.Notice{Title: title, Message: message, Level: level, Timestamp: s.clock()}
	s.live.GlobalNotice(ctx, n)
	return n, nil
}

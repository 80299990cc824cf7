package live

import (
	"context"
	"log/slog"
)

// Log is a Notifier that only logs each notification, at debug level, labelled by the namespace it
// belongs to ("[Leaderboard] ranking update" user=7 previousRank=4 newRank=2). It lets the server
// run, and be watched, without a real-time layer.
type Log struct {
	Logger *slog.Logger // nil → slog.Default()
}

var _ Notifier = Log{}

func (l Log) log(ctx context.Context, msg string, args ...any) {
	lg := l.Logger
	if lg == nil {
		lg = slog.Default()
	}
	lg.DebugContext(ctx, msg, args...)
}

func (l Log) RankingsChanged(ctx context.Context, c RankingsChange) {
	for _, u := range c.Updates {
		l.log(ctx, "[Leaderboard] ranking update", "user", u.UserID, "previousRank", u.PreviousRank, "newRank", u.NewRank, "value", u.Value)
	}
}
func (l Log) LeaderboardRefreshed(ctx context.Context, b Leaderboard) {
	l.log(ctx, "[Leaderboard] leaderboard refresh", "rows", len(b.Rows))
}
func (l Log) AchievementEarned(ctx context.Context, a Achievement) {
	l.log(ctx, "[Leaderboard] achievement earned", "user", a.Event.UserID, "title", a.Event.Title, "public", a.Public)
}
func (l Log) ContestEntryAdded(ctx context.Context, e ContestEntry) {
	l.log(ctx, "[Leaderboard] contest entry", "contest", e.ContestID, "user", e.UserID, "points", e.Points, "rank", e.Rank)
}
func (l Log) ContestRanksChanged(ctx context.Context, c []ContestRankUpdate) {
	for _, u := range c {
		l.log(ctx, "[Leaderboard] contest rank", "contest", u.ContestID, "user", u.UserID, "previousRank", u.PreviousRank, "newRank", u.NewRank)
	}
}
func (l Log) TeamGoalReached(ctx context.Context, g TeamGoal) {
	l.log(ctx, "[Leaderboard] team goal reached", "team", g.TeamID, "goal", g.Goal, "total", g.Total)
}
func (l Log) XPGained(ctx context.Context, e XPGainEvent) {
	l.log(ctx, "[Training] XP gained", "user", e.UserID, "amount", e.Amount, "source", e.Source, "total", e.NewTotal)
}
func (l Log) LevelUp(ctx context.Context, e LevelUpEvent) {
	l.log(ctx, "[Training] level up", "user", e.UserID, "previousLevel", e.PreviousLevel, "newLevel", e.NewLevel)
}
func (l Log) StreakUpdated(ctx context.Context, s StreakUpdate) {
	l.log(ctx, "[Training] streak update", "user", s.UserID, "days", s.Days)
}
func (l Log) StreakMilestoneReached(ctx context.Context, m StreakMilestone) {
	l.log(ctx, "[Training] streak milestone", "user", m.UserID, "days", m.Days)
}
func (l Log) QuizCompleted(ctx context.Context, q QuizResult) {
	l.log(ctx, "[Training] quiz completed", "user", q.UserID, "quiz", q.QuizID, "score", q.Score)
}
func (l Log) ProgressUpdated(ctx context.Context, p ModuleProgress) {
	l.log(ctx, "[Training] progress update", "user", p.UserID, "module", p.ModuleID, "percent", p.Percent)
}
func (l Log) RoleplayTyping(ctx context.Context, sessionID string, isTyping bool) {
	l.log(ctx, "[Training] roleplay typing", "session", sessionID, "isTyping", isTyping)
}
func (l Log) RoleplayReply(ctx context.Context, sessionID string, r RoleplayResponse) {
	l.log(ctx, "[Training] roleplay response", "session", sessionID, "score", r.Metadata.Score)
}
func (l Log) FieldTyping(ctx context.Context, userID int64, isTyping bool) {
	l.log(ctx, "[Field] typing", "user", userID, "isTyping", isTyping)
}
func (l Log) FieldReply(ctx context.Context, userID int64, m FieldMessage) {
	l.log(ctx, "[Field] reply", "user", userID, "message", m.ID)
}
func (l Log) GlobalNotice(ctx context.Context, n Notice) {
	l.log(ctx, "[Main] notice", "title", n.Title, "level", n.Level)
}

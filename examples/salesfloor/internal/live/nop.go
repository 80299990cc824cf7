package live

import "context"

// Nop drops every notification and sees nobody connected. Its zero value is ready to use.
type Nop struct{}

var (
	_ Notifier = Nop{}
	_ Presence = Nop{}
)

func (Nop) RankingsChanged(context.Context, RankingsChange)          {}
func (Nop) LeaderboardRefreshed(context.Context, Leaderboard)        {}
func (Nop) AchievementEarned(context.Context, Achievement)           {}
func (Nop) ContestEntryAdded(context.Context, ContestEntry)          {}
func (Nop) ContestRanksChanged(context.Context, []ContestRankUpdate) {}
func (Nop) TeamGoalReached(context.Context, TeamGoal)                {}
func (Nop) XPGained(context.Context, XPGainEvent)                    {}
func (Nop) LevelUp(context.Context, LevelUpEvent)                    {}
func (Nop) StreakUpdated(context.Context, StreakUpdate)              {}
func (Nop) StreakMilestoneReached(context.Context, StreakMilestone)  {}
func (Nop) QuizCompleted(context.Context, QuizResult)                {}
func (Nop) ProgressUpdated(context.Context, ModuleProgress)          {}
func (Nop) RoleplayTyping(context.Context, string, bool)             {}
func (Nop) RoleplayReply(context.Context, string, RoleplayResponse)  {}
func (Nop) FieldTyping(context.Context, int64, bool)                 {}
func (Nop) FieldReply(context.Context, int64, FieldMessage)          {}
func (Nop) GlobalNotice(context.Context, Notice)                     {}
func (Nop) UserNotified(context.Context, UserNotification)           {}
func (Nop) UnreadChanged(context.Context, UnreadCount)               {}

// IsUserConnected is always false.
func (Nop) IsUserConnected(context.Context, int64) (bool, error) { return false, nil }

// ConnectedClientsCount is always 0.
func (Nop) ConnectedClientsCount(context.Context) (int, error) { return 0, nil }

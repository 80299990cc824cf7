package live

import "context"

// Notifier delivers the sales floor's real-time notifications. The comment on each method names the
// events of the real-time schema it stands for and who should receive them.
type Notifier interface {
	// RankingsChanged follows a recorded sale. Every update goes to everyone (/leaderboard
	// rankings:update); each update whose rank moved also goes to that user alone (rank:changed to
	// user:{userId}); TV displays get the sale with the new top of the board (tv:update to tv-display).
	RankingsChanged(ctx context.Context, c RankingsChange)
	// LeaderboardRefreshed replaces the whole board on every client (/leaderboard
	// leaderboard:refresh), e.g. after a correction that incremental updates cannot express.
	LeaderboardRefreshed(ctx context.Context, b Leaderboard)
	// AchievementEarned tells the owner (achievement:earned to user:{userId} on /leaderboard for rank,
	// milestone and contest achievements; achievement:unlocked on /training for streak ones) and, when
	// a.Public, everyone (achievement:celebration on /leaderboard; achievement:showcase on /training).
	AchievementEarned(ctx context.Context, a Achievement)
	// ContestEntryAdded announces a new entry to the contest's room (contest:new-entry to
	// contest:{contestId}).
	ContestEntryAdded(ctx context.Context, e ContestEntry)
	// ContestRanksChanged reports entrants whose contest rank moved (contest:entry-update to
	// contest:{contestId}).
	ContestRanksChanged(ctx context.Context, changes []ContestRankUpdate)
	// TeamGoalReached tells a team its yearly goal is met (team:goal-reached to team:{teamId}).
	TeamGoalReached(ctx context.Context, g TeamGoal)

	// XPGained tells a user they earned XP (/training xp:gained to user:{userId}).
	XPGained(ctx context.Context, e XPGainEvent)
	// LevelUp tells the user (level:up to user:{userId}) and everyone (level:celebration).
	LevelUp(ctx context.Context, e LevelUpEvent)
	// StreakUpdated reports a counted daily check-in (streak:update to user:{userId}).
	StreakUpdated(ctx context.Context, s StreakUpdate)
	// StreakMilestoneReached reports a streak milestone (streak:milestone to user:{userId}).
	StreakMilestoneReached(ctx context.Context, m StreakMilestone)
	// QuizCompleted reports a finished quiz (quiz:completed to user:{userId}).
	QuizCompleted(ctx context.Context, r QuizResult)
	// ProgressUpdated reports a user's progress in a course module (progress:update to
	// user:{userId} and module:{moduleId}).
	ProgressUpdated(ctx context.Context, p ModuleProgress)
	// RoleplayTyping shows or hides the coach's typing indicator in a roleplay session
	// (roleplay:typing to session:{sessionId}).
	RoleplayTyping(ctx context.Context, sessionID string, isTyping bool)
	// RoleplayReply delivers the coach's roleplay answer (roleplay:response to session:{sessionId}).
	RoleplayReply(ctx context.Context, sessionID string, r RoleplayResponse)

	// FieldTyping shows or hides Susan's typing indicator for a user (/field, user:{userId}).
	FieldTyping(ctx context.Context, userID int64, isTyping bool)
	// FieldReply delivers Susan's answer to a user's field question (/field, user:{userId}).
	FieldReply(ctx context.Context, userID int64, m FieldMessage)

	// GlobalNotice is a notification for everyone on the main namespace (announcement).
	GlobalNotice(ctx context.Context, n Notice)
	// UserNotified delivers a notification just put in a user's inbox (/ notification to
	// user:{userId}).
	UserNotified(ctx context.Context, n UserNotification)
	// UnreadChanged tells a user how many notifications they have not read (/ notification:unread
	// to user:{userId}).
	UnreadChanged(ctx context.Context, u UnreadCount)
}

// Presence answers who is connected.
type Presence interface {
	// IsUserConnected reports whether the user has a signed-in page open (their user:{userId} room
	// of the main namespace has members).
	IsUserConnected(ctx context.Context, userID int64) (bool, error)
	// ConnectedClientsCount is the number of screens showing the leaderboard (sockets connected to
	// the leaderboard namespace).
	ConnectedClientsCount(ctx context.Context) (int, error)
}

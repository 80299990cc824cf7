package realtimelive

import (
	"context"
	"fmt"
	"time"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/floor"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/live"
	"github.com/rtgen/rtgen/runtime/socketio"
)

// sent logs an emit at debug level with the namespace's label ("[Leaderboard] …"), or its failure
// as a warning.
func sent(ctx context.Context, ns *socketio.Namespace, err error, msg string, args ...any) {
	if err != nil {
		ns.Logger().WarnContext(ctx, "could not send: "+msg, append(args, "err", err)...)
		return
	}
	ns.Logger().DebugContext(ctx, msg, args...)
}

// RankingsChanged sends every update to everyone (rankings:update), each moved rank to its user
// (rank:changed) and the new top of the board to TV displays (tv:update).
func (l *Live) RankingsChanged(ctx context.Context, c live.RankingsChange) {
	lb := l.rt.Leaderboard
	ns := lb.Namespace()
	for _, u := range c.Updates {
		p := rankingUpdate(u, c.Ranked)
		sent(ctx, ns, lb.BroadcastRankingUpdate(p), fmt.Sprintf("Broadcasted ranking update for user %d", u.UserID), "user", u.UserID, "newRank", u.NewRank)
		if u.Moved() {
			sent(ctx, ns, lb.NotifyUserRankChange(u.UserID, p), "Notified rank change", "user", u.UserID, "previousRank", p.PreviousRank, "newRank", u.NewRank)
		}
	}
	sent(ctx, ns, lb.UpdateTVDisplay(tvUpdate(c)), "Updated TV displays", "sale", c.Sale.ID)
}

// LeaderboardRefreshed sends the whole board to everyone (leaderboard:refresh).
func (l *Live) LeaderboardRefreshed(ctx context.Context, b live.Leaderboard) {
	lb := l.rt.Leaderboard
	sent(ctx, lb.Namespace(), lb.BroadcastLeaderboardRefresh(leaderboardSnapshot(b)), "Broadcasted leaderboard refresh", "rows", len(b.Rows))
}

// AchievementEarned tells the owner and, for a public achievement, everyone: streak achievements
// on /training (achievement:unlocked, achievement:showcase), the others on /leaderboard
// (achievement:earned, achievement:celebration).
func (l *Live) AchievementEarned(ctx context.Context, a live.Achievement) {
	if onTraining(a) {
		tr := l.rt.Training
		p := trainingAchievement(a)
		sent(ctx, tr.Namespace(), tr.NotifyAchievementUnlocked(p), "Achievement unlocked", "user", p.UserID, "achievement", p.AchievementID)
		if a.Public {
			sent(ctx, tr.Namespace(), tr.ShowcaseAchievement(p), "Showcased achievement", "user", p.UserID, "achievement", p.AchievementID)
		}
		return
	}
	lb := l.rt.Leaderboard
	p := achievementEvent(a.Event)
	sent(ctx, lb.Namespace(), lb.NotifyAchievementEarned(p), "Achievement earned", "user", p.UserID, "achievement", a.ID)
	if a.Public {
		sent(ctx, lb.Namespace(), lb.CelebrateAchievement(p), "Celebrated achievement", "user", p.UserID, "achievement", a.ID)
	}
}

// ContestEntryAdded announces an entry to the contest's room (contest:new-entry).
func (l *Live) ContestEntryAdded(ctx context.Context, e live.ContestEntry) {
	lb := l.rt.Leaderboard
	sent(ctx, lb.Namespace(), lb.AnnounceContestEntry(contestEntry(e)), "Announced contest entry", "contest", e.ContestID, "user", e.UserID)
}

// ContestRanksChanged reports each entrant who moved in the contest to its room
// (contest:entry-update); first entries are announced by ContestEntryAdded instead.
func (l *Live) ContestRanksChanged(ctx context.Context, changes []live.ContestRankUpdate) {
	lb := l.rt.Leaderboard
	for _, u := range changes {
		if p, ok := contestEntryUpdate(u); ok {
			sent(ctx, lb.Namespace(), lb.UpdateContestEntry(p), "Updated contest rank", "contest", u.ContestID, "user", u.UserID, "newRank", u.NewRank)
		}
	}
}

// TeamGoalReached tells the team (team:goal-reached to team:{teamId}).
func (l *Live) TeamGoalReached(ctx context.Context, g live.TeamGoal) {
	lb := l.rt.Leaderboard
	sent(ctx, lb.Namespace(), lb.NotifyTeamGoalReached(g.TeamID, teamGoal(g)), "Team goal reached", "team", g.TeamID)
}

// XPGained tells the user (xp:gained). An award of no XP is not news.
func (l *Live) XPGained(ctx context.Context, e live.XPGainEvent) {
	if e.Amount <= 0 {
		return
	}
	tr := l.rt.Training
	sent(ctx, tr.Namespace(), tr.NotifyXPGain(xpGain(e)), fmt.Sprintf("XP gained for user %d: %+d", e.UserID, e.Amount), "user", e.UserID, "amount", e.Amount)
}

// LevelUp tells the user (level:up) and everyone (level:celebration).
func (l *Live) LevelUp(ctx context.Context, e live.LevelUpEvent) {
	tr := l.rt.Training
	p := levelUp(e)
	sent(ctx, tr.Namespace(), tr.NotifyLevelUp(p), "Level up", "user", e.UserID, "newLevel", e.NewLevel)
	sent(ctx, tr.Namespace(), tr.CelebrateLevelUp(p), "Celebrated level up", "user", e.UserID, "newLevel", e.NewLevel)
}

// StreakUpdated tells the user (streak:update).
func (l *Live) StreakUpdated(ctx context.Context, s live.StreakUpdate) {
	tr := l.rt.Training
	sent(ctx, tr.Namespace(), tr.NotifyStreakUpdate(streakUpdate(s)), "Streak updated", "user", s.UserID, "days", s.Days)
}

// StreakMilestoneReached tells the user (streak:milestone).
func (l *Live) StreakMilestoneReached(ctx context.Context, m live.StreakMilestone) {
	tr := l.rt.Training
	sent(ctx, tr.Namespace(), tr.NotifyStreakMilestone(streakMilestone(m)), "Streak milestone", "user", m.UserID, "days", m.Days)
}

// QuizCompleted tells the user (quiz:completed).
func (l *Live) QuizCompleted(ctx context.Context, q live.QuizResult) {
	tr := l.rt.Training
	sent(ctx, tr.Namespace(), tr.NotifyQuizComplete(quizResult(q)), "Quiz completed", "user", q.UserID, "quiz", q.QuizID, "score", q.Score)
}

// ProgressUpdated tells the user and the module's room (progress:update).
func (l *Live) ProgressUpdated(ctx context.Context, p live.ModuleProgress) {
	tr := l.rt.Training
	tp := trainingProgress(p)
	sent(ctx, tr.Namespace(), tr.NotifyProgress(tp), "Progress update", "user", p.UserID, "module", p.ModuleID, "percent", p.Percent)
	sent(ctx, tr.Namespace(), tr.BroadcastModuleProgress(tp), "Module progress", "module", p.ModuleID, "user", p.UserID)
}

// RoleplayTyping shows or hides the coach's typing indicator in the session (roleplay:typing).
func (l *Live) RoleplayTyping(ctx context.Context, sessionID string, isTyping bool) {
	tr := l.rt.Training
	sent(ctx, tr.Namespace(), tr.SendRoleplayTyping(roleplayTyping(sessionID, isTyping)), "Roleplay typing", "session", sessionID, "isTyping", isTyping)
}

// RoleplayReply delivers the coach's answer to the session (roleplay:response).
func (l *Live) RoleplayReply(ctx context.Context, sessionID string, r live.RoleplayResponse) {
	tr := l.rt.Training
	sent(ctx, tr.Namespace(), tr.SendRoleplayResponse(sessionID, roleplayResponse(r)), "Roleplay response", "session", sessionID, "score", r.Metadata.Score)
}

// FieldTyping shows or hides Susan's typing indicator in the user's conversation (susan:typing).
func (l *Live) FieldTyping(ctx context.Context, userID int64, isTyping bool) {
	fd := l.rt.Field
	sent(ctx, fd.Namespace(), fd.SendSusanTyping(susanTyping(floor.FieldConversation(userID), isTyping)), "Susan typing", "user", userID, "isTyping", isTyping)
}

// FieldReply delivers Susan's answer to the user's conversation (susan:response).
func (l *Live) FieldReply(ctx context.Context, userID int64, m live.FieldMessage) {
	fd := l.rt.Field
	sent(ctx, fd.Namespace(), fd.SendSusanResponse(susanResponse(floor.FieldConversation(userID), m)), "Susan response", "user", userID, "message", m.ID)
}

// GlobalNotice announces to everyone on the main namespace (announcement).
func (l *Live) GlobalNotice(ctx context.Context, n live.Notice) {
	mn := l.rt.Main
	at := n.Timestamp
	if at.IsZero() {
		at = time.Now()
	}
	sent(ctx, mn.Namespace(), mn.BroadcastAnnouncement(announcement(noticeID(at, l.notices.Add(1)), n)), "Announcement", "title", n.Title)
}

// UserNotified delivers a notification to its user (notification).
func (l *Live) UserNotified(ctx context.Context, n live.UserNotification) {
	mn := l.rt.Main
	sent(ctx, mn.Namespace(), mn.NotifyUser(notification(n)), "Notified user", "user", n.UserID, "notification", n.ID)
}

// UnreadChanged tells a user their unread count (notification:unread).
func (l *Live) UnreadChanged(ctx context.Context, u live.UnreadCount) {
	mn := l.rt.Main
	sent(ctx, mn.Namespace(), mn.UpdateUnreadCount(unreadCount(u)), "Unread count", "user", u.UserID, "count", u.Count)
}

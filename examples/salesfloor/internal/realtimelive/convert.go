package realtimelive

import (
	"fmt"
	"math"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/live"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/rules"
	"github.com/rtgen/rtgen/generated/realtime"
)

// Limits the schema puts on payloads built from the app's data.
const (
	maxLeaders     = 10   // TVDisplayUpdate.leaders
	maxTicker      = 20   // TVDisplayUpdate.ticker
	maxHeadline    = 200  // TVDisplayUpdate.headline, in characters
	maxEntries     = 500  // LeaderboardSnapshot.entries
	maxSuggestions = 5    // SusanResponse.suggestions
	maxTitle       = 120  // AchievementEvent.title, Notification.title, …
	maxDescription = 500  // AchievementEvent.description
	maxMessage     = 1000 // Notification.message, Announcement.message
)

// rankingUpdate converts a rank change. The schema's ranks start at 1, while the app reports a
// user who was not ranked before with PreviousRank 0: such a user entered the board from below it,
// so the previous rank given is one past the board's end before they joined, which is ranked (the
// number of users ranked now, the newcomer included).
func rankingUpdate(u live.RankingUpdate, ranked int) realtime.RankingUpdate {
	prev := u.PreviousRank
	if prev <= 0 {
		prev = max(ranked, u.NewRank)
	}
	deals := int64(max(u.Deals, 0))
	return realtime.RankingUpdate{
		UserID: u.UserID, UserName: u.UserName, PreviousRank: int64(prev), NewRank: int64(u.NewRank),
		Metric: u.Metric, Value: u.Value, Deals: &deals, Timestamp: u.Timestamp,
	}
}

// tvUpdate is what TV displays show after a sale: the new top of the board with each leader's rank
// change, a headline about the sale and a ticker line per rank that moved.
func tvUpdate(c live.RankingsChange) realtime.TVDisplayUpdate {
	metric := rules.MetricYearlyRevenue
	moved := map[int64]int64{}
	var ticker []string
	for _, u := range c.Updates {
		if u.Metric != "" {
			metric = u.Metric
		}
		if u.PreviousRank <= 0 || !u.Moved() {
			continue
		}
		moved[u.UserID] = int64(u.PreviousRank - u.NewRank)
		if len(ticker) < maxTicker {
			arrow := "▲"
			if u.NewRank > u.PreviousRank {
				arrow = "▼"
			}
			ticker = append(ticker, fmt.Sprintf("%s %s to #%d", arrow, u.UserName, u.NewRank))
		}
	}
	leaders := make([]realtime.LeaderboardEntry, 0, min(len(c.Top), maxLeaders))
	for _, r := range c.Top[:min(len(c.Top), maxLeaders)] {
		e := leaderboardEntry(r)
		if d, ok := moved[r.UserID]; ok {
			e.Change = &d
		}
		leaders = append(leaders, e)
	}
	out := realtime.TVDisplayUpdate{Metric: metric, Leaders: leaders, Ticker: ticker, Timestamp: c.Sale.Timestamp}
	if h := headline(c); h != "" {
		out.Headline = &h
	}
	return out
}

// headline says who sold what, and where it took them: "Maya Chen closed $52K with Globex — now #1".
func headline(c live.RankingsChange) string {
	s := c.Sale
	if s.UserName == "" {
		return ""
	}
	h := fmt.Sprintf("%s closed %s with %s", s.UserName, rules.ShortMoney(cents(s.Amount)), s.Customer)
	for _, u := range c.Updates {
		if u.UserID == s.UserID && u.Moved() {
			h += fmt.Sprintf(" — now #%d", u.NewRank)
		}
	}
	return truncate(h, maxHeadline)
}

func leaderboardEntry(r live.LeaderboardRow) realtime.LeaderboardEntry {
	deals := int64(max(r.Deals, 0))
	e := realtime.LeaderboardEntry{Rank: int64(r.Rank), UserID: r.UserID, UserName: r.UserName, Value: r.Value, Deals: &deals}
	if r.TeamID != 0 {
		team := r.TeamID
		e.TeamID = &team
	}
	return e
}

// leaderboardSnapshot converts the whole board; the app's boards are yearly ("2026").
func leaderboardSnapshot(b live.Leaderboard) realtime.LeaderboardSnapshot {
	rows := b.Rows[:min(len(b.Rows), maxEntries)]
	entries := make([]realtime.LeaderboardEntry, 0, len(rows))
	for _, r := range rows {
		entries = append(entries, leaderboardEntry(r))
	}
	return realtime.LeaderboardSnapshot{Metric: b.Metric, Period: realtime.PeriodYear, Entries: entries, GeneratedAt: b.UpdatedAt}
}

func achievementEvent(e live.AchievementEvent) realtime.AchievementEvent {
	return realtime.AchievementEvent{
		UserID: e.UserID, UserName: e.UserName, AchievementType: realtime.AchievementType(e.AchievementType),
		Title: truncate(e.Title, maxTitle), Description: truncate(e.Description, maxDescription),
		Icon: optional(e.Icon), Timestamp: e.Timestamp,
	}
}

// onTraining reports whether an achievement belongs to /training (streaks) rather than to
// /leaderboard (rank, revenue milestones, contests).
func onTraining(a live.Achievement) bool {
	return a.Event.AchievementType == string(realtime.AchievementTypeStreak)
}

func trainingAchievement(a live.Achievement) realtime.TrainingAchievement {
	e := a.Event
	return realtime.TrainingAchievement{
		UserID: e.UserID, UserName: e.UserName, AchievementID: a.ID,
		Title: truncate(e.Title, maxTitle), Description: truncate(e.Description, maxDescription), Icon: optional(e.Icon),
		Rarity: realtime.Rarity(a.Rarity), XPReward: int64(max(a.XPReward, 0)), Timestamp: e.Timestamp,
	}
}

// contestMetric is what the app's contests count.
const contestMetric = "points"

func contestEntry(e live.ContestEntry) realtime.ContestEntry {
	return realtime.ContestEntry{
		ContestID: e.ContestID, EntryID: e.EntryID, UserID: e.UserID, UserName: e.UserName,
		Metric: contestMetric, Value: float64(e.Points), Rank: int64(e.Rank), Timestamp: e.Timestamp,
	}
}

// contestEntryUpdate converts a contest rank move; ok is false for an entrant's first entry, which
// contest:new-entry announces with its rank (the schema's previous rank cannot be "none").
func contestEntryUpdate(u live.ContestRankUpdate) (realtime.ContestEntryUpdate, bool) {
	if u.PreviousRank <= 0 {
		return realtime.ContestEntryUpdate{}, false
	}
	return realtime.ContestEntryUpdate{
		ContestID: u.ContestID, EntryID: u.EntryID, UserID: u.UserID, UserName: u.UserName,
		PreviousRank: int64(u.PreviousRank), NewRank: int64(u.NewRank), Value: float64(u.Total), Timestamp: u.Timestamp,
	}, true
}

// teamGoal converts a met yearly revenue goal.
func teamGoal(g live.TeamGoal) realtime.TeamGoal {
	return realtime.TeamGoal{
		TeamID: g.TeamID, TeamName: g.TeamName, GoalName: strconv.Itoa(g.Timestamp.Year()) + " revenue",
		Metric: rules.MetricYearlyRevenue, Target: max(g.Goal, 0), Achieved: max(g.Total, 0), ReachedAt: g.Timestamp,
	}
}

func xpGain(e live.XPGainEvent) realtime.XPGainEvent {
	return realtime.XPGainEvent{
		UserID: e.UserID, UserName: e.UserName, Amount: int64(e.Amount), Source: e.Source,
		NewTotal: int64(e.NewTotal), Timestamp: e.Timestamp,
	}
}

func levelUp(e live.LevelUpEvent) realtime.LevelUpEvent {
	out := realtime.LevelUpEvent{
		UserID: e.UserID, UserName: e.UserName, PreviousLevel: int64(e.PreviousLevel), NewLevel: int64(e.NewLevel),
		TotalXP: int64(e.TotalXP), Timestamp: e.Timestamp,
	}
	if e.Rewards != nil {
		out.Rewards = &realtime.LevelRewards{Badges: e.Rewards.Badges, Unlocks: e.Rewards.Unlocks}
	}
	return out
}

func streakUpdate(s live.StreakUpdate) realtime.StreakUpdate {
	return realtime.StreakUpdate{
		UserID: s.UserID, UserName: s.UserName, CurrentStreak: int64(s.Days), LongestStreak: int64(s.Longest),
		Broken: s.Broken, Timestamp: s.Timestamp,
	}
}

func streakMilestone(m live.StreakMilestone) realtime.StreakMilestone {
	return realtime.StreakMilestone{UserID: m.UserID, UserName: m.UserName, Days: int64(m.Days), BonusXP: int64(m.BonusXP), Timestamp: m.Timestamp}
}

func quizResult(q live.QuizResult) realtime.QuizResult {
	return realtime.QuizResult{
		UserID: q.UserID, UserName: q.UserName, QuizID: q.QuizID, ModuleID: optional(q.ModuleID),
		Score: int64(q.Score), Passed: q.Passed, XPEarned: int64(q.XPEarned), Timestamp: q.Timestamp,
	}
}

// trainingProgress converts module progress: the app's quizzes are the schema's lessons.
func trainingProgress(p live.ModuleProgress) realtime.TrainingProgress {
	return realtime.TrainingProgress{
		UserID: p.UserID, ModuleID: p.ModuleID, LessonID: optional(p.LessonID),
		PercentComplete: float64(min(max(p.Percent, 0), 100)), CompletedLessons: int64(p.Completed), TotalLessons: int64(p.Total),
		Timestamp: p.Timestamp,
	}
}

// roleplayResponse keeps what the seed's response carries: the message, its score and feedback.
func roleplayResponse(r live.RoleplayResponse) realtime.RoleplayResponse {
	score := float64(min(max(r.Metadata.Score, 0), 100))
	return realtime.RoleplayResponse{
		Message:  r.Message,
		Metadata: &realtime.RoleplayMetadata{Score: &score, Feedback: optional(r.Metadata.Feedback)},
	}
}

func susanResponse(conversationID string, m live.FieldMessage) realtime.SusanResponse {
	return realtime.SusanResponse{
		ConversationID: conversationID, MessageID: strconv.FormatInt(m.ID, 10), ReplyTo: strconv.FormatInt(m.ReplyTo, 10),
		Message: m.Message, Suggestions: m.Suggestions[:min(len(m.Suggestions), maxSuggestions)], Timestamp: m.Timestamp,
	}
}

func announcement(id string, n live.Notice) realtime.Announcement {
	return realtime.Announcement{
		ID: id, Level: realtime.NotificationLevel(n.Level), Title: truncate(n.Title, maxTitle), Message: truncate(n.Message, maxMessage), CreatedAt: n.Timestamp,
	}
}

// optional is nil for "", which the app uses for "none".
func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// truncate shortens s to at most n characters, ending with an ellipsis when it had to cut.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// cents converts the app's dollar amounts for rules.ShortMoney.
func cents(dollars float64) int64 { return int64(math.Round(dollars * 100)) }

// noticeID names an announcement: unique enough for clients to tell announcements apart.
func noticeID(t time.Time, seq uint64) string {
	return "notice-" + strconv.FormatInt(t.UnixMilli(), 36) + "-" + strconv.FormatUint(seq, 36)
}

func roleplayTyping(sessionID string, isTyping bool) realtime.RoleplayTyping {
	return realtime.RoleplayTyping{SessionID: sessionID, IsTyping: isTyping}
}

func susanTyping(conversationID string, isTyping bool) realtime.SusanTyping {
	return realtime.SusanTyping{ConversationID: conversationID, IsTyping: isTyping}
}

func notification(n live.UserNotification) realtime.Notification {
	return realtime.Notification{
		ID: strconv.FormatInt(n.ID, 10), UserID: n.UserID, Level: realtime.NotificationLevel(n.Level),
		Title: truncate(n.Title, maxTitle), Message: truncate(n.Message, maxMessage), Link: optional(n.Link), CreatedAt: n.CreatedAt,
	}
}

func unreadCount(u live.UnreadCount) realtime.UnreadCount {
	return realtime.UnreadCount{UserID: u.UserID, Count: int64(max(u.Count, 0))}
}

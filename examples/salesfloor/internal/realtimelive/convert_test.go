package realtimelive

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/live"
	"github.com/rtgen/rtgen/generated/realtime"
)

var at = time.Date(2026, 5, 4, 9, 30, 0, 0, time.UTC)

// valid fails the test when a converted payload breaks the schema's constraints: the generated
// emitters would refuse it.
func valid(t *testing.T, p interface{ Validate() error }) {
	t.Helper()
	if err := p.Validate(); err != nil {
		t.Fatalf("%T does not validate: %v", p, err)
	}
}

func ptr[T any](v T) *T { return &v }

func TestRankingUpdate(t *testing.T) {
	u := live.RankingUpdate{UserID: 7, UserName: "Maya", PreviousRank: 5, NewRank: 2, Metric: "yearlyRevenue", Value: 1250.5, Deals: 3, Timestamp: at}
	got := rankingUpdate(u, 12)
	want := realtime.RankingUpdate{UserID: 7, UserName: "Maya", PreviousRank: 5, NewRank: 2, Metric: "yearlyRevenue", Value: 1250.5, Deals: ptr[int64](3), Timestamp: at}
	if d := cmp.Diff(want, got); d != "" {
		t.Fatalf("(-want +got)\n%s", d)
	}
	valid(t, got)
	// A newcomer enters from below the board: one past its end before they joined.
	u.PreviousRank = 0
	if got := rankingUpdate(u, 12); got.PreviousRank != 12 {
		t.Fatalf("newcomer's previous rank %d", got.PreviousRank)
	} else {
		valid(t, got)
	}
}

func TestTVUpdate(t *testing.T) {
	c := live.RankingsChange{
		Sale: live.Sale{ID: 3, UserID: 7, UserName: "Maya Chen", Amount: 52_000, Customer: "Globex", Product: "Suite", Timestamp: at},
		Updates: []live.RankingUpdate{
			{UserID: 7, UserName: "Maya Chen", PreviousRank: 3, NewRank: 1, Metric: "yearlyRevenue", Value: 90_000, Timestamp: at},
			{UserID: 8, UserName: "Jordan Blake", PreviousRank: 1, NewRank: 2, Metric: "yearlyRevenue", Value: 80_000, Timestamp: at},
			{UserID: 9, UserName: "Priya Raman", PreviousRank: 2, NewRank: 3, Metric: "yearlyRevenue", Value: 70_000, Timestamp: at},
		},
		Ranked: 12,
	}
	for i := range 12 {
		c.Top = append(c.Top, live.LeaderboardRow{Rank: i + 1, UserID: int64(7 + i), UserName: "U", TeamID: int64(i % 2), Value: float64(100 - i), Deals: 20 - i})
	}
	got := tvUpdate(c)
	valid(t, got)
	if len(got.Leaders) != 10 || got.Metric != "yearlyRevenue" || !got.Timestamp.Equal(at) {
		t.Fatalf("leaders %d, metric %q, at %v", len(got.Leaders), got.Metric, got.Timestamp)
	}
	if got.Leaders[0].Change == nil || *got.Leaders[0].Change != 2 || *got.Leaders[1].Change != -1 || got.Leaders[3].Change != nil {
		t.Fatalf("changes %+v", got.Leaders[:4])
	}
	if got.Leaders[0].TeamID != nil || got.Leaders[1].TeamID == nil || *got.Leaders[1].TeamID != 1 {
		t.Fatal("team 0 must be left out, others kept")
	}
	if got.Leaders[0].Deals == nil || *got.Leaders[0].Deals != 20 || *got.Leaders[9].Deals != 11 {
		t.Fatal("each leader carries their deals, for the displays' rows")
	}
	if got.Headline == nil || *got.Headline != "Maya Chen closed $52K with Globex — now #1" {
		t.Fatalf("headline %v", got.Headline)
	}
	if d := cmp.Diff([]string{"▲ Maya Chen to #1", "▼ Jordan Blake to #2", "▼ Priya Raman to #3"}, got.Ticker); d != "" {
		t.Fatalf("ticker (-want +got)\n%s", d)
	}
	// A seller who held their place gets a headline without a rank.
	c.Updates = []live.RankingUpdate{{UserID: 7, UserName: "Maya Chen", PreviousRank: 1, NewRank: 1, Metric: "yearlyRevenue"}}
	if got := tvUpdate(c); *got.Headline != "Maya Chen closed $52K with Globex" || got.Ticker != nil {
		t.Fatalf("held: %q %v", *got.Headline, got.Ticker)
	}
}

func TestLeaderboardSnapshot(t *testing.T) {
	b := live.Leaderboard{Metric: "yearlyRevenue", Period: "2026", UpdatedAt: at}
	for i := range 600 {
		b.Rows = append(b.Rows, live.LeaderboardRow{Rank: i + 1, UserID: int64(i + 1), UserName: "U", Value: 1})
	}
	got := leaderboardSnapshot(b)
	valid(t, got)
	if len(got.Entries) != 500 || got.Period != realtime.PeriodYear || !got.GeneratedAt.Equal(at) {
		t.Fatalf("snapshot of %d entries, period %s", len(got.Entries), got.Period)
	}
}

func TestAchievements(t *testing.T) {
	rank := live.Achievement{ID: "rank:1", Rarity: "rare", Public: true, Event: live.AchievementEvent{
		UserID: 7, UserName: "Maya", AchievementType: "rank", Title: "Top Performer!", Description: "Reached #1", Icon: "🏆", Timestamp: at,
	}}
	if onTraining(rank) {
		t.Fatal("a rank achievement belongs to /leaderboard")
	}
	got := achievementEvent(rank.Event)
	want := realtime.AchievementEvent{UserID: 7, UserName: "Maya", AchievementType: realtime.AchievementTypeRank, Title: "Top Performer!", Description: "Reached #1", Icon: ptr("🏆"), Timestamp: at}
	if d := cmp.Diff(want, got); d != "" {
		t.Fatalf("(-want +got)\n%s", d)
	}
	valid(t, got)

	streak := live.Achievement{ID: "streak:7", Rarity: "epic", Public: true, XPReward: 50, Event: live.AchievementEvent{
		UserID: 7, UserName: "Maya", AchievementType: "streak", Title: strings.Repeat("x", 130), Description: "7 days", Timestamp: at,
	}}
	if !onTraining(streak) {
		t.Fatal("a streak achievement belongs to /training")
	}
	ta := trainingAchievement(streak)
	valid(t, ta)
	if ta.AchievementID != "streak:7" || ta.Rarity != realtime.RarityEpic || ta.XPReward != 50 || ta.Icon != nil || len([]rune(ta.Title)) != 120 || !strings.HasSuffix(ta.Title, "…") {
		t.Fatalf("training achievement %+v", ta)
	}
}

func TestContestPayloads(t *testing.T) {
	e := contestEntry(live.ContestEntry{ContestID: 2, ContestName: "Cup", EntryID: 9, UserID: 7, UserName: "Maya", Points: 25, Note: "n", Total: 40, Rank: 3, Timestamp: at})
	want := realtime.ContestEntry{ContestID: 2, EntryID: 9, UserID: 7, UserName: "Maya", Metric: "points", Value: 25, Rank: 3, Timestamp: at}
	if d := cmp.Diff(want, e); d != "" {
		t.Fatalf("(-want +got)\n%s", d)
	}
	valid(t, e)
	u, ok := contestEntryUpdate(live.ContestRankUpdate{ContestID: 2, EntryID: 9, UserID: 8, UserName: "Ben", PreviousRank: 2, NewRank: 3, Total: 30, Timestamp: at})
	if !ok || u.EntryID != 9 || u.Value != 30 || u.PreviousRank != 2 {
		t.Fatalf("update %+v %v", u, ok)
	}
	valid(t, u)
	if _, ok := contestEntryUpdate(live.ContestRankUpdate{ContestID: 2, UserID: 7, PreviousRank: 0, NewRank: 1}); ok {
		t.Fatal("a first entry is announced by contest:new-entry, not as a rank move")
	}
}

func TestTeamGoal(t *testing.T) {
	got := teamGoal(live.TeamGoal{TeamID: 1, TeamName: "Northstar", Goal: 1_000_000, Total: 1_020_000, Timestamp: at})
	want := realtime.TeamGoal{TeamID: 1, TeamName: "Northstar", GoalName: "2026 revenue", Metric: "yearlyRevenue", Target: 1_000_000, Achieved: 1_020_000, ReachedAt: at}
	if d := cmp.Diff(want, got); d != "" {
		t.Fatalf("(-want +got)\n%s", d)
	}
	valid(t, got)
}

func TestTrainingPayloads(t *testing.T) {
	xp := xpGain(live.XPGainEvent{UserID: 7, UserName: "Maya", Amount: 75, Source: "Quiz: Objection Handling 101", NewTotal: 310, Timestamp: at})
	valid(t, xp)
	if xp.Amount != 75 || xp.NewTotal != 310 || xp.Source != "Quiz: Objection Handling 101" {
		t.Fatalf("xp %+v", xp)
	}
	lu := levelUp(live.LevelUpEvent{UserID: 7, UserName: "Maya", PreviousLevel: 2, NewLevel: 3, TotalXP: 310, Rewards: &live.LevelRewards{Unlocks: []string{"Advanced"}}, Timestamp: at})
	valid(t, lu)
	if lu.NewLevel != 3 || lu.Rewards == nil || lu.Rewards.Unlocks[0] != "Advanced" {
		t.Fatalf("level up %+v", lu)
	}
	if lu := levelUp(live.LevelUpEvent{UserID: 7, PreviousLevel: 1, NewLevel: 2, Timestamp: at}); lu.Rewards != nil {
		t.Fatal("no rewards must stay nil")
	}
	su := streakUpdate(live.StreakUpdate{UserID: 7, UserName: "Maya", Days: 4, Longest: 9, NextMilestone: 7, Broken: true, Timestamp: at})
	if d := cmp.Diff(realtime.StreakUpdate{UserID: 7, UserName: "Maya", CurrentStreak: 4, LongestStreak: 9, Broken: true, Timestamp: at}, su); d != "" {
		t.Fatalf("streak (-want +got)\n%s", d)
	}
	valid(t, su)
	sm := streakMilestone(live.StreakMilestone{UserID: 7, UserName: "Maya", Days: 7, BonusXP: 50, Timestamp: at})
	valid(t, sm)
	q := quizResult(live.QuizResult{UserID: 7, UserName: "Maya", QuizID: "objections-101", ModuleID: "objections", Score: 80, Passed: true, XPEarned: 40, Timestamp: at})
	valid(t, q)
	if q.ModuleID == nil || *q.ModuleID != "objections" || q.Score != 80 || !q.Passed || q.XPEarned != 40 {
		t.Fatalf("quiz %+v", q)
	}
	p := trainingProgress(live.ModuleProgress{UserID: 7, ModuleID: "objections", LessonID: "price-objections", Completed: 1, Total: 2, Percent: 75, Timestamp: at})
	want := realtime.TrainingProgress{UserID: 7, ModuleID: "objections", LessonID: ptr("price-objections"), PercentComplete: 75, CompletedLessons: 1, TotalLessons: 2, Timestamp: at}
	if d := cmp.Diff(want, p); d != "" {
		t.Fatalf("progress (-want +got)\n%s", d)
	}
	valid(t, p)
	if p := trainingProgress(live.ModuleProgress{ModuleID: "m", Timestamp: at}); p.LessonID != nil {
		t.Fatal("no lesson must stay nil")
	}
}

func TestChatPayloads(t *testing.T) {
	r := roleplayResponse(live.RoleplayResponse{SessionID: "rp-1", MessageID: 4, Message: "Fair. What else?", Metadata: live.RoleplayMetadata{Score: 82, Feedback: "Good question."}})
	valid(t, r)
	if r.Message != "Fair. What else?" || r.Metadata == nil || *r.Metadata.Score != 82 || *r.Metadata.Feedback != "Good question." {
		t.Fatalf("roleplay %+v", r)
	}
	if r := roleplayResponse(live.RoleplayResponse{Message: "Hi"}); r.Metadata.Feedback != nil {
		t.Fatal("no feedback must stay nil")
	}
	s := susanResponse("field-7", live.FieldMessage{ID: 12, UserID: 7, Author: "susan", ReplyTo: 11, Message: "Ask what it costs them to wait.", Suggestions: []string{"a", "b", "c", "d", "e", "f"}, Timestamp: at})
	valid(t, s)
	if s.ConversationID != "field-7" || s.MessageID != "12" || s.ReplyTo != "11" || len(s.Suggestions) != 5 {
		t.Fatalf("susan %+v", s)
	}
	valid(t, roleplayTyping("rp-1", true))
	valid(t, susanTyping("field-7", false))
}

func TestMainPayloads(t *testing.T) {
	a := announcement("notice-1", live.Notice{Title: "Pizza at noon", Message: strings.Repeat("m", 1200), Level: "success", Timestamp: at})
	valid(t, a)
	if a.ID != "notice-1" || a.Level != realtime.NotificationLevelSuccess || len([]rune(a.Message)) != 1000 || !a.CreatedAt.Equal(at) {
		t.Fatalf("announcement %+v", a)
	}
	n := notification(live.UserNotification{ID: 5, UserID: 7, Level: "warning", Title: "Jordan passed you", Message: "You're now #3.", Link: "/", CreatedAt: at})
	want := realtime.Notification{ID: "5", UserID: 7, Level: realtime.NotificationLevelWarning, Title: "Jordan passed you", Message: "You're now #3.", Link: ptr("/"), CreatedAt: at}
	if d := cmp.Diff(want, n); d != "" {
		t.Fatalf("notification (-want +got)\n%s", d)
	}
	valid(t, n)
	u := unreadCount(live.UnreadCount{UserID: 7, Count: 3})
	valid(t, u)
	if u.Count != 3 || u.UserID != 7 {
		t.Fatalf("unread %+v", u)
	}
	if id1, id2 := noticeID(at, 1), noticeID(at, 2); id1 == id2 {
		t.Fatal("notice ids repeat")
	}
}

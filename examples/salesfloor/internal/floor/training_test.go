package floor

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/coach"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/live"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/quiz"
)

// answers returns the right answers to a quiz, with the first `wrong` of them wrong.
func answers(t *testing.T, f *fixture, id string, wrong int) []int {
	t.Helper()
	q, err := f.svc.Catalogue().Quiz(id)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]int, len(q.Questions))
	for i, question := range q.Questions {
		out[i] = question.Answer
		if i < wrong {
			out[i] = (question.Answer + 1) % len(question.Options)
		}
	}
	return out
}

func TestCompleteQuizAwardsXPAndLevels(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	// 5/5 on objections-101: 75 XP, still level 1 (level 2 starts at 100).
	out, err := f.svc.CompleteQuiz(ctx, f.ava, "objections-101", answers(t, f, "objections-101", 0))
	if err != nil {
		t.Fatal(err)
	}
	if out.Result.Score != 100 || out.XP.Amount != 75 || out.XP.NewTotal != 75 || out.LevelUp != nil || !out.Result.Passed {
		t.Fatalf("first quiz %+v", out)
	}
	if out.Progress.ModuleID != "objections" || out.Progress.Completed != 1 || out.Progress.Total != 2 || out.Progress.Percent != 50 {
		t.Fatalf("progress %+v", out.Progress)
	}
	if got := f.rec.Methods(); strings.Join(got, ",") != "QuizCompleted,XPGained,ProgressUpdated" {
		t.Fatalf("calls %v", got)
	}
	f.rec.Reset()
	// 3/4 on price-objections: 75% → 37 XP, 112 total: level 2 with its badge.
	out, err = f.svc.CompleteQuiz(ctx, f.ava, "price-objections", answers(t, f, "price-objections", 1))
	if err != nil {
		t.Fatal(err)
	}
	if out.Result.Score != 75 || out.XP.Amount != 37 || out.LevelUp == nil {
		t.Fatalf("second quiz %+v", out)
	}
	up := out.LevelUp
	if up.PreviousLevel != 1 || up.NewLevel != 2 || up.TotalXP != 112 || up.Rewards == nil || up.Rewards.Badges[0] != "Rookie Closer" {
		t.Fatalf("level up %+v", up)
	}
	if got := f.rec.Methods(); strings.Join(got, ",") != "QuizCompleted,XPGained,LevelUp,ProgressUpdated" {
		t.Fatalf("calls %v", got)
	}
	if out.Progress.Percent != 100 || !out.Review[1].Correct || out.Review[0].Correct {
		t.Fatalf("progress %+v review %+v", out.Progress, out.Review)
	}
	// The same score again only earns retake XP.
	out, _ = f.svc.CompleteQuiz(ctx, f.ava, "price-objections", answers(t, f, "price-objections", 1))
	if out.XP.Amount != 5 {
		t.Fatalf("retake XP %d", out.XP.Amount)
	}
	view, err := f.svc.Training(ctx, f.ava)
	if err != nil {
		t.Fatal(err)
	}
	if view.Level.Level != 2 || view.Level.TotalXP != 117 || view.Modules[0].Quizzes[1].BestScore != 75 || view.Modules[1].Quizzes[0].BestScore != -1 || len(view.Recent) != 3 || len(view.Scenarios) == 0 {
		t.Fatalf("training view %+v", view)
	}
}

func TestCompleteQuizRejectsBadInput(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if _, err := f.svc.CompleteQuiz(ctx, f.ava, "nope", nil); !errors.Is(err, quiz.ErrUnknownQuiz) {
		t.Errorf("unknown quiz: %v", err)
	}
	var ae *quiz.AnswersError
	if _, err := f.svc.CompleteQuiz(ctx, f.ava, "negotiation", []int{0}); !errors.As(err, &ae) {
		t.Errorf("short answers: %v", err)
	}
	if len(f.rec.Calls()) != 0 {
		t.Error("failed quiz notified")
	}
	q, _ := f.svc.Quiz("negotiation")
	if len(q.Questions) != 4 || len(q.Questions[0].Options) != 4 {
		t.Errorf("quiz view %+v", q)
	}
}

func TestCheckInStreak(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	for day := 0; day < 3; day++ {
		f.rec.Reset()
		out, err := f.svc.CheckIn(ctx, f.ava)
		if err != nil {
			t.Fatal(err)
		}
		if !out.Counted || out.Streak.Days != day+1 {
			t.Fatalf("day %d: %+v", day, out)
		}
		again, _ := f.svc.CheckIn(ctx, f.ava)
		if again.Counted || again.Streak.Days != day+1 {
			t.Fatalf("second check-in on day %d: %+v", day, again)
		}
		if day < 2 {
			f.now = f.now.AddDate(0, 0, 1)
		}
	}
	// Day 3: the 3-day milestone, 15 bonus XP and the achievement.
	m := live.Recorded[live.StreakMilestone](f.rec)
	if len(m) != 1 || m[0].Days != 3 || m[0].BonusXP != 15 {
		t.Fatalf("milestone %+v", m)
	}
	if got := f.rec.Methods(); strings.Join(got, ",") != "StreakUpdated,StreakMilestoneReached,XPGained,AchievementEarned" {
		t.Fatalf("calls %v", got)
	}
	a := live.Recorded[live.Achievement](f.rec)[0]
	if a.Event.AchievementType != "streak" || a.Public {
		t.Fatalf("achievement %+v", a)
	}
	// Skipping a day breaks the streak.
	f.now = f.now.AddDate(0, 0, 2)
	out, _ := f.svc.CheckIn(ctx, f.ava)
	if out.Streak.Days != 1 || !out.Streak.Broken || out.Streak.Longest != 3 || out.Streak.NextMilestone != 3 {
		t.Fatalf("after a gap %+v", out.Streak)
	}
	p, _ := f.svc.Profile(ctx, f.ava)
	if p.Streak.Days != 1 || !p.Streak.ActiveToday || p.Level.TotalXP != 15 || p.Conversation != FieldConversation(f.ava) {
		t.Fatalf("profile %+v", p)
	}
	// Seen two days later without checking in, the streak reads as broken.
	f.now = f.now.AddDate(0, 0, 2)
	p, _ = f.svc.Profile(ctx, f.ava)
	if p.Streak.Days != 0 || p.Streak.ActiveToday {
		t.Fatalf("stale streak %+v", p.Streak)
	}
}

func TestRoleplaySession(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	v, err := f.svc.StartRoleplay(ctx, f.ava, "price-pushback")
	if err != nil {
		t.Fatal(err)
	}
	sc, _ := coach.ScenarioByID("price-pushback")
	if !strings.HasPrefix(v.SessionID, "rp-") || len(v.Messages) != 1 || v.Messages[0].Speaker != "buyer" || v.Messages[0].Message != sc.Opening {
		t.Fatalf("start %+v", v)
	}
	good := "That's a fair concern. Can I ask what the $30K option includes? Our customers see payback in 5 months. Could we walk through it Thursday?"
	var last RoleplayOutcome
	for i := 0; i < 3; i++ {
		f.rec.Reset()
		last, err = f.svc.SendRoleplayMessage(ctx, f.ava, v.SessionID, good)
		if err != nil {
			t.Fatalf("turn %d: %v", i+1, err)
		}
		if got := f.rec.Methods(); len(got) < 3 || got[0] != "RoleplayTyping" || got[1] != "RoleplayReply" || got[2] != "RoleplayTyping" {
			t.Fatalf("turn %d calls %v", i+1, got)
		}
		typing := live.Recorded[live.Typing](f.rec)
		if !typing[0].IsTyping || typing[1].IsTyping || typing[0].SessionID != v.SessionID {
			t.Fatalf("typing %+v", typing)
		}
		if last.Reply.Metadata.Score < 80 || last.Reply.SessionID != v.SessionID || last.Sent.Message != good {
			t.Fatalf("turn %d: %+v", i+1, last)
		}
		f.now = f.now.Add(time.Minute)
	}
	if !last.Reply.Metadata.Done || last.XP == nil || last.XP.Amount < 30 {
		t.Fatalf("third good turn should win and award XP: %+v", last)
	}
	if _, err := f.svc.SendRoleplayMessage(ctx, f.ava, v.SessionID, "one more"); !errors.Is(err, ErrConflict) {
		t.Fatalf("message after the end: %v", err)
	}
	full, _ := f.svc.Roleplay(ctx, f.ava, v.SessionID)
	if !full.Done || len(full.Messages) != 7 || full.Messages[2].Score == 0 || len(full.Messages[2].Techniques) == 0 {
		t.Fatalf("transcript %+v", full)
	}
	if _, err := f.svc.Roleplay(ctx, f.ben, v.SessionID); !errors.Is(err, ErrForbidden) {
		t.Fatalf("other user's session: %v", err)
	}
	if _, err := f.svc.SendRoleplayMessage(ctx, f.ben, v.SessionID, "hi"); !errors.Is(err, ErrForbidden) {
		t.Fatalf("other user's message: %v", err)
	}
	if _, err := f.svc.StartRoleplay(ctx, f.ava, "nope"); !errors.Is(err, coach.ErrUnknownScenario) {
		t.Fatalf("unknown scenario: %v", err)
	}
	var ve *ValidationError
	v2, _ := f.svc.StartRoleplay(ctx, f.ava, "not-now")
	if _, err := f.svc.SendRoleplayMessage(ctx, f.ava, v2.SessionID, "   "); !errors.As(err, &ve) {
		t.Fatalf("blank message: %v", err)
	}
}

// blockingCoach holds the roleplay reply until released, to test a message sent meanwhile.
type blockingCoach struct {
	coach.Rules
	entered chan struct{}
	release chan struct{}
}

func (b blockingCoach) Roleplay(ctx context.Context, t coach.Turn) (coach.Reply, error) {
	b.entered <- struct{}{}
	<-b.release
	return b.Rules.Roleplay(ctx, t)
}

func TestRoleplayRefusesMessageWhileReplying(t *testing.T) {
	f := newFixture(t)
	bc := blockingCoach{entered: make(chan struct{}), release: make(chan struct{})}
	f.svc.coach = bc
	ctx := context.Background()
	v, _ := f.svc.StartRoleplay(ctx, f.ava, "competitor")
	done := make(chan error, 1)
	go func() {
		_, err := f.svc.SendRoleplayMessage(ctx, f.ava, v.SessionID, "What would you change about Acme?")
		done <- err
	}()
	<-bc.entered
	_, err := f.svc.SendRoleplayMessage(ctx, f.ava, v.SessionID, "hello?")
	close(bc.release)
	if !errors.Is(err, ErrConflict) {
		t.Fatalf("second message while replying: %v", err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func TestRoleplayTypingDelayHonoursContext(t *testing.T) {
	f := newFixture(t)
	f.svc.typingDelay = time.Hour
	v, _ := f.svc.StartRoleplay(context.Background(), f.ava, "no-need")
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	f.rec.Reset()
	if _, err := f.svc.SendRoleplayMessage(ctx, f.ava, v.SessionID, "How do you schedule crews today?"); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v", err)
	}
	typing := live.Recorded[live.Typing](f.rec)
	if len(typing) != 2 || typing[1].IsTyping {
		t.Fatalf("typing indicator left on: %+v", typing)
	}
}

func TestAskField(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.sell(t, f.ben, 20_000_00)
	f.sell(t, f.ava, 8_000_00)
	f.rec.Reset()
	out, err := f.svc.AskField(ctx, f.ava, "How am I doing on the leaderboard?")
	if err != nil {
		t.Fatal(err)
	}
	if out.Question.Author != "user" || out.Answer.Author != "susan" || !strings.Contains(out.Answer.Message, "#2 of 3") || !strings.Contains(out.Answer.Message, "$12K behind Ben") {
		t.Fatalf("exchange %+v", out)
	}
	if got := f.rec.Methods(); strings.Join(got, ",") != "FieldTyping,FieldReply,FieldTyping" {
		t.Fatalf("calls %v", got)
	}
	if r := live.Recorded[live.FieldMessage](f.rec); r[0].UserID != f.ava || r[0].ID != out.Answer.ID {
		t.Fatalf("reply %+v", r)
	}
	hist, _ := f.svc.FieldHistory(ctx, f.ava)
	if len(hist) != 2 || hist[1].Suggestions == nil {
		t.Fatalf("history %+v", hist)
	}
	var ve *ValidationError
	if _, err := f.svc.AskField(ctx, f.ava, ""); !errors.As(err, &ve) {
		t.Fatalf("blank: %v", err)
	}
}

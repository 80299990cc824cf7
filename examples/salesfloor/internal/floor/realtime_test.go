package floor

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/live"
)

func TestPostRoleplayMessageThenReply(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	v, err := f.svc.StartRoleplay(ctx, f.ava, "price-pushback")
	if err != nil {
		t.Fatal(err)
	}
	f.rec.Reset()
	p, err := f.svc.PostRoleplayMessage(ctx, f.ava, v.SessionID, "What does the $30K option include?")
	if err != nil {
		t.Fatal(err)
	}
	if p.Sent.ID == 0 || p.Sent.Speaker != "rep" || len(f.rec.Calls()) != 0 {
		t.Fatalf("posting stored %+v and notified %v", p.Sent, f.rec.Methods())
	}
	// The message is stored before the reply: a second one waits for it.
	if _, err := f.svc.PostRoleplayMessage(ctx, f.ava, v.SessionID, "hello?"); !errors.Is(err, ErrConflict) {
		t.Fatalf("second message before the reply: %v", err)
	}
	out, err := p.Reply(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if out.Sent.ID != p.Sent.ID || out.Reply.MessageID <= p.Sent.ID || out.Reply.Message == "" {
		t.Fatalf("outcome %+v", out)
	}
	if got := strings.Join(f.rec.Methods(), ","); got != "RoleplayTyping,RoleplayReply,RoleplayTyping" {
		t.Fatalf("calls %s", got)
	}
	if _, err := f.svc.PostRoleplayMessage(ctx, f.ben, v.SessionID, "hi"); !errors.Is(err, ErrForbidden) {
		t.Fatalf("someone else's session: %v", err)
	}
}

func TestOwnsRoleplay(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	v, _ := f.svc.StartRoleplay(ctx, f.ava, "no-need")
	for _, c := range []struct {
		user    int64
		session string
		want    bool
	}{{f.ava, v.SessionID, true}, {f.ben, v.SessionID, false}, {f.ava, "rp-unknown", false}} {
		got, err := f.svc.OwnsRoleplay(ctx, c.user, c.session)
		if err != nil || got != c.want {
			t.Errorf("OwnsRoleplay(%d, %s) = %v, %v; want %v", c.user, c.session, got, err, c.want)
		}
	}
}

func TestPostFieldQuestionThenAnswer(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.rec.Reset()
	p, err := f.svc.PostFieldQuestion(ctx, f.ava, "How do I handle a price objection?")
	if err != nil {
		t.Fatal(err)
	}
	if p.Question.ID == 0 || p.Question.Author != "user" || len(f.rec.Calls()) != 0 {
		t.Fatalf("question %+v, calls %v", p.Question, f.rec.Methods())
	}
	out, err := p.Answer(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if out.Answer.ReplyTo != p.Question.ID || out.Answer.Author != "susan" {
		t.Fatalf("answer %+v", out.Answer)
	}
	if r := live.Recorded[live.FieldMessage](f.rec); len(r) != 1 || r[0].ReplyTo != p.Question.ID {
		t.Fatalf("delivered %+v", r)
	}
	if _, err := f.svc.PostFieldQuestion(ctx, 999, "hi"); err == nil {
		t.Fatal("a question from an unknown user was stored")
	}
}

func TestFieldConversationIDs(t *testing.T) {
	if got := FieldConversation(42); got != "field-42" {
		t.Fatalf("FieldConversation(42) = %s", got)
	}
	if id, ok := FieldConversationOwner(FieldConversation(7)); !ok || id != 7 {
		t.Fatalf("round trip: %d %v", id, ok)
	}
	for _, bad := range []string{"", "field-", "field-0", "field-07", "field-+7", "field--7", "field-7x", "chat-7", "field-99999999999999999999"} {
		if id, ok := FieldConversationOwner(bad); ok {
			t.Errorf("FieldConversationOwner(%q) = %d, true", bad, id)
		}
	}
}

func TestReportLessonProgress(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	m, _ := f.svc.Catalogue().Module("objections")
	if len(m.Quizzes) < 2 {
		t.Fatalf("module objections has %d quizzes", len(m.Quizzes))
	}
	if _, err := f.svc.CompleteQuiz(ctx, f.ava, m.Quizzes[0], answers(t, f, m.Quizzes[0], 0)); err != nil {
		t.Fatal(err)
	}
	f.rec.Reset()
	p, err := f.svc.ReportLessonProgress(ctx, f.ava, "objections", m.Quizzes[1], 50)
	if err != nil {
		t.Fatal(err)
	}
	want := (100 + 50) / len(m.Quizzes)
	if p.Completed != 1 || p.Total != len(m.Quizzes) || p.Percent != want || p.LessonID != m.Quizzes[1] || p.UserID != f.ava {
		t.Fatalf("progress %+v, want percent %d", p, want)
	}
	if r := live.Recorded[live.ModuleProgress](f.rec); len(r) != 1 || r[0] != p {
		t.Fatalf("notified %+v", r)
	}
	// A lesson already passed adds nothing more.
	if p, _ := f.svc.ReportLessonProgress(ctx, f.ava, "objections", m.Quizzes[0], 50); p.Percent != 100/len(m.Quizzes) {
		t.Fatalf("passed lesson counted twice: %+v", p)
	}
	var ve *ValidationError
	for _, c := range []struct {
		module, lesson string
		percent        float64
		field          string
	}{
		{"nope", m.Quizzes[0], 10, "moduleId"},
		{"objections", "closing-basics", 10, "lessonId"},
		{"objections", m.Quizzes[0], 101, "percentComplete"},
		{"objections", m.Quizzes[0], -1, "percentComplete"},
	} {
		_, err := f.svc.ReportLessonProgress(ctx, f.ava, c.module, c.lesson, c.percent)
		if !errors.As(err, &ve) || ve.Field != c.field {
			t.Errorf("%+v: %v", c, err)
		}
	}
}

func TestCanFollowContest(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	for _, c := range []struct {
		user, contest int64
		want          bool
	}{{f.ava, f.contest, true}, {f.cy, f.contest, true}, {f.admin, f.contest, false}, {f.ava, 999, false}, {999, f.contest, false}} {
		got, err := f.svc.CanFollowContest(ctx, c.user, c.contest)
		if err != nil || got != c.want {
			t.Errorf("CanFollowContest(%d, %d) = %v, %v; want %v", c.user, c.contest, got, err, c.want)
		}
	}
}

func TestNotificationsCarryWhatRealtimeClientsNeed(t *testing.T) {
	f := newFixture(t)
	f.sell(t, f.ben, 10_000_00)
	f.rec.Reset()
	f.sell(t, f.ava, 20_000_00)
	c := live.Recorded[live.RankingsChange](f.rec)
	if len(c) != 1 || c[0].Ranked != 3 || len(c[0].Top) != 3 {
		t.Fatalf("rankings change %+v", c)
	}
	var lead *live.Achievement
	for _, a := range live.Recorded[live.Achievement](f.rec) {
		if a.Event.AchievementType == "rank" {
			lead = &a
		}
	}
	if lead == nil || lead.ID != "rank:1" {
		t.Fatalf("no rank achievement with its id: %+v", live.Recorded[live.Achievement](f.rec))
	}
	updates := live.Recorded[[]live.ContestRankUpdate](f.rec)
	if len(updates) == 0 || updates[len(updates)-1][0].EntryID == 0 {
		t.Fatalf("contest rank updates without their entry: %+v", updates)
	}
}

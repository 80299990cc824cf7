package floor

import (
	"context"
	"errors"
	"time"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/coach"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/live"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/quiz"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/rules"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/store"
)

// QuizOutcome is a graded quiz: the result, the XP it earned, the level-up if any, and the module
// progress after it. Review tells, per question, what was right.
type QuizOutcome struct {
	Result   live.QuizResult     `json:"result"`
	XP       live.XPGainEvent    `json:"xp"`
	LevelUp  *live.LevelUpEvent  `json:"levelUp,omitempty"`
	Progress live.ModuleProgress `json:"progress"`
	Review   []quiz.Review       `json:"review"`
}

// CompleteQuiz grades a user's answers (one option index per question, in order), awards XP by
// score (full XP for a first attempt or a new best, a little for other retakes), levels up on a
// level boundary, and updates the module's progress.
func (s *Service) CompleteQuiz(ctx context.Context, userID int64, quizID string, answers []int) (QuizOutcome, error) {
	q, err := s.catalogue.Quiz(quizID)
	if err != nil {
		return QuizOutcome{}, err
	}
	graded, err := q.Grade(answers)
	if err != nil {
		return QuizOutcome{}, err
	}
	module, _ := s.catalogue.Module(q.ModuleID)
	now := s.clock()
	var out QuizOutcome
	var award xpAward
	err = s.store.Write(ctx, func(tx *store.Tx) error {
		user, err := tx.User(userID)
		if err != nil {
			return err
		}
		best, err := tx.BestScores(userID)
		if err != nil {
			return err
		}
		previous, attempted := best[q.ID]
		if !attempted {
			previous = -1
		}
		xp, err := rules.QuizAward(graded.Score, previous)
		if err != nil {
			return err
		}
		if _, err := tx.InsertQuizResult(store.QuizResult{UserID: userID, QuizID: q.ID, Score: graded.Score, Correct: graded.Correct, Total: graded.Total, XP: xp, CompletedAt: now}); err != nil {
			return err
		}
		best[q.ID] = max(previous, graded.Score)
		award, err = awardXP(tx, user, xp, "Quiz: "+q.Title, now)
		if err != nil {
			return err
		}
		out.Result = live.QuizResult{
			UserID: userID, UserName: user.Name, QuizID: q.ID, QuizTitle: q.Title, ModuleID: q.ModuleID,
			Score: graded.Score, Correct: graded.Correct, Total: graded.Total, Passed: graded.Score >= rules.PassingScore,
			XPEarned: xp, Timestamp: now,
		}
		out.Progress = moduleProgress(userID, module, best, now)
		return nil
	})
	if err != nil {
		return QuizOutcome{}, err
	}
	out.XP, out.LevelUp, out.Review = award.gain, award.levelUp, graded.Review
	s.live.QuizCompleted(ctx, out.Result)
	s.notifyXP(ctx, award)
	s.live.ProgressUpdated(ctx, out.Progress)
	return out, nil
}

// moduleProgress counts the module's quizzes passed, given the best score per quiz.
func moduleProgress(userID int64, m quiz.Module, best map[string]int, now time.Time) live.ModuleProgress {
	p := live.ModuleProgress{UserID: userID, ModuleID: m.ID, ModuleTitle: m.Title, Total: len(m.Quizzes), Timestamp: now}
	for _, id := range m.Quizzes {
		if passed(best, id) {
			p.Completed++
		}
	}
	if p.Total > 0 {
		p.Percent = p.Completed * 100 / p.Total
	}
	return p
}

// passed reports whether the best scores include a pass of a quiz.
func passed(best map[string]int, quizID string) bool {
	score, ok := best[quizID]
	return ok && score >= rules.PassingScore
}

// CheckInOutcome is a daily check-in: the streak after it, whether today was newly counted, and
// the milestone, bonus XP, level-up and achievement it brought.
type CheckInOutcome struct {
	Streak      live.StreakUpdate     `json:"streak"`
	Counted     bool                  `json:"counted"`
	Milestone   *live.StreakMilestone `json:"milestone,omitempty"`
	XP          *live.XPGainEvent     `json:"xp,omitempty"`
	LevelUp     *live.LevelUpEvent    `json:"levelUp,omitempty"`
	Achievement *live.Achievement     `json:"achievement,omitempty"`
}

// CheckIn counts today (in the floor's time zone) towards the user's daily streak. Checking in again
// the same day changes nothing. Reaching a milestone awards bonus XP and, the first time, an
// achievement.
func (s *Service) CheckIn(ctx context.Context, userID int64) (CheckInOutcome, error) {
	now := s.clock()
	var out CheckInOutcome
	var award *xpAward
	err := s.store.Write(ctx, func(tx *store.Tx) error {
		user, err := tx.User(userID)
		if err != nil {
			return err
		}
		c := rules.CheckInOn(user.Streak, rules.DateOf(now))
		out.Counted = c.Counted
		out.Streak = live.StreakUpdate{
			UserID: userID, UserName: user.Name, Days: c.Streak.Days, Longest: c.Streak.Longest,
			NextMilestone: rules.NextMilestone(c.Streak.Days), Broken: c.Broken, Timestamp: now,
		}
		if !c.Counted {
			return nil
		}
		if err := tx.SetStreak(userID, c.Streak); err != nil {
			return err
		}
		if c.Milestone == 0 {
			return nil
		}
		bonus := rules.StreakBonusXP(c.Milestone)
		out.Milestone = &live.StreakMilestone{UserID: userID, UserName: user.Name, Days: c.Milestone, BonusXP: bonus, Timestamp: now}
		a, err := awardXP(tx, user, bonus, "Streak: "+rules.StreakMilestone(c.Milestone).Title, now)
		if err != nil {
			return err
		}
		award = &a
		out.XP, out.LevelUp = &a.gain, a.levelUp
		ach := rules.StreakMilestone(c.Milestone)
		ok, err := grant(tx, userID, ach, now)
		if ok {
			ev := achievementEvent(user, ach, now)
			ev.XPReward = bonus
			out.Achievement = &ev
		}
		return err
	})
	if err != nil {
		return CheckInOutcome{}, err
	}
	if out.Counted {
		s.live.StreakUpdated(ctx, out.Streak)
	}
	if out.Milestone != nil {
		s.live.StreakMilestoneReached(ctx, *out.Milestone)
	}
	if award != nil {
		s.notifyXP(ctx, *award)
	}
	if out.Achievement != nil {
		s.live.AchievementEarned(ctx, *out.Achievement)
	}
	return out, nil
}

// TrainingView is a user's training page: level, streak, modules with progress, quizzes with best
// scores, roleplay scenarios and recent results.
type TrainingView struct {
	Level     LevelView         `json:"level"`
	Streak    StreakView        `json:"streak"`
	Modules   []ModuleView      `json:"modules"`
	Scenarios []ScenarioView    `json:"scenarios"`
	Recent    []live.QuizResult `json:"recent"`
}

// LevelView is an XP bar.
type LevelView struct {
	Level    int     `json:"level"`
	TotalXP  int     `json:"totalXP"`
	Floor    int     `json:"floor"`
	Next     int     `json:"next"`
	Fraction float64 `json:"fraction"`
}

// StreakView is a daily streak; Last is YYYY-MM-DD or "" and ActiveToday says today is counted.
type StreakView struct {
	Days          int    `json:"days"`
	Longest       int    `json:"longest"`
	Last          string `json:"last"`
	ActiveToday   bool   `json:"activeToday"`
	NextMilestone int    `json:"nextMilestone"`
}

// ModuleView is a module with the user's progress and its quizzes.
type ModuleView struct {
	ID       string              `json:"id"`
	Title    string              `json:"title"`
	Summary  string              `json:"summary"`
	Progress live.ModuleProgress `json:"progress"`
	Quizzes  []QuizSummary       `json:"quizzes"`
}

// QuizSummary describes a quiz without its answers. BestScore is -1 when never attempted.
type QuizSummary struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Summary   string `json:"summary"`
	Minutes   int    `json:"minutes"`
	Questions int    `json:"questions"`
	BestScore int    `json:"bestScore"`
}

// ScenarioView describes a roleplay scenario.
type ScenarioView struct {
	ID        string `json:"id"`
	Objection string `json:"objection"`
	Title     string `json:"title"`
	Buyer     string `json:"buyer"`
	Brief     string `json:"brief"`
}

func levelView(xp int) LevelView {
	p := rules.ProgressFor(xp)
	return LevelView{Level: p.Level, TotalXP: xp, Floor: p.Floor, Next: p.Next, Fraction: p.Fraction}
}

func streakView(st rules.Streak, today rules.Date) StreakView {
	days := st.Days
	// A streak whose last day is before yesterday is already broken, whatever is stored.
	if !st.Last.IsZero() && today.After(st.Last.AddDays(1)) {
		days = 0
	}
	return StreakView{Days: days, Longest: st.Longest, Last: st.Last.String(), ActiveToday: st.Last == today, NextMilestone: rules.NextMilestone(days)}
}

// Training is a user's training page.
func (s *Service) Training(ctx context.Context, userID int64) (TrainingView, error) {
	now := s.clock()
	v := TrainingView{Modules: []ModuleView{}, Scenarios: []ScenarioView{}, Recent: []live.QuizResult{}}
	err := s.store.Read(ctx, func(tx *store.Tx) error {
		user, err := tx.User(userID)
		if err != nil {
			return err
		}
		best, err := tx.BestScores(userID)
		if err != nil {
			return err
		}
		v.Level = levelView(user.XP)
		v.Streak = streakView(user.Streak, rules.DateOf(now))
		for _, m := range s.catalogue.Modules() {
			mv := ModuleView{ID: m.ID, Title: m.Title, Summary: m.Summary, Progress: moduleProgress(userID, m, best, now)}
			for _, id := range m.Quizzes {
				q, err := s.catalogue.Quiz(id)
				if err != nil {
					return err
				}
				b, ok := best[id]
				if !ok {
					b = -1
				}
				mv.Quizzes = append(mv.Quizzes, QuizSummary{ID: q.ID, Title: q.Title, Summary: q.Summary, Minutes: q.Minutes, Questions: len(q.Questions), BestScore: b})
			}
			v.Modules = append(v.Modules, mv)
		}
		recent, err := tx.RecentQuizResults(userID, 5)
		for _, r := range recent {
			title := r.QuizID
			if q, qerr := s.catalogue.Quiz(r.QuizID); qerr == nil {
				title = q.Title
			} else if !errors.Is(qerr, quiz.ErrUnknownQuiz) {
				return qerr
			}
			v.Recent = append(v.Recent, live.QuizResult{
				UserID: userID, UserName: user.Name, QuizID: r.QuizID, QuizTitle: title, Score: r.Score, Correct: r.Correct,
				Total: r.Total, Passed: r.Score >= rules.PassingScore, XPEarned: r.XP, Timestamp: r.CompletedAt.In(s.loc),
			})
		}
		return err
	})
	for _, sc := range coach.Scenarios() {
		v.Scenarios = append(v.Scenarios, scenarioView(sc))
	}
	return v, err
}

// QuizQuestions is a quiz as shown to someone taking it: prompts and options, no answers.
type QuizQuestions struct {
	ID        string         `json:"id"`
	ModuleID  string         `json:"moduleId"`
	Title     string         `json:"title"`
	Summary   string         `json:"summary"`
	Minutes   int            `json:"minutes"`
	Questions []QuestionView `json:"questions"`
}

// QuestionView is one question without its answer.
type QuestionView struct {
	ID      string   `json:"id"`
	Prompt  string   `json:"prompt"`
	Options []string `json:"options"`
}

// Quiz returns a quiz's questions without the answers.
func (s *Service) Quiz(id string) (QuizQuestions, error) {
	q, err := s.catalogue.Quiz(id)
	if err != nil {
		return QuizQuestions{}, err
	}
	v := QuizQuestions{ID: q.ID, ModuleID: q.ModuleID, Title: q.Title, Summary: q.Summary, Minutes: q.Minutes}
	for _, question := range q.Questions {
		v.Questions = append(v.Questions, QuestionView{ID: question.ID, Prompt: question.Prompt, Options: question.Options})
	}
	return v, nil
}

package floor

import (
	"context"
	"errors"
	"math"
	"slices"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/live"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/store"
)

// ReportLessonProgress records where a user is inside a module's lesson (a quiz, percent of its
// questions answered) and tells the user's other screens and the module's room. The module's
// progress counts the quizzes passed plus the part of this one, unless it is passed already.
// Nothing is stored: the graded quiz is what counts, and progress mid-quiz is only shown.
func (s *Service) ReportLessonProgress(ctx context.Context, userID int64, moduleID, lessonID string, percent float64) (live.ModuleProgress, error) {
	m, ok := s.catalogue.Module(moduleID)
	if !ok {
		return live.ModuleProgress{}, invalid("moduleId", "no module %q", moduleID)
	}
	if !slices.Contains(m.Quizzes, lessonID) {
		return live.ModuleProgress{}, invalid("lessonId", "module %q has no lesson %q", moduleID, lessonID)
	}
	if math.IsNaN(percent) || percent < 0 || percent > 100 {
		return live.ModuleProgress{}, invalid("percentComplete", "must be between 0 and 100")
	}
	now := s.clock()
	var p live.ModuleProgress
	err := s.store.Read(ctx, func(tx *store.Tx) error {
		if _, err := tx.User(userID); err != nil {
			return err
		}
		best, err := tx.BestScores(userID)
		if err != nil {
			return err
		}
		p = moduleProgress(userID, m, best, now)
		p.LessonID = lessonID
		if !passed(best, lessonID) && p.Total > 0 {
			p.Percent = int((float64(p.Completed)*100 + percent) / float64(p.Total))
		}
		return nil
	})
	if err != nil {
		return live.ModuleProgress{}, err
	}
	s.live.ProgressUpdated(ctx, p)
	return p, nil
}

// CanFollowContest reports whether a user may watch a contest's live standings: everyone who sells
// takes part in a running contest (every sale enters it), so reps and managers may; an unknown
// contest may not be followed.
func (s *Service) CanFollowContest(ctx context.Context, userID, contestID int64) (bool, error) {
	var ok bool
	err := s.store.Read(ctx, func(tx *store.Tx) error {
		if _, err := tx.Contest(contestID); err != nil {
			return err
		}
		u, err := tx.User(userID)
		ok = err == nil && u.Role.Sells()
		return err
	})
	if errors.Is(err, store.ErrNotFound) {
		return false, nil
	}
	return ok, err
}

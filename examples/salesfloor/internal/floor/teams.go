package floor

import (
	"context"
	"time"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/live"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/rules"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/store"
)

// TeamView is a team's progress towards its yearly goal. Goal and Total are dollars; Progress is
// Total/Goal (0 without a goal); ReachedAt is set once the goal was met this year.
type TeamView struct {
	ID        int64      `json:"id"`
	Name      string     `json:"name"`
	Color     string     `json:"color"`
	Goal      float64    `json:"goal"`
	Total     float64    `json:"total"`
	Progress  float64    `json:"progress"`
	ReachedAt *time.Time `json:"reachedAt,omitempty"`
}

// Teams lists the teams with this year's revenue against their goals.
func (s *Service) Teams(ctx context.Context) ([]TeamView, error) {
	now := s.clock()
	from, to := yearBounds(now)
	out := []TeamView{}
	err := s.store.Read(ctx, func(tx *store.Tx) error {
		teams, err := tx.Teams()
		if err != nil {
			return err
		}
		revenue, err := tx.TeamRevenues(from, to)
		if err != nil {
			return err
		}
		for _, t := range teams {
			v := TeamView{ID: t.ID, Name: t.Name, Color: t.Color, Goal: dollars(t.GoalCents), Total: dollars(revenue[t.ID])}
			if t.GoalCents > 0 {
				v.Progress = float64(revenue[t.ID]) / float64(t.GoalCents)
			}
			at, err := tx.TeamGoalReachedAt(t.ID, now.Year())
			if err != nil {
				return err
			}
			if !at.IsZero() {
				at = at.In(s.loc)
				v.ReachedAt = &at
			}
			out = append(out, v)
		}
		return nil
	})
	return out, err
}

// SetTeamGoal changes a team's yearly goal (cents, 0 for none). A goal the team has already met this
// year counts as reached now, and the team is told.
func (s *Service) SetTeamGoal(ctx context.Context, teamID, goalCents int64) (TeamView, error) {
	if goalCents < 0 || goalCents > MaxGoalCents {
		return TeamView{}, invalid("goal", "must be between $0 and %s", rules.ShortMoney(MaxGoalCents))
	}
	now := s.clock()
	from, to := yearBounds(now)
	var reached *live.TeamGoal
	var inbox outbox
	err := s.store.Write(ctx, func(tx *store.Tx) error {
		if err := tx.SetTeamGoal(teamID, goalCents); err != nil {
			return err
		}
		team, err := tx.Team(teamID)
		if err != nil {
			return err
		}
		total, err := tx.TeamRevenue(teamID, from, to)
		if err != nil {
			return err
		}
		if goalCents > 0 && total >= goalCents {
			first, err := tx.MarkTeamGoalReached(teamID, now.Year(), now)
			if err != nil {
				return err
			}
			if first {
				reached = &live.TeamGoal{TeamID: teamID, TeamName: team.Name, Goal: dollars(goalCents), Total: dollars(total), Timestamp: now}
				if err := inbox.teamGoal(tx, *reached, now); err != nil {
					return err
				}
			}
		}
		return inbox.count(tx)
	})
	if err != nil {
		return TeamView{}, err
	}
	if reached != nil {
		s.live.TeamGoalReached(ctx, *reached)
	}
	s.deliver(ctx, &inbox)
	teams, err := s.Teams(ctx)
	for _, t := range teams {
		if t.ID == teamID {
			return t, err
		}
	}
	return TeamView{}, err
}

package store

import (
	"database/sql"
	"fmt"
	"time"
)

// Team is a sales team with its yearly revenue goal (0: none).
type Team struct {
	ID        int64
	Name      string
	Color     string
	GoalCents int64
}

// InsertTeam creates a team and returns its id.
func (t *Tx) InsertTeam(name, color string, goalCents int64) (int64, error) {
	return t.insert(`INSERT INTO teams (name, color, goal_cents) VALUES (?, ?, ?)`, name, color, goalCents)
}

// Teams lists the teams by name.
func (t *Tx) Teams() ([]Team, error) {
	rows, err := t.query(`SELECT id, name, color, goal_cents FROM teams ORDER BY name`)
	return collect(rows, err, func(r *sql.Rows) (Team, error) {
		var tm Team
		return tm, r.Scan(&tm.ID, &tm.Name, &tm.Color, &tm.GoalCents)
	})
}

// Team finds a team by id.
func (t *Tx) Team(id int64) (Team, error) {
	var tm Team
	err := t.queryRow(`SELECT id, name, color, goal_cents FROM teams WHERE id = ?`, id).
		Scan(&tm.ID, &tm.Name, &tm.Color, &tm.GoalCents)
	return tm, notFound(err, fmt.Sprintf("team %d", id))
}

// SetTeamGoal changes a team's yearly goal.
func (t *Tx) SetTeamGoal(id, goalCents int64) error {
	res, err := t.exec(`UPDATE teams SET goal_cents = ? WHERE id = ?`, goalCents, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("team %d: %w", id, ErrNotFound)
	}
	return nil
}

// TeamRevenue is a team's revenue (cents) from sales closed in [from, to).
func (t *Tx) TeamRevenue(teamID int64, from, to time.Time) (int64, error) {
	var cents int64
	err := t.queryRow(`SELECT COALESCE(SUM(s.amount_cents), 0) FROM sales s JOIN users u ON u.id = s.user_id
		WHERE u.team_id = ? AND s.closed_at >= ? AND s.closed_at < ?`, teamID, ms(from), ms(to)).Scan(&cents)
	return cents, err
}

// TeamRevenues is every team's revenue (cents) from sales closed in [from, to), by team id.
func (t *Tx) TeamRevenues(from, to time.Time) (map[int64]int64, error) {
	rows, err := t.query(`SELECT u.team_id, SUM(s.amount_cents) FROM sales s JOIN users u ON u.id = s.user_id
		WHERE u.team_id IS NOT NULL AND s.closed_at >= ? AND s.closed_at < ? GROUP BY u.team_id`, ms(from), ms(to))
	type pair struct {
		id    int64
		cents int64
	}
	pairs, err := collect(rows, err, func(r *sql.Rows) (pair, error) {
		var p pair
		return p, r.Scan(&p.id, &p.cents)
	})
	out := make(map[int64]int64, len(pairs))
	for _, p := range pairs {
		out[p.id] = p.cents
	}
	return out, err
}

// MarkTeamGoalReached records that a team met its goal in a year; it reports false if that was
// already recorded.
func (t *Tx) MarkTeamGoalReached(teamID int64, year int, at time.Time) (bool, error) {
	res, err := t.exec(`INSERT INTO team_goal_hits (team_id, year, reached_at) VALUES (?, ?, ?)
		ON CONFLICT (team_id, year) DO NOTHING`, teamID, year, ms(at))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// TeamGoalReachedAt is when a team met its goal in a year; zero if it has not.
func (t *Tx) TeamGoalReachedAt(teamID int64, year int) (time.Time, error) {
	var at int64
	err := t.queryRow(`SELECT reached_at FROM team_goal_hits WHERE team_id = ? AND year = ?`, teamID, year).Scan(&at)
	if err == sql.ErrNoRows {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, err
	}
	return fromMS(at), nil
}

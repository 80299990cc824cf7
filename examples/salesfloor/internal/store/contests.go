package store

import (
	"database/sql"
	"fmt"
	"time"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/rules"
)

// Contest is a time-boxed competition. Sales closed inside [StartsAt, EndsAt) earn
// PointsPerThousand points per full $1,000; managers may add entries by hand.
type Contest struct {
	ID                int64
	Name              string
	Description       string
	StartsAt          time.Time
	EndsAt            time.Time
	PointsPerThousand int
}

// Active reports whether the contest is running at t.
func (c Contest) Active(t time.Time) bool { return !t.Before(c.StartsAt) && t.Before(c.EndsAt) }

// ContestEntry is points earned in a contest; SaleID is 0 for an entry added by hand.
type ContestEntry struct {
	ID        int64
	ContestID int64
	UserID    int64
	UserName  string
	SaleID    int64
	Points    int
	Note      string
	CreatedAt time.Time
}

// InsertContest creates a contest and returns its id.
func (t *Tx) InsertContest(c Contest) (int64, error) {
	return t.insert(`INSERT INTO contests (name, description, starts_at, ends_at, points_per_thousand) VALUES (?, ?, ?, ?, ?)`,
		c.Name, c.Description, ms(c.StartsAt), ms(c.EndsAt), c.PointsPerThousand)
}

func scanContest(r interface{ Scan(...any) error }) (Contest, error) {
	var c Contest
	var start, end int64
	err := r.Scan(&c.ID, &c.Name, &c.Description, &start, &end, &c.PointsPerThousand)
	c.StartsAt, c.EndsAt = fromMS(start), fromMS(end)
	return c, err
}

const contestColumns = `id, name, description, starts_at, ends_at, points_per_thousand FROM contests `

// Contest finds a contest by id.
func (t *Tx) Contest(id int64) (Contest, error) {
	c, err := scanContest(t.queryRow(`SELECT `+contestColumns+`WHERE id = ?`, id))
	return c, notFound(err, fmt.Sprintf("contest %d", id))
}

// Contests lists contests that have not ended by now, soonest ending first, then those that ended,
// most recent first.
func (t *Tx) Contests(now time.Time) ([]Contest, error) {
	rows, err := t.query(`SELECT `+contestColumns+`ORDER BY ends_at <= ?, CASE WHEN ends_at > ? THEN ends_at END, ends_at DESC`,
		ms(now), ms(now))
	return collect(rows, err, func(r *sql.Rows) (Contest, error) { return scanContest(r) })
}

// ActiveContests lists the contests running at now.
func (t *Tx) ActiveContests(now time.Time) ([]Contest, error) {
	rows, err := t.query(`SELECT `+contestColumns+`WHERE starts_at <= ? AND ends_at > ? ORDER BY ends_at, id`, ms(now), ms(now))
	return collect(rows, err, func(r *sql.Rows) (Contest, error) { return scanContest(r) })
}

// InsertContestEntry records an entry and returns its id; saleID 0 means none.
func (t *Tx) InsertContestEntry(contestID, userID, saleID int64, points int, note string, at time.Time) (int64, error) {
	var sale any
	if saleID != 0 {
		sale = saleID
	}
	return t.insert(`INSERT INTO contest_entries (contest_id, user_id, sale_id, points, note, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		contestID, userID, sale, points, note, ms(at))
}

// ContestStandings is every entrant's total points and entry count in a contest.
func (t *Tx) ContestStandings(contestID int64) ([]rules.Standing, error) {
	rows, err := t.query(`SELECT u.id, u.name, SUM(e.points), COUNT(e.id) FROM contest_entries e JOIN users u ON u.id = e.user_id
		WHERE e.contest_id = ? GROUP BY u.id`, contestID)
	return collect(rows, err, func(r *sql.Rows) (rules.Standing, error) {
		var s rules.Standing
		return s, r.Scan(&s.UserID, &s.UserName, &s.Value, &s.Count)
	})
}

// RecentContestEntries lists a contest's latest entries, newest first.
func (t *Tx) RecentContestEntries(contestID int64, limit int) ([]ContestEntry, error) {
	rows, err := t.query(`SELECT e.id, e.contest_id, e.user_id, u.name, COALESCE(e.sale_id, 0), e.points, e.note, e.created_at
		FROM contest_entries e JOIN users u ON u.id = e.user_id WHERE e.contest_id = ? ORDER BY e.created_at DESC, e.id DESC LIMIT ?`,
		contestID, limit)
	return collect(rows, err, func(r *sql.Rows) (ContestEntry, error) {
		var e ContestEntry
		var at int64
		err := r.Scan(&e.ID, &e.ContestID, &e.UserID, &e.UserName, &e.SaleID, &e.Points, &e.Note, &at)
		e.CreatedAt = fromMS(at)
		return e, err
	})
}

package store

import (
	"database/sql"
	"fmt"
	"time"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/rules"
)

// Sale is a closed deal. AmountCents is positive.
type Sale struct {
	ID          int64
	UserID      int64
	UserName    string
	TeamID      int64
	TeamName    string
	AmountCents int64
	Customer    string
	Product     string
	ClosedAt    time.Time
}

// InsertSale records a sale and returns its id.
func (t *Tx) InsertSale(userID, amountCents int64, customer, product string, closedAt time.Time) (int64, error) {
	return t.insert(`INSERT INTO sales (user_id, amount_cents, customer, product, closed_at) VALUES (?, ?, ?, ?, ?)`,
		userID, amountCents, customer, product, ms(closedAt))
}

const saleColumns = `s.id, s.user_id, u.name, COALESCE(u.team_id, 0), COALESCE(tm.name, ''), s.amount_cents, s.customer,
	s.product, s.closed_at FROM sales s JOIN users u ON u.id = s.user_id LEFT JOIN teams tm ON tm.id = u.team_id `

func scanSale(r interface{ Scan(...any) error }) (Sale, error) {
	var s Sale
	var closed int64
	err := r.Scan(&s.ID, &s.UserID, &s.UserName, &s.TeamID, &s.TeamName, &s.AmountCents, &s.Customer, &s.Product, &closed)
	s.ClosedAt = fromMS(closed)
	return s, err
}

// Sale finds a sale by id.
func (t *Tx) Sale(id int64) (Sale, error) {
	s, err := scanSale(t.queryRow(`SELECT `+saleColumns+`WHERE s.id = ?`, id))
	return s, notFound(err, fmt.Sprintf("sale %d", id))
}

// DeleteSale removes a sale and the contest entries it earned.
func (t *Tx) DeleteSale(id int64) error {
	res, err := t.exec(`DELETE FROM sales WHERE id = ?`, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("sale %d: %w", id, ErrNotFound)
	}
	return nil
}

// RecentSales lists the latest sales, newest first.
func (t *Tx) RecentSales(limit int) ([]Sale, error) {
	rows, err := t.query(`SELECT `+saleColumns+`ORDER BY s.closed_at DESC, s.id DESC LIMIT ?`, limit)
	return collect(rows, err, func(r *sql.Rows) (Sale, error) { return scanSale(r) })
}

// Standing is a selling user's revenue (cents) and deal count in a period, with their team.
type Standing struct {
	rules.Standing
	TeamID    int64
	TeamName  string
	TeamColor string
}

// Standings lists every user who sells with their revenue and deals closed in [from, to); users
// without sales have zeros.
func (t *Tx) Standings(from, to time.Time) ([]Standing, error) {
	rows, err := t.query(`SELECT u.id, u.name, COALESCE(u.team_id, 0), COALESCE(tm.name, ''), COALESCE(tm.color, ''),
			COALESCE(SUM(s.amount_cents), 0), COUNT(s.id)
		FROM users u
		LEFT JOIN teams tm ON tm.id = u.team_id
		LEFT JOIN sales s ON s.user_id = u.id AND s.closed_at >= ? AND s.closed_at < ?
		WHERE u.role IN ('rep', 'manager')
		GROUP BY u.id`, ms(from), ms(to))
	return collect(rows, err, func(r *sql.Rows) (Standing, error) {
		var s Standing
		return s, r.Scan(&s.UserID, &s.UserName, &s.TeamID, &s.TeamName, &s.TeamColor, &s.Value, &s.Count)
	})
}

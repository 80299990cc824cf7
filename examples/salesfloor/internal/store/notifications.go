package store

import (
	"database/sql"
	"strings"
	"time"
)

// Notification is a message in one user's inbox. Level is "info", "success" or "warning"; Link is
// an in-app path or ""; ReadAt is zero while unread.
type Notification struct {
	ID        int64
	UserID    int64
	Level     string
	Title     string
	Message   string
	Link      string
	CreatedAt time.Time
	ReadAt    time.Time
}

// InsertNotification stores an unread notification and returns its id.
func (t *Tx) InsertNotification(n Notification) (int64, error) {
	return t.insert(`INSERT INTO notifications (user_id, level, title, message, link, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		n.UserID, n.Level, n.Title, n.Message, n.Link, ms(n.CreatedAt))
}

// Notifications lists a user's latest notifications, newest first.
func (t *Tx) Notifications(userID int64, limit int) ([]Notification, error) {
	rows, err := t.query(`SELECT id, user_id, level, title, message, link, created_at, read_at FROM notifications
		WHERE user_id = ? ORDER BY id DESC LIMIT ?`, userID, limit)
	return collect(rows, err, func(r *sql.Rows) (Notification, error) {
		var n Notification
		var created int64
		var read sql.NullInt64
		err := r.Scan(&n.ID, &n.UserID, &n.Level, &n.Title, &n.Message, &n.Link, &created, &read)
		n.CreatedAt = fromMS(created)
		if read.Valid {
			n.ReadAt = fromMS(read.Int64)
		}
		return n, err
	})
}

// UnreadNotifications counts a user's unread notifications.
func (t *Tx) UnreadNotifications(userID int64) (int, error) {
	var n int
	err := t.queryRow(`SELECT count(*) FROM notifications WHERE user_id = ? AND read_at IS NULL`, userID).Scan(&n)
	return n, err
}

// MarkNotificationsRead marks the user's notifications with the given ids read at a time and
// returns how many were unread; ids of other users' notifications are ignored.
func (t *Tx) MarkNotificationsRead(userID int64, ids []int64, at time.Time) (int64, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	args := []any{ms(at), userID}
	for _, id := range ids {
		args = append(args, id)
	}
	res, err := t.exec(`UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL AND id IN (?`+
		strings.Repeat(", ?", len(ids)-1)+`)`, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

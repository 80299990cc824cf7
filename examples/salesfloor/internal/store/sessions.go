package store

import (
	"time"
)

// Session is a stored login session; the token itself is never stored, only its hash.
type Session struct {
	UserID    int64
	CreatedAt time.Time
	ExpiresAt time.Time
}

// InsertSession stores a session under the hash of its token.
func (t *Tx) InsertSession(tokenHash []byte, userID int64, created, expires time.Time) error {
	_, err := t.exec(`INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)`,
		tokenHash, userID, ms(created), ms(expires))
	return err
}

// Session finds an unexpired session by token hash.
func (t *Tx) Session(tokenHash []byte, now time.Time) (Session, error) {
	var s Session
	var created, expires int64
	err := t.queryRow(`SELECT user_id, created_at, expires_at FROM sessions WHERE token_hash = ? AND expires_at > ?`,
		tokenHash, ms(now)).Scan(&s.UserID, &created, &expires)
	if err != nil {
		return Session{}, notFound(err, "session")
	}
	s.CreatedAt, s.ExpiresAt = fromMS(created), fromMS(expires)
	return s, nil
}

// DeleteSession removes a session; removing one that does not exist is not an error.
func (t *Tx) DeleteSession(tokenHash []byte) error {
	_, err := t.exec(`DELETE FROM sessions WHERE token_hash = ?`, tokenHash)
	return err
}

// DeleteExpiredSessions removes sessions that expired at or before now and returns how many.
func (t *Tx) DeleteExpiredSessions(now time.Time) (int64, error) {
	res, err := t.exec(`DELETE FROM sessions WHERE expires_at <= ?`, ms(now))
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

package store

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"time"
)

// RoleplaySession is a practice conversation with a scenario's buyer.
type RoleplaySession struct {
	ID         string
	UserID     int64
	ScenarioID string
	Done       bool
	CreatedAt  time.Time
}

// RoleplayMessage is one message of a roleplay. Speaker is "rep", "buyer" or "coach"; Score, Feedback
// and Techniques assess the rep's previous message and are set on buyer replies only.
type RoleplayMessage struct {
	ID         int64
	SessionID  string
	Speaker    string
	Text       string
	Score      int
	Feedback   string
	Techniques []string
	CreatedAt  time.Time
}

// InsertRoleplaySession starts a session.
func (t *Tx) InsertRoleplaySession(s RoleplaySession) error {
	_, err := t.exec(`INSERT INTO roleplay_sessions (id, user_id, scenario_id, created_at) VALUES (?, ?, ?, ?)`,
		s.ID, s.UserID, s.ScenarioID, ms(s.CreatedAt))
	return err
}

// RoleplaySession finds a session by id.
func (t *Tx) RoleplaySession(id string) (RoleplaySession, error) {
	var s RoleplaySession
	var at int64
	err := t.queryRow(`SELECT id, user_id, scenario_id, done, created_at FROM roleplay_sessions WHERE id = ?`, id).
		Scan(&s.ID, &s.UserID, &s.ScenarioID, &s.Done, &at)
	s.CreatedAt = fromMS(at)
	return s, notFound(err, fmt.Sprintf("roleplay session %q", id))
}

// FinishRoleplaySession marks a session done.
func (t *Tx) FinishRoleplaySession(id string) error {
	_, err := t.exec(`UPDATE roleplay_sessions SET done = 1 WHERE id = ?`, id)
	return err
}

// InsertRoleplayMessage stores a message and returns its id.
func (t *Tx) InsertRoleplayMessage(m RoleplayMessage) (int64, error) {
	techniques, err := json.Marshal(nonNil(m.Techniques))
	if err != nil {
		return 0, err
	}
	return t.insert(`INSERT INTO roleplay_messages (session_id, speaker, text, score, feedback, techniques, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, m.SessionID, m.Speaker, m.Text, m.Score, m.Feedback, string(techniques), ms(m.CreatedAt))
}

// RoleplayMessages lists a session's messages, oldest first.
func (t *Tx) RoleplayMessages(sessionID string) ([]RoleplayMessage, error) {
	rows, err := t.query(`SELECT id, session_id, speaker, text, score, feedback, techniques, created_at
		FROM roleplay_messages WHERE session_id = ? ORDER BY id`, sessionID)
	return collect(rows, err, func(r *sql.Rows) (RoleplayMessage, error) {
		var m RoleplayMessage
		var techniques string
		var at int64
		if err := r.Scan(&m.ID, &m.SessionID, &m.Speaker, &m.Text, &m.Score, &m.Feedback, &techniques, &at); err != nil {
			return m, err
		}
		m.CreatedAt = fromMS(at)
		return m, json.Unmarshal([]byte(techniques), &m.Techniques)
	})
}

// FieldMessage is one message of a user's field chat. Author is "user" or "susan".
type FieldMessage struct {
	ID          int64
	UserID      int64
	Author      string
	Text        string
	Suggestions []string
	CreatedAt   time.Time
}

// InsertFieldMessage stores a message and returns its id.
func (t *Tx) InsertFieldMessage(m FieldMessage) (int64, error) {
	suggestions, err := json.Marshal(nonNil(m.Suggestions))
	if err != nil {
		return 0, err
	}
	return t.insert(`INSERT INTO field_messages (user_id, author, text, suggestions, created_at) VALUES (?, ?, ?, ?, ?)`,
		m.UserID, m.Author, m.Text, string(suggestions), ms(m.CreatedAt))
}

// FieldMessages lists a user's latest field messages, oldest first.
func (t *Tx) FieldMessages(userID int64, limit int) ([]FieldMessage, error) {
	rows, err := t.query(`SELECT id, user_id, author, text, suggestions, created_at FROM (
			SELECT * FROM field_messages WHERE user_id = ? ORDER BY id DESC LIMIT ?
		) ORDER BY id`, userID, limit)
	return collect(rows, err, func(r *sql.Rows) (FieldMessage, error) {
		var m FieldMessage
		var suggestions string
		var at int64
		if err := r.Scan(&m.ID, &m.UserID, &m.Author, &m.Text, &suggestions, &at); err != nil {
			return m, err
		}
		m.CreatedAt = fromMS(at)
		return m, json.Unmarshal([]byte(suggestions), &m.Suggestions)
	})
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

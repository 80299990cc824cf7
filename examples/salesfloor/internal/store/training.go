package store

import (
	"database/sql"
	"time"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/rules"
)

// QuizResult is one completed quiz attempt.
type QuizResult struct {
	ID          int64
	UserID      int64
	QuizID      string
	Score       int
	Correct     int
	Total       int
	XP          int
	CompletedAt time.Time
}

// InsertQuizResult records an attempt and returns its id.
func (t *Tx) InsertQuizResult(r QuizResult) (int64, error) {
	return t.insert(`INSERT INTO quiz_results (user_id, quiz_id, score, correct, total, xp, completed_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		r.UserID, r.QuizID, r.Score, r.Correct, r.Total, r.XP, ms(r.CompletedAt))
}

// BestScores is a user's best score per quiz attempted.
func (t *Tx) BestScores(userID int64) (map[string]int, error) {
	rows, err := t.query(`SELECT quiz_id, MAX(score) FROM quiz_results WHERE user_id = ? GROUP BY quiz_id`, userID)
	type best struct {
		quiz  string
		score int
	}
	list, err := collect(rows, err, func(r *sql.Rows) (best, error) {
		var b best
		return b, r.Scan(&b.quiz, &b.score)
	})
	out := make(map[string]int, len(list))
	for _, b := range list {
		out[b.quiz] = b.score
	}
	return out, err
}

// RecentQuizResults lists a user's latest attempts, newest first.
func (t *Tx) RecentQuizResults(userID int64, limit int) ([]QuizResult, error) {
	rows, err := t.query(`SELECT id, user_id, quiz_id, score, correct, total, xp, completed_at FROM quiz_results
		WHERE user_id = ? ORDER BY completed_at DESC, id DESC LIMIT ?`, userID, limit)
	return collect(rows, err, func(r *sql.Rows) (QuizResult, error) {
		var q QuizResult
		var at int64
		err := r.Scan(&q.ID, &q.UserID, &q.QuizID, &q.Score, &q.Correct, &q.Total, &q.XP, &at)
		q.CompletedAt = fromMS(at)
		return q, err
	})
}

// EarnedAchievement is an achievement a user earned.
type EarnedAchievement struct {
	ID       int64
	UserID   int64
	UserName string
	rules.Achievement
	EarnedAt time.Time
}

// InsertAchievement records an achievement for a user and returns its id.
func (t *Tx) InsertAchievement(userID int64, a rules.Achievement, at time.Time) (int64, error) {
	return t.insert(`INSERT INTO achievements (user_id, key, type, title, description, icon, rarity, earned_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, userID, a.Key, a.Type, a.Title, a.Description, a.Icon, a.Rarity, ms(at))
}

// HasAchievement reports whether a user already earned an achievement with this key.
func (t *Tx) HasAchievement(userID int64, key string) (bool, error) {
	var one int
	err := t.queryRow(`SELECT 1 FROM achievements WHERE user_id = ? AND key = ? LIMIT 1`, userID, key).Scan(&one)
	if err == sql.ErrNoRows {
		return false, nil
	}
	return err == nil, err
}

// Achievements lists achievements newest first: a user's (userID > 0) or everyone's (userID 0).
func (t *Tx) Achievements(userID int64, limit int) ([]EarnedAchievement, error) {
	rows, err := t.query(`SELECT a.id, a.user_id, u.name, a.key, a.type, a.title, a.description, a.icon, a.rarity, a.earned_at
		FROM achievements a JOIN users u ON u.id = a.user_id
		WHERE ? = 0 OR a.user_id = ? ORDER BY a.earned_at DESC, a.id DESC LIMIT ?`, userID, userID, limit)
	return collect(rows, err, func(r *sql.Rows) (EarnedAchievement, error) {
		var e EarnedAchievement
		var at int64
		err := r.Scan(&e.ID, &e.UserID, &e.UserName, &e.Key, &e.Type, &e.Title, &e.Description, &e.Icon, &e.Rarity, &at)
		e.EarnedAt = fromMS(at)
		return e, err
	})
}

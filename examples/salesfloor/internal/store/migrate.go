package store

import (
	"context"
	"fmt"
)

// migrations are applied in order; the database's user_version counts those already applied.
// Never edit an entry that has shipped: append a new one.
var migrations = []string{
	`
CREATE TABLE teams (
	id         INTEGER PRIMARY KEY,
	name       TEXT    NOT NULL UNIQUE,
	color      TEXT    NOT NULL,
	goal_cents INTEGER NOT NULL DEFAULT 0 CHECK (goal_cents >= 0)
);
CREATE TABLE users (
	id             INTEGER PRIMARY KEY,
	email          TEXT    NOT NULL UNIQUE COLLATE NOCASE,
	name           TEXT    NOT NULL,
	title          TEXT    NOT NULL DEFAULT '',
	role           TEXT    NOT NULL CHECK (role IN ('rep', 'manager', 'admin', 'display')),
	team_id        INTEGER REFERENCES teams(id),
	password_hash  TEXT    NOT NULL,
	xp             INTEGER NOT NULL DEFAULT 0 CHECK (xp >= 0),
	streak_days    INTEGER NOT NULL DEFAULT 0,
	streak_longest INTEGER NOT NULL DEFAULT 0,
	streak_last    TEXT    NOT NULL DEFAULT '',
	created_at     INTEGER NOT NULL
);
CREATE TABLE sales (
	id           INTEGER PRIMARY KEY,
	user_id      INTEGER NOT NULL REFERENCES users(id),
	amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
	customer     TEXT    NOT NULL,
	product      TEXT    NOT NULL,
	closed_at    INTEGER NOT NULL
);
CREATE INDEX sales_by_time ON sales(closed_at);
CREATE INDEX sales_by_user ON sales(user_id, closed_at);
CREATE TABLE sessions (
	token_hash BLOB    PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	created_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions(expires_at);
CREATE TABLE contests (
	id                  INTEGER PRIMARY KEY,
	name                TEXT    NOT NULL,
	description         TEXT    NOT NULL,
	starts_at           INTEGER NOT NULL,
	ends_at             INTEGER NOT NULL,
	points_per_thousand INTEGER NOT NULL CHECK (points_per_thousand > 0),
	CHECK (ends_at > starts_at)
);
CREATE TABLE contest_entries (
	id         INTEGER PRIMARY KEY,
	contest_id INTEGER NOT NULL REFERENCES contests(id),
	user_id    INTEGER NOT NULL REFERENCES users(id),
	sale_id    INTEGER REFERENCES sales(id) ON DELETE CASCADE,
	points     INTEGER NOT NULL CHECK (points > 0),
	note       TEXT    NOT NULL,
	created_at INTEGER NOT NULL
);
CREATE INDEX contest_entries_by_contest ON contest_entries(contest_id, created_at);
CREATE TABLE team_goal_hits (
	team_id    INTEGER NOT NULL REFERENCES teams(id),
	year       INTEGER NOT NULL,
	reached_at INTEGER NOT NULL,
	PRIMARY KEY (team_id, year)
);
CREATE TABLE quiz_results (
	id           INTEGER PRIMARY KEY,
	user_id      INTEGER NOT NULL REFERENCES users(id),
	quiz_id      TEXT    NOT NULL,
	score        INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
	correct      INTEGER NOT NULL,
	total        INTEGER NOT NULL,
	xp           INTEGER NOT NULL,
	completed_at INTEGER NOT NULL
);
CREATE INDEX quiz_results_by_user ON quiz_results(user_id, completed_at);
CREATE TABLE achievements (
	id          INTEGER PRIMARY KEY,
	user_id     INTEGER NOT NULL REFERENCES users(id),
	key         TEXT    NOT NULL,
	type        TEXT    NOT NULL,
	title       TEXT    NOT NULL,
	description TEXT    NOT NULL,
	icon        TEXT    NOT NULL,
	rarity      TEXT    NOT NULL,
	earned_at   INTEGER NOT NULL
);
CREATE INDEX achievements_by_user ON achievements(user_id, earned_at);
CREATE INDEX achievements_by_time ON achievements(earned_at);
CREATE TABLE roleplay_sessions (
	id          TEXT    PRIMARY KEY,
	user_id     INTEGER NOT NULL REFERENCES users(id),
	scenario_id TEXT    NOT NULL,
	done        INTEGER NOT NULL DEFAULT 0,
	created_at  INTEGER NOT NULL
);
CREATE TABLE roleplay_messages (
	id         INTEGER PRIMARY KEY,
	session_id TEXT    NOT NULL REFERENCES roleplay_sessions(id),
	speaker    TEXT    NOT NULL CHECK (speaker IN ('rep', 'buyer', 'coach')),
	text       TEXT    NOT NULL,
	score      INTEGER NOT NULL DEFAULT 0,
	feedback   TEXT    NOT NULL DEFAULT '',
	techniques TEXT    NOT NULL DEFAULT '[]',
	created_at INTEGER NOT NULL
);
CREATE INDEX roleplay_messages_by_session ON roleplay_messages(session_id, id);
CREATE TABLE field_messages (
	id          INTEGER PRIMARY KEY,
	user_id     INTEGER NOT NULL REFERENCES users(id),
	author      TEXT    NOT NULL CHECK (author IN ('user', 'susan')),
	text        TEXT    NOT NULL,
	suggestions TEXT    NOT NULL DEFAULT '[]',
	created_at  INTEGER NOT NULL
);
CREATE INDEX field_messages_by_user ON field_messages(user_id, id);
`,
	`
CREATE TABLE notifications (
	id         INTEGER PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES users(id),
	level      TEXT    NOT NULL CHECK (level IN ('info', 'success', 'warning')),
	title      TEXT    NOT NULL,
	message    TEXT    NOT NULL,
	link       TEXT    NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL,
	read_at    INTEGER
);
CREATE INDEX notifications_by_user ON notifications(user_id, id);
`,
}

// migrate applies the migrations the database has not seen yet, each in its own transaction.
func (s *Store) migrate(ctx context.Context) error {
	var version int
	if err := s.write.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&version); err != nil {
		return fmt.Errorf("store: read schema version: %w", err)
	}
	if version > len(migrations) {
		return fmt.Errorf("store: %s has schema version %d, newer than this server's %d", s.path, version, len(migrations))
	}
	for i := version; i < len(migrations); i++ {
		err := s.Write(ctx, func(tx *Tx) error {
			if _, err := tx.exec(migrations[i]); err != nil {
				return err
			}
			// PRAGMA takes no parameters; i is an int, so formatting it in is safe.
			_, err := tx.exec(fmt.Sprintf(`PRAGMA user_version = %d`, i+1))
			return err
		})
		if err != nil {
			return fmt.Errorf("store: migration %d: %w", i+1, err)
		}
	}
	return nil
}

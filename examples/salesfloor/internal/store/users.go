package store

import (
	"database/sql"
	"fmt"
	"time"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/rules"
)

// Role is what a user does on the floor.
type Role string

const (
	RoleRep     Role = "rep"     // sells; ranked on the leaderboard
	RoleManager Role = "manager" // sells and may record entries for others
	RoleAdmin   Role = "admin"   // manages goals, corrections and announcements; not ranked
	RoleDisplay Role = "display" // a TV display account; not ranked
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	switch r {
	case RoleRep, RoleManager, RoleAdmin, RoleDisplay:
		return true
	}
	return false
}

// Sells reports whether users of this role record sales and are ranked.
func (r Role) Sells() bool { return r == RoleRep || r == RoleManager }

// User is a person or display account. TeamID is 0 for users without a team.
type User struct {
	ID        int64
	Email     string
	Name      string
	Title     string
	Role      Role
	TeamID    int64
	TeamName  string
	TeamColor string
	XP        int
	Streak    rules.Streak
	CreatedAt time.Time
}

// NewUser is a user to create; PasswordHash is already hashed.
type NewUser struct {
	Email        string
	Name         string
	Title        string
	Role         Role
	TeamID       int64
	PasswordHash string
}

const userColumns = `u.id, u.email, u.name, u.title, u.role, COALESCE(u.team_id, 0), COALESCE(t.name, ''),
	COALESCE(t.color, ''), u.xp, u.streak_days, u.streak_longest, u.streak_last, u.created_at`

const userFrom = ` FROM users u LEFT JOIN teams t ON t.id = u.team_id `

func scanUser(row interface{ Scan(...any) error }, extra ...any) (User, error) {
	var u User
	var last string
	var created int64
	dest := append([]any{&u.ID, &u.Email, &u.Name, &u.Title, &u.Role, &u.TeamID, &u.TeamName, &u.TeamColor,
		&u.XP, &u.Streak.Days, &u.Streak.Longest, &last, &created}, extra...)
	if err := row.Scan(dest...); err != nil {
		return User{}, err
	}
	d, err := rules.ParseDate(last)
	if err != nil {
		return User{}, fmt.Errorf("user %d: streak date %q: %w", u.ID, last, err)
	}
	u.Streak.Last = d
	u.CreatedAt = fromMS(created)
	return u, nil
}

// InsertUser creates a user and returns its id.
func (t *Tx) InsertUser(u NewUser, now time.Time) (int64, error) {
	if !u.Role.Valid() {
		return 0, fmt.Errorf("store: invalid role %q", u.Role)
	}
	var team any
	if u.TeamID != 0 {
		team = u.TeamID
	}
	return t.insert(`INSERT INTO users (email, name, title, role, team_id, password_hash, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, u.Email, u.Name, u.Title, u.Role, team, u.PasswordHash, ms(now))
}

// User finds a user by id.
func (t *Tx) User(id int64) (User, error) {
	u, err := scanUser(t.queryRow(`SELECT `+userColumns+userFrom+`WHERE u.id = ?`, id))
	return u, notFound(err, fmt.Sprintf("user %d", id))
}

// UserByEmail finds a user by email, ignoring case, with the password hash.
func (t *Tx) UserByEmail(email string) (User, string, error) {
	var hash string
	u, err := scanUser(t.queryRow(`SELECT `+userColumns+`, u.password_hash`+userFrom+`WHERE u.email = ?`, email), &hash)
	return u, hash, notFound(err, "user "+email)
}

// Users lists every user, by name.
func (t *Tx) Users() ([]User, error) {
	rows, err := t.query(`SELECT ` + userColumns + userFrom + `ORDER BY u.name, u.id`)
	return collect(rows, err, func(r *sql.Rows) (User, error) { return scanUser(r) })
}

// TeamMembers lists a team's users, by name.
func (t *Tx) TeamMembers(teamID int64) ([]User, error) {
	rows, err := t.query(`SELECT `+userColumns+userFrom+`WHERE u.team_id = ? ORDER BY u.name, u.id`, teamID)
	return collect(rows, err, func(r *sql.Rows) (User, error) { return scanUser(r) })
}

// CountUsers is the number of users.
func (t *Tx) CountUsers() (int, error) {
	var n int
	err := t.queryRow(`SELECT COUNT(*) FROM users`).Scan(&n)
	return n, err
}

// AddXP adds amount (≥ 0) to a user's XP and returns the totals before and after.
func (t *Tx) AddXP(userID int64, amount int) (before, after int, err error) {
	if amount < 0 {
		return 0, 0, fmt.Errorf("store: negative XP %d", amount)
	}
	if err := t.queryRow(`SELECT xp FROM users WHERE id = ?`, userID).Scan(&before); err != nil {
		return 0, 0, notFound(err, fmt.Sprintf("user %d", userID))
	}
	after = before + amount
	_, err = t.exec(`UPDATE users SET xp = ? WHERE id = ?`, after, userID)
	return before, after, err
}

// SetStreak stores a user's daily streak.
func (t *Tx) SetStreak(userID int64, s rules.Streak) error {
	_, err := t.exec(`UPDATE users SET streak_days = ?, streak_longest = ?, streak_last = ? WHERE id = ?`,
		s.Days, s.Longest, s.Last.String(), userID)
	return err
}

package sioadmin

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"sync"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/rtgen/rtgen/runtime/socketio"
)

// login is the Session of an admin socket: the session id its password
// login created, "" when it came back with one.
type login struct{ newSession string }

// errInvalid is what the UI expects for wrong credentials: it reopens its
// login form with this message.
var errInvalid = socketio.NewError(socketio.CodeUnauthorized, "invalid credentials")

// authenticate accepts a known session id, or the username and password.
func (a *admin) authenticate(ctx context.Context, h *socketio.Handshake) (any, error) {
	var creds struct {
		Username  string `json:"username"`
		Password  string `json:"password"`
		SessionID string `json:"sessionId"`
	}
	if err := json.Unmarshal(h.Auth, &creds); err != nil {
		return nil, errInvalid
	}
	if creds.SessionID != "" && a.sessions.valid(creds.SessionID) {
		return login{}, nil
	}
	if creds.Password == "" {
		return nil, errInvalid
	}
	select {
	case a.checks <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	// The hash is checked whatever the username, so that timing tells
	// nothing about it.
	wrong := bcrypt.CompareHashAndPassword([]byte(a.opts.PasswordHash), []byte(creds.Password)) != nil
	<-a.checks
	if wrong || creds.Username != a.opts.Username {
		return nil, errInvalid
	}
	return login{newSession: a.sessions.add()}, nil
}

// sessionTTL is how long a login lets the UI reconnect without the
// password, as the Node package's RedisStore default.
const sessionTTL = 24 * time.Hour

// sessions are the ids of the logins of the last sessionTTL.
type sessions struct {
	mu      sync.Mutex
	expires map[string]time.Time
}

// add creates a session id, forgetting the expired ones.
func (ss *sessions) add() string {
	id := rand.Text()
	now := time.Now()
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if ss.expires == nil {
		ss.expires = make(map[string]time.Time)
	}
	for old, exp := range ss.expires {
		if now.After(exp) {
			delete(ss.expires, old)
		}
	}
	ss.expires[id] = now.Add(sessionTTL)
	return id
}

// valid reports whether id is a session that has not expired.
func (ss *sessions) valid(id string) bool {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	exp, ok := ss.expires[id]
	return ok && time.Now().Before(exp)
}

package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/store"
)

// CookieName is the session cookie.
const CookieName = "salesfloor_session"

// DefaultTTL is how long a session lasts when Manager.TTL is zero.
const DefaultTTL = 7 * 24 * time.Hour

var (
	// ErrInvalidCredentials reports an unknown email or a wrong password (deliberately not which).
	ErrInvalidCredentials = errors.New("invalid email or password")
	// ErrNoSession reports a request without a valid, unexpired session.
	ErrNoSession = errors.New("not logged in")
)

// Principal is the logged-in user a session stands for. Its fields are the claims a real-time
// connection carries: userId, userName, teamIds and roles.
type Principal struct {
	UserID    int64
	UserName  string
	Email     string
	Role      store.Role
	TeamIDs   []int64
	Roles     []string
	ExpiresAt time.Time
}

// Has reports whether the principal has a role.
func (p Principal) Has(r store.Role) bool { return p.Role == r }

// Manager creates, resolves and ends sessions.
type Manager struct {
	Store *store.Store
	// TTL is a session's lifetime; 0 → DefaultTTL.
	TTL time.Duration
	// SecureCookie marks the cookie Secure (HTTPS only); off for plain-HTTP local demos.
	SecureCookie bool
	// Now is the clock; nil → time.Now.
	Now func() time.Time
	// dummyHash is checked for unknown emails so they take as long as wrong passwords.
	dummyHash string
}

// NewManager returns a Manager for a store with default settings.
func NewManager(s *store.Store) (*Manager, error) {
	h, err := HashPassword("not a real password", 0)
	if err != nil {
		return nil, err
	}
	return &Manager{Store: s, dummyHash: h}, nil
}

func (m *Manager) now() time.Time {
	if m.Now != nil {
		return m.Now()
	}
	return time.Now()
}

func (m *Manager) ttl() time.Duration {
	if m.TTL > 0 {
		return m.TTL
	}
	return DefaultTTL
}

// Login checks an email and password and starts a session; it returns the principal and the token
// to put in the cookie.
func (m *Manager) Login(ctx context.Context, email, password string) (Principal, string, error) {
	var user store.User
	var hash string
	err := m.Store.Read(ctx, func(tx *store.Tx) (err error) {
		user, hash, err = tx.UserByEmail(strings.TrimSpace(email))
		return err
	})
	if errors.Is(err, store.ErrNotFound) {
		if m.dummyHash != "" {
			_, _ = CheckPassword(m.dummyHash, password)
		}
		return Principal{}, "", ErrInvalidCredentials
	}
	if err != nil {
		return Principal{}, "", err
	}
	ok, err := CheckPassword(hash, password)
	if err != nil {
		return Principal{}, "", fmt.Errorf("user %d: %w", user.ID, err)
	}
	if !ok {
		return Principal{}, "", ErrInvalidCredentials
	}
	token, tokenHash, err := newToken()
	if err != nil {
		return Principal{}, "", err
	}
	now := m.now()
	expires := now.Add(m.ttl())
	err = m.Store.Write(ctx, func(tx *store.Tx) error {
		// Expired sessions are swept here rather than by a background job: logins are rare.
		if _, err := tx.DeleteExpiredSessions(now); err != nil {
			return err
		}
		return tx.InsertSession(tokenHash, user.ID, now, expires)
	})
	if err != nil {
		return Principal{}, "", err
	}
	return principal(user, expires), token, nil
}

// Logout ends the session of a token; an unknown token is not an error.
func (m *Manager) Logout(ctx context.Context, token string) error {
	return m.Store.Write(ctx, func(tx *store.Tx) error { return tx.DeleteSession(hashToken(token)) })
}

// Resolve returns the principal of a session token, or ErrNoSession.
func (m *Manager) Resolve(ctx context.Context, token string) (Principal, error) {
	if token == "" {
		return Principal{}, ErrNoSession
	}
	var p Principal
	err := m.Store.Read(ctx, func(tx *store.Tx) error {
		s, err := tx.Session(hashToken(token), m.now())
		if err != nil {
			return err
		}
		u, err := tx.User(s.UserID)
		if err != nil {
			return err
		}
		p = principal(u, s.ExpiresAt)
		return nil
	})
	if errors.Is(err, store.ErrNotFound) {
		return Principal{}, ErrNoSession
	}
	return p, err
}

// FromRequest resolves the session named by a request's cookie. Only r.Header is read, so a
// real-time handshake can call it with &http.Request{Header: handshakeHeader}.
func (m *Manager) FromRequest(ctx context.Context, r *http.Request) (Principal, error) {
	c, err := r.Cookie(CookieName)
	if err != nil {
		return Principal{}, ErrNoSession
	}
	return m.Resolve(ctx, c.Value)
}

// SetCookie writes the session cookie for a token: HttpOnly, SameSite=Lax, for the whole site,
// lasting until expires. The lifetime is sent as Max-Age, relative, so a browser whose clock
// differs from the server's keeps the cookie exactly as long as the session lives.
func (m *Manager) SetCookie(w http.ResponseWriter, token string, expires time.Time) {
	http.SetCookie(w, &http.Cookie{
		Name: CookieName, Value: token, Path: "/", MaxAge: max(int(expires.Sub(m.now()).Seconds()), 1),
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: m.SecureCookie,
	})
}

// ClearCookie removes the session cookie.
func (m *Manager) ClearCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{
		Name: CookieName, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: m.SecureCookie,
	})
}

func principal(u store.User, expires time.Time) Principal {
	p := Principal{UserID: u.ID, UserName: u.Name, Email: u.Email, Role: u.Role, Roles: []string{string(u.Role)}, ExpiresAt: expires}
	if u.TeamID != 0 {
		p.TeamIDs = []int64{u.TeamID}
	}
	return p
}

// newToken makes a 256-bit random token and the hash stored for it.
func newToken() (token string, hash []byte, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", nil, err
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, hashToken(token), nil
}

// hashToken is what the store keeps: a leaked database does not yield usable tokens.
func hashToken(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

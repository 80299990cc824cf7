package auth

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/store"
)

func TestPasswordHash(t *testing.T) {
	h, err := HashPassword("s3cret!", 1000)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "pbkdf2-sha256$1000$") {
		t.Fatalf("hash format: %s", h)
	}
	if ok, err := CheckPassword(h, "s3cret!"); !ok || err != nil {
		t.Fatalf("right password: %v %v", ok, err)
	}
	if ok, _ := CheckPassword(h, "s3cret"); ok {
		t.Fatal("wrong password accepted")
	}
	h2, _ := HashPassword("s3cret!", 1000)
	if h == h2 {
		t.Fatal("same salt twice")
	}
	for _, bad := range []string{"", "md5$1$a$b", "pbkdf2-sha256$x$a$b", "pbkdf2-sha256$10$!!$b", "pbkdf2-sha256$10$YQ$"} {
		if _, err := CheckPassword(bad, "x"); !errors.Is(err, ErrMalformedHash) {
			t.Errorf("CheckPassword(%q) = %v", bad, err)
		}
	}
}

type fixture struct {
	m     *Manager
	now   time.Time
	user  int64
	store *store.Store
}

func setup(t *testing.T) *fixture {
	t.Helper()
	s, err := store.Open(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	f := &fixture{store: s, now: time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)}
	hash, _ := HashPassword("pw", 1000)
	err = s.Write(context.Background(), func(tx *store.Tx) error {
		team, err := tx.InsertTeam("West", "#f00", 0)
		if err != nil {
			return err
		}
		f.user, err = tx.InsertUser(store.NewUser{Email: "maya@example.test", Name: "Maya Chen", Role: store.RoleRep, TeamID: team, PasswordHash: hash}, f.now)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	f.m, err = NewManager(s)
	if err != nil {
		t.Fatal(err)
	}
	f.m.Now = func() time.Time { return f.now }
	f.m.TTL = time.Hour
	return f
}

func TestLoginResolveLogout(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	p, token, err := f.m.Login(ctx, " Maya@Example.test ", "pw")
	if err != nil {
		t.Fatal(err)
	}
	if p.UserID != f.user || p.UserName != "Maya Chen" || len(p.TeamIDs) != 1 || p.Roles[0] != "rep" || !p.ExpiresAt.Equal(f.now.Add(time.Hour)) {
		t.Fatalf("principal %+v", p)
	}
	got, err := f.m.Resolve(ctx, token)
	if err != nil || got.UserID != f.user {
		t.Fatalf("resolve: %+v %v", got, err)
	}

	req := httptest.NewRequest("GET", "/", nil)
	req.AddCookie(&http.Cookie{Name: CookieName, Value: token})
	// Only the header matters, as for a real-time handshake.
	if got, err := f.m.FromRequest(ctx, &http.Request{Header: req.Header}); err != nil || got.UserID != f.user {
		t.Fatalf("from request: %+v %v", got, err)
	}

	f.now = f.now.Add(time.Hour)
	if _, err := f.m.Resolve(ctx, token); !errors.Is(err, ErrNoSession) {
		t.Fatalf("expired: %v", err)
	}
	f.now = f.now.Add(-time.Minute)
	if err := f.m.Logout(ctx, token); err != nil {
		t.Fatal(err)
	}
	if _, err := f.m.Resolve(ctx, token); !errors.Is(err, ErrNoSession) {
		t.Fatalf("after logout: %v", err)
	}
}

func TestLoginFailures(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	for _, c := range [][2]string{{"maya@example.test", "nope"}, {"nobody@example.test", "pw"}, {"", ""}} {
		if _, _, err := f.m.Login(ctx, c[0], c[1]); !errors.Is(err, ErrInvalidCredentials) {
			t.Errorf("Login(%q, %q) = %v", c[0], c[1], err)
		}
	}
	for _, token := range []string{"", "garbage"} {
		if _, err := f.m.Resolve(ctx, token); !errors.Is(err, ErrNoSession) {
			t.Errorf("Resolve(%q) = %v", token, err)
		}
	}
	if _, err := f.m.FromRequest(ctx, httptest.NewRequest("GET", "/", nil)); !errors.Is(err, ErrNoSession) {
		t.Errorf("no cookie: %v", err)
	}
}

func TestCookies(t *testing.T) {
	f := setup(t)
	rec := httptest.NewRecorder()
	f.m.SetCookie(rec, "tok", f.now.Add(time.Hour))
	c := rec.Result().Cookies()[0]
	if c.Name != CookieName || c.Value != "tok" || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" || c.Secure || c.MaxAge != 3600 {
		t.Fatalf("cookie %+v", c)
	}
	rec = httptest.NewRecorder()
	f.m.ClearCookie(rec)
	if c := rec.Result().Cookies()[0]; c.MaxAge >= 0 || c.Value != "" {
		t.Fatalf("cleared cookie %+v", c)
	}
}

// Package api is the sales floor's HTTP JSON API under /api/. Requests with a body must send
// Content-Type: application/json (which, with the SameSite=Lax session cookie, keeps other sites
// from posting on a user's behalf). Errors are JSON: {"error": {"code", "message", "field"?}}.
package api

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/auth"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/demo"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/floor"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/store"
)

// Server serves the API. Floor and Auth are required.
type Server struct {
	Floor *floor.Service
	Auth  *auth.Manager
	// DemoLogins are offered by GET /api/demo-logins with DemoPassword; nil hides the endpoint.
	DemoLogins   []demo.Login
	DemoPassword string
	// SignedOut, when set, is told the token of every session that logs out, so that sockets
	// opened with it can be closed at once.
	SignedOut func(ctx context.Context, token string) int
	// Logger: nil → slog.Default().
	Logger *slog.Logger
}

// Handler returns the API's routes, all under /api/.
func (s *Server) Handler() http.Handler {
	if s.Logger == nil {
		s.Logger = slog.Default()
	}
	mux := http.NewServeMux()
	anyone := func(pattern string, h http.HandlerFunc) { mux.Handle(pattern, h) }
	member := func(pattern string, h userHandler, roles ...store.Role) { mux.Handle(pattern, s.authed(h, roles...)) }
	people := []store.Role{store.RoleRep, store.RoleManager, store.RoleAdmin}
	leads := []store.Role{store.RoleManager, store.RoleAdmin}

	anyone("GET /api/health", s.health)
	anyone("GET /api/demo-logins", s.demoLogins)
	anyone("POST /api/login", s.login)
	anyone("POST /api/logout", s.logout)

	member("GET /api/me", s.me)
	member("GET /api/leaderboard", s.leaderboard)
	member("GET /api/sales", s.recentSales)
	member("POST /api/sales", s.recordSale, people...)
	member("DELETE /api/sales/{id}", s.voidSale, store.RoleAdmin)
	member("GET /api/teams", s.teams)
	member("PUT /api/teams/{id}/goal", s.setTeamGoal, store.RoleAdmin)
	member("GET /api/contests", s.contests)
	member("GET /api/contests/{id}", s.contest)
	member("POST /api/contests/{id}/entries", s.addContestEntry, leads...)
	member("GET /api/achievements", s.achievements)
	member("GET /api/presence", s.presence)
	member("POST /api/notices", s.announce, store.RoleAdmin)
	member("GET /api/notifications", s.notifications)
	member("POST /api/notifications/read", s.markNotificationsRead)

	member("POST /api/streak/check-in", s.checkIn, people...)
	member("GET /api/training", s.training, people...)
	member("GET /api/training/quizzes/{id}", s.quiz, people...)
	member("POST /api/training/complete-quiz", s.completeQuiz, people...)
	member("POST /api/training/roleplay", s.startRoleplay, people...)
	member("GET /api/training/roleplay/{id}", s.roleplay, people...)
	member("POST /api/training/roleplay-message", s.roleplayMessage, people...)
	member("GET /api/field/messages", s.fieldHistory, people...)
	member("POST /api/field/messages", s.askField, people...)

	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "not_found", "no such endpoint: "+r.Method+" "+r.URL.Path, "")
	})
	return s.recoverer(headers(mux))
}

func (s *Server) health(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]bool{"ok": true})
}

func (s *Server) demoLogins(w http.ResponseWriter, _ *http.Request) {
	if s.DemoLogins == nil {
		writeError(w, http.StatusNotFound, "not_found", "demo logins are disabled", "")
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"password": s.DemoPassword, "logins": s.DemoLogins})
}

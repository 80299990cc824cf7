package api

import (
	"net/http"
	"slices"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/auth"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/store"
)

// userHandler is a handler for a logged-in user.
type userHandler func(w http.ResponseWriter, r *http.Request, p auth.Principal)

// authed resolves the session cookie and, when roles are given, requires one of them.
func (s *Server) authed(h userHandler, roles ...store.Role) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, err := s.Auth.FromRequest(r.Context(), r)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if len(roles) > 0 && !slices.Contains(roles, p.Role) {
			writeError(w, http.StatusForbidden, "forbidden", "your role ("+string(p.Role)+") cannot do this", "")
			return
		}
		h(w, r, p)
	})
}

// headers sets the headers every API answer carries.
func headers(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Cache-Control", "no-store")
		h.Set("X-Content-Type-Options", "nosniff")
		next.ServeHTTP(w, r)
	})
}

// recoverer turns a handler panic into a 500 instead of a dropped connection.
func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.logPanic(r, v)
				writeError(w, http.StatusInternalServerError, "internal", "something went wrong; try again", "")
			}
		}()
		next.ServeHTTP(w, r)
	})
}

package api

import (
	"net/http"
	"slices"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/auth"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/floor"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/store"
)

// checksIn lists the roles whose login counts towards a daily training streak.
var checksIn = []store.Role{store.RoleRep, store.RoleManager, store.RoleAdmin}

type loginRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

type loginResponse struct {
	User    floor.Profile         `json:"user"`
	CheckIn *floor.CheckInOutcome `json:"checkIn,omitempty"`
}

// login checks the credentials, sets the session cookie and counts the day towards the user's
// streak.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	var req loginRequest
	if err := decode(r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	if req.Email == "" {
		s.fail(w, r, invalidField("email", "email is required"))
		return
	}
	if req.Password == "" {
		s.fail(w, r, invalidField("password", "password is required"))
		return
	}
	p, token, err := s.Auth.Login(r.Context(), req.Email, req.Password)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.Auth.SetCookie(w, token, p.ExpiresAt)
	var resp loginResponse
	if slices.Contains(checksIn, p.Role) {
		c, err := s.Floor.CheckIn(r.Context(), p.UserID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		resp.CheckIn = &c
	}
	if resp.User, err = s.Floor.Profile(r.Context(), p.UserID); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, resp)
}

// logout ends the session, if any, closes the sockets opened with it, and clears the cookie.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(auth.CookieName); err == nil {
		if err := s.Auth.Logout(r.Context(), c.Value); err != nil {
			s.fail(w, r, err)
			return
		}
		if s.SignedOut != nil {
			s.SignedOut(r.Context(), c.Value)
		}
	}
	s.Auth.ClearCookie(w)
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) me(w http.ResponseWriter, r *http.Request, p auth.Principal) {
	profile, err := s.Floor.Profile(r.Context(), p.UserID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, profile)
}

func (s *Server) checkIn(w http.ResponseWriter, r *http.Request, p auth.Principal) {
	out, err := s.Floor.CheckIn(r.Context(), p.UserID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

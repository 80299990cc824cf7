package api

import (
	"net/http"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/auth"
)

// notifications is the user's inbox: the latest notifications and the unread count.
func (s *Server) notifications(w http.ResponseWriter, r *http.Request, p auth.Principal) {
	in, err := s.Floor.Notifications(r.Context(), p.UserID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, in)
}

type markReadRequest struct {
	IDs []int64 `json:"ids"`
}

type unreadResponse struct {
	Unread int `json:"unread"`
}

// markNotificationsRead marks the user's notifications read; live pages do the same with the
// notification:read event.
func (s *Server) markNotificationsRead(w http.ResponseWriter, r *http.Request, p auth.Principal) {
	var req markReadRequest
	if err := decode(r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	n, err := s.Floor.MarkNotificationsRead(r.Context(), p.UserID, req.IDs)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, unreadResponse{Unread: n})
}

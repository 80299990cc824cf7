package api

import (
	"net/http"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/auth"
)

func (s *Server) training(w http.ResponseWriter, r *http.Request, p auth.Principal) {
	v, err := s.Floor.Training(r.Context(), p.UserID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

func (s *Server) quiz(w http.ResponseWriter, r *http.Request, _ auth.Principal) {
	q, err := s.Floor.Quiz(r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, q)
}

type quizRequest struct {
	QuizID  string `json:"quizId"`
	Answers []int  `json:"answers"`
}

// completeQuiz grades the answers on the server; a client never reports its own score.
func (s *Server) completeQuiz(w http.ResponseWriter, r *http.Request, p auth.Principal) {
	var req quizRequest
	if err := decode(r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	if req.QuizID == "" {
		s.fail(w, r, invalidField("quizId", "quizId is required"))
		return
	}
	out, err := s.Floor.CompleteQuiz(r.Context(), p.UserID, req.QuizID, req.Answers)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

type startRoleplayRequest struct {
	ScenarioID string `json:"scenarioId"`
}

func (s *Server) startRoleplay(w http.ResponseWriter, r *http.Request, p auth.Principal) {
	var req startRoleplayRequest
	if err := decode(r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	if req.ScenarioID == "" {
		s.fail(w, r, invalidField("scenarioId", "scenarioId is required"))
		return
	}
	v, err := s.Floor.StartRoleplay(r.Context(), p.UserID, req.ScenarioID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, v)
}

func (s *Server) roleplay(w http.ResponseWriter, r *http.Request, p auth.Principal) {
	v, err := s.Floor.Roleplay(r.Context(), p.UserID, r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

type roleplayMessageRequest struct {
	SessionID string `json:"sessionId"`
	Message   string `json:"message"`
}

// roleplayMessage answers when the coach has replied; the reply also goes out live to the session,
// where the typing indicator showed meanwhile.
func (s *Server) roleplayMessage(w http.ResponseWriter, r *http.Request, p auth.Principal) {
	var req roleplayMessageRequest
	if err := decode(r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	if req.SessionID == "" {
		s.fail(w, r, invalidField("sessionId", "sessionId is required"))
		return
	}
	out, err := s.Floor.SendRoleplayMessage(r.Context(), p.UserID, req.SessionID, req.Message)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) fieldHistory(w http.ResponseWriter, r *http.Request, p auth.Principal) {
	msgs, err := s.Floor.FieldHistory(r.Context(), p.UserID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, msgs)
}

type fieldRequest struct {
	Message string `json:"message"`
}

func (s *Server) askField(w http.ResponseWriter, r *http.Request, p auth.Principal) {
	var req fieldRequest
	if err := decode(r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	out, err := s.Floor.AskField(r.Context(), p.UserID, req.Message)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

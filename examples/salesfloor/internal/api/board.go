package api

import (
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/auth"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/floor"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/live"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/store"
)

type boardRow struct {
	live.LeaderboardRow
	Online bool `json:"online"`
}

type boardResponse struct {
	Metric    string     `json:"metric"`
	Period    string     `json:"period"`
	UpdatedAt time.Time  `json:"updatedAt"`
	Rows      []boardRow `json:"rows"`
}

// leaderboard is this year's ranking with who is online.
func (s *Server) leaderboard(w http.ResponseWriter, r *http.Request, _ auth.Principal) {
	b, err := s.Floor.Leaderboard(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ids := make([]int64, len(b.Rows))
	for i, row := range b.Rows {
		ids[i] = row.UserID
	}
	online := s.Floor.Online(r.Context(), ids)
	resp := boardResponse{Metric: b.Metric, Period: b.Period, UpdatedAt: b.UpdatedAt, Rows: make([]boardRow, len(b.Rows))}
	for i, row := range b.Rows {
		resp.Rows[i] = boardRow{LeaderboardRow: row, Online: online[row.UserID]}
	}
	writeJSON(w, http.StatusOK, resp)
}

// limit reads ?limit=, defaulting to def.
func limit(r *http.Request, def int) (int, error) {
	v := r.URL.Query().Get("limit")
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 100 {
		return 0, invalidField("limit", "limit must be an integer from 1 to 100")
	}
	return n, nil
}

func (s *Server) recentSales(w http.ResponseWriter, r *http.Request, _ auth.Principal) {
	n, err := limit(r, 20)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sales, err := s.Floor.RecentSales(r.Context(), n)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if sales == nil {
		sales = []live.Sale{}
	}
	writeJSON(w, http.StatusOK, sales)
}

type saleRequest struct {
	// UserID records the sale for someone else (managers and admins only); 0 means yourself.
	UserID   int64   `json:"userId"`
	Amount   float64 `json:"amount"`
	Customer string  `json:"customer"`
	Product  string  `json:"product"`
}

// recordSale records a sale: a rep's own, or anyone's when a manager or admin records it.
func (s *Server) recordSale(w http.ResponseWriter, r *http.Request, p auth.Principal) {
	var req saleRequest
	if err := decode(r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	user := p.UserID
	if req.UserID != 0 && req.UserID != p.UserID {
		if p.Role == store.RoleRep {
			writeError(w, http.StatusForbidden, "forbidden", "reps record their own sales only", "userId")
			return
		}
		user = req.UserID
	}
	cents, err := toCents("amount", req.Amount)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out, err := s.Floor.RecordSale(r.Context(), floor.NewSale{UserID: user, AmountCents: cents, Customer: req.Customer, Product: req.Product, RecordedBy: p.UserID})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, out)
}

// toCents converts dollars to whole cents; amounts must be positive with at most two decimals'
// worth of precision (more is rounded).
func toCents(field string, dollars float64) (int64, error) {
	if math.IsNaN(dollars) || math.IsInf(dollars, 0) || dollars <= 0 {
		return 0, invalidField(field, "%s must be a positive number of dollars", field)
	}
	if dollars > floor.MaxSaleCents/100 {
		return 0, invalidField(field, "%s must be at most %d dollars", field, floor.MaxSaleCents/100)
	}
	return int64(math.Round(dollars * 100)), nil
}

func (s *Server) voidSale(w http.ResponseWriter, r *http.Request, _ auth.Principal) {
	id, err := pathID(r, "id")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	board, err := s.Floor.VoidSale(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, board)
}

func (s *Server) teams(w http.ResponseWriter, r *http.Request, _ auth.Principal) {
	teams, err := s.Floor.Teams(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, teams)
}

type goalRequest struct {
	Goal float64 `json:"goal"`
}

func (s *Server) setTeamGoal(w http.ResponseWriter, r *http.Request, _ auth.Principal) {
	id, err := pathID(r, "id")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var req goalRequest
	if err := decode(r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	if math.IsNaN(req.Goal) || req.Goal < 0 || req.Goal > floor.MaxGoalCents/100 {
		s.fail(w, r, invalidField("goal", "goal must be between 0 and %d dollars", floor.MaxGoalCents/100))
		return
	}
	team, err := s.Floor.SetTeamGoal(r.Context(), id, int64(math.Round(req.Goal*100)))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, team)
}

func (s *Server) contests(w http.ResponseWriter, r *http.Request, _ auth.Principal) {
	list, err := s.Floor.Contests(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if list == nil {
		list = []floor.ContestView{}
	}
	writeJSON(w, http.StatusOK, list)
}

func (s *Server) contest(w http.ResponseWriter, r *http.Request, _ auth.Principal) {
	id, err := pathID(r, "id")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	c, err := s.Floor.Contest(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, c)
}

type entryRequest struct {
	UserID int64  `json:"userId"`
	Points int    `json:"points"`
	Note   string `json:"note"`
}

func (s *Server) addContestEntry(w http.ResponseWriter, r *http.Request, p auth.Principal) {
	id, err := pathID(r, "id")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var req entryRequest
	if err := decode(r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	if req.UserID <= 0 {
		s.fail(w, r, invalidField("userId", "userId is required"))
		return
	}
	out, err := s.Floor.AddContestEntry(r.Context(), floor.NewEntry{ContestID: id, UserID: req.UserID, Points: req.Points, Note: req.Note, AddedBy: p.UserID})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, out)
}

func (s *Server) achievements(w http.ResponseWriter, r *http.Request, _ auth.Principal) {
	n, err := limit(r, 12)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	list, err := s.Floor.RecentAchievements(r.Context(), n)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list)
}

func (s *Server) presence(w http.ResponseWriter, r *http.Request, _ auth.Principal) {
	writeJSON(w, http.StatusOK, map[string]int{"connectedClients": s.Floor.ConnectedClients(r.Context())})
}

type noticeRequest struct {
	Title   string `json:"title"`
	Message string `json:"message"`
	Level   string `json:"level"`
}

func (s *Server) announce(w http.ResponseWriter, r *http.Request, _ auth.Principal) {
	var req noticeRequest
	if err := decode(r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	n, err := s.Floor.Announce(r.Context(), req.Title, req.Message, req.Level)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, n)
}

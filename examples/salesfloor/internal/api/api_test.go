package api

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/auth"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/demo"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/floor"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/live"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/quiz"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/store"
)

type env struct {
	srv *httptest.Server
	rec *live.Recorder
	now time.Time
}

// newEnv serves the API over a freshly seeded demo floor.
func newEnv(t *testing.T) *env {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e := &env{rec: &live.Recorder{}, now: time.Date(2026, 6, 15, 10, 30, 0, 0, time.UTC)}
	if _, err := demo.Seed(ctx, st, e.now, 1000); err != nil {
		t.Fatal(err)
	}
	clock := func() time.Time { return e.now }
	am, err := auth.NewManager(st)
	if err != nil {
		t.Fatal(err)
	}
	am.Now = clock
	s := &Server{
		Floor:        floor.New(floor.Config{Store: st, Notifier: e.rec, Presence: e.rec, Now: clock, Location: time.UTC}),
		Auth:         am,
		DemoLogins:   demo.Logins(),
		DemoPassword: demo.Password,
	}
	e.srv = httptest.NewServer(s.Handler())
	t.Cleanup(e.srv.Close)
	return e
}

// client is a browser-like client with a cookie jar.
func (e *env) client(t *testing.T) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar}
}

// call sends a request (JSON body when body != nil) and decodes a JSON answer into out.
func (e *env) call(t *testing.T, c *http.Client, method, path string, body, out any) int {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, e.srv.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if out != nil && len(raw) > 0 {
		if err := json.Unmarshal(raw, out); err != nil {
			t.Fatalf("%s %s: decode %q: %v", method, path, raw, err)
		}
	}
	return resp.StatusCode
}

func (e *env) login(t *testing.T, email string) (*http.Client, loginResult) {
	t.Helper()
	c := e.client(t)
	var res loginResult
	if code := e.call(t, c, "POST", "/api/login", map[string]string{"email": email, "password": demo.Password}, &res); code != 200 {
		t.Fatalf("login %s: %d", email, code)
	}
	return c, res
}

type loginResult struct {
	User struct {
		ID   int64  `json:"id"`
		Name string `json:"name"`
		Rank int    `json:"rank"`
		Role string `json:"role"`
	} `json:"user"`
	CheckIn *struct {
		Counted bool `json:"counted"`
		Streak  struct {
			Days int `json:"days"`
		} `json:"streak"`
	} `json:"checkIn"`
}

type apiErr struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
		Field   string `json:"field"`
	} `json:"error"`
}

type board struct {
	Rows []struct {
		Rank     int     `json:"rank"`
		UserID   int64   `json:"userId"`
		UserName string  `json:"userName"`
		Value    float64 `json:"value"`
		Online   bool    `json:"online"`
	} `json:"rows"`
}

func TestLoginRecordSaleLeaderboard(t *testing.T) {
	e := newEnv(t)
	c, me := e.login(t, "maya@salesfloor.test")
	if me.User.Name != "Maya Chen" || me.CheckIn == nil || !me.CheckIn.Counted || me.CheckIn.Streak.Days != 3 {
		t.Fatalf("login %+v", me)
	}
	var before board
	if code := e.call(t, c, "GET", "/api/leaderboard", nil, &before); code != 200 {
		t.Fatalf("leaderboard %d", code)
	}
	prevRank := 0
	ranks := map[int64]int{}
	for _, r := range before.Rows {
		ranks[r.UserID] = r.Rank
		if r.UserID == me.User.ID {
			prevRank = r.Rank
		}
	}
	if prevRank < 2 {
		t.Fatalf("seeded rank %d; the test needs room to climb", prevRank)
	}
	leaderValue := before.Rows[0].Value

	e.rec.Reset()
	e.rec.SetConnected(me.User.ID, true)
	var sale struct {
		Sale struct {
			ID     int64   `json:"id"`
			Amount float64 `json:"amount"`
		} `json:"sale"`
		PreviousRank int `json:"previousRank"`
		NewRank      int `json:"newRank"`
	}
	amount := leaderValue - before.Rows[prevRank-1].Value + 1000 // enough to take #1
	code := e.call(t, c, "POST", "/api/sales", map[string]any{"amount": amount, "customer": "Globex", "product": "Enterprise Suite"}, &sale)
	if code != http.StatusCreated || sale.PreviousRank != prevRank || sale.NewRank != 1 || sale.Sale.Amount != amount {
		t.Fatalf("record sale: %d %+v", code, sale)
	}

	var after board
	e.call(t, c, "GET", "/api/leaderboard", nil, &after)
	if after.Rows[0].UserID != me.User.ID || !after.Rows[0].Online || after.Rows[1].Online {
		t.Fatalf("leaderboard after sale: %+v", after.Rows[:2])
	}

	// The live layer got exactly the moves: Maya prevRank → 1, everyone above her down one.
	changes := live.Recorded[live.RankingsChange](e.rec)
	if len(changes) != 1 {
		t.Fatalf("RankingsChanged %d times", len(changes))
	}
	got := map[int64][2]int{}
	for _, u := range changes[0].Updates {
		got[u.UserID] = [2]int{u.PreviousRank, u.NewRank}
		if u.Metric != "yearlyRevenue" || u.UserName == "" {
			t.Errorf("update %+v", u)
		}
	}
	if len(got) != prevRank {
		t.Fatalf("%d updates, want %d: %v", len(got), prevRank, got)
	}
	if got[me.User.ID] != [2]int{prevRank, 1} {
		t.Fatalf("Maya %v, want [%d 1]", got[me.User.ID], prevRank)
	}
	for _, r := range before.Rows[:prevRank-1] {
		if got[r.UserID] != [2]int{r.Rank, r.Rank + 1} {
			t.Errorf("%s: %v, want [%d %d]", r.UserName, got[r.UserID], r.Rank, r.Rank+1)
		}
	}
	for _, r := range after.Rows {
		if want, ok := got[r.UserID]; ok && want[1] != r.Rank {
			t.Errorf("update for %s says #%d, board says #%d", r.UserName, want[1], r.Rank)
		}
	}
	var titles []string
	for _, a := range live.Recorded[live.Achievement](e.rec) {
		titles = append(titles, a.Event.Title)
	}
	if len(titles) == 0 || titles[0] != "Top Performer!" {
		t.Fatalf("achievements %v", titles)
	}
	if len(changes[0].Top) != floor.TopRows || changes[0].Top[0].UserID != me.User.ID {
		t.Fatalf("top rows %+v", changes[0].Top)
	}
	var recent []struct {
		ID int64 `json:"id"`
	}
	e.call(t, c, "GET", "/api/sales?limit=1", nil, &recent)
	if len(recent) != 1 || recent[0].ID != sale.Sale.ID {
		t.Fatalf("recent sales %+v", recent)
	}
}

func TestAuthRequired(t *testing.T) {
	e := newEnv(t)
	anon := e.client(t)
	for _, path := range []string{"/api/me", "/api/leaderboard", "/api/training"} {
		var er apiErr
		if code := e.call(t, anon, "GET", path, nil, &er); code != 401 || er.Error.Code != "unauthorized" {
			t.Errorf("%s: %d %+v", path, code, er)
		}
	}
	var er apiErr
	if code := e.call(t, anon, "POST", "/api/login", map[string]string{"email": "maya@salesfloor.test", "password": "wrong"}, &er); code != 401 || er.Error.Code != "invalid_credentials" {
		t.Fatalf("wrong password: %d %+v", code, er)
	}
	c, _ := e.login(t, "maya@salesfloor.test")
	if code := e.call(t, c, "GET", "/api/me", nil, nil); code != 200 {
		t.Fatalf("me: %d", code)
	}
	if code := e.call(t, c, "POST", "/api/logout", nil, nil); code != 204 {
		t.Fatalf("logout: %d", code)
	}
	if code := e.call(t, c, "GET", "/api/me", nil, nil); code != 401 {
		t.Fatalf("me after logout: %d", code)
	}
}

func TestSessionCookieAttributes(t *testing.T) {
	e := newEnv(t)
	resp, err := http.Post(e.srv.URL+"/api/login", "application/json", strings.NewReader(`{"email":"tv@salesfloor.test","password":"salesfloor"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cookies := resp.Cookies()
	if len(cookies) != 1 || cookies[0].Name != auth.CookieName || !cookies[0].HttpOnly || cookies[0].SameSite != http.SameSiteLaxMode {
		t.Fatalf("cookies %+v", cookies)
	}
}

func TestValidationErrors(t *testing.T) {
	e := newEnv(t)
	c, _ := e.login(t, "maya@salesfloor.test")
	cases := []struct {
		body  any
		field string
	}{
		{map[string]any{"amount": -5, "customer": "A", "product": "B"}, "amount"},
		{map[string]any{"amount": 5, "customer": "", "product": "B"}, "customer"},
		{map[string]any{"amount": "lots", "customer": "A", "product": "B"}, "amount"},
		{map[string]any{"amount": 5, "customer": "A", "product": "B", "extra": 1}, ""},
	}
	for _, tc := range cases {
		var er apiErr
		if code := e.call(t, c, "POST", "/api/sales", tc.body, &er); code != 400 || er.Error.Code != "invalid" || er.Error.Field != tc.field || er.Error.Message == "" {
			t.Errorf("%v: %d %+v", tc.body, code, er)
		}
	}
	// A body that is not declared JSON is refused.
	req, _ := http.NewRequest("POST", e.srv.URL+"/api/sales", strings.NewReader(`{"amount":5,"customer":"A","product":"B"}`))
	req.Header.Set("Content-Type", "text/plain")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnsupportedMediaType {
		t.Fatalf("text/plain body: %d", resp.StatusCode)
	}
	// Malformed JSON.
	req, _ = http.NewRequest("POST", e.srv.URL+"/api/sales", strings.NewReader(`{"amount":`))
	req.Header.Set("Content-Type", "application/json")
	resp, _ = c.Do(req)
	resp.Body.Close()
	if resp.StatusCode != 400 {
		t.Fatalf("malformed JSON: %d", resp.StatusCode)
	}
	var er apiErr
	if code := e.call(t, c, "GET", "/api/nope", nil, &er); code != 404 || er.Error.Code != "not_found" {
		t.Fatalf("unknown endpoint: %d %+v", code, er)
	}
	if code := e.call(t, c, "GET", "/api/contests/abc", nil, &er); code != 400 || er.Error.Field != "id" {
		t.Fatalf("bad id: %d %+v", code, er)
	}
	if code := e.call(t, c, "GET", "/api/contests/999", nil, &er); code != 404 {
		t.Fatalf("missing contest: %d", code)
	}
	if code := e.call(t, c, "GET", "/api/sales?limit=1000", nil, &er); code != 400 || er.Error.Field != "limit" {
		t.Fatalf("bad limit: %d %+v", code, er)
	}
}

func TestRoles(t *testing.T) {
	e := newEnv(t)
	rep, _ := e.login(t, "maya@salesfloor.test")
	tv, _ := e.login(t, "tv@salesfloor.test")
	admin, _ := e.login(t, "admin@salesfloor.test")
	manager, _ := e.login(t, "grace@salesfloor.test")
	_, jordan := e.login(t, "jordan@salesfloor.test")

	sale := map[string]any{"amount": 1200, "customer": "A", "product": "B", "userId": jordan.User.ID}
	var er apiErr
	if code := e.call(t, rep, "POST", "/api/sales", sale, &er); code != 403 || er.Error.Field != "userId" {
		t.Fatalf("rep recording for someone else: %d %+v", code, er)
	}
	if code := e.call(t, manager, "POST", "/api/sales", sale, nil); code != 201 {
		t.Fatalf("manager recording for a rep: %d", code)
	}
	if code := e.call(t, tv, "POST", "/api/sales", map[string]any{"amount": 1, "customer": "A", "product": "B"}, &er); code != 403 {
		t.Fatalf("TV recording a sale: %d", code)
	}
	if code := e.call(t, admin, "POST", "/api/sales", map[string]any{"amount": 1, "customer": "A", "product": "B"}, &er); code != 422 || er.Error.Code != "not_seller" {
		t.Fatalf("admin's own sale: %d %+v", code, er)
	}
	if code := e.call(t, tv, "GET", "/api/leaderboard", nil, nil); code != 200 {
		t.Fatalf("TV reading the board: %d", code)
	}
	if code := e.call(t, tv, "GET", "/api/training", nil, nil); code != 403 {
		t.Fatalf("TV training: %d", code)
	}
	notice := map[string]string{"title": "Lunch", "message": "Pizza!", "level": "success"}
	if code := e.call(t, rep, "POST", "/api/notices", notice, nil); code != 403 {
		t.Fatalf("rep announcing: %d", code)
	}
	if code := e.call(t, admin, "POST", "/api/notices", notice, nil); code != 201 || len(live.Recorded[live.Notice](e.rec)) != 1 {
		t.Fatalf("admin announcing: %d", code)
	}
	var teams []struct {
		ID int64 `json:"id"`
	}
	e.call(t, rep, "GET", "/api/teams", nil, &teams)
	if code := e.call(t, admin, "PUT", "/api/teams/"+itoa(teams[0].ID)+"/goal", map[string]any{"goal": 2_000_000}, nil); code != 200 {
		t.Fatalf("admin setting a goal: %d", code)
	}
	var contests []struct {
		ID int64 `json:"id"`
	}
	e.call(t, rep, "GET", "/api/contests", nil, &contests)
	entry := map[string]any{"userId": jordan.User.ID, "points": 5, "note": "Referral from a customer"}
	if code := e.call(t, rep, "POST", "/api/contests/"+itoa(contests[0].ID)+"/entries", entry, nil); code != 403 {
		t.Fatalf("rep adding an entry: %d", code)
	}
	if code := e.call(t, manager, "POST", "/api/contests/"+itoa(contests[0].ID)+"/entries", entry, nil); code != 201 {
		t.Fatalf("manager adding an entry: %d", code)
	}
	var recent []struct {
		ID int64 `json:"id"`
	}
	e.call(t, rep, "GET", "/api/sales?limit=1", nil, &recent)
	if code := e.call(t, rep, "DELETE", "/api/sales/"+itoa(recent[0].ID), nil, nil); code != 403 {
		t.Fatalf("rep voiding: %d", code)
	}
	e.rec.Reset()
	if code := e.call(t, admin, "DELETE", "/api/sales/"+itoa(recent[0].ID), nil, nil); code != 200 || len(live.Recorded[live.Leaderboard](e.rec)) != 1 {
		t.Fatalf("admin voiding: %d", code)
	}
}

func TestTrainingFlow(t *testing.T) {
	e := newEnv(t)
	c, _ := e.login(t, "maya@salesfloor.test")
	var q struct {
		Questions []struct {
			Options []string `json:"options"`
		} `json:"questions"`
	}
	if code := e.call(t, c, "GET", "/api/training/quizzes/closing-basics", nil, &q); code != 200 || len(q.Questions) != 4 {
		t.Fatalf("quiz: %d %+v", code, q)
	}
	raw, _ := json.Marshal(q)
	if strings.Contains(string(raw), "answer") {
		t.Fatal("the quiz leaks its answers")
	}
	cat := quiz.Default()
	qz, _ := cat.Quiz("closing-basics")
	answers := make([]int, len(qz.Questions))
	for i, question := range qz.Questions {
		answers[i] = question.Answer
	}
	var out struct {
		Result struct {
			Score int `json:"score"`
		} `json:"result"`
		XP struct {
			Amount int `json:"amount"`
		} `json:"xp"`
	}
	if code := e.call(t, c, "POST", "/api/training/complete-quiz", map[string]any{"quizId": "closing-basics", "answers": answers}, &out); code != 200 || out.Result.Score != 100 || out.XP.Amount != 75 {
		t.Fatalf("complete quiz: %d %+v", code, out)
	}
	var er apiErr
	if code := e.call(t, c, "POST", "/api/training/complete-quiz", map[string]any{"quizId": "closing-basics", "answers": []int{1}}, &er); code != 400 || er.Error.Field != "answers" {
		t.Fatalf("short answers: %d %+v", code, er)
	}
	if code := e.call(t, c, "POST", "/api/training/complete-quiz", map[string]any{"quizId": "nope", "answers": []int{}}, &er); code != 404 {
		t.Fatalf("unknown quiz: %d", code)
	}
	if got := live.Recorded[live.QuizResult](e.rec); len(got) != 1 {
		t.Fatalf("QuizCompleted %d times", len(got))
	}

	var session struct {
		SessionID string `json:"sessionId"`
		Messages  []struct {
			Speaker string `json:"speaker"`
		} `json:"messages"`
	}
	if code := e.call(t, c, "POST", "/api/training/roleplay", map[string]string{"scenarioId": "price-pushback"}, &session); code != 201 || len(session.Messages) != 1 {
		t.Fatalf("start roleplay: %d %+v", code, session)
	}
	var reply struct {
		Reply struct {
			SessionID string `json:"sessionId"`
			Message   string `json:"message"`
			Metadata  struct {
				Score    int    `json:"score"`
				Feedback string `json:"feedback"`
			} `json:"metadata"`
		} `json:"reply"`
	}
	code := e.call(t, c, "POST", "/api/training/roleplay-message", map[string]string{"sessionId": session.SessionID, "message": "I understand. What does the other quote include?"}, &reply)
	if code != 200 || reply.Reply.Message == "" || reply.Reply.Metadata.Score == 0 || reply.Reply.Metadata.Feedback == "" {
		t.Fatalf("roleplay message: %d %+v", code, reply)
	}
	typing := live.Recorded[live.Typing](e.rec)
	if len(typing) != 2 || !typing[0].IsTyping || typing[0].SessionID != session.SessionID {
		t.Fatalf("typing %+v", typing)
	}
	other, _ := e.login(t, "ben@salesfloor.test")
	if code := e.call(t, other, "POST", "/api/training/roleplay-message", map[string]string{"sessionId": session.SessionID, "message": "hi"}, &er); code != 403 {
		t.Fatalf("someone else's session: %d", code)
	}
	if code := e.call(t, c, "GET", "/api/training/roleplay/"+session.SessionID, nil, &session); code != 200 || len(session.Messages) != 3 {
		t.Fatalf("transcript: %d %+v", code, session)
	}

	var ex struct {
		Answer struct {
			Author  string `json:"author"`
			Message string `json:"message"`
		} `json:"answer"`
	}
	if code := e.call(t, c, "POST", "/api/field/messages", map[string]string{"message": "where do I stand?"}, &ex); code != 200 || ex.Answer.Author != "susan" || !strings.Contains(ex.Answer.Message, "Maya") {
		t.Fatalf("field: %d %+v", code, ex)
	}
	var hist []any
	if code := e.call(t, c, "GET", "/api/field/messages", nil, &hist); code != 200 || len(hist) != 2 {
		t.Fatalf("field history: %d %d", code, len(hist))
	}
	var tr struct {
		Level struct {
			TotalXP int `json:"totalXP"`
		} `json:"level"`
		Modules []any `json:"modules"`
	}
	if code := e.call(t, c, "GET", "/api/training", nil, &tr); code != 200 || len(tr.Modules) != 3 || tr.Level.TotalXP == 0 {
		t.Fatalf("training: %d %+v", code, tr)
	}
}

func TestDemoLogins(t *testing.T) {
	e := newEnv(t)
	var d struct {
		Password string       `json:"password"`
		Logins   []demo.Login `json:"logins"`
	}
	if code := e.call(t, e.client(t), "GET", "/api/demo-logins", nil, &d); code != 200 || d.Password != demo.Password || len(d.Logins) == 0 {
		t.Fatalf("%d %+v", code, d)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

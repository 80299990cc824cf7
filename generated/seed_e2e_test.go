package generated_test

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/rtgen/rtgen/generated/realtime"
	"github.com/rtgen/rtgen/internal/nodetest"
	"github.com/rtgen/rtgen/runtime/socketio"
)

// users are the test's principals, by the token their client sends.
var users = map[string]*realtime.Session{
	"alice": {UserID: 7, UserName: "Alice", TeamIDs: []int64{5}, Roles: []realtime.Role{realtime.RoleRep}},
	"bob":   {UserID: 8, UserName: "Bob", TeamIDs: []int64{6}, Roles: []realtime.Role{realtime.RoleRep}},
	"carol": {UserID: 9, UserName: "Carol", TeamIDs: []int64{5}, Roles: []realtime.Role{realtime.RoleAdmin}},
}

func authenticate(_ context.Context, h *socketio.Handshake) (*realtime.Session, error) {
	var auth struct{ Token string }
	json.Unmarshal(h.Auth, &auth)
	if s, ok := users[auth.Token]; ok {
		return s, nil
	}
	return nil, &socketio.Error{Code: socketio.CodeUnauthorized, Message: "sign in first", Details: map[string]string{"login": "/login"}}
}

// app implements the generated handler and authorizer interfaces and
// records what the handlers receive.
type app struct {
	mu       sync.Mutex
	roleplay []realtime.RoleplayMessage
	stops    int
}

func (a *app) OnRoleplayMessage(_ context.Context, c realtime.Client, p realtime.RoleplayMessage) (realtime.RoleplayMessageAck, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.roleplay = append(a.roleplay, p)
	return realtime.RoleplayMessageAck{MessageID: "m-" + c.Session().UserName, ReceivedAt: time.Date(2026, 11, 26, 9, 30, 0, 0, time.UTC)}, nil
}

func (a *app) OnRoleplayStopTyping(context.Context, realtime.Client, realtime.RoleplayStopTyping) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.stops++
	return nil
}

func (a *app) OnProgressUpdate(context.Context, realtime.Client, realtime.ProgressReport) (realtime.TrainingProgress, error) {
	return realtime.TrainingProgress{}, errors.New("not used")
}
func (a *app) OnChatMessage(context.Context, realtime.Client, realtime.ChatMessage) (realtime.ChatMessageAck, error) {
	return realtime.ChatMessageAck{}, errors.New("not used")
}
func (a *app) OnChatTyping(context.Context, realtime.Client, realtime.ChatTyping) error { return nil }
func (a *app) OnNotificationRead(context.Context, realtime.Client, realtime.MarkRead) (realtime.UnreadCount, error) {
	return realtime.UnreadCount{}, errors.New("not used")
}
func (a *app) CanJoinContest(context.Context, *realtime.Session, int64) (bool, error) {
	return false, nil
}
func (a *app) IsSessionOwner(context.Context, *realtime.Session, string) (bool, error) {
	return true, nil
}
func (a *app) OwnsConversation(context.Context, *realtime.Session, string) (bool, error) {
	return true, nil
}

// registerSeed installs the generated seed server on srv, with a as every
// handler and authorizer.
func registerSeed(t *testing.T, srv *socketio.Server, auth func(context.Context, *socketio.Handshake) (*realtime.Session, error), a *app) *realtime.Server {
	t.Helper()
	rt, err := realtime.Register(srv, realtime.Config{
		Authenticate:          auth,
		LeaderboardAuthorizer: a,
		Training:              a,
		TrainingAuthorizer:    a,
		Field:                 a,
		FieldAuthorizer:       a,
		Main:                  a,
	})
	if err != nil {
		t.Fatal(err)
	}
	return rt
}

// The generated seed server, on the runtime, driven by the real
// socket.io-client: join rules enforced both ways, room-targeted typed
// events reach exactly their room, typed client events reach the handler,
// and invalid payloads are refused before it.
func TestSeedServer(t *testing.T) {
	a := &app{}
	var logs strings.Builder
	srv := socketio.NewServer(socketio.Config{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	rt := registerSeed(t, srv, authenticate, a)
	mux := http.NewServeMux()
	mux.Handle("/socket.io/", srv)
	hs := httptest.NewServer(mux)
	t.Cleanup(hs.Close)

	script := nodetest.Start(t, "testdata/seed_client.mjs", hs.URL)
	script.Expect("anonymous", `{"message":"sign in first","data":{"code":"unauthorized","details":{"login":"/login"}}}`)
	script.Expect("joins", `{
		"aliceOwnRoom": {"ok":true},
		"aliceBobsRoom": {"ok":false,"error":{"code":"forbidden","message":"not allowed to join user:8","details":{"room":"user:8"}}},
		"aliceTeam": {"ok":true},
		"aliceOtherTeam": {"ok":false,"error":{"code":"forbidden","message":"not allowed to join team:9","details":{"room":"team:9"}}},
		"bobOwnRoom": {"ok":true},
		"bobTv": {"ok":true},
		"badParam": {"ok":false,"error":{"code":"bad_request","message":"invalid payload: json: cannot unmarshal string into Go value of type int64"}}
	}`)

	ctx := context.Background()
	if ok, err := rt.Leaderboard.IsUserConnected(ctx, 8); err != nil || !ok {
		t.Errorf("IsUserConnected(8) = %v, %v; want true", ok, err)
	}
	if ok, _ := rt.Leaderboard.IsUserConnected(ctx, 99); ok {
		t.Error("IsUserConnected(99) = true; nobody joined user:99")
	}
	if n, err := rt.Leaderboard.ConnectedClientsCount(ctx); err != nil || n != 2 {
		t.Errorf("ConnectedClientsCount = %d, %v; want 2", n, err)
	}
	at := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	for _, err := range []error{
		rt.Leaderboard.NotifyUserRankChange(8, realtime.RankingUpdate{UserID: 8, UserName: "Bob", PreviousRank: 3, NewRank: 2, Metric: "yearlyRevenue", Value: 1200, Timestamp: at}),
		rt.Leaderboard.NotifyUserRankChange(7, realtime.RankingUpdate{UserID: 7, UserName: "Alice", PreviousRank: 2, NewRank: 1, Metric: "yearlyRevenue", Value: 1500, Timestamp: at}),
		rt.Leaderboard.NotifyTeam(5, realtime.LeaderboardTeamGoalReached(realtime.TeamGoal{TeamID: 5, TeamName: "Hawks", GoalName: "Q4", Metric: "revenue", Target: 1000, Achieved: 1500, ReachedAt: at})),
		rt.Leaderboard.UpdateTVDisplay(realtime.TVDisplayUpdate{Metric: "revenue", Leaders: []realtime.LeaderboardEntry{}, Timestamp: at}),
		rt.Leaderboard.BroadcastRankingUpdate(realtime.RankingUpdate{UserID: 7, UserName: "Alice", PreviousRank: 2, NewRank: 1, Metric: "yearlyRevenue", Value: 1500, Timestamp: at}),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	// A payload the schema forbids never leaves the server.
	err := rt.Leaderboard.BroadcastRankingUpdate(realtime.RankingUpdate{NewRank: 0, PreviousRank: 1})
	if err == nil || !strings.Contains(err.Error(), "newRank: must be at least 1") {
		t.Errorf("invalid broadcast: err = %v, want the newRank constraint", err)
	}
	script.Send("go")
	script.Expect("alice", `[
		{"event":"rank:changed","payload":{"userId":7,"userName":"Alice","previousRank":2,"newRank":1,"metric":"yearlyRevenue","value":1500,"timestamp":"2026-11-26T09:00:00Z"}},
		{"event":"team:goal-reached","payload":{"teamId":5,"teamName":"Hawks","goalName":"Q4","metric":"revenue","target":1000,"achieved":1500,"reachedAt":"2026-11-26T09:00:00Z"}},
		{"event":"rankings:update","payload":{"userId":7,"userName":"Alice","previousRank":2,"newRank":1,"metric":"yearlyRevenue","value":1500,"timestamp":"2026-11-26T09:00:00Z"}}
	]`)
	script.Expect("bob", `[
		{"event":"rank:changed","payload":{"userId":8,"userName":"Bob","previousRank":3,"newRank":2,"metric":"yearlyRevenue","value":1200,"timestamp":"2026-11-26T09:00:00Z"}},
		{"event":"tv:update","payload":{"metric":"revenue","leaders":[],"timestamp":"2026-11-26T09:00:00Z"}},
		{"event":"rankings:update","payload":{"userId":7,"userName":"Alice","previousRank":2,"newRank":1,"metric":"yearlyRevenue","value":1500,"timestamp":"2026-11-26T09:00:00Z"}}
	]`)

	script.Expect("roleplay", `{"ok":true,"data":{"messageId":"m-Alice","receivedAt":"2026-11-26T09:30:00Z"}}`)
	script.Expect("invalid", `{"ok":false,"error":{"code":"bad_request",
		"message":"invalid payload: sessionId: must not be empty; message: must have at most 4000 characters",
		"details":[{"field":"sessionId","message":"must not be empty"},{"field":"message","message":"must have at most 4000 characters"}]}}`)
	script.Expect("missing", `{"ok":false,"error":{"code":"bad_request","message":"invalid payload: sessionId: is required","details":[{"field":"sessionId","message":"is required"}]}}`)
	script.Expect("wrongType", `{"ok":false,"error":{"code":"bad_request","message":"invalid payload: json: cannot unmarshal number into Go struct field RoleplayMessage.sessionId of type string"}}`)
	script.Expect("errorEvent", `[{"code":"bad_request","message":"invalid payload: sessionId: is required","event":"roleplay:stop-typing","details":[{"field":"sessionId","message":"is required"}]}]`)
	script.Expect("done", `true`)

	a.mu.Lock()
	defer a.mu.Unlock()
	want := []realtime.RoleplayMessage{{SessionID: "s-1", Message: "The price is too high."}}
	if diff := cmp.Diff(want, a.roleplay); diff != "" {
		t.Errorf("roleplay handler calls (-want +got):\n%s", diff)
	}
	if a.stops != 0 {
		t.Errorf("stop-typing handler called %d times with an invalid payload", a.stops)
	}
	// Shutdown waits for every handler, so the log is complete and quiet.
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "[Leaderboard] Join refused: user:8 for ") {
		t.Errorf("no refusal in the log:\n%s", logs.String())
	}
}

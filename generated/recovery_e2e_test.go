package generated_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/rtgen/rtgen/generated/realtime"
	"github.com/rtgen/rtgen/internal/nodetest"
	"github.com/rtgen/rtgen/runtime/socketio"
)

// signedIn is a sign-in table the test changes while clients are away.
type signedIn struct {
	mu    sync.Mutex
	users map[string]*realtime.Session
}

func (p *signedIn) authenticate(_ context.Context, h *socketio.Handshake) (*realtime.Session, error) {
	var auth struct{ Token string }
	json.Unmarshal(h.Auth, &auth)
	p.mu.Lock()
	defer p.mu.Unlock()
	if s, ok := p.users[auth.Token]; ok {
		return s, nil
	}
	return nil, &socketio.Error{Code: socketio.CodeUnauthorized, Message: "sign in first"}
}

func (p *signedIn) set(token string, s *realtime.Session) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if s == nil {
		delete(p.users, token)
	} else {
		p.users[token] = s
	}
}

// Recovery never replays around authorization: a recovered socket gets
// back only the rooms the schema's join rules still allow it, and sees
// nothing of the others; a principal signed out while away is refused, and
// after signing in again gets a fresh socket, not the old one.
func TestRecoveryKeepsJoinRules(t *testing.T) {
	alice := &realtime.Session{UserID: 7, UserName: "Alice", TeamIDs: []int64{5}, Roles: []realtime.Role{realtime.RoleRep}}
	carol := &realtime.Session{UserID: 9, UserName: "Carol", Roles: []realtime.Role{realtime.RoleRep}}
	principals := &signedIn{users: map[string]*realtime.Session{"alice": alice, "carol": carol}}
	srv := socketio.NewServer(socketio.Config{
		Recovery: &socketio.RecoveryConfig{},
		Logger:   slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	rt := registerSeed(t, srv, principals.authenticate, &app{})
	mux := http.NewServeMux()
	mux.Handle("/socket.io/", srv)
	hs := httptest.NewServer(mux)
	t.Cleanup(hs.Close)
	ctx := context.Background()
	at := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
	emitToEachRoom := func(round float64) {
		t.Helper()
		for _, err := range []error{
			rt.Leaderboard.NotifyUserRankChange(7, realtime.RankingUpdate{UserID: 7, UserName: "Alice", PreviousRank: 2, NewRank: 1, Metric: "revenue", Value: round, Timestamp: at}),
			rt.Leaderboard.NotifyTeam(5, realtime.LeaderboardTeamGoalReached(realtime.TeamGoal{TeamID: 5, TeamName: "Hawks", GoalName: "Q4", Metric: "revenue", Target: 1, Achieved: round, ReachedAt: at})),
			rt.Leaderboard.UpdateTVDisplay(realtime.TVDisplayUpdate{Metric: "revenue", Leaders: []realtime.LeaderboardEntry{}, Timestamp: at}),
		} {
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	// waitGone waits until the server has seen the transport close.
	waitGone := func(userID int64) {
		t.Helper()
		for deadline := time.Now().Add(nodetest.Wait); ; time.Sleep(10 * time.Millisecond) {
			if on, _ := rt.Leaderboard.IsUserConnected(ctx, userID); !on {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("user %d still connected", userID)
			}
		}
	}

	script := nodetest.Start(t, "testdata/recovery_client.mjs", hs.URL)
	script.Expect("aliceDropped", `true`)
	waitGone(7)
	principals.set("alice", &realtime.Session{UserID: 7, UserName: "Alice", Roles: alice.Roles}) // she left team 5
	emitToEachRoom(1)
	script.Send("go")
	script.Expect("aliceBack", `{"recovered":true,"sameID":true}`)
	emitToEachRoom(2)
	if err := rt.Leaderboard.BroadcastRankingUpdate(realtime.RankingUpdate{UserID: 0, UserName: "-", PreviousRank: 1, NewRank: 1, Metric: "end", Timestamp: at}); err != nil {
		t.Fatal(err)
	}
	script.Send("go")
	// The TV update is a `latest` event: one is replayed; the team's goal
	// of the gap and of after it never reach her.
	script.Expect("aliceGot", `["rank:changed 7", "tv:update revenue", "rank:changed 7", "tv:update revenue", "rankings:update 0"]`)
	if st := rt.Leaderboard.Namespace().RecoveryStats(); st.Recovered != 1 || st.Replayed != 2 {
		t.Errorf("RecoveryStats = %+v, want 1 recovered with 2 events replayed", st)
	}
	rooms, err := rt.Leaderboard.Namespace().Sockets(ctx, realtime.LeaderboardTeamRoom(5))
	if err != nil || len(rooms) != 0 {
		t.Errorf("team:5 has %v (%v) after the recovery, want nobody", rooms, err)
	}

	script.Expect("carolDropped", `true`)
	waitGone(9)
	principals.set("carol", nil)
	script.Send("go")
	script.Expect("carolRefused", `{"code":"unauthorized"}`)
	principals.set("carol", carol)
	script.Send("go")
	script.Expect("carolBack", `{"recovered":false}`)
	if on, _ := rt.Leaderboard.IsUserConnected(ctx, 9); on {
		t.Error("carol is back in user:9 without joining it again")
	}
}

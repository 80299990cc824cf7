package generated_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/redis/go-redis/v9"

	"github.com/rtgen/rtgen/generated/realtime"
	"github.com/rtgen/rtgen/internal/nodetest"
	"github.com/rtgen/rtgen/internal/redistest"
	"github.com/rtgen/rtgen/runtime/sioredis"
	"github.com/rtgen/rtgen/runtime/socketio"
)

// clusterSocket is one client socket of the test: where it connects, as
// whom, and the rooms it joins (join event and argument, room name).
type clusterSocket struct {
	Name  string  `json:"name"`
	Node  int     `json:"-"`
	URL   string  `json:"url"`
	Nsp   string  `json:"nsp"`
	Token string  `json:"token"`
	Joins [][]any `json:"joins"`
	rooms []string
}

func (s *clusterSocket) join(event string, arg any, room string) *clusterSocket {
	s.Joins = append(s.Joins, []any{event, arg})
	s.rooms = append(s.rooms, room)
	return s
}

// emission is one typed emitter call and who it is for: the sockets of
// namespace nsp in room ("" for all).
type emission struct {
	nsp, room, event string
	payload          any
	call             func(*realtime.Server) error
}

// The generated seed server as a cluster: three Go nodes on one Redis and
// an emitter that serves no clients. Every typed emitter of the schema,
// called on each node in turn and on the emitter, reaches exactly the
// sockets of its namespace and room, on every node (real socket.io-client,
// recovery on, so through the stream); queries answer for the whole
// cluster; a remote disconnect closes a socket on another node.
func TestSeedServerCluster(t *testing.T) {
	addr := redistest.Addr(t)
	prefix := redistest.Prefix(t, addr)
	opts := sioredis.Options{
		StreamName: prefix + "stream", ChannelPrefix: prefix + "ch", SessionKeyPrefix: prefix + "session:",
		HeartbeatInterval: 200 * time.Millisecond, HeartbeatTimeout: 2 * time.Second,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
	var nodes []*realtime.Server
	var urls []string
	for range 3 {
		rt, url := startClusterNode(t, addr, opts)
		nodes, urls = append(nodes, rt), append(urls, url)
	}
	client := redis.NewClient(&redis.Options{Addr: addr})
	t.Cleanup(func() { client.Close() })
	em := sioredis.NewEmitter(client, opts)
	t.Cleanup(func() { em.Close() })
	emitter := realtime.Emitter(em.Server())

	socket := func(name string, node int, nsp, token string) *clusterSocket {
		return &clusterSocket{Name: name, Node: node, URL: urls[node], Nsp: nsp, Token: token, Joins: [][]any{}}
	}
	sockets := []*clusterSocket{
		socket("alice-board", 0, "/leaderboard", "alice").join("join:user", 7, "user:7").join("join:team", 5, "team:5"),
		socket("bob-board", 1, "/leaderboard", "bob").join("join:user", 8, "user:8").join("join:team", 6, "team:6").join("join:tv-display", nil, "tv-display"),
		socket("carol-board", 2, "/leaderboard", "carol").join("join:user", 9, "user:9").join("join:team", 5, "team:5").join("join:contest", 3, "contest:3"),
		socket("alice-training", 1, "/training", "alice").join("join:user", 7, "user:7").join("join:session", "s-1", "session:s-1").join("join:module", "m-1", "module:m-1"),
		socket("bob-training", 2, "/training", "bob").join("join:user", 8, "user:8").join("join:module", "m-2", "module:m-2"),
		socket("carol-training", 0, "/training", "carol").join("join:session", "s-1", "session:s-1"),
		socket("alice-field", 2, "/field", "alice").join("join:conversation", "c-1", "conversation:c-1"),
		socket("bob-field", 0, "/field", "bob").join("join:conversation", "c-2", "conversation:c-2"),
		socket("alice-main", 0, "/", "alice").join("join:user", 7, "user:7"),
		socket("bob-main", 1, "/", "bob").join("join:user", 8, "user:8"),
		socket("carol-main", 2, "/", "carol"),
	}
	plan, _ := json.Marshal(sockets)
	script := nodetest.Start(t, "testdata/cluster_client.mjs", string(plan))
	script.Expect("ready", `true`)

	emissions := seedEmissions()
	publishers := append(nodes, emitter)
	for i, e := range emissions {
		if err := e.call(publishers[i%len(publishers)]); err != nil {
			t.Fatalf("%s: %v", e.event, err)
		}
	}
	want := map[string][]string{}
	counts := map[string]int{}
	for _, s := range sockets {
		want[s.Name] = []string{}
		for _, e := range emissions {
			if e.nsp == s.Nsp && (e.room == "" || slices.Contains(s.rooms, e.room)) {
				want[s.Name] = append(want[s.Name], eventKey(t, e.event, e.payload))
			}
		}
		slices.Sort(want[s.Name])
		counts[s.Name] = len(want[s.Name])
	}
	b, _ := json.Marshal(map[string]any{"counts": counts})
	script.Send("%s", b)
	var received map[string][]struct {
		Event   string          `json:"event"`
		Payload json.RawMessage `json:"payload"`
	}
	script.Decode("received", &received)
	got := map[string][]string{}
	for name, events := range received {
		got[name] = []string{}
		for _, e := range events {
			got[name] = append(got[name], eventKey(t, e.Event, e.Payload))
		}
		slices.Sort(got[name])
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("events received (-want +got):\n%s", diff)
	}

	// Queries answer for the whole cluster, on every node and the emitter.
	ctx := context.Background()
	for i, rt := range publishers {
		if ok, err := rt.Leaderboard.IsUserConnected(ctx, 8); err != nil || !ok {
			t.Errorf("publisher %d: IsUserConnected(8) = %v, %v", i, ok, err)
		}
		if ok, err := rt.Main.IsUserConnected(ctx, 9); err != nil || ok {
			t.Errorf("publisher %d: IsUserConnected(9) on / = %v, %v; carol joined no room there", i, ok, err)
		}
		if n, err := rt.Training.ConnectedClientsCount(ctx); err != nil || n != 3 {
			t.Errorf("publisher %d: /training ConnectedClientsCount = %d, %v", i, n, err)
		}
	}
	// A remote disconnect: bob's /leaderboard socket is on node 1.
	if err := nodes[2].Leaderboard.Namespace().To(realtime.LeaderboardUserRoom(8)).DisconnectSockets(ctx, false); err != nil {
		t.Fatal(err)
	}
	script.Expect("disconnected", `{"name":"bob-board","reason":"io server disconnect"}`)
	if ok, err := nodes[0].Leaderboard.IsUserConnected(ctx, 8); err != nil || ok {
		t.Errorf("IsUserConnected(8) = %v, %v after the disconnect", ok, err)
	}
}

// startClusterNode starts a node of the generated server on the Redis at
// addr and returns its typed server and URL.
func startClusterNode(t *testing.T, addr string, opts sioredis.Options) (*realtime.Server, string) {
	t.Helper()
	client := redis.NewClient(&redis.Options{Addr: addr})
	cluster := sioredis.New(client, opts)
	srv := socketio.NewServer(socketio.Config{
		Adapter:  cluster.Adapter,
		Recovery: &socketio.RecoveryConfig{},
		Logger:   slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	a := &app{}
	rt, err := realtime.Register(srv, realtime.Config{
		Authenticate: authenticate, LeaderboardAuthorizer: a, Training: a, TrainingAuthorizer: a,
		Field: a, FieldAuthorizer: a, Main: a,
	})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/socket.io/", srv)
	hs := httptest.NewServer(mux)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
		hs.Close()
		cluster.Close()
		client.Close()
	})
	// The node serves once it reads the stream of every namespace.
	waitUntil(t, "the node to read the stream", func() bool {
		_, err := rt.Leaderboard.ConnectedClientsCount(context.Background())
		return err == nil
	})
	return rt, hs.URL
}

// eventKey is an event and its payload as compact, key-sorted JSON.
func eventKey(t *testing.T, event string, payload any) string {
	t.Helper()
	b, ok := payload.(json.RawMessage)
	if !ok {
		var err error
		if b, err = json.Marshal(payload); err != nil {
			t.Fatal(err)
		}
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	norm, _ := json.Marshal(v)
	return event + " " + string(norm)
}

// seedEmissions calls every typed emitter of the schema once.
func seedEmissions() []emission {
	at := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	rank := realtime.RankingUpdate{UserID: 8, UserName: "Bob", PreviousRank: 3, NewRank: 2, Metric: "revenue", Value: 1200, Timestamp: at}
	achievement := realtime.AchievementEvent{UserID: 7, UserName: "Alice", AchievementType: realtime.AchievementTypeRank, Title: "Top 3", Description: "", Timestamp: at}
	entry := realtime.ContestEntry{ContestID: 3, EntryID: 1, UserID: 9, UserName: "Carol", Metric: "revenue", Value: 10, Rank: 1, Timestamp: at}
	entryUpdate := realtime.ContestEntryUpdate{ContestID: 3, EntryID: 1, UserID: 9, UserName: "Carol", PreviousRank: 2, NewRank: 1, Value: 20, Timestamp: at}
	snapshot := realtime.LeaderboardSnapshot{Metric: "revenue", Period: realtime.PeriodWeek, Entries: []realtime.LeaderboardEntry{{Rank: 1, UserID: 7, UserName: "Alice", Value: 5}}, GeneratedAt: at}
	tv := realtime.TVDisplayUpdate{Metric: "revenue", Leaders: []realtime.LeaderboardEntry{}, Timestamp: at}
	goal := func(team int64) realtime.TeamGoal {
		return realtime.TeamGoal{TeamID: team, TeamName: fmt.Sprint("Team ", team), GoalName: "Q4", Metric: "revenue", Target: 100, Achieved: 120, ReachedAt: at}
	}
	xp := realtime.XPGainEvent{UserID: 7, UserName: "Alice", Amount: 50, Source: "Quiz", NewTotal: 50, Timestamp: at}
	level := realtime.LevelUpEvent{UserID: 8, UserName: "Bob", PreviousLevel: 1, NewLevel: 2, TotalXP: 100, Timestamp: at}
	streak := realtime.StreakUpdate{UserID: 7, UserName: "Alice", CurrentStreak: 3, LongestStreak: 5, Timestamp: at}
	milestone := realtime.StreakMilestone{UserID: 8, UserName: "Bob", Days: 7, BonusXP: 70, Timestamp: at}
	trophy := realtime.TrainingAchievement{UserID: 7, UserName: "Alice", AchievementID: "a-1", Title: "Closer", Description: "", Rarity: realtime.RarityRare, XPReward: 10, Timestamp: at}
	progress := func(user int64, module string) realtime.TrainingProgress {
		return realtime.TrainingProgress{UserID: user, ModuleID: module, PercentComplete: 40, CompletedLessons: 2, TotalLessons: 5, Timestamp: at}
	}
	quiz := realtime.QuizResult{UserID: 7, UserName: "Alice", QuizID: "q-1", Score: 90, Passed: true, XPEarned: 20, Timestamp: at}
	notification := realtime.Notification{ID: "n-1", UserID: 8, Level: realtime.NotificationLevelInfo, Title: "Hi", Message: "", CreatedAt: at}
	unread := realtime.UnreadCount{UserID: 7, Count: 3}
	announcement := realtime.Announcement{ID: "a-1", Level: realtime.NotificationLevelSuccess, Title: "Record day", Message: "", CreatedAt: at}
	typing := realtime.RoleplayTyping{SessionID: "s-1", IsTyping: true}
	reply := realtime.RoleplayResponse{Message: "Tell me more."}
	susanTyping := realtime.SusanTyping{ConversationID: "c-1", IsTyping: true}
	susan := realtime.SusanResponse{ConversationID: "c-2", MessageID: "m-1", ReplyTo: "m-0", Message: "Try the bundle.", Timestamp: at}

	e := func(nsp, room, event string, payload any, call func(*realtime.Server) error) emission {
		return emission{nsp: nsp, room: room, event: event, payload: payload, call: call}
	}
	return []emission{
		e("/leaderboard", "", realtime.LeaderboardRankingsUpdateEvent, rank, func(r *realtime.Server) error { return r.Leaderboard.BroadcastRankingUpdate(rank) }),
		e("/leaderboard", "user:8", realtime.LeaderboardRankChangedEvent, rank, func(r *realtime.Server) error { return r.Leaderboard.NotifyUserRankChange(8, rank) }),
		e("/leaderboard", "contest:3", realtime.LeaderboardContestNewEntryEvent, entry, func(r *realtime.Server) error { return r.Leaderboard.AnnounceContestEntry(entry) }),
		e("/leaderboard", "contest:3", realtime.LeaderboardContestEntryUpdateEvent, entryUpdate, func(r *realtime.Server) error { return r.Leaderboard.UpdateContestEntry(entryUpdate) }),
		e("/leaderboard", "user:7", realtime.LeaderboardAchievementEarnedEvent, achievement, func(r *realtime.Server) error { return r.Leaderboard.NotifyAchievementEarned(achievement) }),
		e("/leaderboard", "", realtime.LeaderboardAchievementCelebrationEvent, achievement, func(r *realtime.Server) error { return r.Leaderboard.CelebrateAchievement(achievement) }),
		e("/leaderboard", "", realtime.LeaderboardLeaderboardRefreshEvent, snapshot, func(r *realtime.Server) error { return r.Leaderboard.BroadcastLeaderboardRefresh(snapshot) }),
		e("/leaderboard", "tv-display", realtime.LeaderboardTVUpdateEvent, tv, func(r *realtime.Server) error { return r.Leaderboard.UpdateTVDisplay(tv) }),
		e("/leaderboard", "team:5", realtime.LeaderboardTeamGoalReachedEvent, goal(5), func(r *realtime.Server) error { return r.Leaderboard.NotifyTeamGoalReached(5, goal(5)) }),
		e("/leaderboard", "team:6", realtime.LeaderboardTeamGoalReachedEvent, goal(6), func(r *realtime.Server) error {
			return r.Leaderboard.NotifyTeam(6, realtime.LeaderboardTeamGoalReached(goal(6)))
		}),
		e("/training", "user:7", realtime.TrainingXPGainedEvent, xp, func(r *realtime.Server) error { return r.Training.NotifyXPGain(xp) }),
		e("/training", "user:8", realtime.TrainingLevelUpEvent, level, func(r *realtime.Server) error { return r.Training.NotifyLevelUp(level) }),
		e("/training", "", realtime.TrainingLevelCelebrationEvent, level, func(r *realtime.Server) error { return r.Training.CelebrateLevelUp(level) }),
		e("/training", "user:7", realtime.TrainingStreakUpdateEvent, streak, func(r *realtime.Server) error { return r.Training.NotifyStreakUpdate(streak) }),
		e("/training", "user:8", realtime.TrainingStreakMilestoneEvent, milestone, func(r *realtime.Server) error { return r.Training.NotifyStreakMilestone(milestone) }),
		e("/training", "user:7", realtime.TrainingAchievementUnlockedEvent, trophy, func(r *realtime.Server) error { return r.Training.NotifyAchievementUnlocked(trophy) }),
		e("/training", "", realtime.TrainingAchievementShowcaseEvent, trophy, func(r *realtime.Server) error { return r.Training.ShowcaseAchievement(trophy) }),
		e("/training", "session:s-1", realtime.TrainingRoleplayResponseEvent, reply, func(r *realtime.Server) error { return r.Training.SendRoleplayResponse("s-1", reply) }),
		e("/training", "session:s-1", realtime.TrainingRoleplayTypingEvent, typing, func(r *realtime.Server) error { return r.Training.SendRoleplayTyping(typing) }),
		e("/training", "user:8", realtime.TrainingProgressUpdateEvent, progress(8, "m-9"), func(r *realtime.Server) error { return r.Training.NotifyProgress(progress(8, "m-9")) }),
		e("/training", "module:m-1", realtime.TrainingProgressUpdateEvent, progress(7, "m-1"), func(r *realtime.Server) error {
			return r.Training.BroadcastModuleProgress(progress(7, "m-1"))
		}),
		e("/training", "user:7", realtime.TrainingQuizCompletedEvent, quiz, func(r *realtime.Server) error { return r.Training.NotifyQuizComplete(quiz) }),
		e("/field", "conversation:c-1", realtime.FieldSusanTypingEvent, susanTyping, func(r *realtime.Server) error { return r.Field.SendSusanTyping(susanTyping) }),
		e("/field", "conversation:c-2", realtime.FieldSusanResponseEvent, susan, func(r *realtime.Server) error { return r.Field.SendSusanResponse(susan) }),
		e("/", "user:8", realtime.MainNotificationEvent, notification, func(r *realtime.Server) error { return r.Main.NotifyUser(notification) }),
		e("/", "user:7", realtime.MainNotificationUnreadEvent, unread, func(r *realtime.Server) error { return r.Main.UpdateUnreadCount(unread) }),
		e("/", "", realtime.MainAnnouncementEvent, announcement, func(r *realtime.Server) error { return r.Main.BroadcastAnnouncement(announcement) }),
	}
}

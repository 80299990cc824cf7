package realtimelive

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/auth"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/floor"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/live"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/store"
	"github.com/rtgen/rtgen/internal/nodetest"
	"github.com/rtgen/rtgen/runtime/socketio"
)

// world is a small sales floor served over the generated real-time server: Ava and Ben (reps of
// team A), Cy (a manager of team B), a TV display, a running contest.
type world struct {
	live     *Live
	floor    *floor.Service
	socket   *socketio.Server
	http     *httptest.Server
	ids      map[string]int64
	cookies  map[string]string
	sessions *auth.Manager
	logs     *strings.Builder
}

func newWorld(t *testing.T) *world {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	hash, err := auth.HashPassword("pw", 1000)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	w := &world{ids: map[string]int64{}, cookies: map[string]string{}, logs: &strings.Builder{}}
	err = st.Write(ctx, func(tx *store.Tx) (err error) {
		if w.ids["teamA"], err = tx.InsertTeam("A", "#111", 0); err != nil {
			return err
		}
		if w.ids["teamB"], err = tx.InsertTeam("B", "#222", 0); err != nil {
			return err
		}
		for _, u := range []struct {
			name string
			role store.Role
			team string
		}{{"ava", store.RoleRep, "teamA"}, {"ben", store.RoleRep, "teamA"}, {"cy", store.RoleManager, "teamB"}, {"tv", store.RoleDisplay, ""}} {
			if w.ids[u.name], err = tx.InsertUser(store.NewUser{Email: u.name + "@x.test", Name: strings.ToUpper(u.name[:1]) + u.name[1:], Role: u.role, TeamID: w.ids[u.team], PasswordHash: hash}, now); err != nil {
				return err
			}
		}
		w.ids["contest"], err = tx.InsertContest(store.Contest{Name: "Cup", Description: "d", StartsAt: now.Add(-time.Hour), EndsAt: now.Add(24 * time.Hour), PointsPerThousand: 2})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sessions, err := auth.NewManager(st)
	if err != nil {
		t.Fatal(err)
	}
	w.sessions = sessions
	for _, name := range []string{"ava", "ben", "cy", "tv"} {
		_, token, err := sessions.Login(ctx, name+"@x.test", "pw")
		if err != nil {
			t.Fatal(err)
		}
		w.cookies[name] = auth.CookieName + "=" + token
	}
	logger := slog.New(slog.NewTextHandler(w.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	w.socket = socketio.NewServer(socketio.Config{Logger: logger})
	if w.live, err = New(w.socket, Config{Sessions: sessions, Logger: logger}); err != nil {
		t.Fatal(err)
	}
	w.floor = floor.New(floor.Config{Store: st, Notifier: w.live, Presence: w.live, TypingDelay: 50 * time.Millisecond, Logger: logger})
	w.live.Bind(w.floor)
	mux := http.NewServeMux()
	mux.Handle("/socket.io/", w.socket)
	w.http = httptest.NewServer(mux)
	t.Cleanup(w.http.Close)
	return w
}

type event struct {
	Event   string          `json:"event"`
	Payload json.RawMessage `json:"payload"`
}

type ack struct {
	OK    bool `json:"ok"`
	Data  json.RawMessage
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// TestLiveWithTheRealClient drives the real-time layer with socket.io-client, signed in by the
// session cookie: who may connect and join what, what reaches whom after a sale, and roleplay, field
// chat, notifications and progress over the socket, and the sockets of a session that logs out.
func TestLiveWithTheRealClient(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	ava, err := w.floor.StartRoleplay(ctx, w.ids["ava"], "price-pushback")
	if err != nil {
		t.Fatal(err)
	}
	ben, err := w.floor.StartRoleplay(ctx, w.ids["ben"], "price-pushback")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.floor.RecordSale(ctx, floor.NewSale{UserID: w.ids["ben"], AmountCents: 10_000_00, Customer: "Initech", Product: "Suite"}); err != nil {
		t.Fatal(err)
	}
	cookies, _ := json.Marshal(w.cookies)
	ids, _ := json.Marshal(w.ids)
	sessions, _ := json.Marshal(map[string]string{"ava": ava.SessionID, "ben": ben.SessionID})
	script := nodetest.Start(t, "testdata/client.mjs", w.http.URL, string(cookies), string(ids), string(sessions))

	refused := `{"message":"log in first","data":{"code":"unauthorized"}}`
	script.Expect("anonymous", refused)
	script.Expect("badCookie", refused)
	script.Expect("joins", `{
		"ownUser": "ok", "otherUser": "forbidden", "ownTeam": "ok", "otherTeam": "forbidden",
		"contest": "ok", "unknownContest": "forbidden", "benUser": "ok", "tvDisplay": "ok", "tvContest": "forbidden",
		"mainUser": "ok", "trainingUser": "ok", "ownSession": "ok", "otherSession": "forbidden", "managerSession": "ok",
		"ownConversation": "ok", "otherConversation": "forbidden"
	}`)

	if ok, err := w.live.IsUserConnected(ctx, w.ids["ava"]); err != nil || !ok {
		t.Errorf("IsUserConnected(ava) = %v, %v; her page is open", ok, err)
	}
	if ok, _ := w.live.IsUserConnected(ctx, w.ids["cy"]); ok {
		t.Error("IsUserConnected(cy) = true; Cy has no page open")
	}
	if n, err := w.live.ConnectedClientsCount(ctx); err != nil || n != 3 {
		t.Errorf("ConnectedClientsCount = %d, %v; want the 3 leaderboard screens", n, err)
	}

	// Cy records a deal for Ava that takes her past Ben to #1.
	if _, err := w.floor.RecordSale(ctx, floor.NewSale{UserID: w.ids["ava"], AmountCents: 20_000_00, Customer: "Globex", Product: "Suite", RecordedBy: w.ids["cy"]}); err != nil {
		t.Fatal(err)
	}
	script.Send("go")
	var after struct {
		Ava, Ben, TV, AvaMain []string
		AvaRank               struct{ UserID, PreviousRank, NewRank int64 }
		TVUpdate              struct {
			Headline string
			Leaders  []struct {
				Rank, UserID int64
				Change       *int64
			}
		}
		Notification struct{ ID, Title string }
	}
	script.Decode("afterSale", &after)
	for _, want := range []string{"rankings:update", "rank:changed", "achievement:earned", "achievement:celebration", "contest:new-entry"} {
		if !slices.Contains(after.Ava, want) {
			t.Errorf("Ava did not get %s: %v", want, after.Ava)
		}
	}
	if after.AvaRank.UserID != w.ids["ava"] || after.AvaRank.PreviousRank != 2 || after.AvaRank.NewRank != 1 {
		t.Errorf("Ava's rank change %+v", after.AvaRank)
	}
	// Ben hears the public news and his own drop, never Ava's private events.
	for _, e := range after.Ben {
		if strings.HasPrefix(e, "rank:changed:") && e != "rank:changed:"+itoa(w.ids["ben"]) || strings.HasPrefix(e, "achievement:earned:") || strings.HasPrefix(e, "contest:") {
			t.Errorf("Ben got %s", e)
		}
	}
	if !slices.Contains(after.Ben, "rankings:update:"+itoa(w.ids["ava"])) || !slices.Contains(after.Ben, "rank:changed:"+itoa(w.ids["ben"])) {
		t.Errorf("Ben's events %v", after.Ben)
	}
	if !slices.Contains(after.TV, "tv:update") || slices.Contains(after.TV, "rank:changed") {
		t.Errorf("TV's events %v", after.TV)
	}
	if after.TVUpdate.Headline != "Ava closed $20K with Globex — now #1" || len(after.TVUpdate.Leaders) != 3 ||
		after.TVUpdate.Leaders[0].UserID != w.ids["ava"] || after.TVUpdate.Leaders[0].Change == nil || *after.TVUpdate.Leaders[0].Change != 1 {
		t.Errorf("tv:update %+v", after.TVUpdate)
	}
	if !slices.Equal(after.AvaMain, []string{"notification", "notification:unread"}) || after.Notification.Title != "Cy logged a sale for you" {
		t.Errorf("Ava's notifications %v %+v", after.AvaMain, after.Notification)
	}

	var roleplay struct {
		Ack    ack
		Events []event
	}
	script.Decode("roleplay", &roleplay)
	var rpAck struct{ MessageID string }
	json.Unmarshal(roleplay.Ack.Data, &rpAck)
	if !roleplay.Ack.OK || rpAck.MessageID == "" {
		t.Errorf("roleplay ack %+v", roleplay.Ack)
	}
	var seq []string
	for _, e := range roleplay.Events {
		seq = append(seq, e.Event+string(e.Payload))
	}
	if len(seq) != 3 || !strings.HasPrefix(seq[0], `roleplay:typing{"sessionId":"`+ava.SessionID+`","isTyping":true}`) ||
		!strings.HasPrefix(seq[1], `roleplay:response{"message":`) || !strings.Contains(seq[1], `"score":`) ||
		seq[2] != `roleplay:typing{"sessionId":"`+ava.SessionID+`","isTyping":false}` {
		t.Errorf("roleplay events:\n%s", strings.Join(seq, "\n"))
	}
	var a ack
	script.Decode("roleplayRefused", &a)
	if a.OK || a.Error.Code != "forbidden" {
		t.Errorf("message in Ben's session: %+v", a)
	}

	var field struct {
		Ack    ack
		Events []event
	}
	script.Decode("field", &field)
	var chatAck struct{ MessageID string }
	json.Unmarshal(field.Ack.Data, &chatAck)
	if len(field.Events) != 3 || field.Events[1].Event != "susan:response" {
		t.Fatalf("field events %+v", field.Events)
	}
	var susan struct{ ConversationID, ReplyTo, Message string }
	json.Unmarshal(field.Events[1].Payload, &susan)
	if !field.Ack.OK || susan.ConversationID != "field-"+itoa(w.ids["ava"]) || susan.ReplyTo != chatAck.MessageID || susan.Message == "" {
		t.Errorf("field ack %+v, answer %+v", field.Ack, susan)
	}
	script.Decode("fieldRefused", &a)
	if a.OK || a.Error.Code != "forbidden" {
		t.Errorf("message in Ben's conversation: %+v", a)
	}

	var read struct {
		OK   bool
		Data struct{ UserID, Count int64 }
	}
	script.Decode("read", &read)
	inbox, _ := w.floor.Notifications(ctx, w.ids["ava"])
	if !read.OK || read.Data.UserID != w.ids["ava"] || read.Data.Count != int64(inbox.Unread) || inbox.Items[0].Title != "Cy logged a sale for you" || !inbox.Items[0].Read {
		t.Errorf("read ack %+v, inbox %+v", read, inbox)
	}
	script.Decode("readBad", &a)
	if a.OK || a.Error.Code != "bad_request" {
		t.Errorf("bad id: %+v", a)
	}
	var progress struct {
		OK   bool
		Data struct {
			ModuleID, LessonID string
			PercentComplete    float64
			TotalLessons       int
		}
	}
	script.Decode("progress", &progress)
	if !progress.OK || progress.Data.ModuleID != "objections" || progress.Data.LessonID != "objections-101" || progress.Data.PercentComplete != 40/float64(progress.Data.TotalLessons) {
		t.Errorf("progress %+v", progress)
	}
	script.Decode("progressBad", &a)
	if a.OK || a.Error.Code != "bad_request" {
		t.Errorf("progress in a lesson of another module: %+v", a)
	}
	// Ava logs out: her four sockets are closed at once, nobody else's.
	token := strings.TrimPrefix(w.cookies["ava"], auth.CookieName+"=")
	if err := w.sessions.Logout(ctx, token); err != nil {
		t.Fatal(err)
	}
	if n := w.live.SignedOut(ctx, token); n != 4 {
		t.Errorf("SignedOut closed %d sockets, want Ava's 4", n)
	}
	script.Send("go")
	script.Expect("signedOut", `{"reasons":{"ava":"io server disconnect","avaField":"io server disconnect","avaMain":"io server disconnect","avaTraining":"io server disconnect"},"benConnected":true,"tvConnected":true}`)
	script.Expect("done", "true")

	w.live.XPGained(ctx, live.XPGainEvent{UserID: 123, UserName: "Ava", Amount: 50, Source: "Quiz: objection-handling-1", NewTotal: 50, Timestamp: time.Now()})

	shutdown, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := w.socket.Shutdown(shutdown); err != nil {
		t.Fatal(err)
	}
	if err := w.live.Close(shutdown); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		// The seed's line, and the generated emitter's own.
		fmt.Sprintf("[Leaderboard] Broadcasted ranking update for user %d", w.ids["ben"]),
		"[Training] XP gained for user 123: +50",
		"[Leaderboard] Emitted rankings:update to every client: ",
		"[Training] Roleplay response", "[Field] Susan response", "[Main] Notified user",
	} {
		if !strings.Contains(w.logs.String(), want) {
			t.Errorf("log lacks %q", want)
		}
	}
	if strings.Contains(w.logs.String(), "could not send") {
		t.Errorf("a payload was refused:\n%s", w.logs.String())
	}
}

// TestCloseWaitsForReplies checks that Close lets a reply in preparation finish, and cancels it
// once its context ends.
func TestCloseWaitsForReplies(t *testing.T) {
	w := newWorld(t)
	release := make(chan struct{})
	finished := make(chan error, 1)
	w.live.background(func(ctx context.Context) {
		select {
		case <-release:
			finished <- nil
		case <-ctx.Done():
			finished <- ctx.Err()
		}
	})
	go func() {
		time.Sleep(20 * time.Millisecond)
		close(release)
	}()
	if err := w.live.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := <-finished; err != nil {
		t.Fatalf("a reply was cut short: %v", err)
	}

	w = newWorld(t)
	w.live.background(func(ctx context.Context) {
		<-ctx.Done()
		finished <- ctx.Err()
	})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := w.live.Close(ctx); err == nil {
		t.Fatal("Close reported success past its deadline")
	}
	if err := <-finished; err == nil {
		t.Fatal("the reply was not cancelled")
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

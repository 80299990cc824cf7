package socketio

import (
	"context"
	"errors"
	"log/slog"
	"regexp"
	"strings"
	"testing"
)

type rankUpdate struct {
	UserID  int64  `json:"userId"`
	NewRank int    `json:"newRank"`
	Note    string `json:"note,omitempty"`
}

func (r *rankUpdate) Validate() error {
	if r.NewRank < 1 {
		return errors.New("newRank must be at least 1")
	}
	if r.UserID == 13 {
		return &Error{Code: CodeForbidden, Message: "unlucky", Details: []string{"userId"}}
	}
	return nil
}

func TestHandleEvent(t *testing.T) {
	srv, logs := newTestServer(t, Config{})
	n := srv.Of("/leaderboard")
	got := make(chan rankUpdate, 4)
	HandleEvent(n, "rank:set", func(ctx context.Context, s *Socket, p rankUpdate) error {
		switch p.UserID {
		case 99:
			return errors.New("database down")
		case 98:
			return &Error{Code: CodeNotFound, Message: "no such user"}
		case 97:
			panic("handler bug")
		}
		got <- p
		return nil
	})
	HandleEvent(n, "ping", func(ctx context.Context, s *Socket, p struct{}) error { return nil })
	HandleEvent(n, "join:user", func(ctx context.Context, s *Socket, userID int64) error {
		s.Join("user:" + string(rune('0'+userID)))
		return nil
	})

	c := dial(t, srv)
	c.join("/leaderboard")
	const ns = "42/leaderboard,"
	const ack = "43/leaderboard,"

	c.send(ns + `1["rank:set",{"userId":1,"newRank":5,"extra":true}]`)
	c.expect(ack + `1[{"ok":true}]`)
	if p := <-got; p.UserID != 1 || p.NewRank != 5 {
		t.Fatalf("payload = %+v", p)
	}
	c.send(ns + `["rank:set",{"userId":2,"newRank":3}]`) // no ack, success: silence
	<-got

	for _, tc := range []struct{ in, want string }{
		{`2["rank:set",{"userId":1,"newRank":0}]`, `2[{"ok":false,"error":{"code":"bad_request","message":"newRank must be at least 1"}}]`},
		{`3["rank:set",{"userId":13,"newRank":2}]`, `3[{"ok":false,"error":{"code":"forbidden","message":"unlucky","details":["userId"]}}]`},
		{`4["rank:set"]`, `4[{"ok":false,"error":{"code":"bad_request","message":"missing payload"}}]`},
		{`5["rank:set","nope"]`, `5[{"ok":false,"error":{"code":"bad_request","message":"invalid payload: json: cannot unmarshal string into Go value of type socketio.rankUpdate"}}]`},
		{`6["rank:set",{"userId":99,"newRank":1}]`, `6[{"ok":false,"error":{"code":"internal","message":"internal error"}}]`},
		{`7["rank:set",{"userId":98,"newRank":1}]`, `7[{"ok":false,"error":{"code":"not_found","message":"no such user"}}]`},
		{`8["rank:set",{"userId":97,"newRank":1}]`, `8[{"ok":false,"error":{"code":"internal","message":"internal error"}}]`},
		{`9["ping"]`, `9[{"ok":true}]`},
		{`10["join:user",3]`, `10[{"ok":true}]`},
		{`11["join:user","3"]`, `11[{"ok":false,"error":{"code":"bad_request","message":"invalid payload: json: cannot unmarshal string into Go value of type int64"}}]`},
	} {
		c.send(ns + tc.in)
		c.expect(ack + tc.want)
	}
	// Without an ack id, failures arrive as the `error` event.
	c.send(ns + `["rank:set",{"userId":98,"newRank":1}]`)
	c.expect(ns + `["error",{"code":"not_found","message":"no such user","event":"rank:set"}]`)
	c.send(ns + `["rank:set",{"userId":13,"newRank":1}]`)
	c.expect(ns + `["error",{"code":"forbidden","message":"unlucky","event":"rank:set","details":["userId"]}]`)
	if n, _ := n.RoomSize(context.Background(), "user:3"); n != 1 {
		t.Fatal("join:user handler did not run")
	}
	if !strings.Contains(logs.String(), "Handler for rank:set failed: database down") {
		t.Fatalf("internal error not logged:\n%s", logs)
	}
	if strings.Contains(c.tr.framesText(), "database down") {
		t.Fatal("an internal error message reached the client")
	}
}

func (f *fakeTransport) framesText() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var b strings.Builder
	for _, fr := range f.frames {
		b.WriteString(fr.String())
		b.WriteByte('\n')
	}
	return b.String()
}

type answer struct {
	Rank  int    `json:"rank"`
	Label string `json:"label"`
}

func TestHandleEventAck(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	n := srv.Of("/")
	HandleEventAck(n, "rank:get", func(ctx context.Context, s *Socket, userID int64) (answer, error) {
		if userID < 0 {
			return answer{}, &Error{Code: CodeBadRequest, Message: "negative id"}
		}
		return answer{Rank: int(userID) + 1, Label: "<top>"}, nil
	})
	HandleEventAck(n, "blob", func(ctx context.Context, s *Socket, b []byte) (int, error) { return len(b), nil })
	c := dial(t, srv)
	c.join("/")
	c.send(`421["rank:get",4]`)
	c.expect(`431[{"ok":true,"data":{"rank":5,"label":"<top>"}}]`)
	c.send(`422["rank:get",-1]`)
	c.expect(`432[{"ok":false,"error":{"code":"bad_request","message":"negative id"}}]`)
	c.send(`42["rank:get",4]`) // no ack id: the result is dropped
	c.send(`451-3["blob",`+ph0+`]`, []byte{1, 2, 3})
	c.expect(`433[{"ok":true,"data":3}]`)
}

func TestReportFailure(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	srv.Of("/").On("move", func(ctx context.Context, s *Socket, args Args, ack AckFunc) {
		var from, to string
		if args.Decode(0, &from) != nil || args.Decode(1, &to) != nil {
			ReportFailure(s, "move", ack, NewError(CodeBadRequest, "move takes two strings"))
			return
		}
		ReportFailure(s, "move", ack, errors.New("disk on fire"))
	})
	c := dial(t, srv)
	c.join("/")
	c.send(`421["move",1]`)
	c.expect(`431[{"ok":false,"error":{"code":"bad_request","message":"move takes two strings"}}]`)
	c.send(`42["move",1]`)
	c.expect(`42["error",{"code":"bad_request","message":"move takes two strings","event":"move"}]`)
	c.send(`42["move","a","b"]`) // not an *Error: hidden behind code internal
	c.expect(`42["error",{"code":"internal","message":"internal error","event":"move"}]`)
}

func TestRegistrationMistakesPanic(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	n := srv.Of("/")
	n.On("x", func(context.Context, *Socket, Args, AckFunc) {})
	for name, fn := range map[string]func(){
		"reserved":  func() { n.On("connect", func(context.Context, *Socket, Args, AckFunc) {}) },
		"nil":       func() { n.On("y", nil) },
		"duplicate": func() { HandleEvent(n, "x", func(context.Context, *Socket, int) error { return nil }) },
		"comma":     func() { srv.Of("/a,b") },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			fn()
		}()
	}
	if srv.Of("admin") != srv.Of("/admin") || srv.Of("") != srv.Of("/") {
		t.Fatal("namespace names are not normalised")
	}
}

func TestLogging(t *testing.T) {
	buf := &syncBuffer{}
	logger := slog.New(slog.NewTextHandler(buf, nil))
	srv := NewServer(Config{Logger: logger})
	n := srv.Of("/leaderboard")
	srv.Of("/training", WithLogLabel("Training"))
	srv.Of("/field-chat")
	n.OnConnection(func(ctx context.Context, s *Socket) {
		s.Logger().Info("Broadcasted ranking update for user 456")
	})
	c := dial(t, srv)
	id := c.join("/leaderboard")
	c.join("/training")
	c.join("/field-chat")
	c.join("/")
	c.send("41/leaderboard,")
	waitFor(t, "disconnect log", func() bool { return strings.Contains(buf.String(), "Client disconnected: "+id) })

	logs := buf.String()
	for _, want := range []string{
		`level=INFO msg="[Leaderboard] Client connected: ` + id + `" namespace=/leaderboard socket=` + id,
		`msg="[Leaderboard] Broadcasted ranking update for user 456" namespace=/leaderboard socket=` + id,
		`msg="[Leaderboard] Client disconnected: ` + id + ` (client namespace disconnect)" namespace=/leaderboard socket=` + id + ` reason="client namespace disconnect"`,
		`msg="[Training] Client connected: `,
		`msg="[FieldChat] Client connected: `,
		`msg="[Main] Client connected: `,
	} {
		if !strings.Contains(logs, want) {
			t.Errorf("log lacks %s\n%s", want, logs)
		}
	}
	if regexp.MustCompile(`Leaderboard\] \[`).MatchString(logs) {
		t.Errorf("label prefixed twice:\n%s", logs)
	}
	if n.Logger() == nil {
		t.Fatal("nil namespace logger")
	}
}

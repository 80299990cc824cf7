package main

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/rtgen/rtgen/generated/realtime"
	"github.com/rtgen/rtgen/internal/schema"
	"github.com/rtgen/rtgen/runtime/socketio"
)

func setup(t *testing.T) (*schema.Schema, *control) {
	t.Helper()
	s, err := schema.Load("../../schema/events.yaml")
	if err != nil {
		t.Fatal(err)
	}
	fx, err := BuildFixtures(s)
	if err != nil {
		t.Fatal(err)
	}
	a := newApp(fx)
	rt, err := realtime.Register(socketio.NewServer(socketio.Config{}), realtime.Config{
		Authenticate: authenticate, LeaderboardAuthorizer: a, Training: a, TrainingAuthorizer: a,
		Field: a, FieldAuthorizer: a, Main: a,
	})
	if err != nil {
		t.Fatal(err)
	}
	return s, &control{schema: s, fx: fx, app: a, rt: rt}
}

// Every server event of the schema has fixtures, and every sample goes
// through every one of its generated emitters: decoded strictly into the
// emitter's Go types and validated by them.
func TestServerFixturesEmit(t *testing.T) {
	s, c := setup(t)
	for i, ns := range s.Namespaces {
		nf := c.fx.Namespaces[i]
		if nf.Name != ns.Name || len(nf.ServerEvents) != len(ns.Emits) || len(nf.ClientEvents) != len(ns.Receives) {
			t.Fatalf("fixtures of %s do not cover its events", ns.Name)
		}
		for _, sf := range nf.ServerEvents {
			if len(sf.Samples) == 0 || len(sf.Emitters) == 0 {
				t.Errorf("%s %s: %d samples, %d emitters", ns.Name, sf.Event, len(sf.Samples), len(sf.Emitters))
			}
			for _, em := range sf.Emitters {
				for _, sample := range sf.Samples {
					req := EmitRequest{Namespace: ns.Name, Method: em.Method, Message: em.Message, Payload: sample}
					for _, p := range em.Params {
						req.Params = append(req.Params, mustJSON(t, p))
					}
					if err := c.emit(req); err != nil {
						t.Errorf("%s %s via %s: %v", ns.Name, sf.Event, em.Method, err)
					}
				}
			}
		}
	}
}

// Every client event sample decodes strictly into its handler's payload
// type and passes its validation, and every ack sample into the ack type.
func TestClientFixturesDecode(t *testing.T) {
	s, c := setup(t)
	config := reflect.TypeOf(realtime.Config{})
	for i, ns := range s.Namespaces {
		handler, ok := config.FieldByName(ns.GoName)
		if !ok {
			if len(ns.Receives) > 0 {
				t.Errorf("realtime.Config has no handler field %s", ns.GoName)
			}
			continue
		}
		for _, cf := range c.fx.Namespaces[i].ClientEvents {
			m, ok := handler.Type.MethodByName(cf.Method)
			if !ok {
				t.Errorf("%s has no method %s", handler.Type, cf.Method)
				continue
			}
			for _, sample := range cf.Samples {
				p := reflect.New(m.Type.In(2))
				if err := decodeStrict(sample, p.Interface()); err != nil {
					t.Errorf("%s %s sample: %v", ns.Name, cf.Event, err)
					continue
				}
				if v, ok := p.Elem().Interface().(socketio.Validator); ok {
					if err := v.Validate(); err != nil {
						t.Errorf("%s %s sample does not validate: %v", ns.Name, cf.Event, err)
					}
				}
			}
			if cf.Ack != nil {
				ack := reflect.New(m.Type.Out(0))
				if err := decodeStrict(cf.Ack, ack.Interface()); err != nil {
					t.Errorf("%s %s ack: %v", ns.Name, cf.Event, err)
				}
			}
		}
	}
}

// The passing session passes every rule; its claims decode into Session.
func TestPassingSession(t *testing.T) {
	_, c := setup(t)
	var sess realtime.Session
	if err := decodeStrict(mustJSON(t, c.fx.Session), &sess); err != nil {
		t.Fatal(err)
	}
	if sess.UserID == 0 || len(sess.TeamIDs) == 0 || len(sess.Roles) == 0 {
		t.Errorf("session %+v lacks claims the rules read", sess)
	}
}

func TestEmitErrors(t *testing.T) {
	_, c := setup(t)
	for _, tc := range []struct {
		req  EmitRequest
		want string
	}{
		{EmitRequest{Namespace: "/nope", Method: "X"}, `no namespace "/nope"`},
		{EmitRequest{Namespace: "/leaderboard", Method: "Nope", Payload: json.RawMessage(`{}`)}, "has no emitter Nope"},
		{EmitRequest{Namespace: "/leaderboard", Method: "BroadcastRankingUpdate", Payload: json.RawMessage(`{"bogus":1}`)}, "unknown field"},
		{EmitRequest{Namespace: "/leaderboard", Method: "BroadcastRankingUpdate", Payload: json.RawMessage(`{"newRank":0}`)}, "newRank"},
		{EmitRequest{Namespace: "/leaderboard", Method: "NotifyUserRankChange", Payload: json.RawMessage(`{}`)}, "takes 2 arguments"},
	} {
		err := c.emit(tc.req)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("emit(%+v) = %v, want an error containing %q", tc.req, err, tc.want)
		}
	}
}

func TestParseToken(t *testing.T) {
	s, err := parseToken("user:7:team:5,6:roles:admin,manager")
	if err != nil {
		t.Fatal(err)
	}
	want := &realtime.Session{UserID: 7, UserName: "User 7", TeamIDs: []int64{5, 6}, Roles: []realtime.Role{"admin", "manager"}}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("parseToken = %+v, want %+v", s, want)
	}
	for _, bad := range []string{"", "team:5", "user:x", "user:7:team", "user:7:colour:red"} {
		if _, err := parseToken(bad); err == nil {
			t.Errorf("parseToken(%q) succeeded", bad)
		}
	}
	var se *socketio.Error
	if _, err := authenticate(context.Background(), &socketio.Handshake{Auth: json.RawMessage(`{}`)}); !errors.As(err, &se) || se.Code != socketio.CodeUnauthorized {
		t.Errorf("authenticate without credentials = %v, want unauthorized", err)
	}
}

func mustJSON(t *testing.T, v any) json.RawMessage {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

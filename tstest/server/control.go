package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"

	"github.com/rtgen/rtgen/generated/realtime"
	"github.com/rtgen/rtgen/internal/schema"
	"github.com/rtgen/rtgen/runtime/socketio"
)

// EmitRequest asks the server to call a generated emitter.
type EmitRequest struct {
	Namespace string `json:"namespace"`
	// Method is the emitter, a method of the namespace's field of
	// realtime.Server (BroadcastRankingUpdate, NotifyUserRankChange, …).
	Method string `json:"method"`
	// Params are the arguments before the payload (room parameters).
	Params []json.RawMessage `json:"params"`
	// Message names the event a room's generic emitter (NotifyTeam) sends.
	Message string          `json:"message,omitempty"`
	Payload json.RawMessage `json:"payload"`
}

// control serves the test's side door: fixtures, emitting through the
// generated emitters, what the handlers received and who is connected.
type control struct {
	schema *schema.Schema
	fx     *Fixtures
	app    *app
	rt     *realtime.Server
}

func (c *control) routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /control/fixtures", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, c.fx) })
	mux.HandleFunc("GET /control/received", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, c.app.Received()) })
	mux.HandleFunc("GET /control/sockets", c.sockets)
	mux.HandleFunc("POST /control/emit", func(w http.ResponseWriter, r *http.Request) {
		var req EmitRequest
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, "emit request: "+err.Error(), http.StatusBadRequest)
			return
		}
		if err := c.emit(req); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}

// emit calls the emitter req names: by reflection for the schema's typed
// emitters, so that every emitter the schema declares is reachable without
// a list here, and through roomMessages for generic room emitters.
func (c *control) emit(req EmitRequest) error {
	ns := c.schema.Namespace(req.Namespace)
	if ns == nil {
		return fmt.Errorf("no namespace %q", req.Namespace)
	}
	if req.Message != "" {
		send, ok := roomMessages[req.Namespace+" "+req.Method+" "+req.Message]
		if !ok {
			return fmt.Errorf("no room message %s %s %s in the test server", req.Namespace, req.Method, req.Message)
		}
		return send(c.rt, req.Params, req.Payload)
	}
	emitters := reflect.ValueOf(c.rt).Elem().FieldByName(ns.GoName)
	if !emitters.IsValid() {
		return fmt.Errorf("realtime.Server has no field %s for namespace %s", ns.GoName, ns.Name)
	}
	m := emitters.MethodByName(req.Method)
	if !m.IsValid() {
		return fmt.Errorf("%s has no emitter %s", ns.GoName, req.Method)
	}
	mt := m.Type()
	raws := append(append([]json.RawMessage{}, req.Params...), req.Payload)
	if req.Payload == nil {
		raws = req.Params
	}
	if mt.NumIn() != len(raws) || mt.NumOut() != 1 {
		return fmt.Errorf("%s.%s takes %d arguments, the request has %d", ns.GoName, req.Method, mt.NumIn(), len(raws))
	}
	args := make([]reflect.Value, len(raws))
	for i, raw := range raws {
		v := reflect.New(mt.In(i))
		if err := decodeStrict(raw, v.Interface()); err != nil {
			return fmt.Errorf("%s.%s argument %d: %w", ns.GoName, req.Method, i, err)
		}
		args[i] = v.Elem()
	}
	if err, _ := m.Call(args)[0].Interface().(error); err != nil {
		return fmt.Errorf("%s.%s: %w", ns.GoName, req.Method, err)
	}
	return nil
}

// roomMessages send the events of rooms with a generic emitter, whose
// message constructors reflection cannot find.
var roomMessages = map[string]func(rt *realtime.Server, params []json.RawMessage, payload json.RawMessage) error{
	"/leaderboard NotifyTeam team:goal-reached": func(rt *realtime.Server, params []json.RawMessage, payload json.RawMessage) error {
		var teamID int64
		var goal realtime.TeamGoal
		if len(params) != 1 {
			return errors.New("NotifyTeam takes the team id")
		}
		if err := errors.Join(decodeStrict(params[0], &teamID), decodeStrict(payload, &goal)); err != nil {
			return err
		}
		return rt.Leaderboard.NotifyTeam(teamID, realtime.LeaderboardTeamGoalReached(goal))
	},
}

// decodeStrict decodes JSON refusing unknown fields, so that a sample field
// the Go type lacks is an error rather than silently dropped.
func decodeStrict(raw json.RawMessage, v any) error {
	d := json.NewDecoder(bytes.NewReader(raw))
	d.DisallowUnknownFields()
	return d.Decode(v)
}

// SocketState is one connected socket, as the server sees it.
type SocketState struct {
	ID     string   `json:"id"`
	Rooms  []string `json:"rooms"`
	UserID int64    `json:"userId"`
}

func (c *control) sockets(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("namespace")
	ns := c.schema.Namespace(name)
	if ns == nil {
		http.Error(w, fmt.Sprintf("no namespace %q", name), http.StatusBadRequest)
		return
	}
	sns, err := c.namespace(ns)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	infos, err := sns.Sockets(r.Context())
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	out := []SocketState{}
	for _, info := range infos {
		st := SocketState{ID: info.ID, Rooms: info.Rooms}
		if s, ok := info.Session.(*realtime.Session); ok {
			st.UserID = s.UserID
		}
		out = append(out, st)
	}
	writeJSON(w, out)
}

// namespace returns the runtime namespace behind a generated one.
func (c *control) namespace(ns *schema.Namespace) (*socketio.Namespace, error) {
	field := reflect.ValueOf(c.rt).Elem().FieldByName(ns.GoName)
	if !field.IsValid() {
		return nil, fmt.Errorf("realtime.Server has no field %s for namespace %s", ns.GoName, ns.Name)
	}
	withNS, ok := field.Interface().(interface{ Namespace() *socketio.Namespace })
	if !ok {
		return nil, fmt.Errorf("realtime.%s has no Namespace method", ns.GoName)
	}
	return withNS.Namespace(), nil
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	if err := json.NewEncoder(w).Encode(v); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

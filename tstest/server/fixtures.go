package main

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/rtgen/rtgen/internal/schema"
)

// Fixtures is what the contract tests run through both ends, built from the
// schema alone so that an event the schema adds is covered without a test
// change: per namespace, the rooms to join, every server event with each of
// its emitters and sample payloads, every declared client event with sample
// payloads and the ack the handler answers with.
type Fixtures struct {
	// Session is a session that passes every room rule of the schema with
	// the sample room parameters (hooks allow every value but "denied").
	Session    map[string]any      `json:"session"`
	Namespaces []NamespaceFixtures `json:"namespaces"`
}

// NamespaceFixtures are one namespace's fixtures.
type NamespaceFixtures struct {
	Name         string          `json:"name"`
	Rooms        []RoomFixture   `json:"rooms"`
	ServerEvents []ServerFixture `json:"serverEvents"`
	ClientEvents []ClientFixture `json:"clientEvents"`
}

// RoomFixture is one room with the sample parameters.
type RoomFixture struct {
	Template   string `json:"template"`
	Name       string `json:"name"`
	JoinEvent  string `json:"joinEvent"`
	LeaveEvent string `json:"leaveEvent"`
	// JoinArgs are the join event's arguments: none, the parameter, or an
	// object of parameters.
	JoinArgs []any `json:"joinArgs"`
}

// ServerFixture is a server event, how to emit it and what to send.
type ServerFixture struct {
	Event string `json:"event"`
	// Emitters are the generated methods that send the event, one per
	// target, with the room arguments they take before the payload.
	Emitters []Emitter `json:"emitters"`
	// Samples are payloads in wire form: every optional field present, then
	// every optional field absent (the same when there are none).
	Samples []json.RawMessage `json:"samples"`
}

// Emitter is a generated emitter method and its arguments before the payload.
type Emitter struct {
	Method string `json:"method"`
	Params []any  `json:"params"`
	// Message is set for a room's generic emitter (NotifyTeam): the event
	// it is asked to send.
	Message string `json:"message,omitempty"`
}

// ClientFixture is a declared client event, its samples and the handler's answer.
type ClientFixture struct {
	Event string `json:"event"`
	// Method is the generated handler method the event reaches.
	Method  string            `json:"method"`
	Samples []json.RawMessage `json:"samples"`
	// PayloadTimes are the time paths of the payload, which a client sends
	// as Date objects.
	PayloadTimes [][]string `json:"payloadTimes"`
	// Ack is what the handler answers with; null when the event has no ack.
	Ack json.RawMessage `json:"ack"`
}

// sampleBase is the first sample time; later ones step by a second and a
// few nanoseconds, so that sub-millisecond digits travel too.
var sampleBase = time.Date(2026, 3, 14, 15, 9, 26, 535897932, time.UTC)

// sampler makes sample values. Room parameters take one value per
// parameter name everywhere (payload fields of the same name included), so
// that payload-routed events reach the rooms the client joined; every other
// value is distinct, so that a field swapped with another is noticed.
type sampler struct {
	n      int
	params map[string]any
	// full is false for the variant that leaves optional fields out.
	full bool
}

// BuildFixtures derives the fixtures of s.
func BuildFixtures(s *schema.Schema) (*Fixtures, error) {
	params := paramSamples(s)
	fx := &Fixtures{}
	session, err := passingSession(s, params)
	if err != nil {
		return nil, err
	}
	fx.Session = session
	for _, ns := range s.Namespaces {
		nf := NamespaceFixtures{Name: ns.Name, Rooms: []RoomFixture{}, ServerEvents: []ServerFixture{}, ClientEvents: []ClientFixture{}}
		for _, r := range ns.Rooms {
			nf.Rooms = append(nf.Rooms, roomFixture(r, params))
		}
		for i, ev := range ns.Emits {
			sf := ServerFixture{Event: ev.Name, Samples: samples(ev.Payload, params, 1000*(i+1))}
			for _, t := range ev.Targets {
				em := Emitter{Method: t.Method, Params: []any{}}
				if t.Room != nil && !ev.ParamsFromPayload {
					for _, p := range t.Room.Params {
						em.Params = append(em.Params, params[p.Name])
					}
				}
				sf.Emitters = append(sf.Emitters, em)
				if t.Room != nil && t.Room.Method != "" {
					generic := Emitter{Method: t.Room.Method, Params: []any{}, Message: ev.Name}
					for _, p := range t.Room.Params {
						generic.Params = append(generic.Params, params[p.Name])
					}
					sf.Emitters = append(sf.Emitters, generic)
				}
			}
			nf.ServerEvents = append(nf.ServerEvents, sf)
		}
		for i, ev := range ns.Receives {
			cf := ClientFixture{Event: ev.Name, Method: ev.Method, Samples: samples(ev.Payload, params, 500*(i+1))}
			if ev.Payload != nil {
				cf.PayloadTimes = ev.Payload.TimePaths()
			}
			if ev.Ack != nil {
				cf.Ack = samples(ev.Ack, params, 700*(i+1))[0]
			}
			nf.ClientEvents = append(nf.ClientEvents, cf)
		}
		fx.Namespaces = append(fx.Namespaces, nf)
	}
	return fx, nil
}

// paramSamples assigns each room parameter name a value of its type, in
// schema order: integers from 100, strings "<name>-1", enums their first
// value.
func paramSamples(s *schema.Schema) map[string]any {
	out := map[string]any{}
	next := 100
	for _, ns := range s.Namespaces {
		for _, r := range ns.Rooms {
			for _, p := range r.Params {
				if _, ok := out[p.Name]; ok {
					continue
				}
				switch {
				case p.Type.Kind == schema.KindInteger:
					out[p.Name] = next
					next++
				case p.Type.IsEnum():
					out[p.Name] = p.Type.Type.Values[0].Value
				default:
					out[p.Name] = p.Name + "-1"
				}
			}
		}
	}
	return out
}

// passingSession returns session claims under which every room rule passes
// for the sample parameters: a claim a rule compares with a parameter holds
// the parameter's sample, the roles claim holds every role, and every other
// claim a sample value.
func passingSession(s *schema.Schema, params map[string]any) (map[string]any, error) {
	claims := map[string]any{}
	var visit func(r *schema.Rule) error
	visit = func(r *schema.Rule) error {
		switch r.Kind {
		case schema.RuleEquals:
			claims[r.Claim.Name] = params[r.Param.Name]
		case schema.RuleIn:
			list, _ := claims[r.Claim.Name].([]any)
			claims[r.Claim.Name] = append(list, params[r.Param.Name])
		case schema.RuleAny, schema.RuleAll:
			for _, sub := range r.Rules {
				if err := visit(sub); err != nil {
					return err
				}
			}
		}
		return nil
	}
	for _, ns := range s.Namespaces {
		for _, r := range ns.Rooms {
			if err := visit(r.Join); err != nil {
				return nil, err
			}
		}
	}
	if roles := s.Session.Roles; roles != nil {
		elem := roles.Type.Elem
		if !elem.IsEnum() {
			return nil, fmt.Errorf("roles claim %s is not a list of an enum", roles.Name)
		}
		var all []any
		for _, v := range elem.Type.Values {
			all = append(all, v.Value)
		}
		claims[roles.Name] = all
	}
	sm := &sampler{n: 900, params: params, full: true}
	for _, c := range s.Session.Claims {
		if _, ok := claims[c.Name]; !ok {
			claims[c.Name] = sm.value(c)
		}
	}
	return claims, nil
}

func roomFixture(r *schema.Room, params map[string]any) RoomFixture {
	f := RoomFixture{Template: r.Template, JoinEvent: r.JoinEvent.Name, LeaveEvent: r.LeaveEvent.Name, JoinArgs: []any{}}
	var name strings.Builder
	for _, part := range r.Parts {
		if part.Param == nil {
			name.WriteString(part.Literal)
			continue
		}
		fmt.Fprint(&name, params[part.Param.Name])
	}
	f.Name = name.String()
	switch len(r.Params) {
	case 0:
	case 1:
		f.JoinArgs = append(f.JoinArgs, params[r.Params[0].Name])
	default:
		obj := map[string]any{}
		for _, p := range r.Params {
			obj[p.Name] = params[p.Name]
		}
		f.JoinArgs = append(f.JoinArgs, obj)
	}
	return f
}

// samples returns the full and the minimal sample of t, starting the
// distinct values at seed; nil when t is nil (an event without payload).
func samples(t *schema.TypeRef, params map[string]any, seed int) []json.RawMessage {
	if t == nil {
		return nil
	}
	var out []json.RawMessage
	for _, full := range []bool{true, false} {
		sm := &sampler{n: seed, params: params, full: full}
		b, err := json.Marshal(sm.of(t, nil))
		if err != nil {
			panic(err) // sample values are plain JSON values
		}
		out = append(out, b)
	}
	return out
}

// value samples a field, honouring its constraints and room parameter names.
func (sm *sampler) value(f *schema.Field) any {
	if v, ok := sm.params[f.Name]; ok && f.Type.IsScalar() {
		return v
	}
	return sm.of(f.Type, f)
}

// of samples a value of t; f, when set, is the field it fills.
func (sm *sampler) of(t *schema.TypeRef, f *schema.Field) any {
	sm.n++
	var c schema.Constraints
	if f != nil {
		c = f.Constraints
	}
	switch t.Kind {
	case schema.KindString:
		s := "s" + strconv.Itoa(sm.n)
		if f != nil {
			s = f.Name + "-" + strconv.Itoa(sm.n)
		}
		for c.MinLength != nil && len([]rune(s)) < *c.MinLength {
			s += "x"
		}
		if c.MaxLength != nil && len([]rune(s)) > *c.MaxLength {
			s = string([]rune(s)[:*c.MaxLength])
		}
		return s
	case schema.KindInteger:
		return int64(clamp(float64(sm.n), c))
	case schema.KindFloat:
		return clamp(float64(sm.n)+0.25, c)
	case schema.KindBool:
		return sm.n%2 == 0
	case schema.KindTime:
		return sampleBase.Add(time.Duration(sm.n)*time.Second + time.Duration(sm.n)).Format(time.RFC3339Nano)
	case schema.KindList:
		n := items(c)
		list := make([]any, n)
		for i := range list {
			list[i] = sm.of(t.Elem, nil)
		}
		return list
	case schema.KindMap:
		m := map[string]any{}
		for i := range items(c) {
			m["key"+strconv.Itoa(i+1)] = sm.of(t.Elem, nil)
		}
		return m
	case schema.KindNamed:
		if t.Type.Kind == schema.EnumType {
			return t.Type.Values[sm.n%len(t.Type.Values)].Value
		}
		obj := map[string]any{}
		for _, field := range t.Type.Fields {
			if field.Optional && !sm.full {
				continue
			}
			obj[field.Name] = sm.value(field)
		}
		return obj
	}
	panic(fmt.Sprintf("unknown type kind %d", t.Kind))
}

// clamp moves v into the field's bounds, keeping it distinct where the
// bounds allow.
func clamp(v float64, c schema.Constraints) float64 {
	if c.Max != nil && v > *c.Max {
		lo := 0.0
		if c.Min != nil {
			lo = *c.Min
		}
		span := *c.Max - lo
		if span <= 0 {
			return *c.Max
		}
		v = lo + float64(int(v)%int(span+1))
		if v > *c.Max {
			v = *c.Max
		}
	}
	if c.Min != nil && v < *c.Min {
		v = *c.Min
	}
	return v
}

// items is how many elements a sample list or map gets: two, within bounds.
func items(c schema.Constraints) int {
	n := 2
	if c.MinItems != nil && n < *c.MinItems {
		n = *c.MinItems
	}
	if c.MaxItems != nil && n > *c.MaxItems {
		n = *c.MaxItems
	}
	return n
}

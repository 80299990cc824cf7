package schema

import (
	"fmt"

	"github.com/rtgen/rtgen/internal/naming"
	"gopkg.in/yaml.v3"
)

func (p *parser) newEvent(ns *Namespace, e entry, dir Direction) *Event {
	return &Event{
		Name:      e.name,
		GoName:    naming.GoExported(e.name),
		TSName:    naming.TSCamel(e.name),
		Direction: dir,
		Kind:      EventDeclared,
		Namespace: ns,
		Pos:       e.pos,
	}
}

func (p *parser) parseEmit(ns *Namespace, e entry) {
	ev := p.newEvent(ns, e, ServerToClient)
	ok := p.checkEventName(e.name, e.pos)
	what := fmt.Sprintf("event %q", e.name)
	o := p.object(e.val, what, emitKeys...)
	if o == nil || !ok {
		return
	}
	ns.Emits = append(ns.Emits, ev)
	ev.Doc = p.text(o.get("doc"), "doc")
	ev.Payload = p.payload(o.get("payload"), what, "payload")
	if n := p.require(o, "to", what, "where it is sent: all, a room, or a list of them"); n != nil {
		p.parseTargets(ev, n)
	}
	p.targetMethods(ev, o.get("method"))
	if n := o.get("paramsFrom"); n != nil {
		p.paramsFrom(ev, n)
	}
	p.delivery(ev, o.get("delivery"))
	for _, t := range ev.Targets {
		if t.Room != nil {
			t.Room.Emits = append(t.Room.Emits, ev)
		}
	}
}

func (p *parser) parseReceive(ns *Namespace, e entry) {
	ev := p.newEvent(ns, e, ClientToServer)
	ok := p.checkEventName(e.name, e.pos)
	what := fmt.Sprintf("event %q", e.name)
	o := p.object(e.val, what, receiveKeys...)
	if o == nil || !ok {
		return
	}
	ns.Receives = append(ns.Receives, ev)
	ev.Doc = p.text(o.get("doc"), "doc")
	ev.Payload = p.payload(o.get("payload"), what, "payload")
	if n := o.get("ack"); n != nil {
		ev.Ack = p.payload(n, what, "ack")
	}
	ev.Method = "On" + ev.GoName
	if n := o.get("method"); n != nil {
		if s, ok := p.str(n, "method"); ok && p.checkGoMethodName(s, p.pos(n), "method") {
			ev.Method = s
		}
	}
}

// delivery reads `delivery:`: replay (the default), volatile, latest (the
// event is its own key) or {latest: <payload field>}.
func (p *parser) delivery(ev *Event, n *yaml.Node) {
	ev.Delivery = DeliveryReplay
	if n == nil {
		return
	}
	ev.DeliveryPos = p.pos(n)
	const hint = "replay, volatile, latest, or {latest: <payload field>}"
	if n.Kind == yaml.MappingNode {
		o := p.object(n, "delivery", deliveryKeys...)
		if o == nil {
			return
		}
		key := p.require(o, "latest", "delivery", "the payload field whose value keys the latest event")
		if key == nil {
			return
		}
		name, ok := p.str(key, "delivery: latest")
		if !ok {
			return
		}
		ev.Delivery = DeliveryLatest
		switch f := p.latestKey(ev, name, p.pos(key)); {
		case f == nil:
		case f.Optional:
			p.errorf(p.pos(key), "delivery: latest: field %q of %s is optional; a key must always be present", name, ev.Payload.Type.Name)
		case !f.Type.IsScalar() || f.Type.Kind == KindFloat || f.Type.Kind == KindTime:
			p.errorf(p.pos(key), "delivery: latest: field %q of %s is %s; a key must be a string, an integer, a bool or an enum", name, ev.Payload.Type.Name, f.Type)
		default:
			ev.LatestKey = f
		}
		return
	}
	s, ok := p.str(n, "delivery")
	if !ok {
		return
	}
	switch s {
	case "replay":
	case "volatile":
		ev.Delivery = DeliveryVolatile
	case "latest":
		ev.Delivery = DeliveryLatest
	default:
		p.errorf(p.pos(n), "unknown delivery %q; %s", s, suggest(s, []string{"replay", "volatile", "latest"}, "expected "+hint))
	}
}

// latestKey resolves the payload field named by `delivery: {latest: name}`,
// reporting why it cannot key the event.
func (p *parser) latestKey(ev *Event, name string, pos Pos) *Field {
	if ev.Payload == nil || !ev.Payload.IsStruct() {
		p.errorf(pos, "delivery: latest: %q needs a struct payload; event %q has %s", name, ev.Name, payloadWords(ev.Payload))
		return nil
	}
	f := ev.Payload.Type.Field(name)
	if f == nil {
		p.errorf(pos, "delivery: latest: %s has no field %q", ev.Payload.Type.Name, name)
	}
	return f
}

// payload reads the type of an event's payload or ack (key); nil when
// absent.
func (p *parser) payload(n *yaml.Node, what, key string) *TypeRef {
	if n == nil {
		return nil
	}
	expr, ok := p.str(n, "the "+key+" of "+what)
	if !ok {
		return nil
	}
	ref, optional := p.typeRef(expr, p.pos(n))
	if optional {
		p.errorf(p.pos(n), "%s: the %s cannot be optional; leave %s out when there is none", what, key, key)
	}
	return ref
}

// parseTargets reads `to:`: "all", a room template, or a list of them.
func (p *parser) parseTargets(ev *Event, n *yaml.Node) {
	names, positions := p.strs(n, "to")
	seen := map[string]Pos{}
	for i, name := range names {
		pos := positions[i]
		if prev, dup := seen[name]; dup {
			p.errorf(pos, "target %q already listed at %s", name, prev)
			continue
		}
		seen[name] = pos
		if name == "all" {
			ev.Targets = append(ev.Targets, &Target{Pos: pos})
			continue
		}
		r := p.roomRef(ev.Namespace, name, pos)
		if r != nil {
			ev.Targets = append(ev.Targets, &Target{Room: r, Pos: pos})
		}
	}
}

// roomRef resolves a room template written as a reference.
func (p *parser) roomRef(ns *Namespace, template string, pos Pos) *Room {
	if r := ns.Room(template); r != nil {
		return r
	}
	templates := []string{"all"}
	for _, r := range ns.Rooms {
		templates = append(templates, r.Template)
	}
	p.errorf(pos, "%s", unknown("room", template, inNamespace(ns), templates))
	return nil
}

// targetMethods names each target's emitter: a name for an event with one
// target, or a mapping from target to name; defaults for the rest.
func (p *parser) targetMethods(ev *Event, n *yaml.Node) {
	named := map[*Target]string{}
	if n != nil {
		switch n.Kind {
		case yaml.ScalarNode:
			if s, ok := p.str(n, "method"); ok && p.checkGoMethodName(s, p.pos(n), "method") {
				if len(ev.Targets) == 1 {
					named[ev.Targets[0]] = s
				} else if len(ev.Targets) > 1 {
					p.errorf(p.pos(n), "event %q has %d targets; give method as a mapping from target to method name", ev.Name, len(ev.Targets))
				}
			}
		default:
			for _, e := range p.entries(n, "target", "method") {
				t := findTarget(ev.Targets, e.name)
				if t == nil {
					p.errorf(e.pos, "method: %q is not a target of event %q", e.name, ev.Name)
					continue
				}
				if s, ok := p.str(e.val, "method"); ok && p.checkGoMethodName(s, p.pos(e.val), "method") {
					named[t] = s
				}
			}
		}
	}
	for _, t := range ev.Targets {
		switch {
		case named[t] != "":
			t.Method = named[t]
		case len(ev.Targets) == 1:
			t.Method = "Emit" + ev.GoName
		case t.Room == nil:
			t.Method = "Emit" + ev.GoName + "ToAll"
		default:
			t.Method = "Emit" + ev.GoName + "To" + t.Room.GoName
		}
	}
}

func findTarget(targets []*Target, name string) *Target {
	for _, t := range targets {
		if t.Room == nil && name == "all" || t.Room != nil && t.Room.Template == name {
			return t
		}
	}
	return nil
}

// paramsFrom reads `paramsFrom:`; with "payload" every room parameter of
// every target comes from the payload field of the same name and type.
func (p *parser) paramsFrom(ev *Event, n *yaml.Node) {
	s, ok := p.str(n, "paramsFrom")
	if !ok {
		return
	}
	switch s {
	case "arguments":
		return
	case "payload":
	default:
		p.errorf(p.pos(n), "paramsFrom must be arguments or payload, not %q", s)
		return
	}
	ev.ParamsFromPayload = true
	hasParams := false
	for _, t := range ev.Targets {
		if t.Room != nil && len(t.Room.Params) > 0 {
			hasParams = true
		}
	}
	if !hasParams {
		p.errorf(p.pos(n), "paramsFrom: payload, but no target of event %q has parameters", ev.Name)
		return
	}
	if ev.Payload == nil || !ev.Payload.IsStruct() {
		p.errorf(p.pos(n), "paramsFrom: payload needs a struct payload; event %q has %s", ev.Name, payloadWords(ev.Payload))
		return
	}
	st := ev.Payload.Type
	for _, t := range ev.Targets {
		if t.Room == nil {
			continue
		}
		for _, param := range t.Room.Params {
			f := st.Field(param.Name)
			switch {
			case f == nil:
				p.errorf(t.Pos, "paramsFrom: payload: %s has no field %q for room %q", st.Name, param.Name, t.Room.Template)
			case f.Optional:
				p.errorf(t.Pos, "paramsFrom: payload: field %q of %s is optional, but room %q always needs it", f.Name, st.Name, t.Room.Template)
			case f.Type != nil && param.Type != nil && !f.Type.Equal(param.Type):
				p.errorf(t.Pos, "paramsFrom: payload: field %q of %s is %s, but param %q of room %q is %s", f.Name, st.Name, f.Type, param.Name, t.Room.Template, param.Type)
			}
			t.ParamFields = append(t.ParamFields, f)
		}
	}
}

func payloadWords(t *TypeRef) string {
	if t == nil {
		return "no payload"
	}
	return "payload " + t.String()
}

func (p *parser) parseQuery(ns *Namespace, e entry) {
	q := &Query{Name: e.name, Pos: e.pos}
	ok := p.checkGoMethodName(e.name, e.pos, "query")
	what := fmt.Sprintf("query %q", e.name)
	o := p.object(e.val, what, queryKeys...)
	if o == nil || !ok {
		return
	}
	q.Doc = p.text(o.get("doc"), "doc")
	var n *yaml.Node
	switch exists, count := o.get("exists"), o.get("count"); {
	case exists != nil && count != nil:
		p.errorf(e.pos, "%s has both exists and count; a query asks one", what)
		return
	case exists != nil:
		q.Kind, n = QueryExists, exists
	case count != nil:
		q.Kind, n = QueryCount, count
	default:
		p.errorf(e.pos, `%s needs "exists: <room>" (is anyone in it?) or "count: <room or all>" (how many?)`, what)
		return
	}
	name, ok := p.str(n, "query target")
	if !ok {
		return
	}
	if name != "all" {
		if q.Room = p.roomRef(ns, name, p.pos(n)); q.Room == nil {
			return
		}
	}
	ns.Queries = append(ns.Queries, q)
}

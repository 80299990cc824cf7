package schema

import (
	"fmt"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

var hookNameRE = regexp.MustCompile(`^use[A-Z][A-Za-z0-9]*$`)

// hookNames keeps one side of a hook's interface (its options, or its
// results) free of repeats and of the names the runtime itself uses.
type hookNames struct {
	p        *parser
	side     string // "option" or "result"
	reserved []string
	seen     map[string]Pos
}

func (h *hookNames) add(name string, pos Pos, what string) bool {
	if !h.p.checkTSName(name, pos, what+" name") {
		return false
	}
	if contains(h.reserved, name) {
		h.p.errorf(pos, "%s name %q is taken: every hook already has the %s %q", what, name, h.side, name)
		return false
	}
	if prev, ok := h.seen[name]; ok {
		h.p.errorf(pos, "hook %s %q already defined at %s", h.side, name, prev)
		return false
	}
	h.seen[name] = pos
	return true
}

// clientParser reads one namespace's client section.
type clientParser struct {
	*parser
	ns      *Namespace
	c       *Client
	options *hookNames
	results *hookNames
}

func (p *parser) parseClient(ns *Namespace, n *yaml.Node) {
	what := fmt.Sprintf("client of namespace %q", ns.Name)
	o := p.object(n, what, clientKeys...)
	if o == nil {
		return
	}
	c := &Client{Pos: p.pos(n)}
	ns.Client = c
	if h := p.require(o, "hook", what, "the React hook's name, such as useLeaderboardSocket"); h != nil {
		if name, ok := p.str(h, "hook"); ok {
			if !hookNameRE.MatchString(name) {
				p.errorf(p.pos(h), "hook name %q must be use followed by a PascalCase name, such as useLeaderboardSocket", name)
			}
			c.Hook = name
		}
	}
	c.Doc = p.text(o.get("doc"), "doc")
	cp := &clientParser{
		parser:  p,
		ns:      ns,
		c:       c,
		options: &hookNames{p: p, side: "option", reserved: reservedHookOptions, seen: map[string]Pos{}},
		results: &hookNames{p: p, side: "result", reserved: reservedHookResults, seen: map[string]Pos{}},
	}
	for _, e := range p.entries(o.get("rooms"), "option", what+" rooms") {
		cp.roomOption(e)
	}
	for _, e := range p.entries(o.get("state"), "state", what+" state") {
		if s := cp.state(e); s != nil {
			c.State = append(c.State, s)
		}
	}
	for _, e := range p.entries(o.get("callbacks"), "callback", what+" callbacks") {
		if cb := cp.callback(e); cb != nil {
			c.Callbacks = append(c.Callbacks, cb)
		}
	}
	if r := o.get("resync"); r != nil {
		c.Resync = cp.hookOption(r, "resync", "the hook option called after an unrecovered reconnect, such as onResync")
	}
	if r := o.get("stale"); r != nil {
		c.Stale = cp.hookOption(r, "stale", "the hook option called when the server refuses this client's contract, such as onStale")
	}
	for _, e := range p.entries(o.get("actions"), "action", what+" actions") {
		if a := cp.action(e); a != nil {
			c.Actions = append(c.Actions, a)
		}
	}
	for _, e := range p.entries(o.get("toasts"), "toast", what+" toasts") {
		if t := cp.toast(e); t != nil {
			c.Toasts = append(c.Toasts, t)
		}
	}
}

// roomOption reads `option: room` or `option: {room: …, doc: …}`.
func (cp *clientParser) roomOption(e entry) {
	opt := &RoomOption{Name: e.name, Pos: e.pos}
	ok := cp.options.add(e.name, e.pos, "room option")
	n := e.val
	if n.Kind == yaml.MappingNode {
		o := cp.object(n, fmt.Sprintf("room option %q", e.name), roomOptionKeys...)
		if o == nil {
			return
		}
		opt.Doc = cp.text(o.get("doc"), "doc")
		if n = cp.require(o, "room", fmt.Sprintf("room option %q", e.name), ""); n == nil {
			return
		}
	}
	template, isStr := cp.str(n, "room")
	if !isStr {
		return
	}
	if opt.Room = cp.roomRef(cp.ns, template, cp.pos(n)); opt.Room == nil || !ok {
		return
	}
	for _, prev := range cp.c.Rooms {
		if prev.Room == opt.Room {
			cp.errorf(cp.pos(n), "room %q is already joined by option %q at %s", template, prev.Name, prev.Pos)
			return
		}
	}
	cp.c.Rooms = append(cp.c.Rooms, opt)
}

// serverEvent resolves a server→client event of the namespace by name.
func (cp *clientParser) serverEvent(name string, pos Pos) *Event {
	if ev := cp.ns.Emit(name); ev != nil {
		return ev
	}
	var names []string
	for _, ev := range cp.ns.Emits {
		names = append(names, ev.Name)
	}
	cp.errorf(pos, "%s", unknown("server event", name, inNamespace(cp.ns), names))
	return nil
}

// serverEvents resolves `on:`, one event name or a list of them.
func (cp *clientParser) serverEvents(n *yaml.Node) ([]*Event, []Pos, bool) {
	names, positions := cp.strs(n, "on")
	var events []*Event
	var evPos []Pos
	ok := len(names) > 0
	seen := map[string]bool{}
	for i, name := range names {
		if seen[name] {
			cp.errorf(positions[i], "event %q is listed twice", name)
			ok = false
			continue
		}
		seen[name] = true
		ev := cp.serverEvent(name, positions[i])
		if ev == nil {
			ok = false
			continue
		}
		events = append(events, ev)
		evPos = append(evPos, positions[i])
	}
	return events, evPos, ok
}

// samePayloads checks that events share one payload type, which it returns.
func (cp *clientParser) samePayloads(events []*Event, pos []Pos, what string) (*TypeRef, bool) {
	for i, ev := range events[1:] {
		if !ev.Payload.Equal(events[0].Payload) {
			cp.errorf(pos[i+1], "%s: event %q has %s, but event %q has %s; they must carry the same type",
				what, ev.Name, payloadWords(ev.Payload), events[0].Name, payloadWords(events[0].Payload))
			return nil, false
		}
	}
	return events[0].Payload, true
}

func (cp *clientParser) callback(e entry) *Callback {
	cb := &Callback{Name: e.name, Pos: e.pos}
	what := fmt.Sprintf("callback %q", e.name)
	ok := cp.options.add(e.name, e.pos, "callback")
	n := e.val
	if n.Kind == yaml.MappingNode {
		o := cp.object(n, what, callbackKeys...)
		if o == nil {
			return nil
		}
		cb.Doc = cp.text(o.get("doc"), "doc")
		if n = cp.require(o, "on", what, "the events that call it"); n == nil {
			return nil
		}
	}
	events, pos, evOK := cp.serverEvents(n)
	if !evOK || !ok {
		return nil
	}
	payload, same := cp.samePayloads(events, pos, what)
	if !same {
		return nil
	}
	cb.Events, cb.Payload = events, payload
	return cb
}

// hookOption reads `key: option` or `key: {option: …, doc: …}`: a hook
// option the hook calls without arguments; hint says what it is for.
func (cp *clientParser) hookOption(n *yaml.Node, key, hint string) *HookOption {
	r := &HookOption{}
	if n.Kind == yaml.MappingNode {
		o := cp.object(n, key, hookOptionKeys...)
		if o == nil {
			return nil
		}
		r.Doc = cp.text(o.get("doc"), "doc")
		if n = cp.require(o, "option", key, hint); n == nil {
			return nil
		}
	}
	name, isStr := cp.str(n, key)
	if !isStr {
		return nil
	}
	r.Name, r.Pos = name, cp.pos(n)
	if !cp.options.add(name, r.Pos, key+" option") {
		return nil
	}
	return r
}

func (cp *clientParser) action(e entry) *Action {
	a := &Action{Name: e.name, Pos: e.pos}
	what := fmt.Sprintf("action %q", e.name)
	ok := cp.results.add(e.name, e.pos, "action")
	o := cp.object(e.val, what, actionKeys...)
	if o == nil || !ok {
		return nil
	}
	a.Doc = cp.text(o.get("doc"), "doc")
	n := cp.require(o, "emit", what, "the client event it sends")
	if n == nil {
		return nil
	}
	name, isStr := cp.str(n, "emit")
	if !isStr {
		return nil
	}
	if a.Event = cp.ns.Receive(name); a.Event == nil {
		for _, r := range cp.ns.Rooms {
			if r.JoinEvent.Name == name || r.LeaveEvent.Name == name {
				cp.errorf(cp.pos(n), "%s: %q joins or leaves room %q; the hook does that through a room option", what, name, r.Template)
				return nil
			}
		}
		var names []string
		for _, ev := range cp.ns.Receives {
			names = append(names, ev.Name)
		}
		cp.errorf(cp.pos(n), "%s: %s", what, unknown("client event", name, inNamespace(cp.ns), names))
		return nil
	}
	if a.Event.Payload == nil || !a.Event.Payload.IsStruct() {
		cp.errorf(cp.pos(n), "%s: event %q has %s; an action sends a struct payload", what, name, payloadWords(a.Event.Payload))
		return nil
	}
	st := a.Event.Payload.Type
	set := map[*Field]Pos{}
	if args := o.get("args"); args != nil {
		if args.Kind != yaml.SequenceNode {
			cp.errorf(cp.pos(args), "%s: args must be a list of payload field names", what)
			return nil
		}
		optionalSeen := ""
		for _, item := range args.Content {
			f := cp.payloadField(item, st, what)
			if f == nil {
				continue
			}
			if prev, dup := set[f]; dup {
				cp.errorf(cp.pos(item), "%s: field %q already set at %s", what, f.Name, prev)
				continue
			}
			set[f] = cp.pos(item)
			if f.Optional {
				optionalSeen = f.Name
			} else if optionalSeen != "" {
				cp.errorf(cp.pos(item), "%s: required argument %q comes after optional argument %q; put optional ones last", what, f.Name, optionalSeen)
			}
			a.Args = append(a.Args, f)
		}
	}
	for _, fe := range cp.entries(o.get("fill"), "field", what+" fill") {
		f := cp.payloadField(fe.key, st, what)
		if f == nil {
			continue
		}
		if prev, dup := set[f]; dup {
			cp.errorf(fe.pos, "%s: field %q already set at %s", what, f.Name, prev)
			continue
		}
		set[f] = fe.pos
		if fill := cp.fill(f, fe, what); fill != nil {
			a.Fill = append(a.Fill, fill)
		}
	}
	for _, f := range st.Fields {
		if _, ok := set[f]; !ok && !f.Optional {
			cp.errorf(e.pos, "%s leaves required field %q of %s unset; add it to args or fill", what, f.Name, st.Name)
		}
	}
	return a
}

// payloadField resolves a field name written at n in a struct payload.
func (cp *clientParser) payloadField(n *yaml.Node, st *Type, what string) *Field {
	name, ok := cp.str(n, "field")
	if !ok {
		return nil
	}
	f := st.Field(name)
	if f == nil {
		cp.errorf(cp.pos(n), "%s: %s", what, unknown("field", name, " in "+st.Name, fieldNames(st.Fields)))
	}
	return f
}

// fill resolves `field: option`: the option must join a one-parameter room
// whose parameter has the field's type.
func (cp *clientParser) fill(f *Field, fe entry, what string) *Fill {
	optName, ok := cp.str(fe.val, "fill option")
	if !ok {
		return nil
	}
	opt := cp.roomOptionRef(optName, cp.pos(fe.val), what)
	if opt == nil {
		return nil
	}
	if len(opt.Room.Params) != 1 {
		cp.errorf(cp.pos(fe.val), "%s: option %q joins room %q, whose option value cannot fill a field; use an option of a room with one parameter", what, optName, opt.Room.Template)
		return nil
	}
	if param := opt.Room.Params[0]; !param.Type.Equal(f.Type) {
		cp.errorf(cp.pos(fe.val), "%s: option %q is %s, but field %q is %s", what, optName, param.Type, f.Name, typeWords(f.Type))
		return nil
	}
	return &Fill{Field: f, Option: opt, Pos: fe.pos}
}

func (cp *clientParser) roomOptionRef(name string, pos Pos, what string) *RoomOption {
	if opt := cp.c.RoomOption(name); opt != nil {
		return opt
	}
	var names []string
	for _, o := range cp.c.Rooms {
		names = append(names, o.Name)
	}
	cp.errorf(pos, "%s: %s", what, unknown("room option", name, "", names))
	return nil
}

func (cp *clientParser) toast(e entry) *Toast {
	what := fmt.Sprintf("toast %q", e.name)
	t := &Toast{Pos: e.pos}
	t.Event = cp.serverEvent(e.name, e.pos)
	o := cp.object(e.val, what, toastKeys...)
	if o == nil || t.Event == nil {
		return nil
	}
	if t.Event.Payload == nil || !t.Event.Payload.IsStruct() {
		cp.errorf(e.pos, "%s: event %q has %s; a toast needs a struct payload", what, e.name, payloadWords(t.Event.Payload))
		return nil
	}
	st := t.Event.Payload.Type
	if n := cp.require(o, "owner", what, "the payload field that must equal the hook option of the same name"); n != nil {
		t.Owner = cp.payloadField(n, st, what)
		if t.Owner != nil {
			t.OwnerOption = cp.roomOptionRef(t.Owner.Name, cp.pos(n), what+" owner")
		}
		if opt := t.OwnerOption; opt != nil {
			switch {
			case len(opt.Room.Params) != 1:
				cp.errorf(cp.pos(n), "%s: owner option %q joins room %q, whose option value is not a single value", what, opt.Name, opt.Room.Template)
			case !opt.Room.Params[0].Type.Equal(t.Owner.Type):
				cp.errorf(cp.pos(n), "%s: owner option %q is %s, but field %q is %s", what, opt.Name, opt.Room.Params[0].Type, t.Owner.Name, typeWords(t.Owner.Type))
			}
		}
	}
	if n := cp.require(o, "title", what, ""); n != nil {
		t.Title = cp.template(n, st, what+" title")
	}
	if n := o.get("description"); n != nil {
		t.Description = cp.template(n, st, what+" description")
	}
	return t
}

// template reads toast text with {field} placeholders.
func (cp *clientParser) template(n *yaml.Node, st *Type, what string) *Template {
	text := cp.text(n, what)
	tpl := &Template{Text: text, Pos: cp.pos(n)}
	rest := text
	for rest != "" {
		open := strings.IndexByte(rest, '{')
		end := strings.IndexByte(rest, '}')
		if end >= 0 && (open < 0 || end < open) {
			cp.errorf(tpl.Pos, "%s %q has a } without a {", what, text)
			return tpl
		}
		if open < 0 {
			tpl.Parts = append(tpl.Parts, TemplatePart{Text: rest})
			break
		}
		if open > 0 {
			tpl.Parts = append(tpl.Parts, TemplatePart{Text: rest[:open]})
		}
		if end < 0 {
			cp.errorf(tpl.Pos, "%s %q has a { that is not closed", what, text)
			return tpl
		}
		name := rest[open+1 : end]
		f := st.Field(name)
		switch {
		case f == nil:
			cp.errorf(tpl.Pos, "%s: {%s} is not a field of %s", what, name, st.Name)
		case f.Type != nil && !f.Type.IsScalar():
			cp.errorf(tpl.Pos, "%s: {%s} is %s; placeholders show single values", what, name, f.Type)
		default:
			tpl.Parts = append(tpl.Parts, TemplatePart{Field: f})
		}
		rest = rest[end+1:]
	}
	return tpl
}

package schema

import (
	"fmt"
	"regexp"

	"github.com/rtgen/rtgen/internal/naming"
	"gopkg.in/yaml.v3"
)

var namespaceRE = regexp.MustCompile(`^/([A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*)?$`)

func (p *parser) parseNamespaces(n *yaml.Node) {
	entries := p.entries(n, "namespace", "namespaces")
	if len(entries) == 0 && (isNull(n) || n.Kind == yaml.MappingNode) {
		p.errorf(p.pos(n), "namespaces must declare at least one namespace, such as /")
	}
	for _, e := range entries {
		p.parseNamespace(e)
	}
}

func (p *parser) parseNamespace(e entry) {
	ns := &Namespace{Name: e.name, Auth: AuthRequired, Pos: e.pos}
	p.s.Namespaces = append(p.s.Namespaces, ns)
	switch {
	case e.name[0] != '/':
		p.errorf(e.pos, "namespace %q must start with /", e.name)
	case !namespaceRE.MatchString(e.name):
		p.errorf(e.pos, "namespace %q must be / or /name, names made of letters, digits, - and _ separated by /", e.name)
	}
	base := e.name
	if base == "/" {
		base = "Main"
	}
	what := fmt.Sprintf("namespace %q", e.name)
	o := p.object(e.val, what, namespaceKeys...)
	if o != nil {
		if n := o.get("name"); n != nil {
			if s, ok := p.str(n, "name"); ok {
				if !isPascal(s) {
					p.errorf(p.pos(n), "namespace name %q must be PascalCase: an upper-case letter, then letters and digits", s)
				}
				base = s
			}
		}
	}
	ns.GoName, ns.TSName = naming.GoExported(base), naming.TSCamel(base)
	if ns.GoName == "" && namespaceRE.MatchString(e.name) {
		p.errorf(e.pos, "namespace %q makes no identifier; set name", e.name)
	}
	ns.LogLabel = ns.GoName
	if o == nil {
		return
	}
	ns.Doc = p.text(o.get("doc"), "doc")
	if n := o.get("auth"); n != nil {
		if s, ok := p.str(n, "auth"); ok {
			switch s {
			case "required":
				ns.Auth = AuthRequired
			case "optional":
				ns.Auth = AuthOptional
			case "none":
				ns.Auth = AuthNone
			default:
				p.errorf(p.pos(n), "auth must be required, optional or none, not %q", s)
			}
		}
	}
	if n := o.get("log"); n != nil {
		ns.LogLabel = p.text(n, "log")
	}
	for _, re := range p.entries(o.get("rooms"), "room", what+" rooms") {
		p.parseRoom(ns, re)
	}
	for _, ee := range p.entries(o.get("emits"), "event", what+" emits") {
		p.parseEmit(ns, ee)
	}
	for _, ee := range p.entries(o.get("receives"), "event", what+" receives") {
		p.parseReceive(ns, ee)
	}
	for _, qe := range p.entries(o.get("queries"), "query", what+" queries") {
		p.parseQuery(ns, qe)
	}
	p.finishRooms(ns)
	p.checkNamespaceNames(ns)
	if n := o.get("client"); n != nil {
		p.parseClient(ns, n)
	}
}

func (p *parser) parseRoom(ns *Namespace, e entry) {
	r := &Room{Template: e.name, Namespace: ns, Pos: e.pos}
	what := fmt.Sprintf("room %q", e.name)
	parts, err := parseTemplate(e.name)
	switch {
	case err != nil:
		p.errorf(e.pos, "room template %q %v", e.name, err)
	case e.name == "all":
		p.errorf(e.pos, `room "all" is reserved: "to: all" means every client of the namespace`)
	}
	o := p.object(e.val, what, roomKeys...)
	if o == nil || err != nil {
		return
	}
	ns.Rooms = append(ns.Rooms, r)
	r.Doc = p.text(o.get("doc"), "doc")
	r.Name = roomShortName(parts)
	if n := o.get("name"); n != nil {
		if s, ok := p.str(n, "name"); ok {
			if !eventNameRE.MatchString(s) {
				p.errorf(p.pos(n), "room name %q must start with a letter and contain only letters, digits and : . _ / -", s)
			}
			r.Name = s
		}
	} else if !eventNameRE.MatchString(r.Name) {
		p.errorf(e.pos, "cannot derive a short name from room template %q; set name", e.name)
	}
	r.GoName, r.TSName = naming.GoExported(r.Name), naming.TSCamel(r.Name)

	declared := map[string]*Field{}
	for _, pe := range p.entries(o.get("params"), "param", what+" params") {
		if f := p.field(pe, "param", what); f != nil {
			declared[pe.name] = f
			p.checkParam(f)
			if !usesParam(parts, pe.name) {
				p.errorf(pe.pos, "param %q is not used in room template %q", pe.name, e.name)
			}
		}
	}
	for _, part := range parts {
		if part.param == "" {
			r.Parts = append(r.Parts, RoomPart{Literal: part.literal})
			continue
		}
		f := declared[part.param]
		if f == nil {
			p.errorf(e.pos, "room template %q uses {%s}, which is not declared under params", e.name, part.param)
			continue
		}
		r.Params = append(r.Params, f)
		r.Parts = append(r.Parts, RoomPart{Param: f})
	}
	p.checkFieldNames(r.Params, "param")
	if n := o.get("method"); n != nil {
		if s, ok := p.str(n, "method"); ok && p.checkGoMethodName(s, p.pos(n), "method") {
			r.Method = s
		}
	}
	if n := p.require(o, "join", what, `who may join it; "join: anyone" lets every client in`); n != nil {
		r.Join = p.rule(n, r)
	}
	r.JoinEvent = p.roomEvent(r, EventJoin, o.get("joinEvent"), "join:"+r.Name)
	r.LeaveEvent = p.roomEvent(r, EventLeave, o.get("leaveEvent"), "leave:"+r.Name)
	if len(r.Params) > 1 {
		r.ParamsType = &Type{
			Name:   ns.GoName + r.GoName + "Params",
			GoName: ns.GoName + r.GoName + "Params",
			Doc:    fmt.Sprintf("The argument of %s and %s: the parameters of room %s in %s.", r.JoinEvent.Name, r.LeaveEvent.Name, r.Template, ns.Name),
			Kind:   StructType,
			Fields: r.Params,
			Room:   r,
			Pos:    r.Pos,
		}
		p.s.Types = append(p.s.Types, r.ParamsType)
	}
	var payload *TypeRef
	switch len(r.Params) {
	case 0:
	case 1:
		payload = r.Params[0].Type
	default:
		payload = &TypeRef{Kind: KindNamed, Type: r.ParamsType, Pos: r.Pos}
	}
	r.JoinEvent.Payload, r.LeaveEvent.Payload = payload, payload
}

// checkParam reports a room parameter whose type cannot appear in a room name.
func (p *parser) checkParam(f *Field) {
	if f.Optional {
		p.errorf(f.Pos, "param %q cannot be optional: every parameter is part of the room name", f.Name)
	}
	if t := f.Type; t != nil && t.Kind != KindInteger && t.Kind != KindString && !t.IsEnum() {
		p.errorf(t.Pos, "param %q is %s; a room parameter is integer, string or an enum", f.Name, t)
	}
}

func usesParam(parts []templatePart, name string) bool {
	for _, part := range parts {
		if part.param == name {
			return true
		}
	}
	return false
}

// roomEvent makes a room's join or leave event, named by the schema (n) or
// by default.
func (p *parser) roomEvent(r *Room, kind EventKind, n *yaml.Node, name string) *Event {
	pos := r.Pos
	if n != nil {
		if s, ok := p.str(n, "event name"); ok && p.checkEventName(s, p.pos(n)) {
			name = s
		}
		pos = p.pos(n)
	}
	verb := "Joins"
	if kind == EventLeave {
		verb = "Leaves"
	}
	return &Event{
		Name:      name,
		GoName:    naming.GoExported(name),
		TSName:    naming.TSCamel(name),
		Doc:       fmt.Sprintf("%s room %s.", verb, r.Template),
		Direction: ClientToServer,
		Kind:      kind,
		Room:      r,
		Namespace: r.Namespace,
		Pos:       pos,
	}
}

// finishRooms checks what needs every event: a room's generic emitter must
// have events to send.
func (p *parser) finishRooms(ns *Namespace) {
	for _, r := range ns.Rooms {
		if r.Method != "" && len(r.Emits) == 0 {
			p.errorf(r.Pos, "room %q has method %s but no event is sent to it; list the room under an event's \"to\"", r.Template, r.Method)
		}
	}
}

// checkNamespaceNames checks names that must be unique within a namespace:
// room names, event names per direction (a server event and a client event
// may share a wire name), and Go methods per generated type.
func (p *parser) checkNamespaceNames(ns *Namespace) {
	// A name that collides is reported once; what derives from it (a
	// room's join events, an event's default methods) is not checked again.
	roomNames := map[string]*Room{}
	rooms := p.idents("room")
	var distinctRooms []*Room
	for _, r := range ns.Rooms {
		if prev := roomNames[r.Name]; prev != nil {
			p.errorf(r.Pos, "room %q has the name %q like room %q at %s; set name", r.Template, r.Name, prev.Template, prev.Pos)
			continue
		}
		roomNames[r.Name] = r
		if rooms.add(r.Name, r.GoName, r.TSName, r.Pos) {
			distinctRooms = append(distinctRooms, r)
		}
	}

	server := p.idents("event")
	collided := map[*Event]bool{}
	for _, ev := range ns.Emits {
		collided[ev] = !server.add(ev.Name, ev.GoName, ev.TSName, ev.Pos)
	}
	client := p.idents("event")
	wire := map[string]*Event{}
	addClient := func(ev *Event) {
		if prev := wire[ev.Name]; prev != nil {
			p.clientEventClash(ev, prev)
			return
		}
		wire[ev.Name] = ev
		collided[ev] = !client.add(ev.Name, ev.GoName, ev.TSName, ev.Pos)
	}
	for _, r := range distinctRooms {
		addClient(r.JoinEvent)
		addClient(r.LeaveEvent)
	}
	for _, ev := range ns.Receives {
		addClient(ev)
	}

	emitters := p.methods("Go method")
	for _, ev := range ns.Emits {
		for _, t := range ev.Targets {
			if !collided[ev] {
				emitters.add(t.Method, t.Pos)
			}
		}
	}
	for _, r := range ns.Rooms {
		emitters.add(r.Method, r.Pos)
	}
	for _, q := range ns.Queries {
		emitters.add(q.Name, q.Pos)
	}
	handlers := p.methods("handler method")
	for _, ev := range ns.Receives {
		if !collided[ev] {
			handlers.add(ev.Method, ev.Pos)
		}
	}
}

// clientEventClash reports two client events with one wire name; at least
// one of them is a room's join or leave event.
func (p *parser) clientEventClash(ev, prev *Event) {
	if ev.Kind == EventDeclared {
		p.errorf(ev.Pos, "event %q collides with the %s event of room %q at %s; rename the event or set the room's %s",
			ev.Name, kindWord(prev.Kind), prev.Room.Template, prev.Pos, kindKey(prev.Kind))
		return
	}
	p.errorf(ev.Pos, "the %s event %q of room %q collides with the %s event of room %q at %s; set %s",
		kindWord(ev.Kind), ev.Name, ev.Room.Template, kindWord(prev.Kind), prev.Room.Template, prev.Pos, kindKey(ev.Kind))
}

func kindWord(k EventKind) string {
	if k == EventJoin {
		return "join"
	}
	return "leave"
}

func kindKey(k EventKind) string { return kindWord(k) + "Event" }

package contract

import (
	"fmt"
	"slices"
	"strings"
)

// Breaks says whom a change breaks; zero means it is safe.
type Breaks uint8

const (
	// OldClients: a client built from the old contract fails against a
	// server built from the new one (a TV still running last month's
	// bundle).
	OldClients Breaks = 1 << iota
	// OldServers: a client built from the new contract fails against a
	// server built from the old one (a bundle deployed before its server,
	// or a server rolled back).
	OldServers
)

// String names the parties broken: "old clients", "old servers", "old
// clients and old servers", or "safe".
func (b Breaks) String() string {
	switch b {
	case 0:
		return "safe"
	case OldClients:
		return "old clients"
	case OldServers:
		return "old servers"
	}
	return "old clients and old servers"
}

// Change is one difference between two contracts and whom it breaks.
type Change struct {
	// Kind identifies the rule that classified it, e.g. "field-added"; the
	// kinds are listed in docs/contract.md.
	Kind   string
	Breaks Breaks
	// Subject is what changed: `/leaderboard server event "tv:update"`,
	// `RankingUpdate.region`.
	Subject string
	// Detail says how: "removed", "added, required", "maxLength lowered
	// from 120 to 100".
	Detail string
	// Old and New are where the element is in each contract; for an
	// element only one side has, the other is its closest container.
	Old, New Pos
	// Uses are the events (and rooms) whose values reach a changed type,
	// as "/namespace event"; nil for changes of the events themselves.
	Uses []string
}

// Message is the change in one line: subject, detail and uses.
func (c *Change) Message() string {
	m := c.Subject + ": " + c.Detail
	if len(c.Uses) > 0 {
		m += " (" + strings.Join(c.Uses, ", ") + ")"
	}
	return m
}

// Diff lists every difference between an old and a new contract that
// reaches the wire, each classified by whom it breaks (see
// docs/contract.md for the rules). Changes are sorted by their position in
// the new contract, then in the old one.
//
// The classification is symmetric: a change that breaks old clients in
// Diff(a, b) breaks old servers in Diff(b, a). So a server holding
// contract s accepts a client holding c exactly when no change of
// Diff(c, s) breaks old clients.
func Diff(old, new *Contract) []*Change {
	d := newDiffer()
	for _, o := range old.Namespaces {
		n := new.Namespace(o.Name)
		if n == nil {
			d.add("namespace-removed", OldClients, nsSubject(o), "removed", o.Pos, Pos{File: fileOf(new)}, "")
			continue
		}
		d.namespace(o, n)
	}
	for _, n := range new.Namespaces {
		if old.Namespace(n.Name) == nil {
			d.add("namespace-added", OldServers, nsSubject(n), "added", Pos{File: fileOf(old)}, n.Pos, "")
		}
	}
	return d.sorted()
}

// DiffNamespace is Diff for one namespace present on both sides.
func DiffNamespace(old, new *Namespace) []*Change {
	d := newDiffer()
	d.namespace(old, new)
	return d.sorted()
}

// Breaking returns the changes that break whom.
func Breaking(changes []*Change, whom Breaks) []*Change {
	var out []*Change
	for _, c := range changes {
		if c.Breaks&whom != 0 {
			out = append(out, c)
		}
	}
	return out
}

func fileOf(c *Contract) string {
	for _, ns := range c.Namespaces {
		if ns.Pos.File != "" {
			return ns.Pos.File
		}
	}
	return ""
}

func nsSubject(ns *Namespace) string { return fmt.Sprintf("namespace %q", ns.Name) }

func eventSubject(ns *Namespace, e *Event) string {
	return fmt.Sprintf("%s %s event %q", ns.Name, e.From, e.Name)
}

func roomSubject(ns *Namespace, r *Room) string {
	return fmt.Sprintf("%s room %q", ns.Name, r.Template)
}

// differ collects changes, merging those that one type change causes
// through several events.
type differ struct {
	changes []*Change
	byKey   map[string]*Change
	// o and n are the namespaces being compared, which resolve type names.
	o, n *Namespace
	// compared holds the type pairs compared for a flow: each is compared
	// once, so that types reached along many paths (or, in a contract a
	// client made up, in a cycle) cost one comparison.
	compared map[typePair]bool
}

type typePair struct {
	o, n *Type
	f    flow
}

func newDiffer() *differ {
	return &differ{byKey: map[string]*Change{}, compared: map[typePair]bool{}}
}

func (d *differ) add(kind string, b Breaks, subject, detail string, o, n Pos, use string) {
	key := strings.Join([]string{kind, subject, detail, o.String(), n.String()}, "\x00")
	c := d.byKey[key]
	if c == nil {
		c = &Change{Kind: kind, Subject: subject, Detail: detail, Old: o, New: n}
		d.byKey[key] = c
		d.changes = append(d.changes, c)
	}
	c.Breaks |= b
	if use != "" && !slices.Contains(c.Uses, use) {
		c.Uses = append(c.Uses, use)
	}
}

func (d *differ) sorted() []*Change {
	out := slices.Clone(d.changes)
	slices.SortStableFunc(out, func(a, b *Change) int {
		if c := comparePos(a.New, b.New); c != 0 {
			return c
		}
		return comparePos(a.Old, b.Old)
	})
	return out
}

func comparePos(a, b Pos) int {
	if a.Line != b.Line {
		return a.Line - b.Line
	}
	return a.Col - b.Col
}

var authLevels = map[string]int{"none": 0, "optional": 1, "required": 2}

func (d *differ) namespace(o, n *Namespace) {
	d.o, d.n = o, n
	if lo, ln := authLevels[o.Auth], authLevels[n.Auth]; lo != ln {
		b := OldClients // a client that connected without a session may be refused
		if ln < lo {
			b = OldServers
		}
		d.add("auth-changed", b, nsSubject(n), fmt.Sprintf("auth changed from %s to %s", o.Auth, n.Auth), o.Pos, n.Pos, "")
	}
	d.events(o, n)
	d.rooms(o, n)
}

func findEvent(events []*Event, from, name string) *Event {
	for _, e := range events {
		if e.From == from && e.Name == name {
			return e
		}
	}
	return nil
}

func (d *differ) events(o, n *Namespace) {
	var gone, added []*Event
	for _, oe := range o.Events {
		if ne := findEvent(n.Events, oe.From, oe.Name); ne != nil {
			d.event(oe, ne)
		} else {
			gone = append(gone, oe)
		}
	}
	for _, ne := range n.Events {
		if findEvent(o.Events, ne.From, ne.Name) == nil {
			added = append(added, ne)
		}
	}
	// An event that changed sides, or was renamed, is one change, not a
	// removal and an addition.
	for _, oe := range slices.Clone(gone) {
		for _, ne := range added {
			if ne.Name == oe.Name {
				d.add("event-direction-changed", OldClients|OldServers, eventSubject(o, oe),
					fmt.Sprintf("now sent by the %s", ne.From), oe.Pos, ne.Pos, "")
				gone, added = without(gone, oe), without(added, ne)
				break
			}
		}
	}
	for _, oe := range slices.Clone(gone) {
		var match []*Event
		for _, ne := range added {
			if ne.From == oe.From && d.sameShape(oe, ne) {
				match = append(match, ne)
			}
		}
		if len(match) == 1 && d.renameCandidates(gone, match[0]) == 1 {
			ne := match[0]
			d.add("event-renamed", OldClients|OldServers, eventSubject(o, oe), fmt.Sprintf("renamed to %q", ne.Name), oe.Pos, ne.Pos, "")
			gone, added = without(gone, oe), without(added, ne)
		}
	}
	for _, oe := range gone {
		d.add("event-removed", OldClients, eventSubject(o, oe), "removed", oe.Pos, n.Pos, "")
	}
	for _, ne := range added {
		d.add("event-added", OldServers, eventSubject(n, ne), "added", o.Pos, ne.Pos, "")
	}
}

// renameCandidates counts the removed events ne could be the new name of.
func (d *differ) renameCandidates(gone []*Event, ne *Event) int {
	n := 0
	for _, oe := range gone {
		if oe.From == ne.From && d.sameShape(oe, ne) {
			n++
		}
	}
	return n
}

// sameShape reports whether two events carry the same values the same way.
func (d *differ) sameShape(oe, ne *Event) bool {
	scratch := newDiffer()
	scratch.o, scratch.n = d.o, d.n
	scratch.eventBody(oe, ne, "")
	for _, c := range scratch.changes {
		if c.Breaks != 0 {
			return false
		}
	}
	return true
}

func without(events []*Event, e *Event) []*Event {
	return slices.DeleteFunc(slices.Clone(events), func(x *Event) bool { return x == e })
}

func (d *differ) event(oe, ne *Event) {
	d.eventBody(oe, ne, d.n.Name+" "+ne.Name)
}

// eventBody compares what two versions of an event carry and how.
func (d *differ) eventBody(oe, ne *Event, event string) {
	subject := eventSubject(d.n, ne)
	flow := flow{toServer: ne.From == Client, event: event}
	d.value("payload", oe.Payload, ne.Payload, oe.PayloadPos.or(oe.Pos), ne.PayloadPos.or(ne.Pos), subject, flow)
	if ne.From == Client {
		d.value("ack", oe.Ack, ne.Ack, oe.AckPos.or(oe.Pos), ne.AckPos.or(ne.Pos), subject, flow.reply())
	}
	if ne.From == Server {
		d.delivery(oe, ne, subject)
	}
}

func (p Pos) or(q Pos) Pos {
	if p.IsValid() {
		return p
	}
	return q
}

// deliveryRank orders modes by what a client that reconnects gets back:
// nothing, the last event, the last per key, every event.
func deliveryRank(mode string) int {
	switch {
	case mode == "volatile":
		return 0
	case mode == "latest":
		return 1
	case strings.HasPrefix(mode, "latest:"):
		return 2
	}
	return 3 // replay, the default
}

func (d *differ) delivery(oe, ne *Event, subject string) {
	om, nm := orDefault(oe.Delivery), orDefault(ne.Delivery)
	if om == nm {
		return
	}
	ro, rn := deliveryRank(om), deliveryRank(nm)
	var b Breaks
	how := "changed"
	switch {
	case rn < ro:
		b, how = OldClients, "weakened" // old clients may rely on what they no longer get
	case rn > ro:
		b, how = OldServers, "strengthened"
	default:
		b = OldClients | OldServers // latest by another key
	}
	d.add("delivery-changed", b, subject, fmt.Sprintf("delivery %s from %s to %s", how, om, nm), oe.DeliveryPos.or(oe.Pos), ne.DeliveryPos.or(ne.Pos), "")
}

func orDefault(mode string) string {
	if mode == "" {
		return "replay"
	}
	return mode
}

// flow is which way a value travels, which decides whom a change of its
// type breaks: the reader refuses (or misreads) what the writer sends.
type flow struct {
	toServer bool
	// event is the event (or join event) the value belongs to, as
	// "/namespace event"; inType says the comparison is inside a named
	// type, whose changes list it among their Uses.
	event  string
	inType bool
}

// reply is the flow of an ack to the event's flow.
func (f flow) reply() flow { return flow{toServer: !f.toServer, event: f.event} }

// use is what a change found in this flow adds to Change.Uses: the event,
// unless the change's subject names it already.
func (f flow) use() string {
	if f.inType {
		return f.event
	}
	return ""
}

// breaks classifies a change of a value's type. newRefuses: a reader of
// the new type refuses some value a writer of the old one sends;
// oldRefuses: the other way round.
func (f flow) breaks(newRefuses, oldRefuses bool) Breaks {
	var b Breaks
	oldReader, newReader := OldClients, OldServers // server → client: clients read
	if f.toServer {
		oldReader, newReader = OldServers, OldClients
	}
	if oldRefuses {
		b |= oldReader
	}
	if newRefuses {
		b |= newReader
	}
	return b
}

// value compares the payload or ack (what) of an event.
func (d *differ) value(what, o, n string, op, np Pos, subject string, f flow) {
	switch {
	case o == "" && n == "":
	case o == "":
		d.add(what+"-added", f.breaks(true, false), subject, fmt.Sprintf("%s %s added", what, n), op, np, f.use())
	case n == "":
		d.add(what+"-removed", f.breaks(false, true), subject, fmt.Sprintf("%s %s removed", what, o), op, np, f.use())
	default:
		d.ref(d.o.ref(o), d.n.ref(n), op, np, subject+" "+what, f)
	}
}

// ref compares two type expressions at the same place.
func (d *differ) ref(o, n ref, op, np Pos, subject string, f flow) {
	switch {
	case o.kind == n.kind && (o.kind == kindList || o.kind == kindMap):
		d.ref(d.o.ref(o.elem), d.n.ref(n.elem), op, np, subject+" element", f)
	case o.kind == n.kind && (o.kind == kindStruct || o.kind == kindEnum):
		if o.typ.Name != n.typ.Name {
			d.add("type-renamed", 0, subject, fmt.Sprintf("type %s renamed to %s", o.typ.Name, n.typ.Name), op, np, f.use())
		}
		f.inType = true
		pair := typePair{o.typ, n.typ, f}
		if d.compared[pair] {
			return
		}
		d.compared[pair] = true
		if o.kind == kindStruct {
			d.structFields(o.typ, n.typ, f)
		} else {
			d.enum(o.typ, n.typ, f)
		}
	case o.kind == n.kind:
	default:
		detail := fmt.Sprintf("type changed from %s to %s", o.expr, n.expr)
		switch widening(o.kind, n.kind) {
		case n.kind:
			d.add("type-widened", f.breaks(false, true), subject, detail, op, np, f.use())
		case o.kind:
			d.add("type-narrowed", f.breaks(true, false), subject, detail, op, np, f.use())
		default:
			d.add("type-changed", f.breaks(true, true), subject, detail, op, np, f.use())
		}
	}
}

func findField(fs []*Field, name string) *Field {
	for _, f := range fs {
		if f.Name == name {
			return f
		}
	}
	return nil
}

func (d *differ) structFields(o, n *Type, f flow) {
	d.fields(o.Fields, n.Fields, o.Pos, n.Pos, n.Name+".", f)
}

// fields compares the fields of two structs (or the parameters of two
// rooms), prefixing subjects with prefix.
func (d *differ) fields(ofs, nfs []*Field, op, np Pos, prefix string, f flow) {
	for _, of := range ofs {
		nf := findField(nfs, of.Name)
		subject := prefix + of.Name
		if nf == nil {
			if of.Optional {
				d.add("field-removed", 0, subject, "optional field removed", of.Pos, np, f.use())
			} else {
				d.add("field-removed", f.breaks(false, true), subject, "required field removed", of.Pos, np, f.use())
			}
			continue
		}
		switch {
		case of.Optional && !nf.Optional:
			d.add("field-required", f.breaks(true, false), subject, "optional field made required", of.Pos, nf.Pos, f.use())
		case !of.Optional && nf.Optional:
			d.add("field-optional", f.breaks(false, true), subject, "required field made optional", of.Pos, nf.Pos, f.use())
		}
		d.limits(of, nf, subject, f)
		d.ref(d.o.ref(of.Type), d.n.ref(nf.Type), of.Pos, nf.Pos, subject, f)
	}
	for _, nf := range nfs {
		if findField(ofs, nf.Name) != nil {
			continue
		}
		if nf.Optional {
			d.add("field-added", 0, prefix+nf.Name, "optional field added", op, nf.Pos, f.use())
		} else {
			d.add("field-added", f.breaks(true, false), prefix+nf.Name, "required field added", op, nf.Pos, f.use())
		}
	}
}

func (d *differ) enum(o, n *Type, f flow) {
	for i, v := range o.Enum {
		if !slices.Contains(n.Enum, v) {
			d.add("enum-value-removed", f.breaks(true, false), n.Name, fmt.Sprintf("enum value %q removed", v), posAt(o.EnumPos, i, o.Pos), n.Pos, f.use())
		}
	}
	for i, v := range n.Enum {
		if !slices.Contains(o.Enum, v) {
			d.add("enum-value-added", f.breaks(false, true), n.Name, fmt.Sprintf("enum value %q added", v), o.Pos, posAt(n.EnumPos, i, n.Pos), f.use())
		}
	}
}

func posAt(ps []Pos, i int, or Pos) Pos {
	if i < len(ps) {
		return ps[i]
	}
	return or
}

// limits compares the bounds a reader checks: a raised minimum or a
// lowered maximum refuses values that were fine.
func (d *differ) limits(o, n *Field, subject string, f flow) {
	limit := func(name string, ov, nv *float64, lowerBound bool) {
		var how string
		var tighter bool
		switch {
		case ov == nil && nv == nil, ov != nil && nv != nil && *ov == *nv:
			return
		case ov == nil:
			how, tighter = fmt.Sprintf("%s %s added", name, num(*nv)), true
		case nv == nil:
			how, tighter = fmt.Sprintf("%s %s removed", name, num(*ov)), false
		default:
			tighter = (*nv > *ov) == lowerBound
			verb := "lowered"
			if *nv > *ov {
				verb = "raised"
			}
			how = fmt.Sprintf("%s %s from %s to %s", name, verb, num(*ov), num(*nv))
		}
		if tighter {
			d.add("limit-tightened", f.breaks(true, false), subject, how, o.Pos, n.Pos, f.use())
		} else {
			d.add("limit-loosened", f.breaks(false, true), subject, how, o.Pos, n.Pos, f.use())
		}
	}
	limit("min", o.Min, n.Min, true)
	limit("max", o.Max, n.Max, false)
	limit("minLength", float(o.MinLength), float(n.MinLength), true)
	limit("maxLength", float(o.MaxLength), float(n.MaxLength), false)
	limit("minItems", float(o.MinItems), float(n.MinItems), true)
	limit("maxItems", float(o.MaxItems), float(n.MaxItems), false)
}

func float(i *int) *float64 {
	if i == nil {
		return nil
	}
	f := float64(*i)
	return &f
}

func num(f float64) string { return fmt.Sprint(f) }

func findRoom(rooms []*Room, join string) *Room {
	for _, r := range rooms {
		if r.Join == join {
			return r
		}
	}
	return nil
}

func (d *differ) rooms(o, n *Namespace) {
	var gone []*Room
	matched := map[*Room]bool{}
	for _, or := range o.Rooms {
		nr := findRoom(n.Rooms, or.Join)
		if nr == nil {
			// The same template joined under another event name.
			for _, r := range n.Rooms {
				if r.Template == or.Template && findRoom(o.Rooms, r.Join) == nil {
					nr = r
					d.add("room-join-event-renamed", OldClients|OldServers, roomSubject(n, nr),
						fmt.Sprintf("join event renamed from %q to %q", or.Join, nr.Join), or.Pos, nr.Pos, "")
				}
			}
		}
		if nr == nil {
			gone = append(gone, or)
			continue
		}
		matched[nr] = true
		d.room(or, nr)
	}
	for _, or := range gone {
		d.add("room-removed", OldClients, roomSubject(o, or), "removed", or.Pos, n.Pos, "")
	}
	for _, nr := range n.Rooms {
		if !matched[nr] {
			d.add("room-added", OldServers, roomSubject(n, nr), "added", o.Pos, nr.Pos, "")
		}
	}
}

func (d *differ) room(or, nr *Room) {
	subject := roomSubject(d.n, nr)
	if or.Template != nr.Template {
		// Room names are built by the server; clients send parameters.
		d.add("room-template-changed", 0, subject, fmt.Sprintf("template changed from %q", or.Template), or.Pos, nr.Pos, "")
	}
	if or.Leave != nr.Leave {
		d.add("room-leave-event-renamed", OldClients|OldServers, subject, fmt.Sprintf("leave event renamed from %q to %q", or.Leave, nr.Leave), or.Pos, nr.Pos, "")
	}
	f := flow{toServer: true, event: d.n.Name + " " + nr.Join}
	switch ol, nl := len(or.Params), len(nr.Params); {
	case ol == 1 && nl == 1:
		op, np := or.Params[0], nr.Params[0]
		d.limits(op, np, subject+" parameter", f)
		d.ref(d.o.ref(op.Type), d.n.ref(np.Type), op.Pos, np.Pos, subject+" parameter", f)
	case ol > 1 && nl > 1:
		d.fields(or.Params, nr.Params, or.Pos, nr.Pos, subject+" parameter ", f)
	case ol != nl:
		d.add("room-params-changed", OldClients|OldServers, subject,
			fmt.Sprintf("join argument changed from %s to %s", joinArg(ol), joinArg(nl)), or.Pos, nr.Pos, "")
	}
	d.rule(or, nr, subject)
}

func joinArg(params int) string {
	switch params {
	case 0:
		return "none"
	case 1:
		return "a value"
	}
	return "an object"
}

func (d *differ) rule(or, nr *Room, subject string) {
	o, n := or.Rule, nr.Rule
	if o == nil || n == nil || equalRules(o, n) {
		return
	}
	looser, tighter := implies(o, n), implies(n, o)
	var b Breaks
	how := "changed"
	switch {
	case looser && tighter:
		how = "rewritten, equivalent"
	case tighter:
		b, how = OldClients, "tightened" // joins that worked are refused
	case looser:
		b, how = OldServers, "loosened"
	default:
		b = OldClients | OldServers
	}
	d.add("join-rule-changed", b, subject, fmt.Sprintf("join rule %s from %s to %s", how, o, n), or.Pos, nr.Pos, "")
}

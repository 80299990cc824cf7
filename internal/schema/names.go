package schema

import (
	"fmt"
	"regexp"

	"github.com/rtgen/rtgen/internal/naming"
)

// idents finds schema names that become the same identifier: "rank:changed"
// and "rank-changed" are both RankChanged in Go, so generated code could not
// tell them apart.
type idents struct {
	p      *parser
	noun   string // "event", "field", …
	goSeen map[string]identUse
	tsSeen map[string]identUse
}

type identUse struct {
	name string
	pos  Pos
}

func (p *parser) idents(noun string) *idents {
	return &idents{p: p, noun: noun, goSeen: map[string]identUse{}, tsSeen: map[string]identUse{}}
}

// add records that name becomes goIdent in Go and tsIdent in TypeScript,
// and reports false after reporting a collision with an earlier name (in Go
// if both collide). An empty identifier (of a name already reported as
// invalid, or not used in that language) is not recorded, and a repeat of
// the same name is left to the duplicate check.
func (s *idents) add(name, goIdent, tsIdent string, pos Pos) bool {
	for _, c := range []struct {
		ident, lang string
		seen        map[string]identUse
	}{{goIdent, "Go", s.goSeen}, {tsIdent, "TypeScript", s.tsSeen}} {
		if c.ident == "" {
			continue
		}
		if prev, ok := c.seen[c.ident]; ok && prev.name != name {
			s.p.errorf(pos, "%s %q collides with %s %q at %s: both are %s in %s", s.noun, name, s.noun, prev.name, prev.pos, c.ident, c.lang)
			return false
		}
	}
	for _, c := range []struct {
		ident string
		seen  map[string]identUse
	}{{goIdent, s.goSeen}, {tsIdent, s.tsSeen}} {
		if _, ok := c.seen[c.ident]; !ok && c.ident != "" {
			c.seen[c.ident] = identUse{name: name, pos: pos}
		}
	}
	return true
}

// methods finds Go methods of one generated type declared twice.
type methods struct {
	p    *parser
	what string // "emitter method", …
	seen map[string]Pos
}

func (p *parser) methods(what string) *methods {
	return &methods{p: p, what: what, seen: map[string]Pos{}}
}

func (m *methods) add(name string, pos Pos) {
	if name == "" {
		return
	}
	if prev, ok := m.seen[name]; ok {
		// Name the earlier site in the file, whatever order the
		// declarations were checked in.
		if pos.before(prev) {
			pos, prev = prev, pos
		}
		m.p.errorf(pos, "%s %s already defined at %s", m.what, name, prev)
		return
	}
	m.seen[name] = pos
}

// checkGoMethodName reports a name that cannot be an exported Go method.
func (p *parser) checkGoMethodName(name string, pos Pos, what string) bool {
	if !isPascal(name) {
		p.errorf(pos, "%s %q must be an exported Go name: an upper-case letter, then letters and digits", what, name)
		return false
	}
	return true
}

// checkTSName reports a name that cannot be a TypeScript identifier.
func (p *parser) checkTSName(name string, pos Pos, what string) bool {
	if !naming.IsTSIdentifier(name) {
		p.errorf(pos, "%s %q must be a TypeScript identifier (letters, digits, _ and $, not a reserved word)", what, name)
		return false
	}
	return true
}

// eventNameRE is the shape of an event or room name: a letter, then letters,
// digits and the separators people use in Socket.IO event names.
var eventNameRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9:._/-]*$`)

// reservedEvents cannot be declared: Socket.IO uses the first six for its
// own purposes on both ends, and the runtime sends "error" to report a
// failed client event.
var reservedEvents = map[string]string{
	"connect":        "reserved by Socket.IO",
	"connect_error":  "reserved by Socket.IO",
	"disconnect":     "reserved by Socket.IO",
	"disconnecting":  "reserved by Socket.IO",
	"newListener":    "reserved by Socket.IO",
	"removeListener": "reserved by Socket.IO",
	"error":          "reserved: the server sends it to report a failed client event",
}

// checkEventName reports a malformed or reserved event name.
func (p *parser) checkEventName(name string, pos Pos) bool {
	if why, ok := reservedEvents[name]; ok {
		p.errorf(pos, "event name %q is %s", name, why)
		return false
	}
	if !eventNameRE.MatchString(name) {
		p.errorf(pos, "event name %q must start with a letter and contain only letters, digits and : . _ / -", name)
		return false
	}
	return true
}

// Names the TypeScript runtime's hooks take as options and return; schema
// options, state and actions must not use them.
var (
	reservedHookOptions = []string{
		"autoConnect", "showToasts", "reconnection", "reconnectionAttempts", "reconnectionDelay",
		"reconnectionDelayMax", "randomizationFactor", "timeout",
	}
	reservedHookResults = []string{
		"connected", "state", "recovered", "stale", "error", "socket", "on", "emit", "emitWithAck", "connect",
		"disconnect",
	}
)

// checkGlobalNames checks names that must be unique across the whole schema.
func (p *parser) checkGlobalNames() {
	types := p.idents("type")
	for _, t := range p.s.Types {
		if t.Room != nil {
			if d := p.types[t.Name]; d != nil {
				p.errorf(t.Pos, "room %q needs a type %s for its parameters, but type %s is declared at %s; rename the type or set the room's name",
					t.Room.Template, t.Name, t.Name, d.Pos)
				continue
			}
		}
		types.add(t.Name, t.GoName, "", t.Pos)
	}
	namespaces := p.idents("namespace")
	hooks := map[string]Pos{}
	for _, ns := range p.s.Namespaces {
		namespaces.add(ns.Name, ns.GoName, ns.TSName, ns.Pos)
		if c := ns.Client; c != nil && c.Hook != "" {
			if prev, ok := hooks[c.Hook]; ok {
				p.errorf(c.Pos, "hook %s already defined at %s", c.Hook, prev)
			} else {
				hooks[c.Hook] = c.Pos
			}
		}
	}
}

// checkFieldNames checks that fields (or claims, or params) stay distinct
// as Go and TypeScript identifiers.
func (p *parser) checkFieldNames(fields []*Field, noun string) {
	names := p.idents(noun)
	for _, f := range fields {
		names.add(f.Name, f.GoName, f.TSVar, f.Pos)
	}
}

func quoteList(items []string) string {
	s := ""
	for i, it := range items {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("%q", it)
	}
	return s
}

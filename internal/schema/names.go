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
	p    *parser
	noun string // "event", "field", …
	lang string // "Go" or "TypeScript"
	seen map[string]identUse
}

type identUse struct {
	name string
	pos  Pos
}

func (p *parser) idents(noun, lang string) *idents {
	return &idents{p: p, noun: noun, lang: lang, seen: map[string]identUse{}}
}

// add records that name becomes ident. An empty ident (a name already
// reported as invalid) and a repeat of the same name (reported as a
// duplicate) are skipped.
func (s *idents) add(ident, name string, pos Pos) {
	if ident == "" {
		return
	}
	prev, ok := s.seen[ident]
	if !ok {
		s.seen[ident] = identUse{name: name, pos: pos}
		return
	}
	if prev.name != name {
		s.p.errorf(pos, "%s %q collides with %s %q at %s: both are %s in %s", s.noun, name, s.noun, prev.name, prev.pos, ident, s.lang)
	}
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
		"connected", "state", "error", "socket", "on", "emit", "emitWithAck", "connect", "disconnect",
	}
)

// checkGlobalNames checks names that must be unique across the whole schema.
func (p *parser) checkGlobalNames() {
	goTypes := p.idents("type", "Go")
	for _, t := range p.s.Types {
		goTypes.add(t.GoName, t.Name, t.Pos)
	}
	goNS := p.idents("namespace", "Go")
	tsNS := p.idents("namespace", "TypeScript")
	hooks := map[string]Pos{}
	for _, ns := range p.s.Namespaces {
		goNS.add(ns.GoName, ns.Name, ns.Pos)
		tsNS.add(ns.TSName, ns.Name, ns.Pos)
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
	goNames := p.idents(noun, "Go")
	tsNames := p.idents(noun, "TypeScript")
	for _, f := range fields {
		goNames.add(f.GoName, f.Name, f.Pos)
		tsNames.add(f.TSVar, f.Name, f.Pos)
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

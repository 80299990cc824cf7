package socketio

import (
	"fmt"
	"strings"
)

// Catalog names what a namespace carries, as its schema declares it: the
// events of both directions and the room templates. Observers label what
// they count with it, so that a metric reads "user:{userId}" rather than
// one series per user, and label sets stay bounded whatever names clients
// send. Generated code declares the catalog of every namespace.
type Catalog struct {
	// Events are event names, client→server and server→client.
	Events []string
	// Rooms are room templates: a fixed name ("tv-display") or literal
	// text with {param} holes ("user:{userId}"), never two holes in a row.
	Rooms []string
}

// WithCatalog declares the namespace's events and room templates (see
// Catalog). It panics on a malformed template, a programming error.
func WithCatalog(c Catalog) NamespaceOption {
	compiled := compileCatalog(c)
	return func(n *Namespace) { n.catalog = compiled }
}

// catalog is a Catalog ready for lookups.
type catalog struct {
	events map[string]bool
	rooms  []roomTemplate
}

// roomTemplate is a template split into its literal parts: literals[0]
// before the first hole, literals[i] between holes i-1 and i, the last one
// after the last hole. A fixed room has a single literal.
type roomTemplate struct {
	template string
	literals []string
}

func compileCatalog(c Catalog) *catalog {
	cat := &catalog{events: make(map[string]bool, len(c.Events))}
	for _, e := range c.Events {
		cat.events[e] = true
	}
	for _, t := range c.Rooms {
		cat.rooms = append(cat.rooms, compileRoomTemplate(t))
	}
	return cat
}

func compileRoomTemplate(t string) roomTemplate {
	rt := roomTemplate{template: t}
	rest := t
	for {
		open := strings.IndexByte(rest, '{')
		if open < 0 {
			if strings.IndexByte(rest, '}') >= 0 {
				panic(fmt.Sprintf("socketio: room template %q: unbalanced }", t))
			}
			rt.literals = append(rt.literals, rest)
			return rt
		}
		end := strings.IndexByte(rest[open:], '}')
		if end <= 1 || strings.IndexByte(rest[:open], '}') >= 0 {
			panic(fmt.Sprintf("socketio: room template %q: malformed {param}", t))
		}
		if open == 0 && len(rt.literals) > 0 {
			panic(fmt.Sprintf("socketio: room template %q: two parameters in a row", t))
		}
		rt.literals = append(rt.literals, rest[:open])
		rest = rest[open+end+1:]
	}
}

func (rt roomTemplate) matches(room string) bool {
	if len(rt.literals) == 1 {
		return room == rt.literals[0]
	}
	_, ok := MatchRoom(room, rt.literals...)
	return ok
}

// KnownEvent reports whether event is declared by the namespace's
// catalog, has a handler, or is "error" (the runtime's own failure event).
func (n *Namespace) KnownEvent(event string) bool {
	n.mu.RLock()
	defer n.mu.RUnlock()
	if n.catalog != nil && n.catalog.events[event] {
		return true
	}
	_, handled := n.handlers[event]
	return handled || event == "error"
}

// RoomTemplate returns the first template of the namespace's catalog that
// room is an instance of: "user:{userId}" for "user:42".
func (n *Namespace) RoomTemplate(room string) (string, bool) {
	n.mu.RLock()
	cat := n.catalog
	n.mu.RUnlock()
	if cat == nil {
		return "", false
	}
	for _, rt := range cat.rooms {
		if rt.matches(room) {
			return rt.template, true
		}
	}
	return "", false
}

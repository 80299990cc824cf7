package gents

import (
	"strconv"
	"strings"

	"github.com/rtgen/rtgen/internal/schema"
)

// hookTypeBase is the hook's name without "use": useLeaderboardSocket →
// LeaderboardSocket, the stem of its options and result types.
func hookTypeBase(c *schema.Client) string { return strings.TrimPrefix(c.Hook, "use") }

// buildHook builds the view of the namespace's hook; use records the types
// a TypeRef needs imported and returns its TypeScript type.
func buildHook(ns *schema.Namespace, n nsNames, use func(*schema.TypeRef) string) *hookView {
	c := ns.Client
	base := hookTypeBase(c)
	h := &hookView{
		Doc:        jsdoc("", c.Doc, "", "Must be used inside <RealtimeProvider>; connects to "+ns.Name+" while mounted."),
		Name:       c.Hook,
		Options:    base + "Options",
		Result:     base + "Result",
		ResultBase: "SocketHookResult<" + n.ServerEvents + ", " + n.ClientEvents + ", " + n.Socket + ">",
	}
	for _, o := range c.Rooms {
		h.Members = append(h.Members, roomOptionMember(o, use))
	}
	if len(c.Toasts) > 0 {
		var events []string
		for _, t := range c.Toasts {
			events = append(events, t.Event.Name)
		}
		h.Members = append(h.Members, member{
			Doc: jsdoc("  ", "Raises a toast through RealtimeProvider's notify for the user's own "+
				list(events, "and")+" events: those whose owner field equals the hook's option of the same name."),
			Name: "showToasts",
			Mark: "?",
			Type: "boolean",
		})
	}
	for _, cb := range c.Callbacks {
		doc := cb.Doc
		if doc == "" {
			doc = "Called with the payload of " + list(eventNames(cb.Events), "and") + "."
		}
		params := ""
		if cb.Payload != nil {
			params = "payload: " + use(cb.Payload)
		}
		h.Members = append(h.Members, member{
			Doc:  jsdoc("  ", doc),
			Name: propName(cb.Name),
			Mark: "?",
			Type: "(" + params + ") => void",
		})
	}
	for _, o := range []struct {
		opt  *schema.HookOption
		what string
	}{
		{c.Resync, "Called after a reconnect that did not recover the connection state " +
			"(the server could not replay every event missed meanwhile): refetch what this hook shows."},
		{c.Stale, "Called when the server refuses this client's contract (code schema_mismatch): the client was built " +
			"from a schema the server's has broken, and should reload."},
	} {
		if o.opt != nil {
			h.Members = append(h.Members, member{
				Doc:  jsdoc("  ", sentences(o.opt.Doc, o.what)),
				Name: propName(o.opt.Name),
				Mark: "?",
				Type: "() => void",
			})
		}
	}
	for _, s := range c.State {
		h.Results = append(h.Results, stateMember(s, use))
	}
	for _, a := range c.Actions {
		h.Results = append(h.Results, actionMember(a, use))
	}
	return h
}

func roomOptionMember(o *schema.RoomOption, use func(*schema.TypeRef) string) member {
	r := o.Room
	m := member{Name: propName(o.Name), Mark: "?"}
	var how string
	switch len(r.Params) {
	case 0:
		m.Type = "boolean"
		how = "Joins room " + r.Template + " while true."
	case 1:
		m.Type = use(r.Params[0].Type) + " | null"
		how = "Joins room " + r.Template + " while set; a new value leaves the old room and joins the new one."
	default:
		m.Type = use(r.JoinEvent.Payload) + " | null"
		how = "Joins room " + r.Template + " while set; new values leave the old room and join the new one."
	}
	m.Doc = jsdoc("  ", sentences(o.Doc, how, "A refusal sets error (code forbidden)."))
	return m
}

func stateMember(s *schema.State, use func(*schema.TypeRef) string) member {
	m := member{Name: propName(s.Name)}
	doc := s.Doc
	switch s.Kind {
	case schema.StateLast:
		m.Type = use(s.Type) + " | null"
		if doc == "" {
			doc = "The latest payload of " + list(eventNames(s.Events), "or") + "; null until one arrives."
		}
	case schema.StateList:
		m.Type = use(s.Type) + "[]"
		if doc == "" {
			doc = "The payloads of " + list(eventNames(s.Events), "and") + ", newest first."
		}
		doc = sentences(doc, "Keeps at most "+strconv.Itoa(s.Keep)+".")
	case schema.StateValue:
		m.Type = use(s.Type)
		if s.Nullable {
			m.Type += " | null"
		}
		if doc == "" {
			doc = valueStateText(s)
		}
	}
	m.Doc = jsdoc("  ", doc)
	return m
}

// valueStateText describes a value state: "Starts at 1; level:up sets it to
// newLevel."
func valueStateText(s *schema.State) string {
	var sets []string
	for _, u := range s.Set {
		to := string(literalToken(u.Value))
		if u.Field != nil {
			to = "the payload's " + u.Field.Name
		}
		sets = append(sets, u.Event.Name+" sets it to "+to)
	}
	return "Starts at " + string(literalToken(s.Initial)) + "; " + strings.Join(sets, ", ") + "."
}

func actionMember(a *schema.Action, use func(*schema.TypeRef) string) member {
	var params []string
	for _, f := range a.Args {
		mark := ""
		if f.Optional {
			mark = "?"
		}
		params = append(params, f.TSVar+mark+": "+use(f.Type))
	}
	doc := a.Doc
	if doc == "" {
		doc = "Sends " + a.Event.Name + "."
	}
	var fills []string
	for _, f := range a.Fill {
		fills = append(fills, f.Field.Name+" from option "+f.Option.Name)
	}
	if len(fills) > 0 {
		doc = sentences(doc, "Fills "+list(fills, "and")+".")
	}
	result := "void"
	if a.Event.Ack != nil {
		result = "Promise<" + use(a.Event.Ack) + ">"
		doc = sentences(doc, "Resolves with the server's answer; a failure rejects with a RealtimeError and also sets error.")
	}
	return member{
		Doc:  jsdoc("  ", doc),
		Name: propName(a.Name),
		Type: "(" + strings.Join(params, ", ") + ") => " + result,
	}
}

// list joins items as prose: "a", "a and b", "a, b and c".
func list(items []string, conj string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + conj + " " + items[len(items)-1]
}

package gents

import (
	"strconv"

	"github.com/rtgen/rtgen/internal/schema"
	"github.com/rtgen/rtgen/runtime/contract"
)

// descriptor builds the namespace's NamespaceDescriptor (see runtime.ts):
// plain data the runtime's hooks work from.
func descriptor(ns *schema.Namespace) object {
	var server, client []string
	serverTimes, ackTimes := object{}, object{}
	for _, ev := range ns.Emits {
		server = append(server, ev.Name)
		if ev.Payload != nil {
			if paths := ev.Payload.TimePaths(); paths != nil {
				serverTimes = append(serverTimes, prop{propName(ev.Name), timePaths(paths)})
			}
		}
	}
	for _, ev := range clientEvents(ns) {
		client = append(client, ev.Name)
		if ev.Ack != nil {
			if paths := ev.Ack.TimePaths(); paths != nil {
				ackTimes = append(ackTimes, prop{propName(ev.Name), timePaths(paths)})
			}
		}
	}
	rooms, state, callbacks, actions, toasts := array{}, array{}, array{}, array{}, array{}
	if c := ns.Client; c != nil {
		for _, o := range c.Rooms {
			rooms = append(rooms, roomSpec(o))
		}
		for _, s := range c.State {
			state = append(state, stateSpec(s))
		}
		for _, cb := range c.Callbacks {
			callbacks = append(callbacks, object{
				{"option", str(cb.Name)},
				{"on", strs(eventNames(cb.Events))},
			})
		}
		for _, a := range c.Actions {
			actions = append(actions, actionSpec(a))
		}
		for _, t := range c.Toasts {
			toasts = append(toasts, toastSpec(t))
		}
	}
	desc := object{
		{"name", str(ns.Name)},
		{"serverEvents", strs(server)},
		{"clientEvents", strs(client)},
		{"serverTimes", serverTimes},
		{"ackTimes", ackTimes},
		{"rooms", rooms},
		{"state", state},
		{"callbacks", callbacks},
		{"actions", actions},
		{"toasts", toasts},
	}
	if c := ns.Client; c != nil && c.Resync != nil {
		desc = append(desc, prop{"resync", str(c.Resync.Name)})
	}
	if c := ns.Client; c != nil && c.Stale != nil {
		desc = append(desc, prop{"stale", str(c.Stale.Name)})
	}
	text := ns.Contract().JSON()
	desc = append(desc, prop{"contract", object{{"fingerprint", str(contract.Fingerprint(text))}, {"text", str(text)}}})
	return desc
}

func timePaths(paths [][]string) array {
	out := make(array, len(paths))
	for i, p := range paths {
		out[i] = strs(p)
	}
	return out
}

func eventNames(events []*schema.Event) []string {
	names := make([]string, len(events))
	for i, ev := range events {
		names[i] = ev.Name
	}
	return names
}

func roomSpec(o *schema.RoomOption) object {
	params := make([]string, len(o.Room.Params))
	for i, p := range o.Room.Params {
		params[i] = p.Name
	}
	return object{
		{"option", str(o.Name)},
		{"template", str(o.Room.Template)},
		{"params", strs(params)},
		{"joinEvent", str(o.Room.JoinEvent.Name)},
		{"leaveEvent", str(o.Room.LeaveEvent.Name)},
	}
}

func stateSpec(s *schema.State) object {
	switch s.Kind {
	case schema.StateLast:
		return object{{"kind", str("last")}, {"name", str(s.Name)}, {"on", strs(eventNames(s.Events))}}
	case schema.StateList:
		return object{
			{"kind", str("list")},
			{"name", str(s.Name)},
			{"on", strs(eventNames(s.Events))},
			{"keep", token(strconv.Itoa(s.Keep))},
		}
	}
	set := make(array, len(s.Set))
	for i, u := range s.Set {
		if u.Field != nil {
			set[i] = object{{"on", str(u.Event.Name)}, {"field", str(u.Field.Name)}}
		} else {
			set[i] = object{{"on", str(u.Event.Name)}, {"value", literalToken(u.Value)}}
		}
	}
	return object{
		{"kind", str("value")},
		{"name", str(s.Name)},
		{"initial", literalToken(s.Initial)},
		{"set", set},
	}
}

// literalToken writes a schema literal; nil is null. A string goes through
// quote so that it is written like every other string.
func literalToken(l *schema.Literal) token {
	if l == nil {
		return "null"
	}
	if s, ok := l.Value.(string); ok {
		return str(s)
	}
	return token(l.JSON())
}

func actionSpec(a *schema.Action) object {
	args := make([]string, len(a.Args))
	for i, f := range a.Args {
		args[i] = f.Name
	}
	fill := object{}
	for _, f := range a.Fill {
		fill = append(fill, prop{propName(f.Field.Name), str(f.Option.Name)})
	}
	return object{
		{"name", str(a.Name)},
		{"emit", str(a.Event.Name)},
		{"args", strs(args)},
		{"fill", fill},
		{"ack", token(strconv.FormatBool(a.Event.Ack != nil))},
	}
}

func toastSpec(t *schema.Toast) object {
	o := object{
		{"on", str(t.Event.Name)},
		{"owner", str(t.Owner.Name)},
		{"title", str(t.Title.Text)},
	}
	if t.Description != nil {
		o = append(o, prop{"description", str(t.Description.Text)})
	}
	return o
}

package schema

import (
	"fmt"

	"gopkg.in/yaml.v3"
)

// state reads a derived state value. Its kind follows from its keys:
//
//	{on: E}                           StateLast: the latest payload
//	{on: E, keep: N}                  StateList: the latest N payloads
//	{on: E, field: F, initial: V}     StateValue with one update …
//	{on: E, value: V, initial: V}     … or a constant
//	{initial: V, set: [{on, field|value}, …]}  StateValue with several updates
func (cp *clientParser) state(e entry) *State {
	st := &State{Name: e.name, Pos: e.pos}
	what := fmt.Sprintf("state %q", e.name)
	ok := cp.results.add(e.name, e.pos, "state")
	o := cp.object(e.val, what, stateKeys...)
	if o == nil || !ok {
		return nil
	}
	st.Doc = cp.text(o.get("doc"), "doc")
	on, keep, set := o.get("on"), o.get("keep"), o.get("set")
	single := o.get("field") != nil || o.get("value") != nil
	switch {
	case set != nil:
		for _, k := range []string{"on", "field", "value", "keep"} {
			if o.get(k) != nil {
				cp.errorf(cp.pos(o.keys[k]), "%s: %s goes inside set, not beside it", what, k)
				return nil
			}
		}
		return cp.valueState(st, o, set.Content, set, what)
	case single:
		if keep != nil {
			cp.errorf(cp.pos(o.keys["keep"]), "%s: keep keeps whole payloads; it does not go with field or value", what)
			return nil
		}
		return cp.valueState(st, o, []*yaml.Node{o.node}, nil, what)
	}
	if n := o.get("initial"); n != nil {
		cp.errorf(cp.pos(o.keys["initial"]), "%s: initial goes with field, value or set; a state of whole payloads starts empty", what)
		return nil
	}
	if on == nil {
		cp.errorf(e.pos, "%s needs on (the events it follows), or set", what)
		return nil
	}
	events, pos, evOK := cp.serverEvents(on)
	if !evOK {
		return nil
	}
	for i, ev := range events {
		if ev.Payload == nil {
			cp.errorf(pos[i], "%s: event %q has no payload to keep", what, ev.Name)
			return nil
		}
	}
	payload, same := cp.samePayloads(events, pos, what)
	if !same {
		return nil
	}
	st.Kind, st.Events, st.Type, st.Nullable = StateLast, events, payload, true
	if keep != nil {
		k, ok := cp.integer(keep, "keep")
		if !ok {
			return nil
		}
		if k < 1 || k > 10000 {
			cp.errorf(cp.pos(keep), "%s: keep must be between 1 and 10000", what)
			return nil
		}
		st.Kind, st.Keep, st.Nullable = StateList, int(k), false
	}
	return st
}

// valueState reads a StateValue from its update specs: each a mapping with
// on and field or value (for the shorthand, the state's own mapping). list
// is the set: node, nil for the shorthand.
func (cp *clientParser) valueState(st *State, o *object, specs []*yaml.Node, list *yaml.Node, what string) *State {
	st.Kind = StateValue
	if list != nil && (list.Kind != yaml.SequenceNode || len(specs) == 0) {
		cp.errorf(cp.pos(list), "%s: set must be a non-empty list of {on, field} or {on, value}", what)
		return nil
	}
	if n := o.get("initial"); n != nil {
		lit, ok := cp.literal(n, what+" initial")
		if !ok {
			return nil
		}
		st.Initial = lit
	}
	seen := map[*Event]Pos{}
	for _, spec := range specs {
		var so *object
		if list == nil {
			so = o // the shorthand: keys already checked
		} else if so = cp.object(spec, what+" set", stateSetKeys...); so == nil {
			return nil
		}
		sets, ok := cp.stateSets(so, what)
		if !ok {
			return nil
		}
		for _, s := range sets {
			if prev, dup := seen[s.Event]; dup {
				cp.errorf(s.Pos, "%s: event %q already sets it at %s", what, s.Event.Name, prev)
				return nil
			}
			seen[s.Event] = s.Pos
			st.Set = append(st.Set, s)
		}
	}
	return cp.typeValueState(st, what)
}

// stateSets reads one {on, field|value} spec into one StateSet per event.
func (cp *clientParser) stateSets(o *object, what string) ([]*StateSet, bool) {
	on := cp.require(o, "on", what+" update", "the events that set it")
	field, value := o.get("field"), o.get("value")
	if on == nil {
		return nil, false
	}
	if (field == nil) == (value == nil) {
		cp.errorf(cp.pos(o.node), "%s: each update has field (copy a payload field) or value (set a constant), not both or neither", what)
		return nil, false
	}
	events, pos, ok := cp.serverEvents(on)
	if !ok {
		return nil, false
	}
	var lit *Literal
	if value != nil {
		if lit, ok = cp.literal(value, what+" value"); !ok {
			return nil, false
		}
	}
	var sets []*StateSet
	for i, ev := range events {
		s := &StateSet{Event: ev, Value: lit, Pos: pos[i]}
		if field != nil {
			if ev.Payload == nil || !ev.Payload.IsStruct() {
				cp.errorf(pos[i], "%s: event %q has %s; field needs a struct payload", what, ev.Name, payloadWords(ev.Payload))
				return nil, false
			}
			st := ev.Payload.Type
			if s.Field = cp.payloadField(field, st, what); s.Field == nil {
				return nil, false
			}
			if s.Field.Optional {
				cp.errorf(cp.pos(field), "%s: field %q of %s is optional; a state copies required fields", what, s.Field.Name, st.Name)
				return nil, false
			}
		}
		sets = append(sets, s)
	}
	return sets, true
}

// typeValueState works out a StateValue's type (from the fields it copies,
// else from its constants) and checks every constant fits it.
func (cp *clientParser) typeValueState(st *State, what string) *State {
	var typ *TypeRef
	var from string
	for _, s := range st.Set {
		if s.Field == nil || s.Field.Type == nil {
			continue
		}
		if typ == nil {
			typ, from = s.Field.Type, fmt.Sprintf("field %q of %s", s.Field.Name, s.Event.Payload.Type.Name)
			continue
		}
		if !typ.Equal(s.Field.Type) {
			cp.errorf(s.Pos, "%s: field %q of %s is %s, but %s is %s", what, s.Field.Name, s.Event.Payload.Type.Name, s.Field.Type, from, typ)
			return nil
		}
	}
	lits := []*Literal{st.Initial}
	for _, s := range st.Set {
		lits = append(lits, s.Value)
	}
	for _, l := range lits {
		if typ == nil && l != nil && l.Value != nil {
			typ = literalType(l)
		}
	}
	if typ == nil {
		cp.errorf(st.Pos, "%s never holds a value: give it a field, or a constant other than null", what)
		return nil
	}
	st.Type = typ
	st.Nullable = st.Initial == nil
	for _, l := range lits {
		if l == nil {
			continue
		}
		if l.Value == nil {
			st.Nullable = true
			continue
		}
		if !literalFits(l, typ) {
			cp.errorf(l.Pos, "%s: %s does not fit its type %s", what, l.JSON(), typ)
			return nil
		}
	}
	return st
}

// literal reads a constant: null, a boolean, a number or a string.
func (p *parser) literal(n *yaml.Node, what string) (*Literal, bool) {
	lit := &Literal{Pos: p.pos(n)}
	if n.Kind != yaml.ScalarNode {
		p.errorf(lit.Pos, "%s must be a single value (null, a boolean, a number or a string), not %s", what, describe(n))
		return nil, false
	}
	switch n.Tag {
	case "!!null":
	case "!!bool":
		b, ok := p.boolean(n, what)
		if !ok {
			return nil, false
		}
		lit.Value = b
	case "!!int":
		i, ok := p.integer(n, what)
		if !ok {
			return nil, false
		}
		lit.Value = i
	case "!!float":
		f, _, ok := p.number(n, what)
		if !ok {
			return nil, false
		}
		lit.Value = f
	case "!!str":
		lit.Value = n.Value
	default:
		p.errorf(lit.Pos, "%s must be null, a boolean, a number or a string, not %s", what, describe(n))
		return nil, false
	}
	return lit, true
}

func literalType(l *Literal) *TypeRef {
	t := &TypeRef{Pos: l.Pos}
	switch l.Value.(type) {
	case bool:
		t.Kind = KindBool
	case int64:
		t.Kind = KindInteger
	case float64:
		t.Kind = KindFloat
	default:
		t.Kind = KindString
	}
	return t
}

// literalFits reports whether a non-null constant is a value of t.
func literalFits(l *Literal, t *TypeRef) bool {
	switch v := l.Value.(type) {
	case bool:
		return t.Kind == KindBool
	case int64:
		return t.Kind == KindInteger || t.Kind == KindFloat
	case float64:
		return t.Kind == KindFloat
	case string:
		return t.Kind == KindString || t.IsEnum() && hasEnumValue(t.Type, v)
	}
	return false
}

package schema

import "github.com/rtgen/rtgen/runtime/contract"

// Contract returns the schema's wire contract: per namespace, what each
// side sends in which shape, the rooms and their rules, with positions in
// the schema file. Docs, Go names and the client section are left out:
// they never reach the wire. Each namespace is in canonical order.
func (s *Schema) Contract() *contract.Contract {
	c := &contract.Contract{}
	for _, ns := range s.Namespaces {
		c.Namespaces = append(c.Namespaces, ns.Contract())
	}
	return c
}

// Contract returns the namespace's wire contract, in canonical order.
func (ns *Namespace) Contract() *contract.Namespace {
	out := &contract.Namespace{Name: ns.Name, Auth: ns.Auth.String(), Pos: cpos(ns.Pos)}
	types := typeCollector{seen: map[*Type]bool{}}
	for _, e := range ns.Emits {
		ce := &contract.Event{Name: e.Name, From: contract.Server, Delivery: e.DeliveryMode(), Pos: cpos(e.Pos), DeliveryPos: cpos(e.DeliveryPos)}
		ce.Payload, ce.PayloadPos = types.ref(e.Payload)
		out.Events = append(out.Events, ce)
	}
	for _, e := range ns.Receives {
		ce := &contract.Event{Name: e.Name, From: contract.Client, Pos: cpos(e.Pos)}
		ce.Payload, ce.PayloadPos = types.ref(e.Payload)
		ce.Ack, ce.AckPos = types.ref(e.Ack)
		out.Events = append(out.Events, ce)
	}
	for _, r := range ns.Rooms {
		cr := &contract.Room{Template: r.Template, Join: r.JoinEvent.Name, Leave: r.LeaveEvent.Name, Rule: r.Join.contract(), Pos: cpos(r.Pos)}
		for _, p := range r.Params {
			cr.Params = append(cr.Params, types.field(p))
		}
		out.Rooms = append(out.Rooms, cr)
	}
	out.Types = types.list
	out.Canonical()
	return out
}

// typeCollector converts type references and gathers the named types they
// reach.
type typeCollector struct {
	seen map[*Type]bool
	list []*contract.Type
}

// ref returns a reference's expression and position; "" for none.
func (c *typeCollector) ref(t *TypeRef) (string, contract.Pos) {
	if t == nil {
		return "", contract.Pos{}
	}
	c.reach(t)
	return t.String(), cpos(t.Pos)
}

func (c *typeCollector) reach(t *TypeRef) {
	switch t.Kind {
	case KindList, KindMap:
		c.reach(t.Elem)
	case KindNamed:
		c.named(t.Type)
	}
}

func (c *typeCollector) named(t *Type) {
	if c.seen[t] {
		return
	}
	c.seen[t] = true
	ct := &contract.Type{Name: t.Name, Pos: cpos(t.Pos)}
	c.list = append(c.list, ct)
	for _, v := range t.Values {
		ct.Enum = append(ct.Enum, v.Value)
		ct.EnumPos = append(ct.EnumPos, cpos(v.Pos))
	}
	for _, f := range t.Fields {
		ct.Fields = append(ct.Fields, c.field(f))
	}
}

func (c *typeCollector) field(f *Field) *contract.Field {
	c.reach(f.Type)
	return &contract.Field{
		Name: f.Name, Type: f.Type.String(), Optional: f.Optional,
		Min: f.Min, Max: f.Max, MinLength: f.MinLength, MaxLength: f.MaxLength, MinItems: f.MinItems, MaxItems: f.MaxItems,
		Pos: cpos(f.Pos),
	}
}

func (r *Rule) contract() *contract.Rule {
	if r == nil {
		return nil
	}
	out := &contract.Rule{Kind: r.Kind.String(), Role: r.Role}
	if r.Param != nil {
		out.Param = r.Param.Name
	}
	if r.Claim != nil {
		out.Claim = r.Claim.Name
	}
	if r.Hook != nil {
		out.Hook = r.Hook.Name
	}
	for _, sub := range r.Rules {
		out.Rules = append(out.Rules, sub.contract())
	}
	return out
}

func cpos(p Pos) contract.Pos { return contract.Pos{File: p.File, Line: p.Line, Col: p.Col} }

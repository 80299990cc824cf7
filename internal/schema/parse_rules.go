package schema

import (
	"fmt"

	"gopkg.in/yaml.v3"
)

const ruleHelp = "a rule is anyone, authenticated, or a mapping with one of equals, in, role, hook, any, all"

// rule reads a room's join rule.
func (p *parser) rule(n *yaml.Node, r *Room) *Rule {
	rule := &Rule{Pos: p.pos(n)}
	switch n.Kind {
	case yaml.ScalarNode:
		switch s := n.Value; s {
		case "anyone":
			rule.Kind = RuleAnyone
		case "authenticated":
			rule.Kind = RuleAuthenticated
			p.needSession(r, rule.Pos, "authenticated")
		default:
			p.errorf(rule.Pos, "unknown rule %q; %s", s, ruleHelp)
			return nil
		}
		return rule
	case yaml.MappingNode:
	default:
		p.errorf(rule.Pos, "%s; use any: [...] for alternatives", ruleHelp)
		return nil
	}
	o := p.object(n, "rule", ruleKeys...)
	if o == nil {
		return nil
	}
	var ops []string
	for _, k := range []string{"equals", "in", "role", "hook", "any", "all"} {
		if o.get(k) != nil {
			ops = append(ops, k)
		}
	}
	if len(ops) != 1 {
		p.errorf(rule.Pos, "a rule has exactly one of equals, in, role, hook, any, all; this one has %s", wordsOrNone(ops))
		return nil
	}
	op, v := ops[0], o.get(ops[0])
	if o.get("param") != nil && op != "equals" && op != "in" {
		p.errorf(p.pos(o.keys["param"]), "param goes with equals or in, not with %s", op)
	}
	switch op {
	case "equals", "in":
		rule.Kind = RuleEquals
		if op == "in" {
			rule.Kind = RuleIn
		}
		if !p.claimRule(rule, o, op, v, r) {
			return nil
		}
	case "role":
		rule.Kind = RuleRole
		role, ok := p.str(v, "role")
		if !ok {
			return nil
		}
		rule.Role = role
		p.needSession(r, rule.Pos, "role")
		roles := p.s.Session.Roles
		switch {
		case roles == nil:
			p.errorf(p.pos(v), "role rules need session.roles: name the claim that lists a user's roles")
		case roles.Type.Elem.IsEnum() && !hasEnumValue(roles.Type.Elem.Type, role):
			p.errorf(p.pos(v), "role %q is not a value of %s, the type of claim %q", role, roles.Type.Elem.Type.Name, roles.Name)
		}
	case "hook":
		rule.Kind = RuleHook
		name, ok := p.str(v, "hook")
		if !ok || !p.checkGoMethodName(name, p.pos(v), "hook") {
			return nil
		}
		rule.Hook = p.hook(r, name, p.pos(v))
	case "any", "all":
		rule.Kind = RuleAny
		if op == "all" {
			rule.Kind = RuleAll
		}
		if v.Kind != yaml.SequenceNode || len(v.Content) == 0 {
			p.errorf(p.pos(v), "%s must be a non-empty list of rules", op)
			return nil
		}
		for _, item := range v.Content {
			sub := p.rule(item, r)
			if sub == nil {
				return nil
			}
			rule.Rules = append(rule.Rules, sub)
		}
	}
	return rule
}

// claimRule completes an equals or in rule: the room parameter (named, or
// the room's only one) against a session claim of a matching type.
func (p *parser) claimRule(rule *Rule, o *object, op string, v *yaml.Node, r *Room) bool {
	if pn := o.get("param"); pn != nil {
		name, ok := p.str(pn, "param")
		if !ok {
			return false
		}
		if rule.Param = r.Param(name); rule.Param == nil {
			p.errorf(p.pos(pn), "%s", unknown("param", name, fmt.Sprintf(" in room %q", r.Template), fieldNames(r.Params)))
			return false
		}
	} else {
		switch len(r.Params) {
		case 0:
			p.errorf(rule.Pos, "room %q has no parameters for %s to compare", r.Template, op)
			return false
		case 1:
			rule.Param = r.Params[0]
		default:
			p.errorf(rule.Pos, "room %q has several parameters; say which one %s compares with param:", r.Template, op)
			return false
		}
	}
	name, ok := p.str(v, op)
	if !ok {
		return false
	}
	claims := p.s.Session.Claims
	if rule.Claim = p.s.Session.Claim(name); rule.Claim == nil {
		p.errorf(p.pos(v), "%s: %s", op, unknown("claim", name, "", fieldNames(claims)))
		return false
	}
	p.needSession(r, rule.Pos, op)
	param, claim := rule.Param.Type, rule.Claim.Type
	if param == nil || claim == nil {
		return true
	}
	switch {
	case op == "equals" && !param.Equal(claim):
		p.errorf(p.pos(v), "equals compares param %q (%s) with claim %q (%s); their types must match", rule.Param.Name, param, name, claim)
	case op == "in" && claim.Kind != KindList:
		p.errorf(p.pos(v), "in needs a list claim; claim %q is %s (use equals to compare with a single value)", name, claim)
	case op == "in" && !param.Equal(claim.Elem):
		p.errorf(p.pos(v), "in looks for param %q (%s) in claim %q (%s); the list must hold %s", rule.Param.Name, param, name, claim, param)
	}
	return true
}

// needSession reports a rule that reads the session in a namespace that
// never has one.
func (p *parser) needSession(r *Room, pos Pos, op string) {
	if r.Namespace.Auth == AuthNone {
		p.errorf(pos, "%s rules read the session, but namespace %q has auth: none", op, r.Namespace.Name)
	}
}

// hook returns the namespace's hook of the given name, registering it on
// first use. Every room using a hook must pass it the same parameters.
func (p *parser) hook(r *Room, name string, pos Pos) *Hook {
	ns := r.Namespace
	for _, h := range ns.Hooks {
		if h.Name != name {
			continue
		}
		if !sameParams(h.Params, r.Params) {
			p.errorf(pos, "hook %s takes the parameters of room %q (%s), but room %q has %s; use another hook name",
				name, h.Rooms[0].Template, paramList(h.Params), r.Template, paramList(r.Params))
		} else if h.Rooms[len(h.Rooms)-1] != r {
			h.Rooms = append(h.Rooms, r)
		}
		return h
	}
	h := &Hook{Name: name, Params: r.Params, Rooms: []*Room{r}, Pos: pos}
	ns.Hooks = append(ns.Hooks, h)
	return h
}

func sameParams(a, b []*Field) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Name != b[i].Name || !a[i].Type.Equal(b[i].Type) {
			return false
		}
	}
	return true
}

func paramList(params []*Field) string {
	if len(params) == 0 {
		return "no parameters"
	}
	s := ""
	for i, f := range params {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("%s %s", f.Name, typeWords(f.Type))
	}
	return s
}

func typeWords(t *TypeRef) string {
	if t == nil {
		return "?"
	}
	return t.String()
}

func hasEnumValue(t *Type, v string) bool {
	for _, ev := range t.Values {
		if ev.Value == v {
			return true
		}
	}
	return false
}

func wordsOrNone(words []string) string {
	if len(words) == 0 {
		return "none"
	}
	return quoteList(words)
}

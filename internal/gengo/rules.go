package gengo

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/rtgen/rtgen/internal/naming"
	"github.com/rtgen/rtgen/internal/schema"
)

func rulesType(ns *schema.Namespace) string { return naming.GoUnexported(ns.GoName) + "Rules" }

func allowMethod(r *schema.Room) string { return "allow" + r.GoName }

// roomArgType is what a client sends to join or leave r.
func roomArgType(r *schema.Room) jen.Code {
	switch {
	case r.Fixed():
		return jen.Struct()
	case r.ParamsType != nil:
		return jen.Id(r.ParamsType.GoName)
	}
	return goType(r.Params[0].Type)
}

// rules renders the join rule of every room as a method of the
// namespace's rules type: one boolean expression over the session, the
// room parameters and the authorizer's hooks.
func (g *generator) rules(f *jen.File, ns *schema.Namespace) {
	if len(ns.Rooms) == 0 {
		return
	}
	var fields []jen.Code
	if len(ns.Hooks) > 0 {
		fields = append(fields, jen.Id("auth").Id(authorizerName(ns)))
	}
	typ := rulesType(ns)
	f.Add(docComment(typ + " holds the join rules of " + ns.Name + "'s rooms."))
	f.Type().Id(typ).Struct(fields...)
	f.Line()
	for _, r := range ns.Rooms {
		g.rule(f, ns, r)
	}
}

func (g *generator) rule(f *jen.File, ns *schema.Namespace, r *schema.Room) {
	var arg jen.Code
	param := func(p *schema.Field) jen.Code { return jen.Id(p.GoVar) }
	switch {
	case r.Fixed():
		arg = jen.Id("_").Struct()
	case r.ParamsType != nil:
		arg = jen.Id("p").Id(r.ParamsType.GoName)
		param = func(p *schema.Field) jen.Code { return jen.Id("p").Dot(p.GoName) }
	default:
		p := r.Params[0]
		arg = jen.Id(p.GoVar).Add(goType(p.Type))
	}

	var body []jen.Code
	if checks := g.paramChecks(r, param); len(checks) > 0 {
		body = append(body, jen.Var().Id("c").Qual(validatePkg, "Checker"))
		body = append(body, checks...)
		body = append(body, jen.If(jen.Err().Op(":=").Id("c").Dot("Err").Call(), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.False(), jen.Err())))
	}
	rc := &ruleCompiler{g: g, ns: ns, param: param}
	// Authentication guarantees a session in a namespace that requires it.
	expr, _ := rc.compile(r.Join, ns.Auth == schema.AuthRequired)
	if rc.session {
		body = append(body, jen.Id("sess").Op(":=").Id("SessionOf").Call(jen.Id("s")))
	}
	if rc.hooks {
		body = append(body,
			jen.Var().Id("h").Qual(socketioPkg, "HookResult"),
			jen.Id("ok").Op(":=").Add(expr),
			jen.Return(jen.Id("ok"), jen.Id("h").Dot("Err")))
	} else {
		body = append(body, jen.Return(expr, jen.Nil()))
	}
	f.Add(docComment(fmt.Sprintf("%s decides a join of %s: %s.", allowMethod(r), r.Template, r.Join)))
	f.Func().Params(jen.Id("r").Id(rulesType(ns))).Id(allowMethod(r)).Params(
		jen.Id("ctx").Qual("context", "Context"), jen.Id("s").Op("*").Qual(socketioPkg, "Socket"), arg,
	).Params(jen.Bool(), jen.Error()).Block(body...)
	f.Line()
}

// paramChecks renders the checks of a room's parameters made before its
// rule: a single parameter arrives bare, so its constraints are checked
// here (a parameter object validates itself when decoded), and every string
// parameter must be readable back from the room name.
func (g *generator) paramChecks(r *schema.Room, param func(*schema.Field) jen.Code) []jen.Code {
	var out []jen.Code
	if len(r.Params) == 1 && r.ParamsType == nil {
		p := r.Params[0]
		out = append(out, valueChecks(param(p), jen.Lit(p.Name), p.Type, p.Constraints, 0)...)
	}
	for i, part := range r.Parts {
		if part.Param == nil || part.Param.Type.Kind != schema.KindString {
			continue
		}
		next := ""
		if i+1 < len(r.Parts) {
			next = r.Parts[i+1].Literal
		}
		out = append(out, jen.Id("c").Dot("RoomParam").Call(jen.Lit(part.Param.Name), param(part.Param), jen.Lit(next)))
	}
	return out
}

// ruleCompiler turns a rule tree into one Go boolean expression, noting
// whether it reads the session and calls hooks.
type ruleCompiler struct {
	g              *generator
	ns             *schema.Namespace
	param          func(*schema.Field) jen.Code
	session, hooks bool
}

// compile returns the rule's expression. guarded says that sess is known to
// be non-nil where the expression is evaluated (always in a namespace that
// requires authentication; after an earlier `sess != nil &&` term of the same
// conjunction otherwise); the result says whether it is after the
// expression, when the expression is true.
func (rc *ruleCompiler) compile(r *schema.Rule, guarded bool) (*jen.Statement, bool) {
	guard := func(e jen.Code) (*jen.Statement, bool) {
		rc.session = true
		if guarded {
			return jen.Add(e), true
		}
		return jen.Id("sess").Op("!=").Nil().Op("&&").Add(e), true
	}
	switch r.Kind {
	case schema.RuleAnyone:
		return jen.True(), guarded
	case schema.RuleAuthenticated:
		if guarded {
			return jen.True(), true
		}
		rc.session = true
		return jen.Id("sess").Op("!=").Nil(), true
	case schema.RuleEquals:
		claim := jen.Id("sess").Dot(r.Claim.GoName)
		if r.Claim.Optional && r.Claim.Type.Kind != schema.KindList && r.Claim.Type.Kind != schema.KindMap {
			return guard(claim.Clone().Op("!=").Nil().Op("&&").Op("*").Add(claim).Op("==").Add(rc.param(r.Param)))
		}
		return guard(jen.Add(rc.param(r.Param)).Op("==").Add(claim))
	case schema.RuleIn:
		return guard(jen.Qual("slices", "Contains").Call(jen.Id("sess").Dot(r.Claim.GoName), rc.param(r.Param)))
	case schema.RuleRole:
		roles := rc.g.s.Session.Roles
		role := jen.Code(jen.Lit(r.Role))
		if elem := roles.Type.Elem; elem.IsEnum() {
			for _, v := range elem.Type.Values {
				if v.Value == r.Role {
					role = jen.Id(v.GoName)
				}
			}
		}
		return guard(jen.Qual("slices", "Contains").Call(jen.Id("sess").Dot(roles.GoName), role))
	case schema.RuleHook:
		rc.session, rc.hooks = true, true
		args := []jen.Code{jen.Id("ctx"), jen.Id("sess")}
		for _, p := range r.Hook.Params {
			args = append(args, rc.param(p))
		}
		return jen.Id("h").Dot("Pass").Call(jen.Id("r").Dot("auth").Dot(r.Hook.Name).Call(args...)), guarded
	case schema.RuleAny:
		out, _ := rc.compile(r.Rules[0], guarded)
		for _, sub := range r.Rules[1:] {
			e, _ := rc.compile(sub, guarded)
			out = out.Op("||").Add(e)
		}
		return jen.Parens(out), guarded
	case schema.RuleAll:
		out, g := rc.compile(r.Rules[0], guarded)
		for _, sub := range r.Rules[1:] {
			var e *jen.Statement
			e, g = rc.compile(sub, g)
			out = out.Op("&&").Add(e)
		}
		return jen.Parens(out), g
	}
	panic(fmt.Sprintf("gengo: unknown rule kind %d", r.Kind))
}

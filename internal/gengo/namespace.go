package gengo

import (
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/rtgen/rtgen/internal/schema"
	"github.com/rtgen/rtgen/runtime/contract"
)

// namespaceFile renders one namespace: its event names, room builders and
// parsers, the typed emitter type, handler and authorizer interfaces, join
// rules and its registration.
func (g *generator) namespaceFile(ns *schema.Namespace) *jen.File {
	f := g.newFile()
	g.nameConsts(f, ns)
	for _, r := range ns.Rooms {
		g.roomBuilder(f, ns, r)
	}
	g.emitterType(f, ns)
	for _, r := range ns.Rooms {
		if r.Method != "" {
			g.roomMessage(f, ns, r)
		}
	}
	g.handlerInterface(f, ns)
	g.authorizerInterface(f, ns)
	g.rules(f, ns)
	g.registerNamespace(f, ns)
	return f
}

// nameConsts renders the namespace and event name constants.
func (g *generator) nameConsts(f *jen.File, ns *schema.Namespace) {
	name := g.declare(ns.GoName+"Namespace", "namespace "+ns.Name)
	f.Add(docComment(name + " is the name of the " + ns.Name + " namespace." + docLine(ns.Doc)))
	f.Const().Id(name).Op("=").Lit(ns.Name)
	f.Line()

	text := ns.Contract().JSON()
	contractName := g.declare(contractConst(ns), "the contract of namespace "+ns.Name)
	fingerprint := g.declare(ns.GoName+"Fingerprint", "the contract fingerprint of namespace "+ns.Name)
	f.Add(docComment(contractName + " is the wire contract of " + ns.Name + " (docs/contract.md), which " + fingerprint + " names. " +
		"Generated clients present theirs when they connect, and the namespace refuses, with code schema_mismatch, a client built from a contract this one breaks."))
	f.Const().Defs(
		jen.Id(contractName).Op("=").Add(rawString(text)),
		jen.Id(fingerprint).Op("=").Lit(contract.Fingerprint(text)),
	)
	f.Line()

	var defs []jen.Code
	seen := map[string]bool{}
	add := func(e *schema.Event, dir string) {
		id := eventConst(ns, e)
		if seen[id] {
			return // the same name in both directions: one constant serves
		}
		seen[id] = true
		g.declare(id, "event "+e.Name+" of "+ns.Name)
		defs = append(defs, docComment(id+" ("+dir+")."+docLine(e.Doc)), jen.Id(id).Op("=").Lit(e.Name))
	}
	for _, e := range ns.Emits {
		add(e, "server → client")
	}
	for _, e := range ns.Receives {
		add(e, "client → server")
	}
	for _, r := range ns.Rooms {
		add(r.JoinEvent, "client → server: joins "+r.Template)
		add(r.LeaveEvent, "client → server: leaves "+r.Template)
	}
	f.Add(docComment("Events of " + ns.Name + ", by their names on the wire."))
	f.Const().Defs(defs...)
	f.Line()
}

func contractConst(ns *schema.Namespace) string { return ns.GoName + "Contract" }

// rawString is a Go raw string literal of s, which is easier to read than
// a quoted one for JSON; a quoted one when s holds a backquote.
func rawString(s string) *jen.Statement {
	if strings.Contains(s, "`") {
		return jen.Lit(s)
	}
	return jen.Op("`" + s + "`")
}

func eventConst(ns *schema.Namespace, e *schema.Event) string {
	return ns.GoName + e.GoName + "Event"
}

func roomFunc(ns *schema.Namespace, r *schema.Room) string {
	return ns.GoName + r.GoName + "Room"
}

// roomBuilder renders the room name constant of a fixed room, or the
// builder and parser of a parameterised one.
func (g *generator) roomBuilder(f *jen.File, ns *schema.Namespace, r *schema.Room) {
	name := g.declare(roomFunc(ns, r), "room "+r.Template+" of "+ns.Name)
	if r.Fixed() {
		f.Add(docComment(name + " is room " + r.Template + " of " + ns.Name + "." + docLine(r.Doc)))
		f.Const().Id(name).Op("=").Lit(r.Template)
		f.Line()
		return
	}
	var params, concat []jen.Code
	for _, p := range r.Params {
		params = append(params, jen.Id(p.GoVar).Add(goType(p.Type)))
	}
	for _, part := range r.Parts {
		if part.Param == nil {
			concat = append(concat, jen.Lit(part.Literal))
		} else {
			concat = append(concat, paramText(part.Param))
		}
	}
	expr := jen.Add(concat[0])
	for _, c := range concat[1:] {
		expr = expr.Op("+").Add(c)
	}
	f.Add(docComment(name + " names room " + r.Template + " of " + ns.Name + "." + docLine(r.Doc)))
	f.Func().Id(name).Params(params...).String().Block(jen.Return(expr))
	f.Line()

	parse := g.declare("Parse"+name, "the parser of room "+r.Template+" of "+ns.Name)
	var results, zero []jen.Code
	for _, p := range r.Params {
		results = append(results, jen.Id(p.GoVar).Add(goType(p.Type)))
		zero = append(zero, jen.Id(p.GoVar))
	}
	results = append(results, jen.Id("ok").Bool())
	fail := jen.Return(append(append([]jen.Code{}, zero...), jen.False())...)
	var literals []jen.Code
	prevParam := true // a template starting with a parameter has "" before it
	for _, part := range r.Parts {
		if part.Param == nil {
			literals = append(literals, jen.Lit(part.Literal))
			prevParam = false
			continue
		}
		if prevParam {
			literals = append(literals, jen.Lit(""))
		}
		prevParam = true
	}
	if prevParam {
		literals = append(literals, jen.Lit(""))
	}
	body := []jen.Code{
		jen.List(jen.Id("v"), jen.Id("matched")).Op(":=").Qual(socketioPkg, "MatchRoom").Call(append([]jen.Code{jen.Id("room")}, literals...)...),
		jen.If(jen.Op("!").Id("matched")).Block(fail),
	}
	needErr := false
	for i, p := range r.Params {
		text := jen.Id("v").Index(jen.Lit(i))
		switch {
		case p.Type.Kind == schema.KindInteger:
			needErr = true
			body = append(body, jen.If(
				jen.List(jen.Id(p.GoVar), jen.Id("err")).Op("=").Qual("strconv", "ParseInt").Call(text, jen.Lit(10), jen.Lit(64)),
				jen.Id("err").Op("!=").Nil(),
			).Block(fail))
		case p.Type.IsEnum():
			body = append(body, jen.Id(p.GoVar).Op("=").Id(p.Type.Type.GoName).Call(text))
			body = append(body, jen.If(jen.Id(p.GoVar).Dot("Validate").Call().Op("!=").Nil()).Block(fail))
		default:
			body = append(body, jen.Id(p.GoVar).Op("=").Add(text))
		}
	}
	if needErr {
		body = append([]jen.Code{jen.Var().Id("err").Error()}, body...)
	}
	body = append(body, jen.Return(append(append([]jen.Code{}, zero...), jen.True())...))
	f.Add(docComment(parse + " reads the parameters of a " + r.Template + " room name; ok is false when room is not one."))
	f.Func().Id(parse).Params(jen.Id("room").String()).Params(results...).Block(body...)
	f.Line()
}

// paramText renders a room parameter as room name text.
func paramText(p *schema.Field) jen.Code {
	switch {
	case p.Type.Kind == schema.KindInteger:
		return jen.Qual("strconv", "FormatInt").Call(jen.Id(p.GoVar), jen.Lit(10))
	case p.Type.IsEnum():
		return jen.String().Call(jen.Id(p.GoVar))
	}
	return jen.Id(p.GoVar)
}

// emitterType renders the namespace's server type: typed emitters per
// event target and the query helpers.
func (g *generator) emitterType(f *jen.File, ns *schema.Namespace) {
	name := g.declare(ns.GoName, "namespace "+ns.Name)
	f.Add(docComment(name+" is the server side of "+ns.Name+"."+docLine(ns.Doc), "Its methods are safe for concurrent use. Emitters validate the payload, encode it once and never wait for the network."))
	f.Type().Id(name).Struct(jen.Id("ns").Op("*").Qual(socketioPkg, "Namespace"))
	f.Line()
	recv := jen.Id("n").Op("*").Id(name)
	f.Add(docComment("Namespace returns the runtime namespace, for what the schema does not describe."))
	f.Func().Params(recv.Clone()).Id("Namespace").Params().Op("*").Qual(socketioPkg, "Namespace").Block(jen.Return(jen.Id("n").Dot("ns")))
	f.Line()

	for _, e := range ns.Emits {
		for _, t := range e.Targets {
			g.emitter(f, ns, recv, e, t)
		}
	}
	for _, q := range ns.Queries {
		g.query(f, ns, recv, q)
	}
}

func (g *generator) emitter(f *jen.File, ns *schema.Namespace, recv *jen.Statement, e *schema.Event, t *schema.Target) {
	var params []jen.Code
	target := "every client of " + ns.Name
	to := jen.Id("n").Dot("ns").Dot("To").Call()
	if t.Room != nil {
		target = "room " + t.Room.Template
		var args []jen.Code
		for i, p := range t.Room.Params {
			if e.ParamsFromPayload {
				args = append(args, jen.Id("p").Dot(t.ParamFields[i].GoName))
			} else {
				params = append(params, jen.Id(p.GoVar).Add(goType(p.Type)))
				args = append(args, jen.Id(p.GoVar))
			}
		}
		room := jen.Id(roomFunc(ns, t.Room))
		if !t.Room.Fixed() {
			room = room.Call(args...)
		}
		to = jen.Id("n").Dot("ns").Dot("To").Call(room)
	}
	to = withDelivery(to, e, jen.Id("p"))
	payload := jen.Code(jen.Nil())
	if e.Payload != nil {
		params = append(params, jen.Id("p").Add(goType(e.Payload)))
		payload = jen.Id("p")
	}
	lead := "sends " + e.Name + " to " + target + "."
	if e.ParamsFromPayload && t.Room != nil {
		lead = "sends " + e.Name + " to " + target + ", named by the payload."
	}
	f.Add(comment(t.Method, lead, e.Doc))
	f.Func().Params(recv.Clone()).Id(t.Method).Params(params...).Error().Block(
		jen.Return(jen.Qual(socketioPkg, "EmitPayload").Call(to, jen.Id(eventConst(ns, e)), payload)),
	)
	f.Line()
}

func (g *generator) query(f *jen.File, ns *schema.Namespace, recv *jen.Statement, q *schema.Query) {
	params := []jen.Code{jen.Id("ctx").Qual("context", "Context")}
	var room jen.Code
	if q.Room != nil {
		var args []jen.Code
		for _, p := range q.Room.Params {
			params = append(params, jen.Id(p.GoVar).Add(goType(p.Type)))
			args = append(args, jen.Id(p.GoVar))
		}
		room = jen.Id(roomFunc(ns, q.Room))
		if !q.Room.Fixed() {
			room = jen.Id(roomFunc(ns, q.Room)).Call(args...)
		}
	}
	ns_ := jen.Id("n").Dot("ns")
	var lead string
	var result jen.Code
	var call *jen.Statement
	switch {
	case q.Kind == schema.QueryExists:
		lead = "reports whether anyone, on any node, is in room " + q.Room.Template + "."
		result = jen.Bool()
		call = ns_.Dot("HasMembers").Call(jen.Id("ctx"), room)
	case q.Room != nil:
		lead = "returns how many sockets, on every node, are in room " + q.Room.Template + "."
		result = jen.Int()
		call = ns_.Dot("RoomSize").Call(jen.Id("ctx"), room)
	default:
		lead = "returns how many sockets, on every node, are connected to " + ns.Name + "."
		result = jen.Int()
		call = ns_.Dot("Count").Call(jen.Id("ctx"))
	}
	f.Add(comment(q.Name, lead, q.Doc))
	f.Func().Params(recv.Clone()).Id(q.Name).Params(params...).Params(result, jen.Error()).Block(jen.Return(call))
	f.Line()
}

// roomMessage renders the message type and constructors of a room's
// generic emitter (e.g. NotifyTeam), which accepts any event the room is a
// target of.
func (g *generator) roomMessage(f *jen.File, ns *schema.Namespace, r *schema.Room) {
	typ := g.declare(ns.GoName+r.GoName+"Message", "the messages of room "+r.Template+" of "+ns.Name)
	var ctors []string
	for _, e := range r.Emits {
		ctors = append(ctors, ns.GoName+e.GoName)
	}
	f.Add(docComment(typ + " is an event that " + r.Method + " sends to a " + r.Template + " room of " + ns.Name + ". Make one with " + strings.Join(ctors, ", ") + "."))
	f.Type().Id(typ).Struct(jen.Id("event").String(), jen.Id("payload").Any(), jen.Id("delivery").Qual(socketioPkg, "Delivery"))
	f.Line()
	for _, e := range r.Emits {
		ctor := g.declare(ns.GoName+e.GoName, "the "+r.Method+" message of event "+e.Name)
		var params []jen.Code
		payload := jen.Code(jen.Nil())
		if e.Payload != nil {
			params = append(params, jen.Id("p").Add(goType(e.Payload)))
			payload = jen.Id("p")
		}
		fields := []jen.Code{jen.Id("event").Op(":").Id(eventConst(ns, e)), jen.Id("payload").Op(":").Add(payload)}
		if d := deliveryValue(e, jen.Id("p")); d != nil {
			fields = append(fields, jen.Id("delivery").Op(":").Add(d))
		}
		f.Add(comment(ctor, "makes the "+e.Name+" message for "+r.Method+".", e.Doc))
		f.Func().Id(ctor).Params(params...).Id(typ).Block(
			jen.Return(jen.Id(typ).Values(fields...)),
		)
		f.Line()
	}
	var params, args []jen.Code
	for _, p := range r.Params {
		params = append(params, jen.Id(p.GoVar).Add(goType(p.Type)))
		args = append(args, jen.Id(p.GoVar))
	}
	params = append(params, jen.Id("m").Id(typ))
	room := jen.Id(roomFunc(ns, r))
	if !r.Fixed() {
		room = room.Call(args...)
	}
	f.Add(comment(r.Method, "sends m to room "+r.Template+".", r.Doc))
	f.Func().Params(jen.Id("n").Op("*").Id(ns.GoName)).Id(r.Method).Params(params...).Error().Block(
		jen.Return(jen.Qual(socketioPkg, "EmitPayload").Call(
			jen.Id("n").Dot("ns").Dot("To").Call(room).Dot("With").Call(jen.Id("m").Dot("delivery")), jen.Id("m").Dot("event"), jen.Id("m").Dot("payload"))),
	)
	f.Line()
}

// withDelivery applies e's delivery mode to the broadcast to, reading a
// latest key from payload p.
func withDelivery(to *jen.Statement, e *schema.Event, p *jen.Statement) *jen.Statement {
	switch e.Delivery {
	case schema.DeliveryVolatile:
		return to.Dot("Volatile").Call()
	case schema.DeliveryLatest:
		return to.Dot("Latest").Call(latestKey(e, p))
	}
	return to
}

// deliveryValue is e's delivery mode as a socketio.Delivery value; nil for
// replay, the zero value.
func deliveryValue(e *schema.Event, p *jen.Statement) jen.Code {
	switch e.Delivery {
	case schema.DeliveryVolatile:
		return jen.Qual(socketioPkg, "DeliverVolatile")
	case schema.DeliveryLatest:
		return jen.Qual(socketioPkg, "DeliverLatest").Call(latestKey(e, p))
	}
	return nil
}

// latestKey is the text keying a latest event: its key field's value as a
// string, or "" when the event itself is the key.
func latestKey(e *schema.Event, p *jen.Statement) jen.Code {
	f := e.LatestKey
	if f == nil {
		return jen.Lit("")
	}
	v := p.Clone().Dot(f.GoName)
	switch {
	case f.Type.IsEnum():
		return jen.String().Call(v)
	case f.Type.Kind == schema.KindInteger:
		return jen.Qual("strconv", "FormatInt").Call(v, jen.Lit(10))
	case f.Type.Kind == schema.KindBool:
		return jen.Qual("strconv", "FormatBool").Call(v)
	}
	return v
}

func handlerName(ns *schema.Namespace) string    { return ns.GoName + "Handler" }
func authorizerName(ns *schema.Namespace) string { return ns.GoName + "Authorizer" }

// handlerInterface renders the interface the application implements for
// the namespace's declared client events.
func (g *generator) handlerInterface(f *jen.File, ns *schema.Namespace) {
	if len(ns.Receives) == 0 {
		return
	}
	name := g.declare(handlerName(ns), "the handler of "+ns.Name)
	var methods []jen.Code
	for _, e := range ns.Receives {
		doc := e.Method + " handles " + e.Name + "." + docLine(e.Doc)
		if e.Ack != nil {
			doc += " What it returns is the client's acknowledgement."
		}
		methods = append(methods, docComment(doc), jen.Id(e.Method).Params(handlerParams(e)...).Add(handlerResults(e)))
	}
	f.Add(docComment(name + " handles the client events of " + ns.Name + ". Every payload has been decoded and validated before a method is called; an error it returns reaches the client (a *socketio.Error as is, anything else as code internal)."))
	f.Type().Id(name).Interface(methods...)
	f.Line()
}

func handlerParams(e *schema.Event) []jen.Code {
	params := []jen.Code{jen.Id("ctx").Qual("context", "Context"), jen.Id("c").Id("Client")}
	if e.Payload != nil {
		params = append(params, jen.Id("p").Add(goType(e.Payload)))
	}
	return params
}

func handlerResults(e *schema.Event) jen.Code {
	if e.Ack != nil {
		return jen.Params(goType(e.Ack), jen.Error())
	}
	return jen.Error()
}

// authorizerInterface renders the interface of the join-rule hooks the
// application decides.
func (g *generator) authorizerInterface(f *jen.File, ns *schema.Namespace) {
	if len(ns.Hooks) == 0 {
		return
	}
	name := g.declare(authorizerName(ns), "the authorizer of "+ns.Name)
	var methods []jen.Code
	for _, h := range ns.Hooks {
		var rooms []string
		for _, r := range h.Rooms {
			rooms = append(rooms, r.Template)
		}
		params := []jen.Code{jen.Id("ctx").Qual("context", "Context"), jen.Id("s").Op("*").Id("Session")}
		for _, p := range h.Params {
			params = append(params, jen.Id(p.GoVar).Add(goType(p.Type)))
		}
		methods = append(methods,
			docComment(h.Name+" decides the joins of "+strings.Join(rooms, ", ")+" that its rule leaves to the application. s is nil for a socket without a session."),
			jen.Id(h.Name).Params(params...).Params(jen.Bool(), jen.Error()))
	}
	f.Add(docComment(name + " decides the " + ns.Name + " join rules that the schema delegates to the application. An error refuses the join and is reported as code internal."))
	f.Type().Id(name).Interface(methods...)
	f.Line()
}

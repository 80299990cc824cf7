package gents

import (
	"sort"
	"strings"

	"github.com/rtgen/rtgen/internal/naming"
	"github.com/rtgen/rtgen/internal/schema"
)

// nsNames are the exported names a namespace's file declares.
type nsNames struct {
	ServerEvents   string // LeaderboardServerEvents: payloads by event, as the hooks deliver them
	ClientEvents   string // LeaderboardClientEvents: payload and ack by event
	ServerToClient string // LeaderboardServerToClientEvents: socket.io-client's listen map
	ClientToServer string // LeaderboardClientToServerEvents: socket.io-client's emit map
	Socket         string // LeaderboardSocket: the typed raw socket
	Rooms          string // leaderboardRooms: room name builders
	Descriptor     string // leaderboardNamespace: the runtime's descriptor
}

func namesOf(ns *schema.Namespace) nsNames {
	p, c := naming.TSPascal(ns.TSName), strings.TrimSuffix(ns.TSName, "_")
	return nsNames{
		ServerEvents:   p + "ServerEvents",
		ClientEvents:   p + "ClientEvents",
		ServerToClient: p + "ServerToClientEvents",
		ClientToServer: p + "ClientToServerEvents",
		Socket:         p + "Socket",
		Rooms:          c + "Rooms",
		Descriptor:     c + "Namespace",
	}
}

// namespaceView is what one namespace's file renders.
type namespaceView struct {
	Header  string
	Imports string
	Path    string // the namespace as written, for comments: /leaderboard
	nsNames
	// The members of the four event maps and of the rooms object.
	ServerEventMembers    []member
	ClientEventMembers    []member
	ServerToClientMembers []member
	ClientToServerMembers []member
	RoomBuilders          []roomBuilder
	// DescriptorValue is the descriptor's object literal.
	DescriptorValue string
	Hook            *hookView
}

// roomBuilder is one function of the rooms object.
type roomBuilder struct {
	Doc    string
	Key    string
	Params string // "userId: number"
	Type   string // the name's type: `user:${number}` or 'tv-display'
	Value  string // the name: `user:${userId}` or 'tv-display'
}

// hookView is the namespace's React hook: its options and result types and
// the one-line function binding the runtime's hook to the descriptor.
type hookView struct {
	Doc        string
	Name       string
	Options    string
	Result     string
	ResultBase string
	Members    []member // options
	Results    []member
}

func buildNamespace(ns *schema.Namespace, header string) *namespaceView {
	n := namesOf(ns)
	v := &namespaceView{Header: header, Path: ns.Name, nsNames: n}
	used := map[*schema.Type]bool{}
	runtime := map[string]bool{"NamespaceDescriptor": true}
	use := func(t *schema.TypeRef) string {
		namedTypes(t, used)
		if t != nil && t.TimePaths() != nil {
			runtime["Wire"] = true
		}
		return payloadType(t)
	}

	for _, ev := range ns.Emits {
		doc := jsdoc("  ", sentences(ev.Doc, targetsText(ev)))
		v.ServerEventMembers = append(v.ServerEventMembers, member{Doc: doc, Name: propName(ev.Name), Type: use(ev.Payload)})
		params := ""
		if ev.Payload != nil {
			params = "payload: " + wireType(ev.Payload)
		}
		v.ServerToClientMembers = append(v.ServerToClientMembers, member{Doc: doc, Name: propName(ev.Name), Type: "(" + params + ") => void"})
	}
	for _, ev := range clientEvents(ns) {
		doc := jsdoc("  ", clientEventDoc(ev))
		v.ClientEventMembers = append(v.ClientEventMembers, member{
			Doc:  doc,
			Name: propName(ev.Name),
			Type: "{ payload: " + use(ev.Payload) + "; ack: " + use(ev.Ack) + " }",
		})
		var params []string
		if ev.Payload != nil {
			params = append(params, payloadParam(ev)+": "+payloadType(ev.Payload))
		}
		if ev.Ack != nil || ev.Kind == schema.EventJoin {
			runtime["AckEnvelope"] = true
			params = append(params, "ack: (res: AckEnvelope<"+wireType(ev.Ack)+">) => void")
		}
		v.ClientToServerMembers = append(v.ClientToServerMembers, member{
			Doc:  doc,
			Name: propName(ev.Name),
			Type: "(" + strings.Join(params, ", ") + ") => void",
		})
	}
	for _, r := range ns.Rooms {
		v.RoomBuilders = append(v.RoomBuilders, roomBuilderOf(r))
	}
	v.DescriptorValue = printBlock(descriptor(ns), "")

	var imports []string
	imports = append(imports, "import type { Socket } from 'socket.io-client';")
	if ns.Client != nil {
		v.Hook = buildHook(ns, n, use)
		imports = append(imports, importLine("", []string{"useNamespaceSocket", "type SocketHookOptions", "type SocketHookResult"}, "./react"))
	}
	imports = append(imports, importLine("type ", sortedKeys(runtime), "./runtime"))
	if len(used) > 0 {
		imports = append(imports, importLine("type ", typeNames(used), "./types"))
	}
	v.Imports = strings.Join(imports, "\n")
	return v
}

// clientEvents are a namespace's client→server events: each room's join and
// leave events, then the declared ones.
func clientEvents(ns *schema.Namespace) []*schema.Event {
	var out []*schema.Event
	for _, r := range ns.Rooms {
		out = append(out, r.JoinEvent, r.LeaveEvent)
	}
	return append(out, ns.Receives...)
}

// payloadParam names the payload parameter of a client event in the raw
// socket's map: the room parameter for a join/leave event, else "payload".
func payloadParam(ev *schema.Event) string {
	if ev.Room != nil && len(ev.Room.Params) == 1 {
		return ev.Room.Params[0].TSVar
	}
	if ev.Room != nil {
		return "params"
	}
	return "payload"
}

func targetsText(ev *schema.Event) string {
	var rooms []string
	all := false
	for _, t := range ev.Targets {
		if t.Room == nil {
			all = true
			continue
		}
		rooms = append(rooms, t.Room.Template)
	}
	switch {
	case all && len(rooms) == 0:
		return "Sent to every client of the namespace."
	case all:
		return "Sent to every client of the namespace, or to rooms " + strings.Join(rooms, ", ") + "."
	case len(rooms) == 1:
		return "Sent to room " + rooms[0] + "."
	case len(rooms) > 1:
		return "Sent to rooms " + strings.Join(rooms, ", ") + "."
	}
	return ""
}

func clientEventDoc(ev *schema.Event) string {
	switch ev.Kind {
	case schema.EventJoin:
		return "Joins room " + ev.Room.Template + " if the server allows it (" + ev.Room.Join.String() +
			"); a refusal is a forbidden error."
	case schema.EventLeave:
		return "Leaves room " + ev.Room.Template + "."
	}
	return ev.Doc
}

func roomBuilderOf(r *schema.Room) roomBuilder {
	b := roomBuilder{Doc: jsdoc("  ", r.Doc), Key: propName(r.TSName)}
	if r.Fixed() {
		b.Type = quote(r.Template)
		b.Value = b.Type
		return b
	}
	var params []string
	var typ, val strings.Builder
	for _, part := range r.Parts {
		if part.Param == nil {
			typ.WriteString(templateText(part.Literal))
			val.WriteString(templateText(part.Literal))
			continue
		}
		typ.WriteString(roomParamType(part.Param))
		val.WriteString("${" + part.Param.TSVar + "}")
	}
	for _, p := range r.Params {
		params = append(params, p.TSVar+": "+tsType(p.Type))
	}
	b.Params = strings.Join(params, ", ")
	b.Type = "`" + typ.String() + "`"
	b.Value = "`" + val.String() + "`"
	return b
}

// importLine renders an import of names from a module, one name per line
// when it would not fit on one.
func importLine(kind string, names []string, from string) string {
	line := "import " + kind + "{ " + strings.Join(names, ", ") + " } from '" + from + "';"
	if len(line) <= lineWidth {
		return line
	}
	return "import " + kind + "{\n  " + strings.Join(names, ",\n  ") + ",\n} from '" + from + "';"
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func typeNames(set map[*schema.Type]bool) []string {
	names := make([]string, 0, len(set))
	for t := range set {
		names = append(names, t.Name)
	}
	sort.Strings(names)
	return names
}

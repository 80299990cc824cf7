package schema

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// defaultsSchema leaves out everything optional, to pin the defaults.
const defaultsSchema = `version: 1
output:
  go: {dir: gen/rt}
session:
  claims:
    userId: integer
    groups: "[]string"
types:
  Point:
    fields:
      at: time
      tags: "map[string][]Stamp"
  Stamp:
    fields:
      when: time
      label: string?
namespaces:
  /:
    rooms:
      lobby:
        join: anyone
      user:{userId}:
        params: {userId: integer}
        join: {equals: userId}
      chat:{group}/{topic}:
        params:
          group: string
          topic: {type: string, maxLength: 32}
        join:
          all:
            - {param: group, in: groups}
            - {hook: CanReadTopic}
    emits:
      ping:
        to: all
      point:
        payload: Point
        to:
          - all
          - user:{userId}
    receives:
      hello:
        payload: string
        ack: integer
    queries:
      Count:
        count: user:{userId}
`

func TestDefaults(t *testing.T) {
	s, err := Parse("defaults.yaml", []byte(defaultsSchema))
	if err != nil {
		t.Fatal(err)
	}
	if s.Output.Go.Package != "rt" || s.Output.TS != nil {
		t.Errorf("Output = %+v %+v, want package rt and no TS", s.Output.Go, s.Output.TS)
	}
	ns := s.Namespaces[0]
	if ns.GoName != "Main" || ns.TSName != "main" || ns.LogLabel != "Main" || ns.Auth != AuthRequired {
		t.Errorf("namespace / = %s %s %q %v, want Main main \"Main\" required", ns.GoName, ns.TSName, ns.LogLabel, ns.Auth)
	}
	var methods []string
	for _, ev := range ns.Emits {
		for _, tg := range ev.Targets {
			methods = append(methods, tg.Method)
		}
	}
	if diff := cmp.Diff([]string{"EmitPing", "EmitPointToAll", "EmitPointToUser"}, methods); diff != "" {
		t.Errorf("default emitter names (-want +got):\n%s", diff)
	}
	hello := ns.Receive("hello")
	if hello.Method != "OnHello" || hello.Payload.Kind != KindString || hello.Ack.Kind != KindInteger {
		t.Errorf("hello = %+v, want OnHello(string) acking integer", hello)
	}
	if ping := ns.Emit("ping"); ping.Payload != nil {
		t.Errorf("ping payload = %v, want none", ping.Payload)
	}
}

func TestRooms(t *testing.T) {
	s, err := Parse("defaults.yaml", []byte(defaultsSchema))
	if err != nil {
		t.Fatal(err)
	}
	ns := s.Namespaces[0]
	lobby, user, chat := ns.Rooms[0], ns.Rooms[1], ns.Rooms[2]

	if !lobby.Fixed() || lobby.JoinEvent.Payload != nil || lobby.JoinEvent.Name != "join:lobby" || lobby.ParamsType != nil {
		t.Errorf("lobby = %+v, want a fixed room joined by join:lobby without argument", lobby)
	}
	if user.JoinEvent.Payload.Kind != KindInteger || user.LeaveEvent.Kind != EventLeave || user.JoinEvent.Room != user {
		t.Errorf("user join/leave = %+v %+v, want integer argument and back-links", user.JoinEvent, user.LeaveEvent)
	}
	if len(user.Emits) != 1 || user.Emits[0].Name != "point" {
		t.Errorf("user room Emits = %v, want [point]", user.Emits)
	}

	// A room with two parameters is joined with an object: a synthesised type.
	pt := chat.ParamsType
	if pt == nil || pt.Name != "MainChatParams" || pt.Room != chat || s.Types[len(s.Types)-1] != pt {
		t.Fatalf("chat ParamsType = %+v, want MainChatParams appended to Types", pt)
	}
	if chat.JoinEvent.Payload.Type != pt || len(pt.Fields) != 2 || *pt.Fields[1].MaxLength != 32 {
		t.Errorf("chat join payload = %v, fields %v", chat.JoinEvent.Payload, pt.Fields)
	}
	var parts []string
	for _, p := range chat.Parts {
		if p.Param != nil {
			parts = append(parts, "{"+p.Param.GoVar+"}")
		} else {
			parts = append(parts, p.Literal)
		}
	}
	if diff := cmp.Diff([]string{"chat:", "{group}", "/", "{topic}"}, parts); diff != "" {
		t.Errorf("chat parts (-want +got):\n%s", diff)
	}

	rule := chat.Join
	if rule.Kind != RuleAll || rule.Rules[0].Kind != RuleIn || rule.Rules[0].Param.Name != "group" ||
		rule.Rules[0].Claim.Name != "groups" || rule.Rules[1].Hook.Name != "CanReadTopic" {
		t.Errorf("chat rule = %s", rule)
	}
	hook := ns.Hooks[0]
	if hook.Name != "CanReadTopic" || len(hook.Params) != 2 || hook.Rooms[0] != chat {
		t.Errorf("hook = %+v", hook)
	}
	if q := ns.Queries[0]; q.Kind != QueryCount || q.Room != user {
		t.Errorf("query = %+v, want a count of the user room", q)
	}
}

func TestTypeRefs(t *testing.T) {
	s, err := Parse("defaults.yaml", []byte(defaultsSchema))
	if err != nil {
		t.Fatal(err)
	}
	tags := s.Type("Point").Field("tags").Type
	if got := tags.String(); got != "map[string][]Stamp" {
		t.Errorf("String() = %q", got)
	}
	if tags.IsScalar() || tags.Elem.Elem.IsStruct() != true {
		t.Errorf("IsScalar/IsStruct wrong for %s", tags)
	}
	want := [][]string{{"at"}, {"tags", "*", "*", "when"}}
	ref := &TypeRef{Kind: KindNamed, Type: s.Type("Point")}
	if diff := cmp.Diff(want, ref.TimePaths()); diff != "" {
		t.Errorf("TimePaths (-want +got):\n%s", diff)
	}
	if got := (&TypeRef{Kind: KindTime}).TimePaths(); !cmp.Equal(got, [][]string{{}}) {
		t.Errorf("TimePaths of time = %v, want the root", got)
	}
	if got := (&TypeRef{Kind: KindList, Elem: &TypeRef{Kind: KindString}}).TimePaths(); got != nil {
		t.Errorf("TimePaths of []string = %v, want nil", got)
	}
	a := &TypeRef{Kind: KindList, Elem: &TypeRef{Kind: KindNamed, Type: s.Type("Stamp")}}
	b := &TypeRef{Kind: KindList, Elem: &TypeRef{Kind: KindNamed, Type: s.Type("Stamp")}}
	c := &TypeRef{Kind: KindMap, Elem: &TypeRef{Kind: KindNamed, Type: s.Type("Stamp")}}
	if !a.Equal(b) || a.Equal(c) || a.Equal(nil) {
		t.Errorf("Equal: a==b %v, a==c %v, a==nil %v", a.Equal(b), a.Equal(c), a.Equal(nil))
	}
}

const clientSchema = `version: 1
output: {ts: {dir: web/gen}}
types:
  Mood:
    enum: [calm, busy]
  Status:
    fields:
      userId: integer
      mood: Mood
      note: string?
      count: integer
  Say:
    fields:
      room: string
      text: string
      loud: bool?
namespaces:
  /chat:
    auth: optional
    rooms:
      user:{userId}:
        params: {userId: integer}
        join: authenticated
      room:{room}:
        params: {room: string}
        join: anyone
    emits:
      status: {payload: Status, to: all}
    receives:
      say: {payload: Say}
    client:
      hook: useChat
      rooms:
        userId: user:{userId}
        room: room:{room}
      state:
        last: {on: status}
        mood: {on: status, field: mood}
        busy:
          initial: false
          set:
            - {on: status, value: true}
      callbacks:
        onStatus: {on: status, doc: Called for every status.}
      actions:
        say: {emit: say, args: [text, loud], fill: {room: room}}
      toasts:
        status:
          owner: userId
          title: "{mood}: {note}!"
`

func TestClient(t *testing.T) {
	s, err := Parse("client.yaml", []byte(clientSchema))
	if err != nil {
		t.Fatal(err)
	}
	c := s.Namespaces[0].Client
	last, mood, busy := c.State[0], c.State[1], c.State[2]
	if last.Kind != StateLast || !last.Nullable || last.Type.Type.Name != "Status" {
		t.Errorf("last = %+v", last)
	}
	if mood.Kind != StateValue || !mood.Nullable || mood.Initial != nil || !mood.Type.IsEnum() || mood.Set[0].Field.Name != "mood" {
		t.Errorf("mood = %+v, want a nullable Mood copied from the payload", mood)
	}
	if busy.Nullable || busy.Type.Kind != KindBool || busy.Initial.JSON() != "false" || busy.Set[0].Value.JSON() != "true" {
		t.Errorf("busy = %+v, want a bool from false set to true", busy)
	}
	if cb := c.Callbacks[0]; cb.Doc != "Called for every status." || cb.Payload.Type.Name != "Status" {
		t.Errorf("callback = %+v", cb)
	}
	a := c.Actions[0]
	if len(a.Args) != 2 || !a.Args[1].Optional || a.Fill[0].Option.Room.Template != "room:{room}" {
		t.Errorf("action = %+v", a)
	}
	var parts []string
	for _, p := range c.Toasts[0].Title.Parts {
		if p.Field != nil {
			parts = append(parts, "<"+p.Field.Name+">")
		} else {
			parts = append(parts, p.Text)
		}
	}
	if diff := cmp.Diff([]string{"<mood>", ": ", "<note>", "!"}, parts); diff != "" {
		t.Errorf("toast title parts (-want +got):\n%s", diff)
	}
}

func TestRuleString(t *testing.T) {
	p := &Field{Name: "teamId"}
	c := &Field{Name: "teamIds"}
	r := &Rule{Kind: RuleAll, Rules: []*Rule{
		{Kind: RuleAuthenticated},
		{Kind: RuleAny, Rules: []*Rule{{Kind: RuleIn, Param: p, Claim: c}, {Kind: RuleRole, Role: "admin"}}},
	}}
	want := `all(authenticated, any(param teamId in claim teamIds, role "admin"))`
	if got := r.String(); got != want {
		t.Errorf("String() = %s, want %s", got, want)
	}
}

func TestLiteralJSON(t *testing.T) {
	tests := []struct {
		v    any
		want string
	}{
		{nil, "null"}, {true, "true"}, {int64(-3), "-3"}, {1.5, "1.5"}, {`say "hi"`, `"say \"hi\""`},
	}
	for _, tt := range tests {
		if got := (&Literal{Value: tt.v}).JSON(); got != tt.want {
			t.Errorf("JSON(%v) = %s, want %s", tt.v, got, tt.want)
		}
	}
}

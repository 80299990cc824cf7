package schema_test

import (
	"fmt"

	"github.com/rtgen/rtgen/internal/schema"
)

func ExampleParse() {
	src := `version: 1
output: {ts: {dir: web/gen}}
namespaces:
  /chat:
    rooms:
      room:{roomId}:
        params: {roomId: string}
        join: anyone
    emits:
      message:new:
        payload: string
        to: room:{roomId}
`
	s, err := schema.Parse("chat.yaml", []byte(src))
	if err != nil {
		fmt.Println(err)
		return
	}
	ns := s.Namespace("/chat")
	room := ns.Room("room:{roomId}")
	ev := ns.Emit("message:new")
	fmt.Println(ns.GoName, room.GoName, room.JoinEvent.Name, room.Params[0].GoVar)
	fmt.Println(ev.GoName, ev.TSName, ev.Targets[0].Method, ev.Payload)
	// Output:
	// Chat Room join:room roomID
	// MessageNew messageNew EmitMessageNew string
}

func ExampleErrorList() {
	src := `output: {ts: {dir: web/gen}}
namespaces:
  /chat:
    emits:
      message:new: {payload: Strng, to: all}
      message-new: {to: all}
`
	_, err := schema.Parse("chat.yaml", []byte(src))
	fmt.Println(err)
	// Output:
	// chat.yaml:1:1: missing version; start the file with "version: 1"
	// chat.yaml:5:30: unknown type "Strng"; did you mean "string"?
	// chat.yaml:6:7: event "message-new" collides with event "message:new" at chat.yaml:5:7: both are MessageNew in Go
}

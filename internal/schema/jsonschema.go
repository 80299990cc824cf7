package schema

import (
	"encoding/json"
	"fmt"
	"slices"
)

// JSONSchemaID is the $id of the format's JSON Schema.
const JSONSchemaID = "https://github.com/rtgen/rtgen/docs/rtgen.schema.json"

// JSONSchema returns a JSON Schema (draft-07) of the schema format, for
// editors: with it, the YAML language server completes keys, shows their
// docs and flags unknown keys and malformed values as you type. It checks
// the shape of the file; references, names and the rest of docs/schema.md's
// Validation table are left to rtgen. Every mapping lists exactly the keys
// the parser accepts (the key lists in keys.go).
func JSONSchema() []byte {
	defs := map[string]any{}
	for name, d := range formatObjects() {
		defs[name] = d.schema(name)
	}
	for name, d := range formatValues {
		defs[name] = d
	}
	root := defs["schema"].(map[string]any)
	delete(defs, "schema")
	doc := map[string]any{
		"$schema":     "http://json-schema.org/draft-07/schema#",
		"$id":         JSONSchemaID,
		"title":       "rtgen schema",
		"description": "A real-time contract for rtgen: namespaces, rooms, events and payload types. Reference: docs/schema.md.",
		"definitions": defs,
	}
	for k, v := range root {
		doc[k] = v
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		panic(err) // only plain maps, strings and numbers
	}
	return append(b, '\n')
}

// objectDef describes one mapping of the format: its keys (one of the
// lists of keys.go) with, for each, the schema of its value and a
// description.
type objectDef struct {
	keys        []string
	description string
	props       map[string]prop
	required    []string
	// extra holds more keywords for the object, such as anyOf for "one of
	// these keys is needed".
	extra map[string]any
}

type prop struct {
	schema      map[string]any
	description string
}

func (d objectDef) schema(name string) map[string]any {
	got := make([]string, 0, len(d.props))
	for k := range d.props {
		got = append(got, k)
	}
	slices.Sort(got)
	want := slices.Sorted(slices.Values(d.keys))
	if !slices.Equal(got, want) {
		panic(fmt.Sprintf("schema: JSON Schema of %s describes keys %v, the parser reads %v", name, got, want))
	}
	props := map[string]any{}
	for k, p := range d.props {
		s := map[string]any{"description": p.description}
		for kk, v := range p.schema {
			s[kk] = v
		}
		props[k] = s
	}
	out := map[string]any{
		"type":                 "object",
		"description":          d.description,
		"properties":           props,
		"additionalProperties": false,
	}
	if len(d.required) > 0 {
		out["required"] = d.required
	}
	for k, v := range d.extra {
		out[k] = v
	}
	return out
}

func ref(name string) map[string]any { return map[string]any{"$ref": "#/definitions/" + name} }

// mapOf is a mapping from names (matching pattern, when not "") to values
// of the named definition.
func mapOf(def, pattern, what string) map[string]any {
	m := map[string]any{"type": "object", "additionalProperties": ref(def)}
	if pattern != "" {
		m["propertyNames"] = map[string]any{"pattern": pattern, "description": what}
	}
	return m
}

func anyOf(alternatives ...map[string]any) map[string]any {
	list := make([]any, len(alternatives))
	for i, a := range alternatives {
		list[i] = a
	}
	return map[string]any{"anyOf": list}
}

func enumOf(values ...string) map[string]any { return map[string]any{"type": "string", "enum": values} }

func listOf(item map[string]any) map[string]any {
	return map[string]any{"type": "array", "items": item}
}

var (
	str      = map[string]any{"type": "string", "minLength": 1}
	boolean  = map[string]any{"type": "boolean"}
	number   = map[string]any{"type": "number"}
	count    = map[string]any{"type": "integer", "minimum": 0}
	strOrSeq = anyOf(str, map[string]any{"type": "array", "items": str, "minItems": 1})
)

// typeExprPattern matches type expressions: string, integer, float, bool,
// time, a type name, []T and map[string]T, with an optional trailing ?.
const typeExprPattern = `^(\[\]|map\[string\])*[A-Za-z_][A-Za-z0-9_]*\??$`

// formatValues are the definitions of values that are not mappings of
// their own.
var formatValues = map[string]any{
	"text": map[string]any{
		"description": "Prose: any text (numbers and booleans read as written).",
		"type":        []string{"string", "number", "boolean"},
	},
	"typeExpr": map[string]any{
		"description": "A type: string, integer, float, bool, time, a declared type, []T or map[string]T; a trailing ? makes a field optional. Quote it when it starts with [ or sits inside {…}.",
		"type":        "string",
		"pattern":     typeExprPattern,
		"examples":    []string{"string", "integer", "float", "bool", "time", "[]string", "map[string]integer", "string?"},
	},
	"field": anyOf(ref("typeExpr"), ref("fieldSpec")),
	"roomTemplate": map[string]any{
		"description": "A room: literal text (letters, digits, : . _ / -) with {param} holes, e.g. user:{userId}.",
		"type":        "string",
		"pattern":     `^([A-Za-z0-9:._/-]|\{[A-Za-z_][A-Za-z0-9_]*\})+$`,
	},
	"target": map[string]any{
		"description": "all (every client of the namespace) or a room template of the namespace.",
		"type":        "string",
	},
	"rule": anyOf(
		map[string]any{"enum": []string{"anyone", "authenticated"}, "description": "anyone: every socket of the namespace; authenticated: every socket with a session."},
		ref("ruleSpec"),
	),
	"literal": map[string]any{
		"description": "A constant: null, a boolean, a number or a string.",
		"type":        []string{"null", "boolean", "number", "string"},
	},
	"callback": anyOf(strOrSeq, ref("callbackSpec")),
	"hookOption": anyOf(
		map[string]any{"type": "string", "description": "The hook option's name, e.g. onResync."},
		ref("hookOptionSpec"),
	),
	"roomOption": anyOf(
		map[string]any{"type": "string", "description": "The room template joined while the option is set."},
		ref("roomOptionSpec"),
	),
}

// formatObjects describes every mapping of the format. Descriptions follow
// docs/schema.md.
func formatObjects() map[string]objectDef {
	doc := prop{ref("text"), "Description; ends up as a comment in both generated languages."}
	method := func(what string) prop { return prop{str, "Go method name of " + what + "."} }
	return map[string]objectDef{
		"schema": {
			keys: rootKeys, description: "An rtgen schema.",
			required: []string{"version", "output", "namespaces"},
			props: map[string]prop{
				"version":    {map[string]any{"const": Version}, `The format version: 1.`},
				"output":     {ref("output"), "Where generated code goes."},
				"session":    {ref("session"), "What an authenticated connection carries."},
				"types":      {mapOf("type", "^[A-Z][A-Za-z0-9]*$", "a PascalCase type name"), "Named payload types: structs (fields) and enums."},
				"namespaces": {mapOf("namespace", "^/", "a Socket.IO namespace: / or /name"), "The Socket.IO namespaces, by name (/ or /name)."},
			},
		},
		"output": {
			keys: outputKeys, description: `Output locations, relative to the project directory. At least one of go, ts and asyncapi.`,
			extra: map[string]any{"anyOf": []any{
				map[string]any{"required": []string{"go"}}, map[string]any{"required": []string{"ts"}}, map[string]any{"required": []string{"asyncapi"}},
			}},
			props: map[string]prop{
				"go":       {ref("goOutput"), "The Go server SDK."},
				"ts":       {ref("tsOutput"), "The TypeScript/React client SDK."},
				"asyncapi": {ref("asyncapiOutput"), "The AsyncAPI 3.0 document of the contract."},
			},
		},
		"asyncapiOutput": {
			keys: asyncOutputKeys, description: "Where the AsyncAPI document goes.", required: []string{"file"},
			props: map[string]prop{"file": {str, "The document's path (YAML): slash-separated, clean, inside the project."}},
		},
		"goOutput": {
			keys: goOutputKeys, description: "Where Go code goes.", required: []string{"dir"},
			props: map[string]prop{
				"dir":     {str, "Go output directory: slash-separated, clean, inside the project."},
				"package": {map[string]any{"type": "string", "pattern": "^[a-z][a-z0-9]*$"}, "Go package name; defaults to the last element of dir."},
			},
		},
		"tsOutput": {
			keys: tsOutputKeys, description: "Where TypeScript code goes.", required: []string{"dir"},
			props: map[string]prop{"dir": {str, "TypeScript output directory: slash-separated, clean, inside the project."}},
		},
		"session": {
			keys: sessionKeys, description: "The typed claims the application's authenticator returns for a connection; room rules read them.",
			props: map[string]prop{
				"doc":    doc,
				"claims": {mapOf("field", "", ""), "Claim name → type, or a field spec; claims may be optional."},
				"roles":  {str, "The claim ([]string or a list of an enum) that role rules test."},
			},
		},
		"type": {
			keys: typeKeys, description: "A named type: a struct (fields) or an enum (enum).",
			extra: map[string]any{"anyOf": []any{map[string]any{"required": []string{"fields"}}, map[string]any{"required": []string{"enum"}}}},
			props: map[string]prop{
				"doc":    doc,
				"fields": {mapOf("field", "", ""), "Field name → type, or a field spec. Fields are required unless optional."},
				"enum":   {map[string]any{"type": "array", "items": str, "minItems": 1, "uniqueItems": true}, "The enum's values, as strings."},
			},
		},
		"fieldSpec": {
			keys: fieldKeys, description: "A field, claim or room parameter, with its constraints (bounds are inclusive).", required: []string{"type"},
			props: map[string]prop{
				"type":      {ref("typeExpr"), "The field's type."},
				"doc":       doc,
				"optional":  {boolean, "The field may be absent (null counts as absent)."},
				"min":       {number, "Smallest value of an integer or float field."},
				"max":       {number, "Largest value of an integer or float field."},
				"minLength": {count, "Fewest characters (code points) of a string field."},
				"maxLength": {count, "Most characters (code points) of a string field."},
				"minItems":  {count, "Fewest elements of a list or entries of a map."},
				"maxItems":  {count, "Most elements of a list or entries of a map."},
			},
		},
		"namespace": {
			keys: namespaceKeys, description: "A Socket.IO namespace and everything declared in it.",
			props: map[string]prop{
				"doc":      doc,
				"name":     {map[string]any{"type": "string", "pattern": "^[A-Z][A-Za-z0-9]*$"}, "Identifier base, PascalCase; default from the path (/ becomes Main)."},
				"auth":     {enumOf("required", "optional", "none"), "required (default): refuse connections without a session; optional: let anonymous ones in; none: never authenticate."},
				"log":      {ref("text"), "Log prefix: [Label] Client connected: …; default: name."},
				"rooms":    {mapOf("room", "", ""), "Room template → room: who may join, and with which parameters."},
				"emits":    {mapOf("emit", "", ""), "Server → client events, by name."},
				"receives": {mapOf("receive", "", ""), "Client → server events, by name."},
				"queries":  {mapOf("query", "", ""), "Server-side helpers, by Go method name: exists or count."},
				"client":   {ref("client"), "The namespace's generated React hook."},
			},
		},
		"room": {
			keys: roomKeys, description: "A room template: a fixed room or a family named by parameters.", required: []string{"join"},
			props: map[string]prop{
				"doc":        doc,
				"name":       {str, "Short name for the join/leave events and identifiers; default: the text before the first parameter."},
				"params":     {mapOf("field", "", ""), "Parameter → type (integer, string or an enum), or a field spec with limits."},
				"join":       {ref("rule"), "Who may join; checked on the server for every join."},
				"joinEvent":  {str, "The client event that joins; default join:<name>."},
				"leaveEvent": {str, "The client event that leaves; default leave:<name>."},
				"method":     method("a typed emitter for any event sent to this room"),
			},
		},
		"ruleSpec": {
			keys: ruleKeys, description: "A join rule: exactly one of equals, in, role, hook, any, all.",
			props: map[string]prop{
				"param":  {str, "The room parameter equals or in compares (default: the room's only parameter)."},
				"equals": {str, "The session claim the parameter must equal."},
				"in":     {str, "The list claim the parameter must be an element of."},
				"role":   {str, "A role the session's roles claim must contain."},
				"hook":   {str, "An authorizer method the application implements, e.g. CanJoinContest."},
				"any":    {listOf(ref("rule")), "Passes when one of these rules passes."},
				"all":    {listOf(ref("rule")), "Passes when every one of these rules passes."},
			},
		},
		"emit": {
			keys: emitKeys, description: "A server → client event.", required: []string{"to"},
			props: map[string]prop{
				"doc":        doc,
				"payload":    {ref("typeExpr"), "The type of the event's argument; none when left out."},
				"to":         {anyOf(ref("target"), map[string]any{"type": "array", "items": ref("target"), "minItems": 1}), "Where it is sent: all, a room template, or a list of them."},
				"method":     {anyOf(str, map[string]any{"type": "object", "additionalProperties": str}), "The emitter's Go name, or target → name for several targets."},
				"paramsFrom": {enumOf("arguments", "payload"), "Where emitters take room parameters from: arguments (default) or payload fields of the same names."},
				"delivery": {anyOf(enumOf("replay", "volatile", "latest"), ref("latestBy")),
					"What a client that reconnects gets back: replay (default, every missed event), volatile (nothing; dropped for slow clients), latest (the last one), {latest: field} (the last one per value of a payload field)."},
			},
		},
		"latestBy": {
			keys: deliveryKeys, description: "Replay only the last event per value of a payload field.", required: []string{"latest"},
			props: map[string]prop{"latest": {str, "A required string, integer, bool or enum field of the payload."}},
		},
		"receive": {
			keys: receiveKeys, description: "A client → server event.",
			props: map[string]prop{
				"doc":     doc,
				"payload": {ref("typeExpr"), "The type of the event's argument; none when left out."},
				"ack":     {ref("typeExpr"), "The type of the data the server's acknowledgement carries."},
				"method":  method("the handler (default On<Event>)"),
			},
		},
		"query": {
			keys: queryKeys, description: "A server-side query: exactly one of exists and count.",
			props: map[string]prop{
				"doc":    doc,
				"exists": {str, "A room template, or all: whether anyone is in it, across the cluster."},
				"count":  {str, "A room template, or all: how many sockets it has, across the cluster."},
			},
		},
		"client": {
			keys: clientKeys, description: "The namespace's React hook: what it joins, keeps, calls and sends.", required: []string{"hook"},
			props: map[string]prop{
				"hook":      {map[string]any{"type": "string", "pattern": "^use[A-Z][A-Za-z0-9]*$"}, "The hook's name: use + PascalCase, e.g. useLeaderboardSocket."},
				"doc":       doc,
				"rooms":     {mapOf("roomOption", "", ""), "Hook option → room template joined while the option is set."},
				"state":     {mapOf("state", "", ""), "Values the hook returns, kept from incoming events."},
				"callbacks": {mapOf("callback", "", ""), "Hook option → server event(s) it is called with."},
				"resync":    {ref("hookOption"), "The hook option called, without arguments, after a reconnect that did not recover the connection state: refetch then."},
				"stale":     {ref("hookOption"), "The hook option called, without arguments, when the server refuses this client's contract (schema_mismatch): the bundle is stale, reload it."},
				"actions":   {mapOf("action", "", ""), "Functions the hook returns that emit client events."},
				"toasts":    {mapOf("toast", "", ""), "Server event → toast for the hook's own user (with showToasts)."},
			},
		},
		"roomOptionSpec": {
			keys: roomOptionKeys, description: "A room option with a doc.", required: []string{"room"},
			props: map[string]prop{"room": {str, "The room template joined while the option is set."}, "doc": doc},
		},
		"state": {
			keys: stateKeys, description: "A derived state value: {on}, {on, keep}, {on, field|value, initial} or {initial, set}.",
			props: map[string]prop{
				"doc":     doc,
				"on":      {strOrSeq, "The server event(s) it follows."},
				"keep":    {map[string]any{"type": "integer", "minimum": 1, "maximum": 10000}, "Keep the latest N payloads, newest first."},
				"field":   {str, "The required payload field it copies."},
				"value":   {ref("literal"), "The constant it takes when the event arrives."},
				"initial": {ref("literal"), "Its value before any event."},
				"set":     {map[string]any{"type": "array", "items": ref("stateSet"), "minItems": 1}, "Several updates, one per event."},
			},
		},
		"stateSet": {
			keys: stateSetKeys, description: "One update of a state: on an event, copy a field or set a constant.", required: []string{"on"},
			props: map[string]prop{
				"on":    {strOrSeq, "The server event(s)."},
				"field": {str, "The required payload field to copy."},
				"value": {ref("literal"), "The constant to set."},
			},
		},
		"callbackSpec": {
			keys: callbackKeys, description: "A callback with a doc.", required: []string{"on"},
			props: map[string]prop{"on": {strOrSeq, "The server event(s) that call it."}, "doc": doc},
		},
		"hookOptionSpec": {
			keys: hookOptionKeys, description: "A hook option with a doc.", required: []string{"option"},
			props: map[string]prop{"option": {str, "The hook option's name."}, "doc": doc},
		},
		"action": {
			keys: actionKeys, description: "A function the hook returns that emits a client event with a struct payload.", required: []string{"emit"},
			props: map[string]prop{
				"emit": {str, "The client event it sends."},
				"args": {listOf(str), "Payload fields taken from the function's arguments, in order."},
				"fill": {map[string]any{"type": "object", "additionalProperties": str}, "Payload field → room option it is filled from."},
				"doc":  doc,
			},
		},
		"toast": {
			keys: toastKeys, description: "A toast for the current user's own events.", required: []string{"owner", "title"},
			props: map[string]prop{
				"owner":       {str, "The payload field that must equal the hook option of the same name."},
				"title":       {ref("text"), "Text with {field} placeholders."},
				"description": {ref("text"), "Text with {field} placeholders."},
			},
		},
	}
}

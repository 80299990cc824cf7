// Package schema reads rtgen's schema file (schema/events.yaml) into a
// resolved model that the Go and TypeScript renderers generate code from.
//
// Parse and Load read the YAML strictly (unknown keys, repeated keys,
// aliases and malformed values are errors), check everything docs/schema.md
// lists under "Validation", and resolve every reference: a field's type
// points to its *Type, an event's target to its *Room, a rule to its claim,
// parameter and *Hook, a client state to its *Event and *Field. When
// anything is wrong they return an ErrorList with every problem found,
// sorted by position, each printed as "file:line:col: message".
//
// The model:
//
//	Schema
//	├── Output        Go dir and package, TypeScript dir
//	├── Session       claims (Fields), the roles claim
//	├── Types         structs (Fields) and enums (Values), declared order
//	└── Namespaces
//	    ├── Rooms     template Parts, Params, Join rule tree, JoinEvent and
//	    │             LeaveEvent, generic emitter Method, Emits
//	    ├── Emits     server→client Events with Targets (room or all, method)
//	    ├── Receives  client→server Events with Ack and handler Method
//	    ├── Queries   exists / count helpers
//	    ├── Hooks     authorizer methods used by rules
//	    └── Client    React hook: room options, state, callbacks, actions, toasts
//
// Every list is in schema order, every element has a Pos, and every name a
// renderer needs is computed once with package naming (GoName, GoVar,
// TSName, TSVar), so the renderers agree with each other and with the
// collision checks validation made.
//
// A returned model is read-only: renderers must not modify it, and may read
// it from several goroutines at once. Each Parse call builds a fresh model.
package schema

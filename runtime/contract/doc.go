// Package contract is the wire contract between a server and a client
// that rtgen generated from one schema, and the rules that decide whether
// two versions of it can talk to each other.
//
// A Namespace lists what reaches the wire in one Socket.IO namespace:
// whether it authenticates, each event with its sender, payload, ack and
// delivery mode, each room's join and leave events, parameters and join
// rule, and the named types those use — never docs, Go names or the React
// hook section. Its canonical JSON text (Namespace.JSON) is what generated
// code embeds, and its Fingerprint names a version.
//
// Diff compares two contracts and classifies every change by whom it
// breaks: old clients (built from the old contract, talking to a server
// built from the new one) or old servers (the other way round). rtgen
// breaking prints it; a generated server runs it on the contract a client
// sends when it connects (see Check), refusing a client it would break.
// The rules are listed in docs/contract.md.
//
// Types are compared by shape, not by name, so renaming a type is safe.
// A contract read from JSON has no positions; one built by the schema
// package points every element at the schema file.
package contract

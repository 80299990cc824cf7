// Package sioproto encodes and decodes Socket.IO v5 packets, including the
// binary attachments of BINARY_EVENT and BINARY_ACK packets.
//
// A packet travels as one Engine.IO text message (the header) followed, for
// the binary types, by one Engine.IO binary message per attachment:
//
//	<type>[<#attachments>-][<namespace>,][<ack id>][<JSON payload>]
//
// The package is pure: no I/O, no goroutines, no global state. Every
// malformed input yields an error wrapping one of the Err* values; none
// panics. The decoder accepts what socket.io-parser 4.2 accepts (for example
// a namespace without its trailing comma, "40/custom") and is stricter where
// that parser is lax in ways a server must not be: attachment counts are
// bounded before anything is allocated, placeholders must be exact, and ack
// ids must fit a JavaScript safe integer.
package sioproto

package sioproto

import (
	"encoding/json"
	"errors"
	"strconv"
)

// Type is a Socket.IO packet type; the wire form is its decimal digit.
type Type uint8

// The seven Socket.IO v5 packet types.
const (
	Connect      Type = 0
	Disconnect   Type = 1
	Event        Type = 2
	Ack          Type = 3
	ConnectError Type = 4
	BinaryEvent  Type = 5
	BinaryAck    Type = 6
)

var typeNames = [...]string{"CONNECT", "DISCONNECT", "EVENT", "ACK", "CONNECT_ERROR", "BINARY_EVENT", "BINARY_ACK"}

// String returns the protocol name of t, e.g. "BINARY_EVENT".
func (t Type) String() string {
	if t.Valid() {
		return typeNames[t]
	}
	return "Type(" + strconv.Itoa(int(t)) + ")"
}

// Valid reports whether t is one of the seven packet types.
func (t Type) Valid() bool { return t <= BinaryAck }

// IsBinary reports whether packets of type t carry attachments.
func (t Type) IsBinary() bool { return t == BinaryEvent || t == BinaryAck }

// Limits enforced by the encoder and the decoder.
const (
	// DefaultMaxAttachments is the attachment limit used when a caller passes
	// 0, the same default as socket.io-parser 4.2.7.
	DefaultMaxAttachments = 10
	// MaxNamespaceLen bounds a namespace name in bytes, leading "/" included.
	MaxNamespaceLen = 256
	// MaxAckID is the largest ack id: 2^53-1, the largest integer a
	// JavaScript peer represents exactly.
	MaxAckID = 1<<53 - 1
	// maxDepth bounds JSON nesting, as encoding/json does.
	maxDepth = 10000
)

// Packet is one decoded (or to-be-encoded) Socket.IO packet.
//
// The zero value is a CONNECT to the main namespace without payload.
type Packet struct {
	Type Type
	// Namespace is the namespace name; "" and "/" both mean the main
	// namespace. The decoder always sets it ("/" when absent on the wire).
	Namespace string
	// HasID reports whether the packet carries an ack id; ID is meaningful
	// only then.
	HasID bool
	ID    uint64
	// Data is the JSON payload exactly as on the wire (placeholders included
	// for binary packets); nil when there is none.
	Data json.RawMessage
	// Attachments are the binary attachments of a BINARY_EVENT or
	// BINARY_ACK, in placeholder number order; empty for the other types.
	Attachments [][]byte
}

// Decode and encode errors. Every error returned by this package wraps one of
// them (errors.Is).
var (
	ErrEmpty               = errors.New("sioproto: empty packet")
	ErrUnknownType         = errors.New("sioproto: unknown packet type")
	ErrIllegalAttachments  = errors.New("sioproto: illegal attachments")
	ErrTooManyAttachments  = errors.New("sioproto: too many attachments")
	ErrInvalidNamespace    = errors.New("sioproto: invalid namespace")
	ErrInvalidAckID        = errors.New("sioproto: invalid ack id")
	ErrInvalidPayload      = errors.New("sioproto: invalid payload")
	ErrReservedEvent       = errors.New("sioproto: reserved event name")
	ErrInvalidPlaceholder  = errors.New("sioproto: invalid attachment placeholder")
	ErrUnexpectedBinary    = errors.New("sioproto: binary data without a pending binary packet")
	ErrUnexpectedText      = errors.New("sioproto: text data while attachments are pending")
	ErrAttachmentsMismatch = errors.New("sioproto: packet type and attachments disagree")
)

// reserved lists the event names socket.io-parser refuses in EVENT packets:
// they are lifecycle events of the client and server libraries.
var reserved = map[string]bool{
	"connect":        true,
	"connect_error":  true,
	"disconnect":     true,
	"disconnecting":  true,
	"newListener":    true,
	"removeListener": true,
}

// IsReservedEvent reports whether name is reserved for Socket.IO lifecycle
// events. Such events are refused on decode, and the JavaScript client
// closes the connection when it receives one, so servers must not emit them.
func IsReservedEvent(name string) bool { return reserved[name] }

package socketio

import (
	"errors"

	"github.com/rtgen/rtgen/runtime/internal/sioproto"
)

// Application error codes, sent to clients in ack envelopes, `error` events
// and CONNECT_ERROR data. The TypeScript runtime relies on these values.
const (
	CodeBadRequest      = "bad_request"       // the payload did not decode or validate
	CodeUnauthorized    = "unauthorized"      // no or invalid credentials
	CodeForbidden       = "forbidden"         // authenticated but not allowed
	CodeNotFound        = "not_found"         // no handler for the event
	CodeInternal        = "internal"          // a handler failed or panicked
	CodeTooManyRequests = "too_many_requests" // the socket's inbound queue overflowed
)

// Error is an application error with a code the client can act on. Return
// one from a handler or an AuthFunc to control what the client sees; any
// other error is reported as CodeInternal (handlers) or CodeUnauthorized
// (AuthFunc) and, for handlers, its text is logged but not sent.
type Error struct {
	Code    string // one of the Code* constants, or an application code
	Message string // human-readable; sent to the client
	Details any    // optional, JSON-encoded into the "details" field
}

// Error returns the message, prefixed with the code.
func (e *Error) Error() string { return e.Code + ": " + e.Message }

// NewError returns an *Error with the given code and message.
func NewError(code, message string) *Error { return &Error{Code: code, Message: message} }

// Errors returned by the server's methods.
var (
	// ErrDisconnected: the socket is not (or no longer) connected. Pending
	// EmitWithAck calls fail with it when the socket disconnects.
	ErrDisconnected = errors.New("socketio: socket disconnected")
	// ErrAckTimeout: no acknowledgement arrived before the deadline.
	ErrAckTimeout = errors.New("socketio: acknowledgement timed out")
	// ErrAckAlreadySent: an AckFunc was called a second time.
	ErrAckAlreadySent = errors.New("socketio: acknowledgement already sent")
	// ErrReservedEvent: the event name is reserved by Socket.IO (connect,
	// connect_error, disconnect, disconnecting, newListener,
	// removeListener); the JavaScript client closes the connection on
	// receiving one, so such emits are refused.
	ErrReservedEvent = sioproto.ErrReservedEvent
	// ErrInvalidArgument: an emit argument could not be encoded (a
	// json.RawMessage that is not valid JSON, a value encoding/json refuses).
	ErrInvalidArgument = errors.New("socketio: invalid argument")
	// ErrNoArgument: Args.Decode was asked for an index past the end.
	ErrNoArgument = errors.New("socketio: no such argument")
)

// Disconnect reasons passed to OnDisconnect handlers. The Engine.IO reasons
// (engineio.Reason*: "transport close", "transport error", "ping timeout",
// "parse error", "forced close", "server shutting down", "slow client",
// "message too big") are passed through unchanged when the whole connection
// closes.
const (
	ReasonClientDisconnect = "client namespace disconnect" // the client sent DISCONNECT for this namespace
	ReasonServerDisconnect = "server namespace disconnect" // Socket.Disconnect
	ReasonForcedServer     = "forced server close"         // no namespace joined within ConnectTimeout
	ReasonParseError       = "parse error"                 // a protocol violation by the client
	ReasonTooManyRequests  = "too many requests"           // the inbound queue overflowed
)

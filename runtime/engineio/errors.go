package engineio

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/gorilla/websocket"
)

// Close reasons passed to SessionHandler.OnClose. Session.Close accepts any
// reason; these are the ones the server itself uses.
const (
	ReasonTransportClose = "transport close"      // the client closed the connection or sent a close packet
	ReasonTransportError = "transport error"      // a broken connection or a protocol violation
	ReasonPingTimeout    = "ping timeout"         // no pong within PingTimeout
	ReasonParseError     = "parse error"          // an undecodable packet
	ReasonForcedClose    = "forced close"         // closed by the application
	ReasonServerShutdown = "server shutting down" // Server.Shutdown
	ReasonSlowClient     = "slow client"          // outbound queue over WriteQueueLimit or a write timed out
	ReasonMessageTooBig  = "message too big"      // WebSocket message or POST body over MaxPayload
)

// Errors returned by Session.Send.
var (
	ErrSessionClosed = errors.New("engineio: session closed")
	ErrSlowClient    = errors.New("engineio: slow client: write queue limit exceeded")
)

// WebSocket close codes sent by the server.
const (
	closeNormal          = websocket.CloseNormalClosure           // 1000
	closeGoingAway       = websocket.CloseGoingAway               // 1001: shutdown
	closeProtocolError   = websocket.CloseProtocolError           // 1002: parse or protocol error
	closeInvalidPayload  = websocket.CloseInvalidFramePayloadData // 1007: invalid UTF-8
	closePolicyViolation = websocket.ClosePolicyViolation         // 1008: second WebSocket for a session
	closeMessageTooBig   = websocket.CloseMessageTooBig           // 1009
	closeInternalError   = websocket.CloseInternalServerErr       // 1011: a handler panicked
	closeSlowClient      = 4008
)

// closeCodeFor maps a close reason to the WebSocket close code sent with it.
func closeCodeFor(reason string) int {
	switch reason {
	case ReasonServerShutdown:
		return closeGoingAway
	case ReasonParseError, ReasonTransportError:
		return closeProtocolError
	case ReasonMessageTooBig:
		return closeMessageTooBig
	case ReasonSlowClient:
		return closeSlowClient
	}
	return closeNormal
}

// Engine.IO HTTP error codes (the "code" field of an error response).
const (
	codeUnknownTransport    = 0
	codeUnknownSID          = 1
	codeBadHandshakeMethod  = 2
	codeBadRequest          = 3
	codeForbidden           = 4
	codeUnsupportedProtocol = 5
)

// httpError is one refused request: HTTP status plus the JSON body
// {"code":N,"message":"…"}.
type httpError struct {
	status  int
	Code    int    `json:"code"`
	Message string `json:"message"`
}

var (
	errUnknownTransport    = &httpError{http.StatusBadRequest, codeUnknownTransport, "Transport unknown"}
	errUnknownSID          = &httpError{http.StatusBadRequest, codeUnknownSID, "Session ID unknown"}
	errBadHandshakeMethod  = &httpError{http.StatusBadRequest, codeBadHandshakeMethod, "Bad handshake method"}
	errBadRequest          = &httpError{http.StatusBadRequest, codeBadRequest, "Bad request"}
	errForbidden           = &httpError{http.StatusForbidden, codeForbidden, "Forbidden"}
	errUnsupportedProtocol = &httpError{http.StatusBadRequest, codeUnsupportedProtocol, "Unsupported protocol version"}
	errPayloadTooLarge     = &httpError{http.StatusRequestEntityTooLarge, codeBadRequest, "Payload too large"}
	errShuttingDown        = &httpError{http.StatusServiceUnavailable, codeBadRequest, "Server shutting down"}
)

func forbidden(message string) *httpError {
	return &httpError{http.StatusForbidden, codeForbidden, message}
}

func (e *httpError) write(w http.ResponseWriter) {
	body, _ := json.Marshal(e) // an int and a string always marshal
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(e.status)
	w.Write(body)
}

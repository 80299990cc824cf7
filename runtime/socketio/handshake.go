package socketio

import (
	"encoding/json"
	"net/http"
	"net/url"
	"time"
)

// Handshake describes how a socket connected: the Engine.IO handshake
// request and the namespace CONNECT packet. Treat it as read-only; Header
// and Query are shared by every socket of one connection.
type Handshake struct {
	Header     http.Header // the handshake request's headers (cookies, user agent, …)
	Query      url.Values  // the handshake URL's query (EIO, transport, t and the client's own)
	RemoteAddr string      // the peer address of the handshake request ("ip:port")
	// Auth is the CONNECT payload, the client's `auth` option, exactly as
	// sent; `{}` when the client sent none.
	Auth json.RawMessage
	Time time.Time // when the Engine.IO connection was accepted
}

// Cookie returns the named cookie of the handshake request, or
// http.ErrNoCookie.
func (h *Handshake) Cookie(name string) (*http.Cookie, error) {
	r := http.Request{Header: h.Header}
	return r.Cookie(name)
}

package sioadmin

import (
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/rtgen/rtgen/runtime/socketio"
)

// socketView is a socket as the UI shows it (its SerializedSocket).
type socketView struct {
	ID        string        `json:"id"`
	ClientID  string        `json:"clientId"`
	Transport string        `json:"transport"`
	Nsp       string        `json:"nsp"`
	Data      any           `json:"data"`
	Handshake handshakeView `json:"handshake"`
	Rooms     []string      `json:"rooms"`
}

// handshakeView is the part of the handshake the UI shows.
type handshakeView struct {
	Address string            `json:"address"`
	Headers map[string]string `json:"headers"`
	Query   map[string]string `json:"query"`
	Issued  int64             `json:"issued"` // milliseconds since the epoch
}

// redacted headers carry credentials: an admin sees that they were sent,
// not their value.
var redacted = map[string]bool{"cookie": true, "authorization": true}

func (a *admin) view(s *socketio.Socket) socketView {
	hs := s.Handshake()
	h := handshakeView{
		Address: clientAddress(hs),
		Headers: make(map[string]string, len(hs.Header)),
		Query:   make(map[string]string, len(hs.Query)),
		Issued:  hs.Time.UnixMilli(),
	}
	for k, v := range hs.Header {
		k = strings.ToLower(k) // as Node.js presents them
		if redacted[k] {
			h.Headers[k] = "(redacted)"
		} else {
			h.Headers[k] = strings.Join(v, ", ")
		}
	}
	for k, v := range hs.Query {
		h.Query[k] = v[0]
	}
	return socketView{
		ID:        s.ID(),
		ClientID:  s.ClientID(),
		Transport: s.Transport(),
		Nsp:       s.Namespace().Name(),
		Data:      a.socketData(s),
		Handshake: h,
		Rooms:     s.Rooms(),
	}
}

// clientAddress is the address the UI shows, the Node server's way: a
// proxy's forwarding header, else the peer's IP.
func clientAddress(hs *socketio.Handshake) string {
	for _, h := range []string{"Cf-Connecting-Ip", "X-Forwarded-For"} {
		if v := hs.Header.Get(h); v != "" {
			return v
		}
	}
	if host, _, err := net.SplitHostPort(hs.RemoteAddr); err == nil {
		return host
	}
	return hs.RemoteAddr
}

// socketData is Options.SocketData's view of s; {} without one, when it
// returns nil or when it panics.
func (a *admin) socketData(s *socketio.Socket) (data any) {
	data = struct{}{}
	if a.opts.SocketData == nil {
		return data
	}
	defer func() {
		if v := recover(); v != nil {
			a.ns.Logger().Error(fmt.Sprintf("Panic in SocketData: %v", v), "panic", fmt.Sprint(v))
			data = struct{}{}
		}
	}()
	if d := a.opts.SocketData(s); d != nil {
		return d
	}
	return data
}

// allSockets describes every socket of this process, namespace by
// namespace.
func (a *admin) allSockets() []socketView {
	all := []socketView{}
	for _, n := range a.srv.Namespaces() {
		for _, s := range n.LocalSockets() {
			all = append(all, a.view(s))
		}
	}
	return all
}

// timestamp is t as JavaScript's Date.toJSON writes it, the form of the
// Node server's timestamps.
func timestamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

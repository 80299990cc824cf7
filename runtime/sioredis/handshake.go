package sioredis

import (
	"encoding/json"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/rtgen/rtgen/runtime/socketio"
)

// nodeHandshake is socket.handshake as a Node server builds it, which its
// fetchSockets() hands to applications for sockets of every node.
type nodeHandshake struct {
	Headers map[string]any  `json:"headers"`
	Time    string          `json:"time"`
	Address string          `json:"address"`
	XDomain bool            `json:"xdomain"`
	Secure  bool            `json:"secure"` // unknown here: behind a proxy, TLS ends before us
	Issued  int64           `json:"issued"`
	URL     string          `json:"url"`
	Query   map[string]any  `json:"query"`
	Auth    json.RawMessage `json:"auth"`
}

// jsDate is the layout of JavaScript's Date.prototype.toString.
const jsDate = "Mon Jan 02 2006 15:04:05 GMT-0700 (MST)"

// describe returns local socket s as FETCH_SOCKETS_RESPONSE describes a
// socket: its id, handshake, rooms and, as data, its session encoded as
// JSON (null when it has none or it cannot be encoded).
func describe(s *socketio.Socket, info socketio.SocketInfo) remoteSocket {
	hs := s.Handshake()
	host, _, err := net.SplitHostPort(hs.RemoteAddr)
	if err != nil {
		host = hs.RemoteAddr
	}
	auth := hs.Auth
	if !json.Valid(auth) {
		auth = json.RawMessage("{}")
	}
	h, _ := marshalJSON(nodeHandshake{
		Headers: nodeHeaders(hs.Header),
		Time:    hs.Time.Format(jsDate),
		Address: host,
		XDomain: hs.Header.Get("Origin") != "",
		Issued:  hs.Time.UnixMilli(),
		URL:     "/socket.io/?" + hs.Query.Encode(),
		Query:   nodeQuery(hs.Query),
		Auth:    auth,
	})
	data, err := marshalJSON(info.Session)
	if err != nil {
		data = json.RawMessage("null")
	}
	return remoteSocket{ID: info.ID, Handshake: h, Rooms: nonNil(info.Rooms), Data: data}
}

// nodeHeaders writes headers as Node's IncomingMessage.headers: lower-case
// names, repeated values joined (cookies with "; "), set-cookie a list.
func nodeHeaders(h http.Header) map[string]any {
	out := make(map[string]any, len(h))
	for k, v := range h {
		name := strings.ToLower(k)
		switch name {
		case "set-cookie":
			out[name] = v
		case "cookie":
			out[name] = strings.Join(v, "; ")
		default:
			out[name] = strings.Join(v, ", ")
		}
	}
	return out
}

// nodeQuery writes a query as Node's parsed query: one value as a string,
// several as a list.
func nodeQuery(q url.Values) map[string]any {
	out := make(map[string]any, len(q))
	for k, v := range q {
		if len(v) == 1 {
			out[k] = v[0]
		} else {
			out[k] = v
		}
	}
	return out
}

// info returns a socket another node described.
func (rs remoteSocket) info() socketio.SocketInfo {
	rooms := slices.Clone(rs.Rooms)
	slices.Sort(rooms)
	var session any
	if len(rs.Data) > 0 {
		json.Unmarshal(rs.Data, &session)
	}
	return socketio.SocketInfo{ID: rs.ID, Rooms: rooms, Session: session}
}

package sioclient

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
)

// Engine.IO packet types (the first byte of a text frame).
const (
	EIOOpen    = '0'
	EIOClose   = '1'
	EIOPing    = '2'
	EIOPong    = '3'
	EIOMessage = '4'
	EIONoop    = '6'
)

// Socket.IO packet types (the first byte inside an Engine.IO message).
const (
	SIOConnect      = '0'
	SIODisconnect   = '1'
	SIOEvent        = '2'
	SIOAck          = '3'
	SIOConnectError = '4'
)

// ErrMalformed reports a frame this codec cannot decode.
var ErrMalformed = errors.New("sioclient: malformed packet")

// Open is the Engine.IO open packet's payload.
type Open struct {
	SID          string   `json:"sid"`
	Upgrades     []string `json:"upgrades"`
	PingInterval int      `json:"pingInterval"`
	PingTimeout  int      `json:"pingTimeout"`
	MaxPayload   int      `json:"maxPayload"`
}

// DecodeOpen decodes an open packet ("0{...}").
func DecodeOpen(frame []byte) (Open, error) {
	var o Open
	if len(frame) < 2 || frame[0] != EIOOpen {
		return o, fmt.Errorf("%w: not an open packet: %.40q", ErrMalformed, frame)
	}
	if err := json.Unmarshal(frame[1:], &o); err != nil {
		return o, fmt.Errorf("%w: open payload: %v", ErrMalformed, err)
	}
	if o.SID == "" || o.PingInterval <= 0 {
		return o, fmt.Errorf("%w: open payload lacks sid or pingInterval", ErrMalformed)
	}
	return o, nil
}

// Packet is a decoded Socket.IO packet of the main namespace. Data aliases
// the frame it was decoded from.
type Packet struct {
	Type  byte   // SIOConnect, SIOEvent, …
	HasID bool   // an ack id was present
	ID    uint64 // the ack id
	Data  []byte // the JSON payload (array for EVENT/ACK, object for CONNECT), may be empty
}

// DecodeMessage decodes the Socket.IO packet carried by an Engine.IO
// message frame ("4…"). Packets for other namespaces and binary packets are
// refused: the bench contract uses neither.
func DecodeMessage(frame []byte) (Packet, error) {
	var p Packet
	if len(frame) < 2 || frame[0] != EIOMessage {
		return p, fmt.Errorf("%w: not a message: %.40q", ErrMalformed, frame)
	}
	b := frame[1:]
	p.Type = b[0]
	if p.Type < SIOConnect || p.Type > SIOConnectError {
		return p, fmt.Errorf("%w: Socket.IO type %q", ErrMalformed, p.Type)
	}
	b = b[1:]
	if len(b) > 0 && b[0] == '/' {
		return p, fmt.Errorf("%w: namespace other than /: %.40q", ErrMalformed, frame)
	}
	i := 0
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		if i == 16 {
			return p, fmt.Errorf("%w: ack id too long", ErrMalformed)
		}
		p.ID = p.ID*10 + uint64(b[i]-'0')
		i++
	}
	p.HasID = i > 0
	p.Data = b[i:]
	return p, nil
}

// EventName returns the event name of an EVENT's JSON array and the rest
// of the array after the name (starting at ',' or ']').
func EventName(data []byte) (name []byte, rest []byte, err error) {
	if len(data) < 3 || data[0] != '[' || data[1] != '"' {
		return nil, nil, fmt.Errorf("%w: event array %.40q", ErrMalformed, data)
	}
	end, err := skipString(data, 1)
	if err != nil {
		return nil, nil, err
	}
	return data[2 : end-1], data[end:], nil
}

// Msg is the bench contract's broadcast payload: publisher id, sequence
// number within the publisher's run and the publisher's send time.
type Msg struct {
	Pub  int64
	Seq  int64
	TsNs int64
}

// DecodeMsg decodes the arguments of a "msg" event, `,{"room":…,"pub":N,
// "seq":N,"ts":N,"pad":"…"}]` as returned by EventName, in any key order.
// A string argument after the object, the offset a server with
// connection-state recovery appends, is allowed.
func DecodeMsg(rest []byte) (Msg, error) {
	var m Msg
	if len(rest) < 3 || rest[0] != ',' || rest[1] != '{' {
		return m, fmt.Errorf("%w: msg arguments %.40q", ErrMalformed, rest)
	}
	i := 2
	var have int
	for {
		if i >= len(rest) {
			return m, fmt.Errorf("%w: unterminated object", ErrMalformed)
		}
		if rest[i] == '}' {
			i++
			break
		}
		if rest[i] != '"' {
			return m, fmt.Errorf("%w: object key at %d", ErrMalformed, i)
		}
		kend, err := skipString(rest, i)
		if err != nil {
			return m, err
		}
		key := rest[i+1 : kend-1]
		if kend >= len(rest) || rest[kend] != ':' {
			return m, fmt.Errorf("%w: missing ':'", ErrMalformed)
		}
		i = kend + 1
		if i >= len(rest) {
			return m, fmt.Errorf("%w: missing value", ErrMalformed)
		}
		var dst *int64
		switch string(key) {
		case "pub":
			dst, have = &m.Pub, have|1
		case "seq":
			dst, have = &m.Seq, have|2
		case "ts":
			dst, have = &m.TsNs, have|4
		}
		switch c := rest[i]; {
		case c == '"':
			if dst != nil {
				return m, fmt.Errorf("%w: %s is a string", ErrMalformed, key)
			}
			if i, err = skipString(rest, i); err != nil {
				return m, err
			}
		case c == '-' || (c >= '0' && c <= '9'):
			v, n, err := parseInt(rest[i:])
			if err != nil {
				return m, err
			}
			if dst != nil {
				*dst = v
			}
			i += n
		default:
			return m, fmt.Errorf("%w: unsupported value for %s", ErrMalformed, key)
		}
		if i < len(rest) && rest[i] == ',' {
			i++
		}
	}
	if have != 7 {
		return m, fmt.Errorf("%w: msg lacks pub, seq or ts", ErrMalformed)
	}
	if i < len(rest) && rest[i] == ',' && i+1 < len(rest) && rest[i+1] == '"' {
		end, err := skipString(rest, i+1)
		if err != nil {
			return m, err
		}
		i = end
	}
	if i >= len(rest) || rest[i] != ']' {
		return m, fmt.Errorf("%w: msg has extra arguments", ErrMalformed)
	}
	return m, nil
}

// skipString returns the index just past the JSON string starting at
// b[i] == '"'.
func skipString(b []byte, i int) (int, error) {
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j + 1, nil
		}
	}
	return 0, fmt.Errorf("%w: unterminated string", ErrMalformed)
}

// parseInt parses a JSON integer (no fraction or exponent) and returns its
// value and length.
func parseInt(b []byte) (int64, int, error) {
	i, neg := 0, false
	if b[0] == '-' {
		neg, i = true, 1
	}
	start := i
	var v int64
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		d := int64(b[i] - '0')
		if v > (math.MaxInt64-d)/10 {
			return 0, 0, fmt.Errorf("%w: integer overflows int64", ErrMalformed)
		}
		v = v*10 + d
		i++
	}
	if i == start || (i < len(b) && (b[i] == '.' || b[i] == 'e' || b[i] == 'E')) {
		return 0, 0, fmt.Errorf("%w: not an integer", ErrMalformed)
	}
	if neg {
		v = -v
	}
	return v, i, nil
}

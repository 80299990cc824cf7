package sioredis

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/vmihailenco/msgpack/v5"

	"github.com/rtgen/rtgen/runtime/internal/sioproto"
	"github.com/rtgen/rtgen/runtime/socketio"
)

// msgType is a message type of socket.io-adapter's cluster protocol
// (MessageType in cluster-adapter.ts), plus typeGap of ours.
type msgType int

const (
	typeInitialHeartbeat       msgType = 1
	typeHeartbeat              msgType = 2
	typeBroadcast              msgType = 3
	typeSocketsJoin            msgType = 4
	typeSocketsLeave           msgType = 5
	typeDisconnectSockets      msgType = 6
	typeFetchSockets           msgType = 7
	typeFetchSocketsResponse   msgType = 8
	typeServerSideEmit         msgType = 9
	typeServerSideEmitResponse msgType = 10
	typeBroadcastClientCount   msgType = 11
	typeBroadcastAck           msgType = 12
	typeAdapterClose           msgType = 13
	// typeGap marks, in the stream, that stored broadcasts of its
	// namespace were lost before it (see the package doc).
	typeGap msgType = 100
)

// emitterUID is the uid under which emitters publish, as Node's emitters do.
const emitterUID = "emitter"

// message is one message of the cluster protocol. data is its payload as
// JSON, binary values as attachment placeholders, with the attachments in
// atts.
type message struct {
	uid  string
	nsp  string
	typ  msgType
	data json.RawMessage
	atts [][]byte
	// seq numbers a Go node's broadcasts in one namespace, in the order
	// it appends them, so that one appended twice (its reply lost with
	// the connection) is delivered once; 0 when unnumbered.
	seq uint64
	// late marks a broadcast its origin delivered to its own sockets
	// before it reached the stream (Redis was unreachable).
	late bool
}

// Stream entry fields.
const (
	fieldUID  = "uid"
	fieldNsp  = "nsp"
	fieldType = "type"
	fieldData = "data"
	fieldSeq  = "seq"
	fieldLate = "late"
)

// streamValues returns m as the fields of a stream entry: data as JSON
// text, or as base64 MessagePack when it holds binary values; late marks
// it late.
func (m *message) streamValues(late bool) ([]any, error) {
	vals := []any{fieldUID, m.uid, fieldNsp, m.nsp, fieldType, strconv.Itoa(int(m.typ))}
	if m.data != nil {
		data := string(m.data)
		if len(m.atts) > 0 {
			b, err := jsonToMsgpack(m.data, m.atts)
			if err != nil {
				return nil, err
			}
			data = base64.StdEncoding.EncodeToString(b)
		}
		vals = append(vals, fieldData, data)
	}
	if m.seq > 0 {
		vals = append(vals, fieldSeq, strconv.FormatUint(m.seq, 10))
	}
	if late {
		vals = append(vals, fieldLate, "1")
	}
	return vals, nil
}

// fromStream decodes the fields of a stream entry.
func fromStream(values map[string]any) (*message, error) {
	str := func(k string) string { s, _ := values[k].(string); return s }
	typ, err := strconv.Atoi(str(fieldType))
	if err != nil {
		return nil, fmt.Errorf("sioredis: stream entry type %q: %w", str(fieldType), err)
	}
	m := &message{uid: str(fieldUID), nsp: str(fieldNsp), typ: msgType(typ), late: str(fieldLate) != ""}
	m.seq, _ = strconv.ParseUint(str(fieldSeq), 10, 64) // absent (0) from Node servers
	if data := str(fieldData); data != "" {
		if data[0] == '{' {
			m.data = json.RawMessage(data)
		} else {
			b, err := base64.StdEncoding.DecodeString(data)
			if err != nil {
				return nil, fmt.Errorf("sioredis: stream entry data: %w", err)
			}
			if m.data, m.atts, err = msgpackToJSON(b); err != nil {
				return nil, err
			}
		}
	}
	return m, nil
}

// pubsubPayload returns m as a pub/sub payload: the whole message as
// MessagePack, the type a number.
func (m *message) pubsubPayload() ([]byte, error) {
	var buf bytes.Buffer
	enc := msgpack.NewEncoder(&buf)
	n := 3
	if m.data != nil {
		n++
	}
	enc.EncodeMapLen(n)
	enc.EncodeString("uid")
	enc.EncodeString(m.uid)
	enc.EncodeString("nsp")
	enc.EncodeString(m.nsp)
	enc.EncodeString("type")
	enc.EncodeInt(int64(m.typ))
	if m.data != nil {
		data, err := jsonToMsgpack(m.data, m.atts)
		if err != nil {
			return nil, err
		}
		enc.EncodeString("data")
		buf.Write(data)
	}
	return buf.Bytes(), nil
}

// fromPubsub decodes a pub/sub payload.
func fromPubsub(payload []byte) (*message, error) {
	raw, atts, err := msgpackToJSON(payload)
	if err != nil {
		return nil, err
	}
	var env struct {
		UID  string          `json:"uid"`
		Nsp  string          `json:"nsp"`
		Type msgType         `json:"type"`
		Data json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(raw, &env); err != nil {
		return nil, fmt.Errorf("sioredis: pub/sub message: %w", err)
	}
	return &message{uid: env.UID, nsp: env.Nsp, typ: env.Type, data: env.Data, atts: atts}, nil
}

// wireOptions are socket.io-adapter's BroadcastOptions as sent: rooms and
// except as arrays.
type wireOptions struct {
	Rooms  []string  `json:"rooms"`
	Except []string  `json:"except"`
	Flags  wireFlags `json:"flags"`
}

// wireFlags are the broadcast flags that matter between nodes. Node treats
// any "volatile" key as volatile, so it is left out unless true. LatestKey
// and CountOnly are ours; Node ignores them.
type wireFlags struct {
	Volatile  bool   `json:"volatile,omitempty"`
	LatestKey string `json:"latestKey,omitempty"`
	CountOnly bool   `json:"countOnly,omitempty"`
}

func toWire(o socketio.BroadcastOptions) wireOptions {
	return wireOptions{
		Rooms:  nonNil(o.Rooms),
		Except: nonNil(o.Except),
		Flags:  wireFlags{Volatile: o.Volatile, LatestKey: o.LatestKey},
	}
}

func (w wireOptions) options() socketio.BroadcastOptions {
	return socketio.BroadcastOptions{Rooms: w.Rooms, Except: w.Except, Volatile: w.Flags.Volatile, LatestKey: w.Flags.LatestKey}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// wirePacket is a Socket.IO packet as socket.io-parser holds it before
// encoding: the EVENT type (2, binary or not) and the arguments array with
// the event name first.
type wirePacket struct {
	Type int             `json:"type"`
	Data json.RawMessage `json:"data"`
	Nsp  string          `json:"nsp,omitempty"`
	// ID, set on a Node broadcast that awaits acknowledgements, is
	// dropped: acknowledgements of broadcasts are not collected across
	// nodes.
	ID *uint64 `json:"id,omitempty"`
}

type broadcastData struct {
	Packet    wirePacket  `json:"packet"`
	Opts      wireOptions `json:"opts"`
	RequestID string      `json:"requestId,omitempty"`
}

type socketsRoomsData struct {
	Opts  wireOptions `json:"opts"`
	Rooms []string    `json:"rooms"`
}

type disconnectData struct {
	Opts  wireOptions `json:"opts"`
	Close bool        `json:"close"`
}

type fetchData struct {
	Opts      wireOptions `json:"opts"`
	RequestID string      `json:"requestId"`
}

type fetchResponseData struct {
	RequestID string         `json:"requestId"`
	Sockets   []remoteSocket `json:"sockets"`
	// Count answers a CountOnly request (ours): Sockets is then empty.
	Count *int `json:"count,omitempty"`
}

// remoteSocket is a socket as FETCH_SOCKETS_RESPONSE describes it (Node's
// RemoteSocket details).
type remoteSocket struct {
	ID        string          `json:"id"`
	Handshake json.RawMessage `json:"handshake"`
	Rooms     []string        `json:"rooms"`
	Data      json.RawMessage `json:"data,omitempty"`
}

type clientCountData struct {
	RequestID   string `json:"requestId"`
	ClientCount int    `json:"clientCount"`
}

// encodeBroadcast describes the event packet p and the options of its
// broadcast as a BROADCAST message's data.
func encodeBroadcast(p *socketio.Packet, opts socketio.BroadcastOptions) (json.RawMessage, [][]byte, error) {
	sp, _, err := sioproto.Parse(p.Text(), len(p.Attachments()))
	if err != nil {
		return nil, nil, fmt.Errorf("sioredis: broadcast of an unreadable packet: %w", err)
	}
	if sp.Type != sioproto.Event && sp.Type != sioproto.BinaryEvent {
		return nil, nil, fmt.Errorf("sioredis: broadcast of a %s packet", sp.Type)
	}
	d := broadcastData{Packet: wirePacket{Type: int(sioproto.Event), Data: sp.Data, Nsp: sp.Namespace}, Opts: toWire(opts)}
	data, err := marshalJSON(d)
	return data, p.Attachments(), err
}

// errNotEvent refuses a broadcast whose packet is not an event: Node
// sends only events, and only events are ever delivered from the stream.
var errNotEvent = errors.New("sioredis: broadcast packet is not an event")

// decodeBroadcast rebuilds the packet of a BROADCAST message, encoded once
// for every local recipient, with its options.
func decodeBroadcast(m *message) (*socketio.Packet, broadcastData, error) {
	var d broadcastData
	if err := json.Unmarshal(m.data, &d); err != nil {
		return nil, d, fmt.Errorf("sioredis: broadcast data: %w", err)
	}
	if d.Packet.Type != int(sioproto.Event) && d.Packet.Type != int(sioproto.BinaryEvent) {
		return nil, d, errNotEvent
	}
	sp := sioproto.Packet{Type: sioproto.Event, Namespace: m.nsp, Data: d.Packet.Data, Attachments: m.atts}
	if len(m.atts) > 0 {
		sp.Type = sioproto.BinaryEvent
	}
	text, err := sioproto.Encode(&sp)
	if err != nil {
		return nil, d, err
	}
	// What another server encoded is checked as a client's packet would
	// be: a bad one must not reach our clients and cut their connections.
	if _, _, err := sioproto.Parse(text, len(m.atts)); err != nil {
		return nil, d, fmt.Errorf("sioredis: broadcast packet: %w", err)
	}
	p := socketio.NewPacket(text, m.atts)
	if d.Opts.Flags.Volatile {
		p = p.AsVolatile()
	}
	return p, d, nil
}

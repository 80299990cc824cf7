package socketio

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/rtgen/rtgen/runtime/engineio"
	"github.com/rtgen/rtgen/runtime/internal/sioproto"
)

// Packet is one Socket.IO packet, encoded once and ready to be sent to any
// number of sockets: the text part (namespace included) plus its binary
// attachments, and the Engine.IO messages carrying them. A Packet is
// immutable; an Adapter may serialise Text and Attachments to another node
// and rebuild it there with NewPacket.
type Packet struct {
	text        []byte
	attachments [][]byte
	msgs        []*engineio.Message
	// offset is the packet's place in the recovery history (appended to
	// its arguments on the wire); "" when it is not stored.
	offset   string
	volatile bool
	// event is the event name, when encodePacket built an event packet.
	event string
	// delivered, when set (BroadcastOperator.emit), counts the local
	// sockets the packet was queued for; copies share it.
	delivered *atomic.Int64
}

// NewPacket wraps an encoded packet: text as produced by the Socket.IO
// encoder and its attachments in order. Neither may be modified afterwards.
// It does not validate; adapters pass on what a Server encoded.
func NewPacket(text []byte, attachments [][]byte) *Packet {
	p := &Packet{text: text, attachments: attachments, msgs: make([]*engineio.Message, 1+len(attachments))}
	p.msgs[0] = engineio.NewTextMessage(text)
	for i, a := range attachments {
		p.msgs[1+i] = engineio.NewBinaryMessage(a)
	}
	return p
}

// WithOffset returns a copy of event packet p whose arguments end with
// offset, as Socket.IO's connection-state recovery sends them: the client
// keeps the last argument of every event as the offset to resume from.
// Adapters that store history call it on what they broadcast.
func (p *Packet) WithOffset(offset string) *Packet {
	text := make([]byte, 0, len(p.text)+len(offset)+3)
	text = append(text, p.text[:len(p.text)-1]...) // the closing ']'
	text = append(text, ',')
	text, _ = appendJSON(text, offset) // a string always encodes
	text = append(text, ']')
	q := NewPacket(text, p.attachments)
	q.offset, q.event, q.delivered = offset, p.event, p.delivered
	return q
}

// endsWithString reports whether the last element of event packet p's
// array is a string: an argument, or the event name when there is none.
func (p *Packet) endsWithString() bool {
	t := bytes.TrimRight(p.text, " \t\r\n")
	if !bytes.HasSuffix(t, []byte{']'}) {
		return false
	}
	return bytes.HasSuffix(bytes.TrimRight(t[:len(t)-1], " \t\r\n"), []byte{'"'})
}

// Offset returns the offset WithOffset gave p; "" for a packet that is not
// part of the recovery history.
func (p *Packet) Offset() string { return p.offset }

// AsVolatile returns a copy of p marked volatile: it is dropped, rather
// than queued, for a client that is not ready to receive it.
func (p *Packet) AsVolatile() *Packet {
	q := *p
	q.volatile = true
	return &q
}

// Volatile reports whether p is dropped for clients that are not ready.
func (p *Packet) Volatile() bool { return p.volatile }

// Text returns the text part of the packet, e.g. `2/chat,["msg","hi"]`.
func (p *Packet) Text() []byte { return p.text }

// Attachments returns the binary attachments, in placeholder order.
func (p *Packet) Attachments() [][]byte { return p.attachments }

// Size returns the packet's length on the wire: its text and its
// attachments, in bytes.
func (p *Packet) Size() int {
	n := len(p.text)
	for _, a := range p.attachments {
		n += len(a)
	}
	return n
}

// Event returns the name of the event the packet carries, "" for other
// packet types. A packet rebuilt with NewPacket has its text parsed.
func (p *Packet) Event() string {
	if p.event != "" {
		return p.event
	}
	sp, _, err := sioproto.Parse(p.text, len(p.attachments))
	if err != nil || (sp.Type != sioproto.Event && sp.Type != sioproto.BinaryEvent) {
		return ""
	}
	name, _ := sioproto.EventName(sp.Data)
	return name
}

// encodePacket builds a packet of type Event or Ack (Binary* when binary
// arguments are present). For events, event is prepended to the arguments.
func encodePacket(typ sioproto.Type, nsp string, hasID bool, id uint64, event string, args []any) (*Packet, error) {
	scratch := scratchPool.Get().(*[]byte)
	defer func() {
		if cap(*scratch) <= 64<<10 { // one big emit must not pin memory in the pool
			scratchPool.Put(scratch)
		}
	}()
	data := append((*scratch)[:0], '[')
	var atts [][]byte
	first := true
	if typ == sioproto.Event {
		if sioproto.IsReservedEvent(event) {
			return nil, fmt.Errorf("%w: %q", ErrReservedEvent, event)
		}
		var err error
		if data, err = appendJSON(data, event); err != nil {
			return nil, err
		}
		first = false
	}
	for _, a := range args {
		var err error
		data, atts, err = appendArg(data, atts, a, &first)
		if err != nil {
			return nil, err
		}
	}
	data = append(data, ']')
	*scratch = data

	if len(atts) > 0 {
		typ += sioproto.BinaryEvent - sioproto.Event // Event→BinaryEvent, Ack→BinaryAck
	}
	sp := sioproto.Packet{Type: typ, Namespace: nsp, HasID: hasID, ID: id, Data: data, Attachments: atts}
	text, err := sioproto.Append(make([]byte, 0, len(data)+len(nsp)+24), &sp)
	if err != nil {
		return nil, err
	}
	p := NewPacket(text, atts)
	if typ == sioproto.Event || typ == sioproto.BinaryEvent {
		p.event = event
	}
	return p, nil
}

// encodeControl builds a CONNECT, DISCONNECT or CONNECT_ERROR packet.
func encodeControl(typ sioproto.Type, nsp string, data []byte) *Packet {
	text, err := sioproto.Encode(&sioproto.Packet{Type: typ, Namespace: nsp, Data: data})
	if err != nil {
		// Namespaces come from Server.Of or from a decoded packet, both
		// already checked; this cannot happen short of a bug.
		panic(fmt.Sprintf("socketio: encoding %s for %q: %v", typ, nsp, err))
	}
	return NewPacket(text, nil)
}

// appendArg appends one emit argument, after a comma unless it is the first.
//
//	[]byte          → a binary attachment (placeholder in the JSON)
//	json.RawMessage → verbatim (must be valid JSON)
//	Args            → its arguments spliced in, attachments renumbered
//	anything else   → encoding/json, HTML escaping off
func appendArg(dst []byte, atts [][]byte, v any, first *bool) ([]byte, [][]byte, error) {
	sep := func() {
		if !*first {
			dst = append(dst, ',')
		}
		*first = false
	}
	switch v := v.(type) {
	case []byte:
		sep()
		dst = sioproto.AppendPlaceholder(dst, len(atts))
		return dst, append(atts, v), nil
	case json.RawMessage:
		if !json.Valid(v) {
			return dst, atts, fmt.Errorf("%w: json.RawMessage is not valid JSON", ErrInvalidArgument)
		}
		sep()
		return append(dst, bytes.TrimSpace(v)...), atts, nil
	case Args:
		// The attachments keep their order, after those already collected,
		// so each placeholder keeps its number plus that offset.
		base := len(atts)
		for i, raw := range v.raw {
			sep()
			if v.placeholders == nil || len(v.placeholders[i]) == 0 {
				dst = append(dst, raw...)
				continue
			}
			dst = sioproto.ReplacePlaceholders(dst, raw, v.placeholders[i], func(d []byte, p sioproto.Placeholder) []byte {
				return sioproto.AppendPlaceholder(d, base+p.Num)
			})
		}
		return dst, append(atts, v.attachments...), nil
	default:
		sep()
		var err error
		dst, err = appendJSON(dst, v)
		return dst, atts, err
	}
}

// appendJSON appends v as JSON as sioproto.AppendJSON does; an argument
// encoding/json refuses is an ErrInvalidArgument.
func appendJSON(dst []byte, v any) ([]byte, error) {
	out, err := sioproto.AppendJSON(dst, v)
	if err != nil {
		return dst, fmt.Errorf("%w: %v", ErrInvalidArgument, err)
	}
	return out, nil
}

// scratchPool holds the buffers packet data is assembled in before the
// exact-size text is allocated.
var scratchPool = sync.Pool{New: func() any { b := make([]byte, 0, 512); return &b }}

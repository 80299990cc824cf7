package engineio

import (
	"sync"

	"github.com/rtgen/rtgen/runtime/internal/eioproto"
)

// Message is one outbound Engine.IO packet. It is immutable once built, so
// one Message may be sent to any number of sessions (a broadcast): its
// encoding is computed at most once, on first use, and shared; a WebSocket
// frame is that encoding behind a header of a few bytes.
type Message struct {
	packet eioproto.Packet

	textOnce sync.Once
	text     []byte // polling payload element; also the text frame payload
}

// NewTextMessage returns a text Engine.IO message carrying data, which must
// be valid UTF-8 and must not be modified afterwards.
func NewTextMessage(data []byte) *Message {
	return newPacketMessage(eioproto.Packet{Type: eioproto.Message, Data: data})
}

// NewBinaryMessage returns a binary Engine.IO message carrying data, which
// must not be modified afterwards.
func NewBinaryMessage(data []byte) *Message {
	return newPacketMessage(eioproto.Packet{Type: eioproto.Message, Data: data, Binary: true})
}

func newPacketMessage(p eioproto.Packet) *Message { return &Message{packet: p} }

// Control packets shared by every session.
var (
	pingMessage  = newPacketMessage(eioproto.Packet{Type: eioproto.Ping})
	closeMessage = newPacketMessage(eioproto.Packet{Type: eioproto.Close})
	noopMessage  = newPacketMessage(eioproto.Packet{Type: eioproto.Noop})
	probeReply   = newPacketMessage(eioproto.Packet{Type: eioproto.Pong, Data: []byte("probe")})
)

// size is the number of bytes m counts against a session's write queue.
func (m *Message) size() int { return eioproto.EncodedLen(m.packet) }

// pollingBytes returns m's element of a polling payload ("4…" or "b…").
func (m *Message) pollingBytes() []byte {
	m.textOnce.Do(func() { m.text = eioproto.AppendPacket(nil, m.packet) })
	return m.text
}

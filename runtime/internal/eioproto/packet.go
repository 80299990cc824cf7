// Package eioproto encodes and decodes Engine.IO v4 packets and HTTP
// long-polling payloads.
//
// A packet's text form is its type digit followed by its data ("4hello",
// "2", "3probe"). A binary message has no type digit: over WebSocket it is
// the raw bytes of a binary frame, and inside a polling payload it is "b"
// followed by the standard, padded base64 of the bytes ("bAQIDBA=="). A
// polling payload joins packets with the record separator 0x1e.
//
// Every function is pure and safe for concurrent use. Decoders never panic:
// malformed input yields an error that matches one of the Err* values with
// errors.Is.
package eioproto

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"unicode/utf8"
)

// PacketType is an Engine.IO packet type.
type PacketType byte

// The Engine.IO v4 packet types.
const (
	Open    PacketType = 0 // server → client handshake, JSON data
	Close   PacketType = 1 // either way: close the session
	Ping    PacketType = 2 // server → client heartbeat; client → server "probe" during an upgrade
	Pong    PacketType = 3 // client → server heartbeat reply; server → client "probe" during an upgrade
	Message PacketType = 4 // application data, text or binary
	Upgrade PacketType = 5 // client → server: switch the session to the probed WebSocket
	Noop    PacketType = 6 // server → client: releases a pending polling request
)

var typeNames = [...]string{"open", "close", "ping", "pong", "message", "upgrade", "noop"}

// String returns the protocol's name for t ("open", "message", …).
func (t PacketType) String() string {
	if t.Valid() {
		return typeNames[t]
	}
	return fmt.Sprintf("PacketType(%d)", byte(t))
}

// Valid reports whether t is one of the seven Engine.IO v4 packet types.
func (t PacketType) Valid() bool { return t <= Noop }

// Packet is one decoded Engine.IO packet.
type Packet struct {
	Type PacketType
	// Data is the packet's payload: UTF-8 text, or raw bytes when Binary is
	// set. Decoders may return Data aliasing their input.
	Data []byte
	// Binary marks a binary message; only valid with Type == Message.
	Binary bool
}

// Separator joins packets inside a polling payload.
const Separator = 0x1e

// binaryPrefix replaces the type digit of a base64-encoded binary message.
const binaryPrefix = 'b'

// Errors returned by the decoders. Each returned error wraps exactly one of
// them, with the offending offset or byte in its text.
var (
	ErrEmptyPacket   = errors.New("eioproto: empty packet")
	ErrUnknownType   = errors.New("eioproto: unknown packet type")
	ErrInvalidUTF8   = errors.New("eioproto: text packet is not valid UTF-8")
	ErrInvalidBase64 = errors.New("eioproto: invalid base64 in binary packet")
	ErrEmptyPayload  = errors.New("eioproto: empty payload")
)

// base64Enc is strict so that decoding and re-encoding reproduce the input
// byte for byte (no accepted non-zero trailing bits).
var base64Enc = base64.StdEncoding.Strict()

// AppendPacket appends the text form of p to dst and returns the extended
// slice. A binary message is written in its polling form, "b" + base64; over
// WebSocket a binary message is sent as p.Data in a binary frame instead.
func AppendPacket(dst []byte, p Packet) []byte {
	if p.Binary {
		dst = append(dst, binaryPrefix)
		return base64Enc.AppendEncode(dst, p.Data)
	}
	dst = append(dst, '0'+byte(p.Type))
	return append(dst, p.Data...)
}

// EncodedLen returns len(AppendPacket(nil, p)) without encoding.
func EncodedLen(p Packet) int {
	if p.Binary {
		return 1 + base64Enc.EncodedLen(len(p.Data))
	}
	return 1 + len(p.Data)
}

// DecodePacket decodes the text form of one packet: a WebSocket text frame
// or one element of a polling payload. "b"+base64 decodes to a binary
// message with freshly allocated Data; for every other packet Data aliases b.
// Text data must be valid UTF-8.
func DecodePacket(b []byte) (Packet, error) {
	if len(b) == 0 {
		return Packet{}, ErrEmptyPacket
	}
	if b[0] == binaryPrefix {
		// encoding/base64 skips CR and LF even in strict mode; the protocol
		// has no line breaks, and accepting them would break round trips.
		if bytes.ContainsAny(b[1:], "\r\n") {
			return Packet{}, fmt.Errorf("%w: line break", ErrInvalidBase64)
		}
		data, err := base64Enc.AppendDecode(make([]byte, 0, base64Enc.DecodedLen(len(b)-1)), b[1:])
		if err != nil {
			return Packet{}, fmt.Errorf("%w: %v", ErrInvalidBase64, err)
		}
		return Packet{Type: Message, Data: data, Binary: true}, nil
	}
	t := PacketType(b[0] - '0')
	if b[0] < '0' || !t.Valid() {
		return Packet{}, fmt.Errorf("%w: %q", ErrUnknownType, b[0])
	}
	if !utf8.Valid(b[1:]) {
		return Packet{}, ErrInvalidUTF8
	}
	return Packet{Type: t, Data: b[1:len(b):len(b)]}, nil
}

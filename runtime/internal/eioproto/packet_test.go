package eioproto

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// Byte-exact encodings from the protocol brief (captured traffic and the
// engine.io-protocol test suite).
var packetCases = []struct {
	name string
	wire string
	p    Packet
}{
	{"open", `0{"sid":"x"}`, Packet{Type: Open, Data: []byte(`{"sid":"x"}`)}},
	{"close", "1", Packet{Type: Close, Data: []byte{}}},
	{"ping", "2", Packet{Type: Ping, Data: []byte{}}},
	{"ping probe", "2probe", Packet{Type: Ping, Data: []byte("probe")}},
	{"pong", "3", Packet{Type: Pong, Data: []byte{}}},
	{"pong probe", "3probe", Packet{Type: Pong, Data: []byte("probe")}},
	{"message", "4hello", Packet{Type: Message, Data: []byte("hello")}},
	{"empty message", "4", Packet{Type: Message, Data: []byte{}}},
	{"socket.io event", `42["echo","hi",42]`, Packet{Type: Message, Data: []byte(`2["echo","hi",42]`)}},
	{"utf-8 message", "4héllo €", Packet{Type: Message, Data: []byte("héllo €")}},
	{"upgrade", "5", Packet{Type: Upgrade, Data: []byte{}}},
	{"noop", "6", Packet{Type: Noop, Data: []byte{}}},
	{"binary", "bAQIDBA==", Packet{Type: Message, Data: []byte{1, 2, 3, 4}, Binary: true}},
	{"binary one byte", "bAA==", Packet{Type: Message, Data: []byte{0}, Binary: true}},
	{"empty binary", "b", Packet{Type: Message, Data: []byte{}, Binary: true}},
}

func TestDecodePacket(t *testing.T) {
	for _, tc := range packetCases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := DecodePacket([]byte(tc.wire))
			if err != nil {
				t.Fatalf("DecodePacket(%q): %v", tc.wire, err)
			}
			if diff := cmp.Diff(tc.p, got); diff != "" {
				t.Errorf("DecodePacket(%q) mismatch (-want +got):\n%s", tc.wire, diff)
			}
		})
	}
}

func TestAppendPacket(t *testing.T) {
	for _, tc := range packetCases {
		t.Run(tc.name, func(t *testing.T) {
			got := string(AppendPacket(nil, tc.p))
			if got != tc.wire {
				t.Errorf("AppendPacket = %q, want %q", got, tc.wire)
			}
			if n := EncodedLen(tc.p); n != len(tc.wire) {
				t.Errorf("EncodedLen = %d, want %d", n, len(tc.wire))
			}
		})
	}
}

// Every class of malformed single packet returns its error and never panics.
var badPackets = []struct {
	name string
	wire string
	err  error
}{
	{"empty", "", ErrEmptyPacket},
	{"type 7", "7", ErrUnknownType},
	{"type 9 with data", "9hello", ErrUnknownType},
	{"letter", "abc", ErrUnknownType},
	{"below zero", "/x", ErrUnknownType},
	{"NUL", "\x00", ErrUnknownType},
	{"separator", "\x1e", ErrUnknownType},
	{"high byte", "\xff4", ErrUnknownType},
	{"upper-case B", "BAQID", ErrUnknownType},
	{"invalid utf-8", "4\xff", ErrInvalidUTF8},
	{"surrogate", "4\xed\xa0\x80", ErrInvalidUTF8},
	{"overlong", "4\xc0\xaf", ErrInvalidUTF8},
	{"truncated sequence", "4\xe2\x82", ErrInvalidUTF8},
	{"base64 bad char", "b!!!!", ErrInvalidBase64},
	{"base64 unpadded", "bAQIDBA", ErrInvalidBase64},
	{"base64 url alphabet", "b-_-_", ErrInvalidBase64},
	{"base64 non-canonical bits", "bAR==", ErrInvalidBase64},
	{"base64 line break", "bAQID\nBA==", ErrInvalidBase64},
	{"base64 carriage return", "b\rAQIDBA==", ErrInvalidBase64},
	{"base64 extra padding", "bAQIDBA===", ErrInvalidBase64},
}

func TestDecodePacketErrors(t *testing.T) {
	for _, tc := range badPackets {
		t.Run(tc.name, func(t *testing.T) {
			p, err := DecodePacket([]byte(tc.wire))
			if !errors.Is(err, tc.err) {
				t.Fatalf("DecodePacket(%q) = %+v, %v; want error %v", tc.wire, p, err, tc.err)
			}
		})
	}
}

// A decoded text packet aliases its input but cannot grow into the bytes
// after it: appending to one message must not overwrite the next one.
func TestDecodePacketCapacity(t *testing.T) {
	buf := []byte("4ab\x1e4cd")
	p, err := DecodePacket(buf[:3])
	if err != nil {
		t.Fatal(err)
	}
	_ = append(p.Data, 'X')
	if string(buf) != "4ab\x1e4cd" {
		t.Fatalf("append to Data overwrote the input: %q", buf)
	}
}

func TestPacketTypeString(t *testing.T) {
	if got := Message.String(); got != "message" {
		t.Errorf("Message.String() = %q", got)
	}
	if got := PacketType(9).String(); got != "PacketType(9)" {
		t.Errorf("PacketType(9).String() = %q", got)
	}
}

func TestHandshake(t *testing.T) {
	h := NewHandshake("pWRnuuptH7QXJnRwAAAA", []string{"websocket"}, 25*time.Second, 20*time.Second, 1_000_000)
	got := string(AppendPacket(nil, h.OpenPacket()))
	want := `0{"sid":"pWRnuuptH7QXJnRwAAAA","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}`
	if got != want {
		t.Errorf("open packet\n got %s\nwant %s", got, want)
	}
	h = NewHandshake("s", nil, 300*time.Millisecond, 200*time.Millisecond, 1e6)
	got = string(AppendPacket(nil, h.OpenPacket()))
	want = `0{"sid":"s","upgrades":[],"pingInterval":300,"pingTimeout":200,"maxPayload":1000000}`
	if got != want {
		t.Errorf("open packet without upgrades\n got %s\nwant %s", got, want)
	}
}

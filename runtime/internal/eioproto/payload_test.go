package eioproto

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var payloadCases = []struct {
	name    string
	wire    string
	packets []Packet
}{
	{"one packet", "4hello", []Packet{{Type: Message, Data: []byte("hello")}}},
	{"three text packets", "4test1\x1e4test2\x1e4test3", []Packet{
		{Type: Message, Data: []byte("test1")},
		{Type: Message, Data: []byte("test2")},
		{Type: Message, Data: []byte("test3")},
	}},
	{"text and binary", "4hello\x1ebAQIDBA==", []Packet{
		{Type: Message, Data: []byte("hello")},
		{Type: Message, Data: []byte{1, 2, 3, 4}, Binary: true},
	}},
	{"socket.io binary event", `451-["echo",{"_placeholder":true,"num":0}]` + "\x1ebAQID", []Packet{
		{Type: Message, Data: []byte(`51-["echo",{"_placeholder":true,"num":0}]`)},
		{Type: Message, Data: []byte{1, 2, 3}, Binary: true},
	}},
	{"captured batch", `42["echo-back",1,"x"]` + "\x1e" + `431[{"a":1}]`, []Packet{
		{Type: Message, Data: []byte(`2["echo-back",1,"x"]`)},
		{Type: Message, Data: []byte(`31[{"a":1}]`)},
	}},
	{"pong", "3", []Packet{{Type: Pong, Data: []byte{}}}},
	{"close", "1", []Packet{{Type: Close, Data: []byte{}}}},
	{"ping and noop", "2\x1e6", []Packet{{Type: Ping, Data: []byte{}}, {Type: Noop, Data: []byte{}}}},
}

func TestDecodePayload(t *testing.T) {
	for _, tc := range payloadCases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := DecodePayload([]byte(tc.wire))
			if err != nil {
				t.Fatalf("DecodePayload(%q): %v", tc.wire, err)
			}
			if diff := cmp.Diff(tc.packets, got); diff != "" {
				t.Errorf("DecodePayload(%q) mismatch (-want +got):\n%s", tc.wire, diff)
			}
		})
	}
}

func TestAppendPayload(t *testing.T) {
	for _, tc := range payloadCases {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(AppendPayload(nil, tc.packets)); got != tc.wire {
				t.Errorf("AppendPayload = %q, want %q", got, tc.wire)
			}
		})
	}
}

var badPayloads = []struct {
	name string
	wire string
	err  error
}{
	{"empty body", "", ErrEmptyPayload},
	{"invalid packet (suite)", "abc", ErrUnknownType},
	{"lone separator", "\x1e", ErrEmptyPacket},
	{"leading separator", "\x1e4a", ErrEmptyPacket},
	{"trailing separator", "4a\x1e", ErrEmptyPacket},
	{"double separator", "4a\x1e\x1e4b", ErrEmptyPacket},
	{"bad second packet", "4a\x1e9", ErrUnknownType},
	{"bad base64 element", "4a\x1eb!!", ErrInvalidBase64},
	{"invalid utf-8 element", "4a\x1e4\xff", ErrInvalidUTF8},
}

func TestDecodePayloadErrors(t *testing.T) {
	for _, tc := range badPayloads {
		t.Run(tc.name, func(t *testing.T) {
			packets, err := DecodePayload([]byte(tc.wire))
			if !errors.Is(err, tc.err) {
				t.Fatalf("DecodePayload(%q) = %v, %v; want error %v", tc.wire, packets, err, tc.err)
			}
			if packets != nil {
				t.Errorf("DecodePayload(%q) returned packets with an error", tc.wire)
			}
		})
	}
}

// Decoding is linear in the input: a payload of many tiny packets and one
// huge packet both decode without quadratic work (guarded by the test
// timeout, not by a timing assertion).
func TestDecodePayloadLarge(t *testing.T) {
	many := strings.Repeat("4x\x1e", 200_000) + "4x"
	packets, err := DecodePayload([]byte(many))
	if err != nil || len(packets) != 200_001 {
		t.Fatalf("many packets: %d, %v", len(packets), err)
	}
	huge := append([]byte{'4'}, bytes.Repeat([]byte("a"), 1_000_000)...)
	packets, err = DecodePayload(huge)
	if err != nil || len(packets) != 1 || len(packets[0].Data) != 1_000_000 {
		t.Fatalf("huge packet: %v", err)
	}
}

package eioproto

import (
	"bytes"
	"testing"
)

// fuzzSeeds are the protocol's own inputs plus every malformed class above;
// they run as ordinary tests under plain `go test`.
func fuzzSeeds(f *testing.F) {
	for _, tc := range packetCases {
		f.Add([]byte(tc.wire))
	}
	for _, tc := range badPackets {
		f.Add([]byte(tc.wire))
	}
	for _, tc := range payloadCases {
		f.Add([]byte(tc.wire))
	}
	for _, tc := range badPayloads {
		f.Add([]byte(tc.wire))
	}
	for _, s := range []string{
		"2probe\x1e5", "3\x1e4a\x1e1", "b\x1eb", "0\x1e0", "__proto__", "4\x1e4",
		"b" + string(bytes.Repeat([]byte("A"), 4096)),
	} {
		f.Add([]byte(s))
	}
}

// FuzzDecodePacket: decoding never panics, and a decoded packet re-encodes
// to exactly the input.
func FuzzDecodePacket(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, in []byte) {
		p, err := DecodePacket(in)
		if err != nil {
			return
		}
		if p.Binary && p.Type != Message {
			t.Fatalf("binary packet of type %v", p.Type)
		}
		if out := AppendPacket(nil, p); !bytes.Equal(out, in) {
			t.Fatalf("round trip: %q → %+v → %q", in, p, out)
		}
	})
}

// FuzzDecodePayload: decoding never panics, a decoded payload re-encodes to
// exactly the input, and no decoded packet is empty-typed garbage.
func FuzzDecodePayload(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, in []byte) {
		packets, err := DecodePayload(in)
		if err != nil {
			return
		}
		if len(packets) == 0 {
			t.Fatalf("no packets and no error for %q", in)
		}
		for _, p := range packets {
			if !p.Type.Valid() {
				t.Fatalf("invalid type %v decoded from %q", p.Type, in)
			}
		}
		if out := AppendPayload(nil, packets); !bytes.Equal(out, in) {
			t.Fatalf("round trip: %q → %q", in, out)
		}
	})
}

package engineio

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// clientFrame encodes one frame as a client sends it: masked.
func clientFrame(fin bool, op byte, payload []byte) []byte {
	b0 := op
	if fin {
		b0 |= 0x80
	}
	b := []byte{b0}
	switch n := len(payload); {
	case n < 126:
		b = append(b, 0x80|byte(n))
	case n <= 0xffff:
		b = append(b, 0x80|126)
		b = binary.BigEndian.AppendUint16(b, uint16(n))
	default:
		b = append(b, 0x80|127)
		b = binary.BigEndian.AppendUint64(b, uint64(n))
	}
	key := [4]byte{0xa1, 0x5b, 0x07, 0xe3}
	b = append(b, key[:]...)
	for i, c := range payload {
		b = append(b, c^key[i%4])
	}
	return b
}

// parse feeds stream to a new reader in pieces of the given sizes (cycled)
// and returns what came out, as "op:data" strings, and the error.
func parse(stream []byte, pieces []int, max int64) ([]string, error) {
	var r wsReader
	var out []string
	stream = bytes.Clone(stream)
	for i := 0; len(stream) > 0; i++ {
		n := min(pieces[i%len(pieces)], len(stream))
		stopped, err := r.feed(stream[:n], max, func(in wsInput) bool {
			out = append(out, fmt.Sprintf("%d:%s", in.op, in.data))
			return in.op != opClose
		})
		if err != nil || stopped {
			return out, err
		}
		stream = stream[n:]
	}
	return out, nil
}

// Messages and control frames come out whole and in order however the
// bytes are cut, down to one byte at a time: fragmented messages with a
// ping between fragments, empty frames, and the 16- and 64-bit lengths.
func TestWSReaderPieces(t *testing.T) {
	big := strings.Repeat("x", 70000)
	mid := strings.Repeat("y", 300)
	var stream []byte
	for _, f := range [][]byte{
		clientFrame(true, opText, []byte("4hello")),
		clientFrame(true, opBinary, []byte{}),
		clientFrame(false, opText, []byte("4fr")),
		clientFrame(true, opPing, []byte("p")),
		clientFrame(false, opContinuation, []byte("ag")),
		clientFrame(true, opContinuation, []byte("ment")),
		clientFrame(true, opBinary, []byte(mid)),
		clientFrame(true, opText, []byte(big)),
		clientFrame(true, opPong, nil),
		clientFrame(true, opClose, []byte{0x03, 0xe8, 'o', 'k'}),
		clientFrame(true, opText, []byte("after close")),
	} {
		stream = append(stream, f...)
	}
	want := []string{"1:4hello", "2:", "9:p", "1:4fragment", "2:" + mid, "1:" + big, "10:", "8:\x03\xe8ok"}
	for _, pieces := range [][]int{{len(stream)}, {1}, {2, 3, 5, 7}, {4096}, {13, 1}} {
		got, err := parse(stream, pieces, 1<<20)
		if err != nil || strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("pieces %v: %d inputs, %v; want %d", pieces, len(got), err, len(want))
		}
	}
}

// Each violation fails as its close code requires: a protocol error
// (1002), or a message over the limit (1009), known from the header.
func TestWSReaderViolations(t *testing.T) {
	withFirst := func(f []byte, b0 byte) []byte { f = bytes.Clone(f); f[0] = b0; return f }
	unmasked := clientFrame(true, opText, []byte("4a"))
	unmasked[1] &^= 0x80
	long := clientFrame(true, opBinary, make([]byte, 70000))
	long[2] = 0x80 // a 64-bit length with its top bit set
	for _, tc := range []struct {
		name   string
		stream []byte
		err    error
	}{
		{"RSV1", withFirst(clientFrame(true, opText, []byte("4a")), 0xc1), errFrameProtocol},
		{"unmasked", unmasked, errFrameProtocol},
		{"unknown opcode", clientFrame(true, 0x3, nil), errFrameProtocol},
		{"fragmented ping", clientFrame(false, opPing, nil), errFrameProtocol},
		{"long ping", clientFrame(true, opPing, make([]byte, 126)), errFrameProtocol},
		{"stray continuation", clientFrame(true, opContinuation, []byte("x")), errFrameProtocol},
		{"message inside a message", append(clientFrame(false, opText, []byte("4a")), clientFrame(true, opText, []byte("4b"))...), errFrameProtocol},
		{"negative length", long, errFrameProtocol},
		{"one-byte close", clientFrame(true, opClose, []byte{3}), errFrameProtocol},
		{"reserved close code", clientFrame(true, opClose, []byte{0x03, 0xed}), errFrameProtocol},
		{"close reason not UTF-8", clientFrame(true, opClose, []byte{0x03, 0xe8, 0xff}), errFrameProtocol},
		{"too big", clientFrame(true, opBinary, make([]byte, 101)), errFrameTooBig},
		{"too big in fragments", append(clientFrame(false, opBinary, make([]byte, 60)), clientFrame(true, opContinuation, make([]byte, 41))...), errFrameTooBig},
	} {
		for _, pieces := range [][]int{{len(tc.stream)}, {1}} {
			if got, err := parse(tc.stream, pieces, 100); !errors.Is(err, tc.err) || len(got) != 0 {
				t.Errorf("%s, pieces %v: %v after %q, want %v", tc.name, pieces, err, got, tc.err)
			}
		}
	}
	// The limit itself passes.
	if got, err := parse(clientFrame(true, opBinary, make([]byte, 100)), []int{7}, 100); err != nil || len(got) != 1 {
		t.Errorf("message of exactly the limit: %d inputs, %v", len(got), err)
	}
}

// Random frames cut at random points parse to what was framed.
func TestWSReaderRandomCuts(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		var stream []byte
		var want []string
		for range 1 + rng.IntN(20) {
			p := make([]byte, rng.IntN(300))
			for i := range p {
				p[i] = byte(rng.IntN(256))
			}
			op := byte(opBinary)
			if rng.IntN(3) == 0 {
				op = opPing
				p = p[:min(len(p), maxControlPayload)]
			}
			stream = append(stream, clientFrame(true, op, p)...)
			want = append(want, fmt.Sprintf("%d:%s", op, p))
		}
		pieces := []int{1 + rng.IntN(64), 1 + rng.IntN(512)}
		got, err := parse(stream, pieces, 1<<20)
		if err != nil || strings.Join(got, "|") != strings.Join(want, "|") {
			t.Fatalf("pieces %v: %d of %d inputs, %v", pieces, len(got), len(want), err)
		}
	}
}

// Any bytes: the reader returns inputs or an error, never panics, never
// hands out a message over the limit.
func FuzzWSReader(f *testing.F) {
	f.Add(clientFrame(true, opText, []byte("4hello")), 3)
	f.Add(append(clientFrame(false, opBinary, []byte{1}), clientFrame(true, opContinuation, []byte{2})...), 1)
	f.Fuzz(func(t *testing.T, stream []byte, piece int) {
		got, _ := parse(stream, []int{max(1, piece%64)}, 64)
		for _, s := range got {
			if op, data, _ := strings.Cut(s, ":"); (op == "1" || op == "2") && len(data) > 64 {
				t.Fatalf("message over the limit: %d bytes", len(data))
			}
		}
	})
}

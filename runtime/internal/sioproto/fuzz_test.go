package sioproto

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// fuzzSeeds: the protocol-suite frames, captured client frames and every
// malformed class of the reliability plan (B1–B4, B22, B30).
var fuzzSeeds = []string{
	`0`, `0{"token":"123"}`, `0/custom,`, `0/custom,{"token":"abc"}`, `0/random`, `1`, `1/custom`,
	`2["message",1,"2",{"3":[true]}]`, `2456["message-with-ack",1,"2",{"3":[false]}]`,
	`52-["message",` + ph0 + `,` + ph1 + `]`, `52-789["message-with-ack",` + ph0 + `,` + ph1 + `]`,
	`61-1[` + ph0 + `]`, `30[]`, `4{"message":"x","data":{"code":"y"}}`,
	`abc`, `4abc`, `2{}`, `2abc["message-with-ack",1]`,
	`51-["hello",{"_placeholder":true,"num":"splice"}]`, `51-["hello",{"_placeholder":true,"num":1}]`,
	`51-["hello",{"_placeholder":true,"num":-1}]`, `51-["hello",{"_placeholder":true,"num":1e309}]`,
	`51-["hello",{"_placeholder":"true","num":0}]`, `5999999-["x"]`, `51000-["x"]`,
	`2123456789012345678901234567890["x"]`, `0/` + strings.Repeat("a", 300),
	`2[{"toString":"foo"}]`, `2[true,"foo"]`, `2[null,"bar"]`, `2[]`, `2["connect"]`, `2["disconnect","123"]`,
	`2["newListener"]`, `2["error"]`, `24294967295["max"]`, `2["x",1e999999]`, `2["x",{"a":1,"a":2}]`,
	`2["x","\ud800"]`, `2["x",[[[[[[[[[[]]]]]]]]]]]`, `2["x"`, `["x"]`, ``,
}

// FuzzDecoder feeds a text message and up to two binary messages (in either
// order) to a Decoder. It must never panic; whatever it accepts must
// re-encode to something that decodes to the same packet, with placeholders
// in range and at most DefaultMaxAttachments attachments.
func FuzzDecoder(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, []byte{1, 2, 3}, []byte{4, 5, 6}, false)
	}
	f.Add(`51-["x",`+ph0+`]`, []byte{1}, []byte{}, true)
	f.Fuzz(func(t *testing.T, text string, b1, b2 []byte, binaryFirst bool) {
		d := NewDecoder(0)
		msgs := []struct {
			data   []byte
			binary bool
		}{{[]byte(text), false}, {b1, true}, {b2, true}}
		if binaryFirst {
			msgs[0], msgs[1] = msgs[1], msgs[0]
		}
		for _, m := range msgs {
			p, err := d.Add(m.data, m.binary)
			if err != nil {
				if !isPackageError(err) {
					t.Fatalf("error %v does not wrap a package error", err)
				}
				return
			}
			if p == nil {
				continue
			}
			if len(p.Attachments) > DefaultMaxAttachments {
				t.Fatalf("%d attachments accepted", len(p.Attachments))
			}
			if p.Type.IsBinary() {
				phs, err := FindPlaceholders(p.Data, len(p.Attachments))
				if err != nil {
					t.Fatalf("accepted binary packet has bad placeholders: %v", err)
				}
				for _, ph := range phs {
					if ph.Num < 0 || ph.Num >= len(p.Attachments) {
						t.Fatalf("placeholder %d out of range", ph.Num)
					}
				}
			}
			if got := roundTrip(t, *p); !packetsEqual(*p, got) {
				t.Fatalf("round trip changed the packet:\n in  %+v\n out %+v", *p, got)
			}
		}
	})
}

// FuzzRoundTrip builds packets from fuzzed fields: whenever Encode accepts
// one whose payload is valid for its type, decoding gives it back.
func FuzzRoundTrip(f *testing.F) {
	for _, p := range roundTripSeeds() {
		f.Add(uint8(p.Type), p.Namespace, p.HasID, p.ID, []byte(p.Data), uint8(len(p.Attachments)))
	}
	f.Fuzz(func(t *testing.T, typ uint8, ns string, hasID bool, id uint64, data []byte, nAtt uint8) {
		p := Packet{Type: Type(typ), Namespace: ns, HasID: hasID, ID: id, Data: data}
		if len(data) == 0 {
			p.Data = nil
		}
		for i := 0; i < int(nAtt%12); i++ {
			p.Attachments = append(p.Attachments, []byte{byte(i)})
		}
		text, err := Encode(&p)
		if err != nil {
			if !isPackageError(err) {
				t.Fatalf("error %v does not wrap a package error", err)
			}
			return
		}
		if checkPayload(p.Type, p.Data, len(p.Attachments)) != nil || len(p.Attachments) > DefaultMaxAttachments {
			return // Encode does not validate payloads; the property holds for valid ones.
		}
		if _, _, err := Parse(text, 0); err != nil {
			t.Fatalf("Parse(Encode(%+v)) = %v", p, err)
		}
		want := p
		if want.Namespace == "" {
			want.Namespace = "/"
		}
		if !want.HasID {
			want.ID = 0 // meaningless without HasID
		}
		got := roundTrip(t, p)
		if !packetsEqual(want, got) {
			t.Fatalf("round trip:\n in  %+v\n out %+v", want, got)
		}
	})
}

func packetsEqual(a, b Packet) bool {
	if a.Type != b.Type || a.Namespace != b.Namespace || a.HasID != b.HasID || a.ID != b.ID ||
		!bytes.Equal(a.Data, b.Data) || len(a.Attachments) != len(b.Attachments) {
		return false
	}
	for i := range a.Attachments {
		if !bytes.Equal(a.Attachments[i], b.Attachments[i]) {
			return false
		}
	}
	return true
}

func isPackageError(err error) bool {
	for _, e := range []error{ErrEmpty, ErrUnknownType, ErrIllegalAttachments, ErrTooManyAttachments,
		ErrInvalidNamespace, ErrInvalidAckID, ErrInvalidPayload, ErrReservedEvent, ErrInvalidPlaceholder,
		ErrUnexpectedBinary, ErrUnexpectedText, ErrAttachmentsMismatch} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

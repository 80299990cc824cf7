package sioproto

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestEncode(t *testing.T) {
	tests := []struct {
		p    Packet
		want string
	}{
		{Packet{Type: Connect}, `0`},
		{Packet{Type: Connect, Namespace: "/", Data: raw(`{"sid":"abc"}`)}, `0{"sid":"abc"}`},
		{Packet{Type: Connect, Namespace: "/custom", Data: raw(`{"sid":"abc"}`)}, `0/custom,{"sid":"abc"}`},
		{Packet{Type: Disconnect}, `1`},
		{Packet{Type: Disconnect, Namespace: "/admin"}, `1/admin,`},
		{Packet{Type: Event, Data: raw(`["auth",{}]`)}, `2["auth",{}]`},
		{Packet{Type: Event, Namespace: "/admin", Data: raw(`["hello","admin"]`)}, `2/admin,["hello","admin"]`},
		{Packet{Type: Event, HasID: true, ID: 0, Data: raw(`["question","q?"]`)}, `20["question","q?"]`},
		{Packet{Type: Ack, HasID: true, ID: 456, Data: raw(`[1,"2",{"3":[false]}]`)}, `3456[1,"2",{"3":[false]}]`},
		{Packet{Type: Ack, Namespace: "/x", HasID: true, ID: 3, Data: raw(`[]`)}, `3/x,3[]`},
		{Packet{Type: ConnectError, Namespace: "/random", Data: raw(`{"message":"Invalid namespace"}`)}, `4/random,{"message":"Invalid namespace"}`},
		{Packet{Type: BinaryEvent, Data: raw(`["message-back",` + ph0 + `,` + ph1 + `]`), Attachments: [][]byte{{1, 2, 3}, {4, 5, 6}}},
			`52-["message-back",` + ph0 + `,` + ph1 + `]`},
		{Packet{Type: BinaryAck, HasID: true, ID: 789, Data: raw(`[` + ph0 + `,` + ph1 + `]`), Attachments: [][]byte{{1}, {2}}},
			`62-789[` + ph0 + `,` + ph1 + `]`},
		{Packet{Type: BinaryAck, Namespace: "/a", HasID: true, ID: 1, Data: raw(`[` + ph0 + `]`), Attachments: [][]byte{{1, 2, 3}}},
			`61-/a,1[` + ph0 + `]`},
	}
	for _, tt := range tests {
		got, err := Encode(&tt.p)
		if err != nil {
			t.Errorf("Encode(%+v): %v", tt.p, err)
			continue
		}
		if string(got) != tt.want {
			t.Errorf("Encode(%+v) = %s, want %s", tt.p, got, tt.want)
		}
	}
}

func TestEncodeRefuses(t *testing.T) {
	tests := []struct {
		name string
		p    Packet
		want error
	}{
		{"unknown type", Packet{Type: 7}, ErrUnknownType},
		{"binary without attachments", Packet{Type: BinaryEvent, Data: raw(`["x"]`)}, ErrAttachmentsMismatch},
		{"event with attachments", Packet{Type: Event, Data: raw(`["x"]`), Attachments: [][]byte{{1}}}, ErrAttachmentsMismatch},
		{"namespace without slash", Packet{Type: Event, Namespace: "admin", Data: raw(`["x"]`)}, ErrInvalidNamespace},
		{"namespace with comma", Packet{Type: Event, Namespace: "/a,b", Data: raw(`["x"]`)}, ErrInvalidNamespace},
		{"ack id on connect", Packet{Type: Connect, HasID: true}, ErrInvalidAckID},
		{"ack id too large", Packet{Type: Ack, HasID: true, ID: MaxAckID + 1, Data: raw(`[]`)}, ErrInvalidAckID},
		{"disconnect payload", Packet{Type: Disconnect, Data: raw(`{}`)}, ErrInvalidPayload},
	}
	for _, tt := range tests {
		if _, err := Encode(&tt.p); !errors.Is(err, tt.want) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.want)
		}
	}
}

func TestPlaceholders(t *testing.T) {
	data := []byte(`["m",` + ph0 + `,{"k":[1,` + ph1 + `]},"_placeholder"]`)
	phs, err := FindPlaceholders(data, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(phs) != 2 || string(data[phs[0].Start:phs[0].End]) != ph0 || string(data[phs[1].Start:phs[1].End]) != ph1 ||
		phs[0].Num != 0 || phs[1].Num != 1 {
		t.Fatalf("placeholders = %+v", phs)
	}
	renumbered := ReplacePlaceholders(nil, data, phs, func(dst []byte, p Placeholder) []byte {
		return AppendPlaceholder(dst, p.Num+3)
	})
	want := `["m",{"_placeholder":true,"num":3},{"k":[1,{"_placeholder":true,"num":4}]},"_placeholder"]`
	if string(renumbered) != want {
		t.Fatalf("renumbered = %s\nwant        %s", renumbered, want)
	}
	// Whitespace around the placeholder object is kept outside the span.
	spaced := []byte(`[ { "_placeholder" : true , "num" : 0 } ]`)
	phs, err = FindPlaceholders(spaced, 1)
	if err != nil || len(phs) != 1 || string(spaced[phs[0].Start:phs[0].End]) != `{ "_placeholder" : true , "num" : 0 }` {
		t.Fatalf("spaced: %+v, %v", phs, err)
	}
}

// TestRoundTrip: decode(encode(p)) == p for a table of valid packets,
// attachments carried through the Decoder.
func TestRoundTrip(t *testing.T) {
	for _, p := range roundTripSeeds() {
		got := roundTrip(t, p)
		if diff := cmp.Diff(p, got); diff != "" {
			t.Errorf("round trip of %+v (-want +got):\n%s", p, diff)
		}
	}
}

func roundTripSeeds() []Packet {
	return []Packet{
		{Type: Connect, Namespace: "/"},
		{Type: Connect, Namespace: "/admin", Data: raw(`{"token":"abc"}`)},
		{Type: Disconnect, Namespace: "/custom"},
		{Type: Event, Namespace: "/", Data: raw(`["echo",1,"x"]`)},
		{Type: Event, Namespace: "/a", HasID: true, ID: 12, Data: raw(`["e",{"b":[true,null]}]`)},
		{Type: Ack, Namespace: "/", HasID: true, ID: 0, Data: raw(`[]`)},
		{Type: ConnectError, Namespace: "/nope", Data: raw(`{"message":"Invalid namespace"}`)},
		{Type: BinaryEvent, Namespace: "/", Data: raw(`["m",` + ph0 + `,` + ph1 + `]`), Attachments: [][]byte{{1, 2, 3}, {}}},
		{Type: BinaryAck, Namespace: "/x", HasID: true, ID: MaxAckID, Data: raw(`[` + ph0 + `]`), Attachments: [][]byte{{9}}},
	}
}

func roundTrip(t testing.TB, p Packet) Packet {
	t.Helper()
	text, err := Encode(&p)
	if err != nil {
		t.Fatalf("Encode(%+v): %v", p, err)
	}
	d := NewDecoder(0)
	got, err := d.Add(text, false)
	for i := 0; err == nil && got == nil && i < len(p.Attachments); i++ {
		got, err = d.Add(p.Attachments[i], true)
	}
	if err != nil || got == nil {
		t.Fatalf("decode %q: %v, %v", text, got, err)
	}
	return *got
}

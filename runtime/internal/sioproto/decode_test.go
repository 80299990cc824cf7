package sioproto

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const ph0 = `{"_placeholder":true,"num":0}`
const ph1 = `{"_placeholder":true,"num":1}`

func TestParseValid(t *testing.T) {
	tests := []struct {
		in   string
		want Packet
		n    int
	}{
		// CONNECT, as sent by socket.io-client and by the protocol suite.
		{in: `0`, want: Packet{Type: Connect, Namespace: "/"}},
		{in: `0{"token":"abc"}`, want: Packet{Type: Connect, Namespace: "/", Data: raw(`{"token":"abc"}`)}},
		{in: `0/admin,{"token":"abc"}`, want: Packet{Type: Connect, Namespace: "/admin", Data: raw(`{"token":"abc"}`)}},
		{in: `0/custom,`, want: Packet{Type: Connect, Namespace: "/custom"}},
		{in: `0/custom`, want: Packet{Type: Connect, Namespace: "/custom"}}, // no comma: valid
		{in: `0/random`, want: Packet{Type: Connect, Namespace: "/random"}},
		{in: `0{"sid":"Hg9FqhQpCOhZqRKxAAAB"}`, want: Packet{Type: Connect, Namespace: "/", Data: raw(`{"sid":"Hg9FqhQpCOhZqRKxAAAB"}`)}},
		// DISCONNECT
		{in: `1`, want: Packet{Type: Disconnect, Namespace: "/"}},
		{in: `1/admin,`, want: Packet{Type: Disconnect, Namespace: "/admin"}},
		{in: `1/custom`, want: Packet{Type: Disconnect, Namespace: "/custom"}},
		// EVENT
		{in: `2["echo",1,"x"]`, want: Packet{Type: Event, Namespace: "/", Data: raw(`["echo",1,"x"]`)}},
		{in: `20["echo","hi",42]`, want: Packet{Type: Event, Namespace: "/", HasID: true, ID: 0, Data: raw(`["echo","hi",42]`)}},
		{in: `2456["message-with-ack",1,"2",{"3":[false]}]`, want: Packet{Type: Event, Namespace: "/", HasID: true, ID: 456, Data: raw(`["message-with-ack",1,"2",{"3":[false]}]`)}},
		{in: `2/admin,["hello","admin"]`, want: Packet{Type: Event, Namespace: "/admin", Data: raw(`["hello","admin"]`)}},
		{in: `2/admin,12["hello"]`, want: Packet{Type: Event, Namespace: "/admin", HasID: true, ID: 12, Data: raw(`["hello"]`)}},
		{in: `2[1,"numeric name"]`, want: Packet{Type: Event, Namespace: "/", Data: raw(`[1,"numeric name"]`)}},
		{in: `2["error","boom"]`, want: Packet{Type: Event, Namespace: "/", Data: raw(`["error","boom"]`)}}, // not reserved
		{in: `24294967295["max"]`, want: Packet{Type: Event, Namespace: "/", HasID: true, ID: 4294967295, Data: raw(`["max"]`)}},
		{in: `29007199254740991["x"]`, want: Packet{Type: Event, Namespace: "/", HasID: true, ID: MaxAckID, Data: raw(`["x"]`)}},
		// ACK
		{in: `30["hi",42]`, want: Packet{Type: Ack, Namespace: "/", HasID: true, ID: 0, Data: raw(`["hi",42]`)}},
		{in: `30[]`, want: Packet{Type: Ack, Namespace: "/", HasID: true, ID: 0, Data: raw(`[]`)}},
		{in: `3/admin,7["answer!"]`, want: Packet{Type: Ack, Namespace: "/admin", HasID: true, ID: 7, Data: raw(`["answer!"]`)}},
		// CONNECT_ERROR
		{in: `4{"message":"not authorized","data":{"content":"Please retry later"}}`, want: Packet{Type: ConnectError, Namespace: "/", Data: raw(`{"message":"not authorized","data":{"content":"Please retry later"}}`)}},
		{in: `4/nope,{"message":"Invalid namespace"}`, want: Packet{Type: ConnectError, Namespace: "/nope", Data: raw(`{"message":"Invalid namespace"}`)}},
		{in: `4"legacy string"`, want: Packet{Type: ConnectError, Namespace: "/", Data: raw(`"legacy string"`)}},
		// BINARY_EVENT / BINARY_ACK
		{in: `51-["echo",` + ph0 + `]`, n: 1, want: Packet{Type: BinaryEvent, Namespace: "/", Data: raw(`["echo",` + ph0 + `]`)}},
		{in: `52-["message",` + ph0 + `,` + ph1 + `]`, n: 2, want: Packet{Type: BinaryEvent, Namespace: "/", Data: raw(`["message",` + ph0 + `,` + ph1 + `]`)}},
		{in: `52-789["message-with-ack",` + ph0 + `,` + ph1 + `]`, n: 2, want: Packet{Type: BinaryEvent, Namespace: "/", HasID: true, ID: 789, Data: raw(`["message-with-ack",` + ph0 + `,` + ph1 + `]`)}},
		{in: `51-/admin,3["up",{"file":` + ph0 + `}]`, n: 1, want: Packet{Type: BinaryEvent, Namespace: "/admin", HasID: true, ID: 3, Data: raw(`["up",{"file":` + ph0 + `}]`)}},
		{in: `61-1[` + ph0 + `]`, n: 1, want: Packet{Type: BinaryAck, Namespace: "/", HasID: true, ID: 1, Data: raw(`[` + ph0 + `]`)}},
		{in: `610-2[` + ph0 + `]`, n: 10, want: Packet{Type: BinaryAck, Namespace: "/", HasID: true, ID: 2, Data: raw(`[` + ph0 + `]`)}},
		// A literal object in a plain EVENT is data, even if it looks like a placeholder.
		{in: `2["x",` + ph0 + `]`, want: Packet{Type: Event, Namespace: "/", Data: raw(`["x",` + ph0 + `]`)}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, n, err := Parse([]byte(tt.in), 0)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if n != tt.n {
				t.Errorf("attachments = %d, want %d", n, tt.n)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("packet (-want +got):\n%s", diff)
			}
		})
	}
}

func raw(s string) json.RawMessage { return json.RawMessage(s) }

func TestParseMalformed(t *testing.T) {
	long := strings.Repeat("9", 1<<20)
	tests := []struct {
		name string
		in   string
		want error
	}{
		{"empty", ``, ErrEmpty},
		// B22 / protocol suite: unknown packet type, JSON instead of a packet.
		{"unknown type abc", `abc`, ErrUnknownType},
		{"unknown type 7", `7["x"]`, ErrUnknownType},
		{"unknown type 9", `9`, ErrUnknownType},
		{"json array", `["x"]`, ErrUnknownType},
		{"json object", `{"type":2}`, ErrUnknownType},
		// Protocol suite: invalid payload format and invalid ack id.
		{"event object payload", `2{}`, ErrInvalidPayload},
		{"event ack id abc", `2abc["message-with-ack",1,"2",{"3":[false]}]`, ErrInvalidPayload},
		// B4: event name not a string or number; reserved names.
		{"event name object", `2[{"toString":"foo"}]`, ErrInvalidPayload},
		{"event name bool", `2[true,"foo"]`, ErrInvalidPayload},
		{"event name null", `2[null,"bar"]`, ErrInvalidPayload},
		{"event name array", `2[["a"],"bar"]`, ErrInvalidPayload},
		{"event empty array", `2[]`, ErrInvalidPayload},
		{"event no payload", `2`, ErrInvalidPayload},
		{"event ack no payload", `212`, ErrInvalidPayload},
		{"reserved connect", `2["connect"]`, ErrReservedEvent},
		{"reserved disconnect", `2["disconnect","123"]`, ErrReservedEvent},
		{"reserved newListener", `2["newListener"]`, ErrReservedEvent},
		{"reserved connect_error", `2/admin,["connect_error"]`, ErrReservedEvent},
		{"reserved removeListener escaped", `2["remove\u004cistener"]`, ErrReservedEvent},
		{"reserved disconnecting", `2["disconnecting"]`, ErrReservedEvent},
		{"reserved in binary", `51-["connect",` + ph0 + `]`, ErrReservedEvent},
		// B22: truncated JSON, trailing garbage.
		{"truncated json", `2["message",{"a":`, ErrInvalidPayload},
		{"trailing garbage", `2["message"]x`, ErrInvalidPayload},
		{"two values", `2["message"] ["b"]`, ErrInvalidPayload},
		{"connect array", `0[]`, ErrInvalidPayload},
		{"connect null", `0null`, ErrInvalidPayload},
		{"connect string", `0"tok"`, ErrInvalidPayload},
		{"connect bad json", `0{"token":}`, ErrInvalidPayload},
		{"connect with ack id", `012{}`, ErrInvalidAckID},
		{"disconnect payload", `1{}`, ErrInvalidPayload},
		{"disconnect ack id", `15`, ErrInvalidAckID},
		{"connect_error empty", `4`, ErrInvalidPayload},
		{"connect_error array", `4[]`, ErrInvalidPayload},
		{"ack object", `30{}`, ErrInvalidPayload},
		{"ack no payload", `30`, ErrInvalidPayload},
		// B3: huge digit runs and long names stay linear and are refused.
		{"ack id over 2^53", `29007199254740992["x"]`, ErrInvalidAckID},
		{"ack id 30 digits", `2123456789012345678901234567890["x"]`, ErrInvalidAckID},
		{"ack id megabyte", `2` + long + `["x"]`, ErrInvalidAckID},
		{"namespace too long", `0/` + strings.Repeat("a", MaxNamespaceLen) + `,`, ErrInvalidNamespace},
		// B2: attachment counts.
		{"attachments 999999", `5999999-["x",` + ph0 + `]`, ErrTooManyAttachments},
		{"attachments 1000", `51000-["x"]`, ErrTooManyAttachments},
		{"attachments 11", `511-["x",` + ph0 + `]`, ErrTooManyAttachments},
		{"attachments megabyte", `5` + long + `-["x"]`, ErrTooManyAttachments},
		{"attachments zero", `50-["x"]`, ErrIllegalAttachments},
		{"attachments missing dash", `51["x",` + ph0 + `]`, ErrIllegalAttachments},
		{"attachments missing count", `5-["x"]`, ErrIllegalAttachments},
		{"attachments negative", `5-1-["x"]`, ErrIllegalAttachments},
		{"attachments only", `51`, ErrIllegalAttachments},
		{"attachments not a number", `5a-["x"]`, ErrIllegalAttachments},
		// B1: placeholder index and shape.
		{"placeholder num splice", `51-["hello",{"_placeholder":true,"num":"splice"}]`, ErrInvalidPlaceholder},
		{"placeholder num out of range", `51-["hello",{"_placeholder":true,"num":1}]`, ErrInvalidPlaceholder},
		{"placeholder num negative", `51-["hello",{"_placeholder":true,"num":-1}]`, ErrInvalidPlaceholder},
		{"placeholder num huge", `51-["hello",{"_placeholder":true,"num":1e309}]`, ErrInvalidPlaceholder},
		{"placeholder num string 0", `51-["hello",{"_placeholder":true,"num":"0"}]`, ErrInvalidPlaceholder},
		{"placeholder num fraction", `51-["hello",{"_placeholder":true,"num":0.5}]`, ErrInvalidPlaceholder},
		{"placeholder num missing", `51-["hello",{"_placeholder":true}]`, ErrInvalidPlaceholder},
		{"placeholder flag string", `51-["hello",{"_placeholder":"true","num":0}]`, ErrInvalidPlaceholder},
		{"placeholder flag false", `51-["hello",{"_placeholder":false,"num":0}]`, ErrInvalidPlaceholder},
		{"placeholder extra key", `51-["hello",{"_placeholder":true,"num":0,"x":1}]`, ErrInvalidPlaceholder},
		{"placeholder nested value", `51-["hello",{"_placeholder":{"a":true},"num":0}]`, ErrInvalidPlaceholder},
		{"placeholder num array", `51-["hello",{"_placeholder":true,"num":[0]}]`, ErrInvalidPlaceholder},
		{"placeholder deep out of range", `52-["hello",{"a":[{"b":{"_placeholder":true,"num":2}}]}]`, ErrInvalidPlaceholder},
		{"binary bad json", `51-["hello",`, ErrInvalidPayload},
		{"binary ack object", `61-0{}`, ErrInvalidPayload},
		// B30: nesting beyond the cap.
		{"deep nesting", `2["x",` + strings.Repeat("[", 10001) + strings.Repeat("]", 10001) + `]`, ErrInvalidPayload},
		{"deep nesting binary", `51-["x",` + ph0 + `,` + strings.Repeat("[", 10001) + strings.Repeat("]", 10001) + `]`, ErrInvalidPayload},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, n, err := Parse([]byte(tt.in), 0)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Parse(%.60q) = %+v, %d, %v; want error %v", tt.in, p, n, err, tt.want)
			}
		})
	}
}

// B30 inputs that are valid JSON: the codec accepts them (the typed layer
// refuses what it cannot decode), in bounded time and without panicking.
func TestParseEdgeJSON(t *testing.T) {
	for _, in := range []string{
		`2["x",1e999999]`,
		`2["x",{"a":1,"a":2}]`,
		`2["x",{"__proto__":{"polluted":true}}]`,
		`2["x","\ud800"]`,
		`2["x","` + strings.Repeat("a", 1<<20) + `"]`,
		`2["x",` + strings.Repeat("[", 9990) + strings.Repeat("]", 9990) + `]`,
	} {
		if _, _, err := Parse([]byte(in), 0); err != nil {
			t.Errorf("Parse(%.40q): %v", in, err)
		}
	}
}

func TestParseMaxAttachments(t *testing.T) {
	in := []byte(`53-["x",` + ph0 + `]`)
	if _, _, err := Parse(in, 2); !errors.Is(err, ErrTooManyAttachments) {
		t.Fatalf("limit 2: err = %v, want ErrTooManyAttachments", err)
	}
	if _, n, err := Parse(in, 3); err != nil || n != 3 {
		t.Fatalf("limit 3: n = %d, err = %v", n, err)
	}
}

func TestEventName(t *testing.T) {
	for in, want := range map[string]string{
		`["echo",1]`:        "echo",
		` [ "a\"b" ]`:       `a"b`,
		`["caf\u00e9"]`:     "café",
		`[42,"x"]`:          "42",
		`[-1.5e3]`:          "-1.5e3",
		`["rank:changed"]`:  "rank:changed",
		`["error",{"a":1}]`: "error",
	} {
		got, err := EventName([]byte(in))
		if err != nil || got != want {
			t.Errorf("EventName(%s) = %q, %v; want %q", in, got, err, want)
		}
	}
}

func TestDecoderBinarySequence(t *testing.T) {
	d := NewDecoder(0)
	steps := []struct {
		data   string
		binary bool
	}{
		{`52-["message",` + ph0 + `,` + ph1 + `]`, false},
		{"\x01\x02\x03", true},
		{"\x04\x05\x06", true},
	}
	var got *Packet
	for i, s := range steps {
		p, err := d.Add([]byte(s.data), s.binary)
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if i < len(steps)-1 && (p != nil || !d.Pending()) {
			t.Fatalf("step %d: packet %v before all attachments, pending=%v", i, p, d.Pending())
		}
		got = p
	}
	want := &Packet{Type: BinaryEvent, Namespace: "/", Data: raw(`["message",` + ph0 + `,` + ph1 + `]`),
		Attachments: [][]byte{{1, 2, 3}, {4, 5, 6}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("packet (-want +got):\n%s", diff)
	}
	if d.Pending() {
		t.Fatal("decoder still pending after the last attachment")
	}
	// Plain packets pass straight through afterwards.
	p, err := d.Add([]byte(`2["next"]`), false)
	if err != nil || p == nil || string(p.Data) != `["next"]` {
		t.Fatalf("next packet = %v, %v", p, err)
	}
}

func TestDecoderErrors(t *testing.T) {
	t.Run("binary without pending packet", func(t *testing.T) {
		d := NewDecoder(0)
		if _, err := d.Add([]byte{1}, true); !errors.Is(err, ErrUnexpectedBinary) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("text while attachments pending", func(t *testing.T) {
		d := NewDecoder(0)
		if _, err := d.Add([]byte(`51-["x",`+ph0+`]`), false); err != nil {
			t.Fatal(err)
		}
		if _, err := d.Add([]byte(`2["y"]`), false); !errors.Is(err, ErrUnexpectedText) {
			t.Fatalf("err = %v", err)
		}
		if d.Pending() {
			t.Fatal("pending state kept after an error")
		}
	})
	t.Run("too many attachments refused before any binary", func(t *testing.T) {
		d := NewDecoder(0)
		if _, err := d.Add([]byte(`5999999-["x",`+ph0+`]`), false); !errors.Is(err, ErrTooManyAttachments) {
			t.Fatalf("err = %v", err)
		}
		if d.Pending() {
			t.Fatal("pending state after refusal")
		}
	})
	t.Run("bad placeholder refused at the header", func(t *testing.T) {
		d := NewDecoder(0)
		if _, err := d.Add([]byte(`51-["hello",{"_placeholder":true,"num":"splice"}]`), false); !errors.Is(err, ErrInvalidPlaceholder) {
			t.Fatalf("err = %v", err)
		}
	})
}

// An event name without escapes is taken as it is, and reads exactly as
// encoding/json reads it; anything else goes through encoding/json.
func TestEventNameAsJSONReadsIt(t *testing.T) {
	for _, name := range []string{`"plain"`, `"caf\u00e9"`, `"tab\there"`, "\"ctl\x01\"", "\"bad\xff utf8\"", `"é"`, `""`} {
		var want string
		wantErr := json.Unmarshal([]byte(name), &want)
		got, err := EventName([]byte("[" + name + ",1]"))
		if (err != nil) != (wantErr != nil) || err == nil && got != want {
			t.Errorf("EventName of %q = %q, %v; encoding/json reads %q, %v", name, got, err, want, wantErr)
		}
	}
}

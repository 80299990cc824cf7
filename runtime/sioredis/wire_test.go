package sioredis

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"testing"

	"github.com/vmihailenco/msgpack/v5"

	"github.com/rtgen/rtgen/runtime/socketio"
)

// MessagePack and JSON with placeholders carry the same values both ways,
// key order and number forms kept.
func TestMsgpackRoundTrip(t *testing.T) {
	in := `{"packet":{"type":2,"data":["ev",{"z":1,"a":[true,null,-3,2.5,"<&>"],"bin":{"_placeholder":true,"num":0}},{"_placeholder":true,"num":1}]},"opts":{"rooms":[],"except":["x"],"flags":{}}}`
	atts := [][]byte{{1, 2, 3}, {}}
	mp, err := jsonToMsgpack([]byte(in), atts)
	if err != nil {
		t.Fatal(err)
	}
	// What @msgpack/msgpack decodes: bin values where the placeholders were.
	var generic map[string]any
	if err := msgpack.Unmarshal(mp, &generic); err != nil {
		t.Fatal(err)
	}
	data := generic["packet"].(map[string]any)["data"].([]any)
	if b, ok := data[2].([]byte); !ok || len(b) != 0 {
		t.Fatalf("second attachment = %#v, want an empty bin", data[2])
	}
	if b := data[1].(map[string]any)["bin"].([]byte); !bytes.Equal(b, []byte{1, 2, 3}) {
		t.Fatalf("first attachment = %v", b)
	}
	out, gotAtts, err := msgpackToJSON(mp)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != in {
		t.Fatalf("round trip:\n got  %s\n want %s", out, in)
	}
	if len(gotAtts) != 2 || !bytes.Equal(gotAtts[0], atts[0]) || len(gotAtts[1]) != 0 {
		t.Fatalf("attachments = %v", gotAtts)
	}
}

// A payload @msgpack/msgpack 2.8 encoded for
// {uid:"abc",nsp:"/",type:8,data:{requestId:"r",sockets:[],n:1.5,b:Buffer[0xff]}}.
func TestFromPubsubNodePayload(t *testing.T) {
	payload, _ := hex.DecodeString("84a3756964a3616263a36e7370a12fa474797065" + "08" +
		"a46461746184a9726571756573744964a172a7736f636b65747390a16ecb3ff8000000000000a162c401ff")
	m, err := fromPubsub(payload)
	if err != nil {
		t.Fatal(err)
	}
	if m.uid != "abc" || m.nsp != "/" || m.typ != typeFetchSocketsResponse {
		t.Fatalf("message = %+v", m)
	}
	if want := `{"requestId":"r","sockets":[],"n":1.5,"b":{"_placeholder":true,"num":0}}`; string(m.data) != want {
		t.Fatalf("data = %s, want %s", m.data, want)
	}
	if len(m.atts) != 1 || m.atts[0][0] != 0xff {
		t.Fatalf("atts = %v", m.atts)
	}
}

// A broadcast goes to the stream as Node writes it, JSON when it has no
// binary value and base64 MessagePack when it has, and comes back as the
// same packet.
func TestBroadcastStreamEntry(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		atts       [][]byte
		wantData   string // "" for MessagePack
	}{
		{"text", `2/chat,["msg",{"a":1},"<&>"]`, nil,
			`{"packet":{"type":2,"data":["msg",{"a":1},"<&>"],"nsp":"/chat"},"opts":{"rooms":["r1"],"except":[],"flags":{"latestKey":"msg\n"}}}`},
		{"binary", `51-/chat,["file",{"_placeholder":true,"num":0}]`, [][]byte{{9, 8}}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := socketio.NewPacket([]byte(tc.text), tc.atts)
			opts := socketio.BroadcastOptions{Rooms: []string{"r1"}, LatestKey: "msg\n"}
			data, atts, err := encodeBroadcast(p, opts)
			if err != nil {
				t.Fatal(err)
			}
			m := &message{uid: "u1", nsp: "/chat", typ: typeBroadcast, data: data, atts: atts}
			vals, err := m.streamValues(false)
			if err != nil {
				t.Fatal(err)
			}
			fields := map[string]any{}
			for i := 0; i < len(vals); i += 2 {
				fields[vals[i].(string)] = vals[i+1]
			}
			if fields["type"] != "3" || fields["uid"] != "u1" || fields["nsp"] != "/chat" {
				t.Fatalf("fields = %v", fields)
			}
			if tc.wantData != "" && fields["data"] != tc.wantData {
				t.Fatalf("data =\n %s\nwant\n %s", fields["data"], tc.wantData)
			}
			if tc.wantData == "" {
				if _, err := base64.StdEncoding.DecodeString(fields["data"].(string)); err != nil {
					t.Fatalf("binary data is not base64: %v", err)
				}
			}
			back, err := fromStream(fields)
			if err != nil {
				t.Fatal(err)
			}
			q, d, err := decodeBroadcast(back)
			if err != nil {
				t.Fatal(err)
			}
			if string(q.Text()) != tc.text || len(q.Attachments()) != len(tc.atts) {
				t.Fatalf("packet = %s %v, want %s", q.Text(), q.Attachments(), tc.text)
			}
			if got := d.Opts.options(); got.LatestKey != "msg\n" || got.Rooms[0] != "r1" {
				t.Fatalf("options = %+v", got)
			}
		})
	}
}

// A broadcast another server sent that is no valid event never reaches
// clients.
func TestDecodeBroadcastRefusesBadPackets(t *testing.T) {
	for _, data := range []string{
		`{"packet":{"type":2,"data":["connect"]},"opts":{"rooms":[],"except":[],"flags":{}}}`,
		`{"packet":{"type":2,"data":{"not":"an array"}},"opts":{"rooms":[],"except":[],"flags":{}}}`,
		`{"packet":{"type":0,"data":{}},"opts":{"rooms":[],"except":[],"flags":{}}}`,
		`{"packet":`,
	} {
		if _, _, err := decodeBroadcast(&message{nsp: "/", typ: typeBroadcast, data: json.RawMessage(data)}); err == nil {
			t.Errorf("decodeBroadcast(%s) accepted it", data)
		}
	}
}

// Namespaces spread over several streams as Node's adapter spreads them
// (values computed with its hashCode).
func TestStreamFor(t *testing.T) {
	o := Options{StreamCount: 3}.withDefaults()
	for nsp, want := range map[string]string{"/": "socket.io-2", "/leaderboard": "socket.io-0", "/chat": "socket.io-1", "/training": "socket.io--2"} {
		if got := o.streamFor(nsp); got != want {
			t.Errorf("streamFor(%q) = %s, want %s", nsp, got, want)
		}
	}
	if got := (Options{}).withDefaults().streamFor("/x"); got != "socket.io" {
		t.Errorf("one stream: %s", got)
	}
}

// A prefix starts the names left to their defaults, and only those.
func TestOptionsPrefix(t *testing.T) {
	o := Options{Prefix: "app:"}.withDefaults()
	if o.StreamName != "app:socket.io" || o.ChannelPrefix != "app:socket.io" || o.SessionKeyPrefix != "app:sio:session:" {
		t.Errorf("prefixed defaults: %q %q %q", o.StreamName, o.ChannelPrefix, o.SessionKeyPrefix)
	}
	if o := (Options{Prefix: "app:", StreamName: "events"}).withDefaults(); o.StreamName != "events" || o.ChannelPrefix != "app:socket.io" {
		t.Errorf("a name given: %q %q", o.StreamName, o.ChannelPrefix)
	}
}

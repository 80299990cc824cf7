package sioclient

import (
	"errors"
	"testing"
)

func TestDecodeOpen(t *testing.T) {
	o, err := DecodeOpen([]byte(`0{"sid":"pWRnuuptH7QXJnRwAAAA","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}`))
	if err != nil || o.SID != "pWRnuuptH7QXJnRwAAAA" || o.PingInterval != 25000 || o.PingTimeout != 20000 {
		t.Fatalf("DecodeOpen = %+v, %v", o, err)
	}
	for _, bad := range []string{"", "0", "4{}", `0{"sid":""}`, "0{"} {
		if _, err := DecodeOpen([]byte(bad)); !errors.Is(err, ErrMalformed) {
			t.Errorf("DecodeOpen(%q) error = %v, want ErrMalformed", bad, err)
		}
	}
}

func TestDecodeMessage(t *testing.T) {
	tests := []struct {
		in    string
		typ   byte
		hasID bool
		id    uint64
		data  string
	}{
		{`40{"sid":"Hg9FqhQpCOhZqRKxAAAB"}`, SIOConnect, false, 0, `{"sid":"Hg9FqhQpCOhZqRKxAAAB"}`},
		{`431[{"ok":true}]`, SIOAck, true, 1, `[{"ok":true}]`},
		{`42["msg",1]`, SIOEvent, false, 0, `["msg",1]`},
		{`41`, SIODisconnect, false, 0, ``},
	}
	for _, tt := range tests {
		p, err := DecodeMessage([]byte(tt.in))
		if err != nil || p.Type != tt.typ || p.HasID != tt.hasID || p.ID != tt.id || string(p.Data) != tt.data {
			t.Errorf("DecodeMessage(%q) = %+v %q, %v", tt.in, p, p.Data, err)
		}
	}
	for _, bad := range []string{"", "4", "2", "49", `42/admin,["x"]`, "4212345678901234567[]"} {
		if _, err := DecodeMessage([]byte(bad)); !errors.Is(err, ErrMalformed) {
			t.Errorf("DecodeMessage(%q) error = %v, want ErrMalformed", bad, err)
		}
	}
}

func TestEventAndMsg(t *testing.T) {
	// As Node's JSON.stringify and Go's encoding/json both write it.
	frame := []byte(`42["msg",{"room":"bench","pub":3,"seq":17,"ts":1712345678901234567,"pad":"a\"b"}]`)
	p, err := DecodeMessage(frame)
	if err != nil {
		t.Fatal(err)
	}
	name, rest, err := EventName(p.Data)
	if err != nil || string(name) != "msg" {
		t.Fatalf("EventName = %q, %v", name, err)
	}
	m, err := DecodeMsg(rest)
	if err != nil || m != (Msg{Pub: 3, Seq: 17, TsNs: 1712345678901234567}) {
		t.Fatalf("DecodeMsg = %+v, %v", m, err)
	}
	// Key order does not matter.
	m, err = DecodeMsg([]byte(`,{"ts":-5,"seq":2,"pad":"x","pub":1}]`))
	if err != nil || m != (Msg{Pub: 1, Seq: 2, TsNs: -5}) {
		t.Fatalf("DecodeMsg reordered = %+v, %v", m, err)
	}
	// The offset of a server with connection-state recovery is skipped.
	m, err = DecodeMsg([]byte(`,{"pub":1,"seq":2,"ts":3},"417"]`))
	if err != nil || m != (Msg{Pub: 1, Seq: 2, TsNs: 3}) {
		t.Fatalf("DecodeMsg with an offset = %+v, %v", m, err)
	}
	for _, bad := range []string{``, `,{}]`, `,{"pub":1,"seq":2}]`, `,{"pub":1.5,"seq":2,"ts":3}]`,
		`,{"pub":"1","seq":2,"ts":3}]`, `,{"pub":1,"seq":2,"ts":3}`, `,{"pub":1,"seq":2,"ts":3},4]`, `,{"pub`,
		`,{"pub":1,"seq":2,"ts":3},"1","2"]`, `,{"pub":1,"seq":2,"ts":3},"1]`} {
		if _, err := DecodeMsg([]byte(bad)); !errors.Is(err, ErrMalformed) {
			t.Errorf("DecodeMsg(%q) error = %v, want ErrMalformed", bad, err)
		}
	}
}

func TestEncode(t *testing.T) {
	if got := string(AppendJoin(nil, 1, "bench")); got != `421["join","bench"]` {
		t.Errorf("AppendJoin = %s", got)
	}
	got := AppendPublish(nil, "bench", Msg{Pub: 2, Seq: 9, TsNs: 123}, "xx")
	if string(got) != `42["publish",{"room":"bench","pub":2,"seq":9,"ts":123,"pad":"xx"}]` {
		t.Errorf("AppendPublish = %s", got)
	}
	// What the server broadcasts back decodes to the same message.
	p, _ := DecodeMessage(append([]byte(`42["msg"`), got[len(`42["publish"`):]...))
	_, rest, _ := EventName(p.Data)
	if m, err := DecodeMsg(rest); err != nil || m != (Msg{Pub: 2, Seq: 9, TsNs: 123}) {
		t.Errorf("round trip = %+v, %v", m, err)
	}
}

package socketio

import (
	"context"
	"encoding/json"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/rtgen/rtgen/runtime/contract"
)

// chatContract builds a small contract; extra is spliced into Message's
// fields.
func chatContract(extra string) string {
	return `{"name":"/chat","auth":"required","events":[{"name":"message:new","from":"server","payload":"Message","delivery":"replay"}],` +
		`"types":[{"name":"Message","fields":[{"name":"text","type":"string"}` + extra + `]}]}`
}

// presentedAuth is the auth payload a generated client sends.
func presentedAuth(fingerprint, text string) string {
	b, _ := json.Marshal(map[string]any{"token": "t", "rtgen": map[string]string{"fingerprint": fingerprint, "contract": text}})
	return string(b)
}

// A server with a contract lets in clients that present none, the same
// one, or one its contract does not break; it refuses, before
// authentication, a client its contract breaks, naming the changes, and a
// client whose contract does not parse.
func TestContractHandshake(t *testing.T) {
	current := chatContract(`,{"name":"mood","type":"string","optional":true}`)
	srv, _ := newTestServer(t, Config{})
	var authCalls atomic.Int32
	srv.Of("/chat", WithContract(current), WithAuth(func(ctx context.Context, h *Handshake) (any, error) {
		authCalls.Add(1)
		return "user", nil
	}))
	connect := func(auth string) string {
		t.Helper()
		c := dial(t, srv)
		c.send("40/chat," + auth)
		return string(c.next().data)
	}
	accepted := func(name, auth string) {
		t.Helper()
		if got := connect(auth); !strings.HasPrefix(got, `0/chat,{"sid":`) {
			t.Errorf("%s: %s, want a CONNECT", name, got)
		}
	}
	refused := func(name, auth, code string, details ...string) {
		t.Helper()
		before := authCalls.Load()
		got := connect(auth)
		var body struct {
			Data struct {
				Code    string
				Details json.RawMessage
			}
		}
		if !strings.HasPrefix(got, "4/chat,") || json.Unmarshal([]byte(strings.TrimPrefix(got, "4/chat,")), &body) != nil || body.Data.Code != code {
			t.Errorf("%s: %s, want CONNECT_ERROR %s", name, got, code)
			return
		}
		for _, d := range details {
			if !strings.Contains(string(body.Data.Details), d) {
				t.Errorf("%s: details %s lack %s", name, body.Data.Details, d)
			}
		}
		if authCalls.Load() != before {
			t.Errorf("%s: the authenticator ran for a refused contract", name)
		}
	}

	accepted("no contract", `{"token":"t"}`)
	accepted("no auth payload", ``)
	accepted("the same contract", presentedAuth(contract.Fingerprint(current), current))
	older := chatContract("")
	accepted("an older contract this one does not break (an optional field added)", presentedAuth(contract.Fingerprint(older), older))

	stale := chatContract(`,{"name":"author","type":"string"}`) // a required field the server no longer sends
	refused("a contract this one breaks", presentedAuth(contract.Fingerprint(stale), stale), CodeSchemaMismatch,
		`"server":"`+contract.Fingerprint(current)+`"`, `"client":"`+contract.Fingerprint(stale)+`"`,
		`"changes":["Message.author: required field removed (/chat message:new)"]`)
	// The verdict is the server's own: a client cannot claim a fingerprint
	// it does not have to spoil another's.
	refused("the same, under a made-up fingerprint", presentedAuth("0000000000000000", stale), CodeSchemaMismatch)
	refused("the same again (remembered)", presentedAuth(contract.Fingerprint(stale), stale), CodeSchemaMismatch)
	other := strings.Replace(older, `"/chat"`, `"/other"`, 1)
	refused("another namespace's contract", presentedAuth(contract.Fingerprint(other), other), CodeSchemaMismatch)
	refused("an unreadable contract", presentedAuth("x", "{not json"), CodeBadRequest)

	check := srv.Of("/chat").contractCheck()
	check.mu.Lock()
	remembered := len(check.verdicts)
	check.mu.Unlock()
	if remembered != 4 { // older, stale, other, unreadable
		t.Errorf("%d verdicts remembered, want 4", remembered)
	}
}

func TestWithContractPanicsOnMalformedText(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic")
		}
	}()
	WithContract(`{"name":"/x","events":[{"name":"e","from":"server","payload":"Nope"}]}`)
}

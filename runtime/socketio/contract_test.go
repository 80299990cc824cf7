package socketio

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/rtgen/rtgen/internal/schema"
	"github.com/rtgen/rtgen/runtime/contract"
)

// chatContract builds a small contract; extra is spliced into Message's
// fields.
func chatContract(extra string) string {
	return `{"name":"/chat","auth":"required","events":[{"name":"message:new","from":"server","payload":"Message","delivery":"replay"}],` +
		`"types":[{"name":"Message","fields":[{"name":"text","type":"string"}` + extra + `]}]}`
}

// presentedAuth is the auth payload a generated client sends: the
// fingerprint, and the contract's text when it is not "".
func presentedAuth(fingerprint, text string) string {
	rtgen := map[string]string{"fingerprint": fingerprint}
	if text != "" {
		rtgen["contract"] = text
	}
	b, _ := json.Marshal(map[string]any{"token": "t", "rtgen": rtgen})
	return string(b)
}

// A server with a contract lets in clients that present none or the same
// one; asks for the text of a fingerprint it does not know; lets in a
// client its contract does not break and refuses, before authentication,
// one it breaks, naming the changes, and one whose contract does not
// parse; and remembers its verdicts by the fingerprint of the text.
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
	accepted("the same contract's fingerprint", presentedAuth(contract.Fingerprint(current), ""))

	older := chatContract("") // the server added an optional field since
	refused("an unknown fingerprint alone", presentedAuth(contract.Fingerprint(older), ""), CodeContractRequired)
	accepted("its text, which this contract does not break", presentedAuth(contract.Fingerprint(older), older))
	accepted("its fingerprint again (remembered)", presentedAuth(contract.Fingerprint(older), ""))

	stale := chatContract(`,{"name":"author","type":"string"}`) // a required field the server no longer sends
	refused("a contract this one breaks", presentedAuth(contract.Fingerprint(stale), stale), CodeSchemaMismatch,
		`"server":"`+contract.Fingerprint(current)+`"`, `"client":"`+contract.Fingerprint(stale)+`"`,
		`"changes":["Message.author: required field removed (/chat message:new)"]`)
	refused("its fingerprint again (remembered)", presentedAuth(contract.Fingerprint(stale), ""), CodeSchemaMismatch, `"changes":["Message.author`)
	// The text decides, not the fingerprint a client claims for it.
	refused("the same text under the server's own fingerprint", presentedAuth(contract.Fingerprint(current), stale), CodeSchemaMismatch)
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

// The handshake's cost per CONNECT, with the seed's largest namespace
// contract (/training, about 5 KB): a client of the same build, one of
// another build whose verdict is remembered (both present the fingerprint
// alone), and one that presents the text (the retry after
// contract_required, once the verdict is remembered).
func BenchmarkContractCheck(b *testing.B) {
	src, err := os.ReadFile(filepath.Join("..", "..", "schema", "events.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	contractOf := func(src string) string {
		s, err := schema.Parse("events.yaml", []byte(src))
		if err != nil {
			b.Fatal(err)
		}
		return s.Contract().Namespace("/training").JSON()
	}
	current := contractOf(string(src))
	older := contractOf(strings.Replace(string(src), "      icon: string?\n", "", 1))
	c := &contractCheck{verdicts: map[string]*Error{}}
	c.own, _ = contract.Parse(current)
	c.fingerprint = contract.Fingerprint(current)
	if c.check(json.RawMessage(presentedAuth("", older))) != nil {
		b.Fatal("the older contract is refused")
	}
	for _, tt := range []struct{ name, auth string }{
		{"same build", presentedAuth(contract.Fingerprint(current), "")},
		{"remembered verdict", presentedAuth(contract.Fingerprint(older), "")},
		{"contract text, remembered verdict", presentedAuth(contract.Fingerprint(older), older)},
	} {
		b.Run(tt.name, func(b *testing.B) {
			raw := json.RawMessage(tt.auth)
			b.SetBytes(int64(len(raw)))
			for b.Loop() {
				if err := c.check(raw); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

package socketio

import (
	"encoding/json"
	"fmt"
	"sync"

	"github.com/rtgen/rtgen/runtime/contract"
)

// CodeSchemaMismatch refuses a CONNECT from a client built from a contract
// that the namespace's contract would break (see WithContract). The client
// is stale: it should reload.
const CodeSchemaMismatch = "schema_mismatch"

// WithContract declares the namespace's wire contract: the canonical JSON
// text rtgen generates (package runtime/contract). A client that presents
// its own contract in its CONNECT auth payload, as generated TypeScript
// clients do ({"rtgen": {"fingerprint": …, "contract": …}}), is compared
// with it by the rules of rtgen breaking, the client's contract taken as
// the old one: when a change breaks old clients the CONNECT is refused
// with code schema_mismatch, before authentication, with details
// {"server": <fingerprint>, "client": <fingerprint>, "changes": [<messages>]}.
// A client that presents no contract (any other Socket.IO client) is let
// through. It panics when text is not a contract: a programming error.
func WithContract(text string) NamespaceOption {
	own, err := contract.Parse(text)
	if err != nil {
		panic("socketio: WithContract: " + err.Error())
	}
	c := &contractCheck{own: own, fingerprint: contract.Fingerprint(text), verdicts: map[string]*Error{}}
	return func(n *Namespace) { n.contract = c }
}

// maxVerdicts bounds the remembered verdicts: one per client contract
// seen, which are few (the builds in the field), unless clients make them
// up; past the bound verdicts are computed again each time.
const maxVerdicts = 64

// maxReportedChanges bounds the changes a refusal lists.
const maxReportedChanges = 20

// contractCheck compares the contracts clients present with the
// namespace's own, remembering the verdict per client contract.
type contractCheck struct {
	own         *contract.Namespace
	fingerprint string

	mu       sync.Mutex
	verdicts map[string]*Error // by the client contract's fingerprint; nil: compatible
}

// presented is what a generated client adds to its auth payload.
type presented struct {
	Rtgen *struct {
		Fingerprint string `json:"fingerprint"`
		Contract    string `json:"contract"`
	} `json:"rtgen"`
}

// check returns nil when the client may connect, else the error that
// refuses it.
func (c *contractCheck) check(auth json.RawMessage) *Error {
	var p presented
	if json.Unmarshal(auth, &p) != nil || p.Rtgen == nil {
		return nil // no contract presented: not a generated client
	}
	if p.Rtgen.Fingerprint == c.fingerprint {
		return nil // the same build: nothing to compare
	}
	// The fingerprint that keys the verdict is computed here, never taken
	// from the client, so that no client can spoil another's verdict.
	fp := contract.Fingerprint(p.Rtgen.Contract)
	if fp == c.fingerprint {
		return nil
	}
	c.mu.Lock()
	verdict, known := c.verdicts[fp]
	c.mu.Unlock()
	if known {
		return verdict
	}
	verdict = c.compare(p.Rtgen.Contract, fp)
	c.mu.Lock()
	if len(c.verdicts) < maxVerdicts {
		c.verdicts[fp] = verdict
	}
	c.mu.Unlock()
	return verdict
}

func (c *contractCheck) compare(text, fp string) *Error {
	theirs, err := contract.Parse(text)
	if err != nil {
		return &Error{Code: CodeBadRequest, Message: "unreadable contract: " + err.Error()}
	}
	if theirs.Name != c.own.Name {
		return &Error{Code: CodeSchemaMismatch, Message: fmt.Sprintf("the client's contract is for namespace %s, not %s", theirs.Name, c.own.Name)}
	}
	breaking := contract.Breaking(contract.DiffNamespace(theirs, c.own), contract.OldClients)
	if len(breaking) == 0 {
		return nil
	}
	changes := make([]string, 0, min(len(breaking), maxReportedChanges))
	for _, ch := range breaking[:min(len(breaking), maxReportedChanges)] {
		changes = append(changes, ch.Message())
	}
	count := "1 breaking change"
	if len(breaking) > 1 {
		count = fmt.Sprintf("%d breaking changes", len(breaking))
	}
	return &Error{
		Code:    CodeSchemaMismatch,
		Message: fmt.Sprintf("this client was built from an incompatible version of %s's contract (%s); reload it", c.own.Name, count),
		Details: map[string]any{"server": c.fingerprint, "client": fp, "changes": changes},
	}
}

func (n *Namespace) contractCheck() *contractCheck {
	n.mu.RLock()
	defer n.mu.RUnlock()
	return n.contract
}

package socketio

import (
	"encoding/json"
	"fmt"
	"sync"

	"github.com/rtgen/rtgen/runtime/contract"
)

// Codes of the contract handshake (see WithContract).
const (
	// CodeSchemaMismatch refuses a client built from a contract the
	// namespace's breaks: the client is stale, and should reload.
	CodeSchemaMismatch = "schema_mismatch"
	// CodeContractRequired asks a client that presented only its
	// contract's fingerprint, which the namespace has not compared yet, to
	// connect again presenting the contract itself.
	CodeContractRequired = "contract_required"
)

// WithContract declares the namespace's wire contract: the canonical JSON
// text rtgen generates (package runtime/contract). Generated TypeScript
// clients present theirs in the CONNECT auth payload, as {"rtgen":
// {"fingerprint": …}}, adding "contract": <text> when asked to. Before
// authentication the namespace
//
//   - lets in a client of the same contract (the same fingerprint);
//   - applies the verdict it remembers for a fingerprint it has compared
//     before;
//   - refuses an unknown fingerprint presented alone with code
//     contract_required, so that the client connects again with the text;
//   - compares a presented text with its own contract by the rules of
//     rtgen breaking, the client's taken as the old one, and refuses the
//     client when a change breaks old clients: code schema_mismatch, with
//     details {"server": <fingerprint>, "client": <fingerprint>,
//     "changes": [<messages>]}.
//
// Verdicts are remembered by the fingerprint of the text compared, never
// by one a client claims, so no client can spoil another's. A client that
// presents nothing (any other Socket.IO client) is let through. It panics
// when text is not a contract: a programming error.
func WithContract(text string) NamespaceOption {
	own, err := contract.Parse(text)
	if err != nil {
		panic("socketio: WithContract: " + err.Error())
	}
	c := &contractCheck{own: own, fingerprint: contract.Fingerprint(text), verdicts: map[string]*Error{}}
	return func(n *Namespace) { n.contract = c }
}

// maxVerdicts bounds the remembered verdicts: one per client build seen,
// which are few, unless clients make contracts up; past the bound a
// client of an unremembered build presents its text on every connect.
const maxVerdicts = 64

// maxReportedChanges bounds the changes a refusal lists.
const maxReportedChanges = 20

// contractCheck compares the contracts clients present with the
// namespace's own, remembering the verdict per client contract.
type contractCheck struct {
	own         *contract.Namespace
	fingerprint string

	mu       sync.Mutex
	verdicts map[string]*Error // by the fingerprint of the client's contract text; nil: compatible
}

// presented is what a generated client adds to its auth payload.
type presented struct {
	Rtgen *struct {
		Fingerprint string `json:"fingerprint"`
		// Contract is sent when the namespace asks for it; "" otherwise.
		Contract string `json:"contract"`
	} `json:"rtgen"`
}

// check returns nil when the client may connect, else the error that
// refuses it.
func (c *contractCheck) check(auth json.RawMessage) *Error {
	var p presented
	if json.Unmarshal(auth, &p) != nil || p.Rtgen == nil {
		return nil // no contract presented: not a generated client
	}
	fp, text := p.Rtgen.Fingerprint, p.Rtgen.Contract
	if text != "" {
		fp = contract.Fingerprint(text) // the text's own, whatever the client claims
	}
	if fp == c.fingerprint {
		return nil // the same build: nothing to compare
	}
	c.mu.Lock()
	verdict, known := c.verdicts[fp]
	c.mu.Unlock()
	switch {
	case known:
		return verdict
	case text == "":
		return &Error{Code: CodeContractRequired, Message: "present the contract of this build: its fingerprint is new here"}
	}
	verdict = c.compare(text, fp)
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

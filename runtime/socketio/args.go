package socketio

import (
	"encoding/base64"
	"encoding/json"
	"fmt"

	"github.com/rtgen/rtgen/runtime/internal/sioproto"
)

// Args holds the decoded arguments of an EVENT (without the event name) or
// of an ACK: each argument's JSON as received, plus the binary attachments
// its placeholders refer to. The zero value has no arguments.
//
// Passing an Args value to Emit, EmitWithAck or an AckFunc re-emits the same
// arguments: JSON verbatim (key order and escaping as received), binary
// attachments preserved and renumbered.
type Args struct {
	raw          []json.RawMessage
	placeholders [][]sioproto.Placeholder // per argument; nil when it has none
	attachments  [][]byte
}

// newArgs splits a validated JSON array payload into arguments, skipping
// the first skip elements (the event name).
func newArgs(data []byte, attachments [][]byte, skip int) (Args, error) {
	var elems []json.RawMessage
	if err := json.Unmarshal(data, &elems); err != nil {
		return Args{}, fmt.Errorf("%w: %v", sioproto.ErrInvalidPayload, err)
	}
	a := Args{raw: elems[min(skip, len(elems)):], attachments: attachments}
	if len(attachments) > 0 {
		a.placeholders = make([][]sioproto.Placeholder, len(a.raw))
		for i, r := range a.raw {
			phs, err := sioproto.FindPlaceholders(r, len(attachments))
			if err != nil {
				return Args{}, err
			}
			a.placeholders[i] = phs
		}
	}
	return a, nil
}

// Len returns the number of arguments.
func (a Args) Len() int { return len(a.raw) }

// Raw returns argument i's JSON as received; binary arguments appear as
// placeholders ({"_placeholder":true,"num":N}). It returns nil when i is
// out of range. The result must not be modified.
func (a Args) Raw(i int) json.RawMessage {
	if i < 0 || i >= len(a.raw) {
		return nil
	}
	return a.raw[i]
}

// Binary returns argument i's bytes when it is a binary attachment (a
// Buffer, ArrayBuffer or typed array on the JavaScript side).
func (a Args) Binary(i int) ([]byte, bool) {
	if i < 0 || i >= len(a.raw) || a.placeholders == nil {
		return nil, false
	}
	phs := a.placeholders[i]
	if len(phs) != 1 || phs[0].Start != 0 || phs[0].End != len(a.raw[i]) {
		return nil, false
	}
	return a.attachments[phs[0].Num], true
}

// Decode unmarshals argument i into v with encoding/json.
//
// Binary arguments decode into a *[]byte. Binary values nested inside an
// argument (e.g. {"file": <Buffer>}) decode into []byte fields; into an
// `any` they appear as base64 strings. Decode returns ErrNoArgument when i
// is out of range.
func (a Args) Decode(i int, v any) error {
	if i < 0 || i >= len(a.raw) {
		return fmt.Errorf("%w: index %d of %d", ErrNoArgument, i, len(a.raw))
	}
	if b, ok := a.Binary(i); ok {
		if p, ok := v.(*[]byte); ok {
			*p = b
			return nil
		}
	}
	raw := []byte(a.raw[i])
	if a.placeholders != nil && len(a.placeholders[i]) > 0 {
		// encoding/json reads []byte from base64 strings: inline each
		// attachment as one.
		raw = sioproto.ReplacePlaceholders(nil, raw, a.placeholders[i], func(dst []byte, p sioproto.Placeholder) []byte {
			dst = append(dst, '"')
			dst = base64.StdEncoding.AppendEncode(dst, a.attachments[p.Num])
			return append(dst, '"')
		})
	}
	return json.Unmarshal(raw, v)
}

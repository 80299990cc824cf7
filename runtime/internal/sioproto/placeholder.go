package sioproto

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// Placeholder is one attachment placeholder, {"_placeholder":true,"num":N},
// found in a JSON value: Data[Start:End] is the object, Num the attachment it
// stands for.
type Placeholder struct {
	Start, End int
	Num        int
}

// AppendPlaceholder appends the placeholder for attachment num in the exact
// form socket.io-parser writes it (key order included).
func AppendPlaceholder(dst []byte, num int) []byte {
	dst = append(dst, `{"_placeholder":true,"num":`...)
	dst = strconv.AppendInt(dst, int64(num), 10)
	return append(dst, '}')
}

// FindPlaceholders validates the JSON value data and returns its
// placeholders in document order, for a packet with n attachments.
//
// Any object with a "_placeholder" key must be exactly a placeholder: the
// value true, an integer "num" in [0, n), and no other keys. socket.io-parser
// silently treats near-misses as plain objects; rejecting them keeps a
// handler from ever seeing half-resolved binary data. The scan is linear in
// len(data) and nesting is capped at 10000 levels, as in encoding/json.
func FindPlaceholders(data []byte, n int) ([]Placeholder, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()

	type frame struct {
		object    bool
		expectKey bool
		key       string
		start     int
		// placeholder bookkeeping, objects only
		hasFlag, flagTrue, hasNum, otherKey, badValue bool
		num                                           json.Number
	}
	var (
		stack []frame
		found []Placeholder
		done  bool
	)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			if !done {
				return nil, fmt.Errorf("%w: unexpected end of JSON", ErrInvalidPayload)
			}
			return found, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrInvalidPayload, err)
		}
		if done {
			return nil, fmt.Errorf("%w: data after the JSON value", ErrInvalidPayload)
		}

		var top *frame
		if len(stack) > 0 {
			top = &stack[len(stack)-1]
		}
		if top != nil && top.object && top.expectKey {
			if d, ok := tok.(json.Delim); ok && d == '}' {
				// end of object, handled below
			} else {
				key, _ := tok.(string) // the decoder only yields strings here
				top.key, top.expectKey = key, false
				switch key {
				case "_placeholder":
					top.hasFlag = true
				case "num":
				default:
					top.otherKey = true
				}
				continue
			}
		}

		// tok is a value (or a closing delimiter). Record it in the enclosing
		// object when it is one of the placeholder fields.
		if top != nil && top.object && !top.expectKey {
			top.expectKey = true
			switch top.key {
			case "_placeholder":
				b, ok := tok.(bool)
				top.flagTrue = ok && b
				top.badValue = top.badValue || !ok
			case "num":
				num, ok := tok.(json.Number)
				top.num, top.hasNum = num, ok
				top.badValue = top.badValue || !ok
			}
		}

		d, isDelim := tok.(json.Delim)
		switch {
		case isDelim && (d == '{' || d == '['):
			if len(stack) >= maxDepth {
				return nil, fmt.Errorf("%w: nesting deeper than %d", ErrInvalidPayload, maxDepth)
			}
			stack = append(stack, frame{object: d == '{', expectKey: d == '{', start: int(dec.InputOffset()) - 1})
		case isDelim: // '}' or ']'
			f := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if f.object && f.hasFlag {
				num, err := checkPlaceholder(f.flagTrue, f.hasNum, f.otherKey || f.badValue, f.num, n)
				if err != nil {
					return nil, err
				}
				found = append(found, Placeholder{Start: f.start, End: int(dec.InputOffset()), Num: num})
			}
			done = len(stack) == 0
		default:
			done = len(stack) == 0
		}
	}
}

var errPlaceholderShape = errors.New(`want exactly {"_placeholder":true,"num":<index>}`)

func checkPlaceholder(flagTrue, hasNum, extra bool, num json.Number, n int) (int, error) {
	if !flagTrue || !hasNum || extra {
		return 0, fmt.Errorf("%w: %v", ErrInvalidPlaceholder, errPlaceholderShape)
	}
	v, err := strconv.ParseUint(string(num), 10, 31)
	if err != nil || int(v) >= n {
		return 0, fmt.Errorf("%w: num %s not in [0, %d)", ErrInvalidPlaceholder, num, n)
	}
	return int(v), nil
}

// ReplacePlaceholders copies data to dst, writing each placeholder of phs
// (as returned by FindPlaceholders for data) with repl instead of its
// original bytes. Used to renumber attachments when arguments are spliced
// into a new packet, and to inline attachments for decoding.
func ReplacePlaceholders(dst, data []byte, phs []Placeholder, repl func(dst []byte, p Placeholder) []byte) []byte {
	last := 0
	for _, p := range phs {
		dst = append(dst, data[last:p.Start]...)
		dst = repl(dst, p)
		last = p.End
	}
	return append(dst, data[last:]...)
}

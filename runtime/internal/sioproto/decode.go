package sioproto

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"
)

// maxAckDigits: 2^53-1 has 16 digits; a longer run is refused before it is
// converted.
const maxAckDigits = 16

// Parse decodes the text part of one packet. For BINARY_EVENT and
// BINARY_ACK it returns the number of attachments that must follow (at least
// 1, at most maxAttachments; 0 means DefaultMaxAttachments); the returned
// packet has no Attachments yet. p.Data aliases text.
//
// The payload is validated for the type: CONNECT an object or nothing,
// DISCONNECT nothing, CONNECT_ERROR a string or an object, EVENT a non-empty
// array whose first element is a number or a non-reserved string, ACK an
// array. Binary payloads must hold valid placeholders (FindPlaceholders).
func Parse(text []byte, maxAttachments int) (p Packet, attachments int, err error) {
	if maxAttachments <= 0 {
		maxAttachments = DefaultMaxAttachments
	}
	if len(text) == 0 {
		return Packet{}, 0, ErrEmpty
	}
	if text[0] < '0' || text[0] > '6' {
		return Packet{}, 0, fmt.Errorf("%w: %q", ErrUnknownType, text[0])
	}
	p.Type = Type(text[0] - '0')
	i := 1

	if p.Type.IsBinary() {
		start := i
		for ; i < len(text) && isDigit(text[i]); i++ {
			attachments = attachments*10 + int(text[i]-'0')
			if attachments > maxAttachments {
				return Packet{}, 0, fmt.Errorf("%w: more than %d", ErrTooManyAttachments, maxAttachments)
			}
		}
		if i == start || i == len(text) || text[i] != '-' || attachments == 0 {
			return Packet{}, 0, fmt.Errorf("%w: want <count>- with count >= 1", ErrIllegalAttachments)
		}
		i++
	}

	p.Namespace = "/"
	if i < len(text) && text[i] == '/' {
		end := bytes.IndexByte(text[i:], ',')
		next := len(text)
		if end >= 0 {
			end += i
			next = end + 1
		} else {
			end = len(text)
		}
		if end-i > MaxNamespaceLen {
			return Packet{}, 0, fmt.Errorf("%w: longer than %d bytes", ErrInvalidNamespace, MaxNamespaceLen)
		}
		p.Namespace = string(text[i:end])
		i = next
	}

	if start := i; i < len(text) && isDigit(text[i]) {
		for ; i < len(text) && isDigit(text[i]); i++ {
			if i-start >= maxAckDigits {
				return Packet{}, 0, fmt.Errorf("%w: more than %d digits", ErrInvalidAckID, maxAckDigits)
			}
			p.ID = p.ID*10 + uint64(text[i]-'0')
		}
		if p.ID > MaxAckID {
			return Packet{}, 0, fmt.Errorf("%w: %d exceeds %d", ErrInvalidAckID, p.ID, uint64(MaxAckID))
		}
		switch p.Type {
		case Event, Ack, BinaryEvent, BinaryAck:
			p.HasID = true
		default:
			return Packet{}, 0, fmt.Errorf("%w: %s cannot carry an ack id", ErrInvalidAckID, p.Type)
		}
	}

	if i < len(text) {
		p.Data = text[i:]
	}
	if err := checkPayload(p.Type, p.Data, attachments); err != nil {
		return Packet{}, 0, err
	}
	return p, attachments, nil
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// checkPayload validates data for packet type t.
func checkPayload(t Type, data []byte, attachments int) error {
	first := firstByte(data)
	switch t {
	case Connect:
		if data == nil {
			return nil
		}
		if first != '{' {
			return fmt.Errorf("%w: CONNECT payload must be an object", ErrInvalidPayload)
		}
	case Disconnect:
		if data != nil {
			return fmt.Errorf("%w: DISCONNECT carries no payload", ErrInvalidPayload)
		}
		return nil
	case ConnectError:
		if first != '{' && first != '"' {
			return fmt.Errorf("%w: CONNECT_ERROR payload must be an object or a string", ErrInvalidPayload)
		}
	case Event, BinaryEvent:
		if first != '[' {
			return fmt.Errorf("%w: %s payload must be an array", ErrInvalidPayload, t)
		}
	case Ack, BinaryAck:
		if first != '[' {
			return fmt.Errorf("%w: %s payload must be an array", ErrInvalidPayload, t)
		}
	}
	if t.IsBinary() {
		if _, err := FindPlaceholders(data, attachments); err != nil {
			return err
		}
	} else if !json.Valid(data) {
		return fmt.Errorf("%w: not valid JSON", ErrInvalidPayload)
	}
	if t == Event || t == BinaryEvent {
		if _, err := EventName(data); err != nil {
			return err
		}
	}
	return nil
}

// firstByte returns the first non-whitespace byte of data, or 0.
func firstByte(data []byte) byte {
	for _, c := range data {
		switch c {
		case ' ', '\t', '\n', '\r':
			continue
		}
		return c
	}
	return 0
}

// EventName returns the event name of a valid EVENT payload (a JSON array):
// its first element, a string or a number (numbers are returned as written).
// Reserved names are refused with ErrReservedEvent.
func EventName(data []byte) (string, error) {
	rest := bytes.TrimLeft(data, " \t\r\n")
	if len(rest) == 0 || rest[0] != '[' {
		return "", fmt.Errorf("%w: EVENT payload must be an array", ErrInvalidPayload)
	}
	rest = bytes.TrimLeft(rest[1:], " \t\r\n")
	if len(rest) == 0 {
		return "", fmt.Errorf("%w: EVENT payload must be an array", ErrInvalidPayload)
	}
	switch c := rest[0]; {
	case c == '"':
		end := stringEnd(rest)
		if end < 0 {
			return "", fmt.Errorf("%w: unterminated event name", ErrInvalidPayload)
		}
		name, ok := plainString(rest[1 : end-1])
		if !ok {
			if err := json.Unmarshal(rest[:end], &name); err != nil {
				return "", fmt.Errorf("%w: event name: %v", ErrInvalidPayload, err)
			}
		}
		if IsReservedEvent(name) {
			return "", fmt.Errorf("%w: %q", ErrReservedEvent, name)
		}
		return name, nil
	case c == '-' || isDigit(c):
		end := 1
		for end < len(rest) && strings.IndexByte("0123456789.eE+-", rest[end]) >= 0 {
			end++
		}
		if !json.Valid(rest[:end]) {
			return "", fmt.Errorf("%w: event name %q", ErrInvalidPayload, rest[:end])
		}
		return string(rest[:end]), nil
	case c == ']':
		return "", fmt.Errorf("%w: EVENT payload is an empty array", ErrInvalidPayload)
	default:
		return "", fmt.Errorf("%w: event name must be a string or a number", ErrInvalidPayload)
	}
}

// plainString returns the contents of a JSON string as they are, when
// they need no decoding (no escape, no control character, valid UTF-8):
// the usual event name, taken without encoding/json.
func plainString(b []byte) (string, bool) {
	for _, c := range b {
		if c == '\\' || c < 0x20 {
			return "", false
		}
	}
	if !utf8.Valid(b) {
		return "", false
	}
	return string(b), true
}

// stringEnd returns the index just past the closing quote of the JSON string
// that s starts with, or -1.
func stringEnd(s []byte) int {
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return -1
}

// Decoder turns a sequence of Engine.IO messages into packets, joining a
// binary packet's header with the attachments that follow it. The zero value
// is not usable; use NewDecoder. A Decoder is not safe for concurrent use.
//
// Pending state is bounded: at most maxAttachments buffers, each as large as
// the transport allows. After an error the Decoder is reset; callers are
// expected to close the connection.
type Decoder struct {
	max     int
	pending *Packet
	want    int
}

// NewDecoder returns a Decoder that accepts at most maxAttachments
// attachments per packet (0 means DefaultMaxAttachments).
func NewDecoder(maxAttachments int) *Decoder {
	if maxAttachments <= 0 {
		maxAttachments = DefaultMaxAttachments
	}
	return &Decoder{max: maxAttachments}
}

// Add feeds one Engine.IO message. It returns the packet once complete, or
// (nil, nil) while attachments are still expected. The returned packet
// aliases data (text) and the attachment slices.
func (d *Decoder) Add(data []byte, binary bool) (*Packet, error) {
	if binary {
		if d.pending == nil {
			return nil, ErrUnexpectedBinary
		}
		d.pending.Attachments = append(d.pending.Attachments, data)
		if len(d.pending.Attachments) < d.want {
			return nil, nil
		}
		p := d.pending
		d.Reset()
		return p, nil
	}
	if d.pending != nil {
		d.Reset()
		return nil, ErrUnexpectedText
	}
	p, n, err := Parse(data, d.max)
	if err != nil {
		return nil, err
	}
	if n > 0 {
		p.Attachments = make([][]byte, 0, n)
		d.pending, d.want = &p, n
		return nil, nil
	}
	return &p, nil
}

// Pending reports whether the Decoder is waiting for attachments.
func (d *Decoder) Pending() bool { return d.pending != nil }

// Reset drops any partially received packet.
func (d *Decoder) Reset() { d.pending, d.want = nil, 0 }

package eioproto

import (
	"bytes"
	"fmt"
)

// AppendPayload appends the polling payload of packets (their text forms
// joined by Separator) to dst and returns the extended slice.
func AppendPayload(dst []byte, packets []Packet) []byte {
	for i, p := range packets {
		if i > 0 {
			dst = append(dst, Separator)
		}
		dst = AppendPacket(dst, p)
	}
	return dst
}

// DecodePayload decodes a polling payload (an HTTP POST body) into its
// packets. An empty body, an empty element (two separators in a row, or one
// at either end) or any malformed packet is an error; the error names the
// index of the bad element. Text packets alias b.
func DecodePayload(b []byte) ([]Packet, error) {
	if len(b) == 0 {
		return nil, ErrEmptyPayload
	}
	packets := make([]Packet, 0, bytes.Count(b, []byte{Separator})+1)
	for i := 0; ; i++ {
		elem, rest, more := bytes.Cut(b, []byte{Separator})
		p, err := DecodePacket(elem)
		if err != nil {
			return nil, fmt.Errorf("packet %d: %w", i, err)
		}
		packets = append(packets, p)
		if !more {
			return packets, nil
		}
		b = rest
	}
}

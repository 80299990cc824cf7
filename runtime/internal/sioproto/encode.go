package sioproto

import (
	"fmt"
	"strconv"
	"strings"
)

// Encode returns the text part of p; for binary packets the attachments
// follow as separate binary messages, in the order of p.Attachments.
// See Append for the checks it makes.
func Encode(p *Packet) ([]byte, error) {
	return Append(nil, p)
}

// Append appends the text part of p to dst.
//
// It checks the envelope, which is cheap: the type, the namespace, the ack
// id, and that BINARY_EVENT/BINARY_ACK carry at least one attachment while
// the other types carry none. It does not parse p.Data: callers build it
// (from encoding/json or from decoded input) and are responsible for it
// being the payload the type requires.
func Append(dst []byte, p *Packet) ([]byte, error) {
	if !p.Type.Valid() {
		return dst, fmt.Errorf("%w: %d", ErrUnknownType, p.Type)
	}
	if p.Type.IsBinary() != (len(p.Attachments) > 0) {
		return dst, fmt.Errorf("%w: %s with %d attachments", ErrAttachmentsMismatch, p.Type, len(p.Attachments))
	}
	if err := checkNamespace(p.Namespace); err != nil {
		return dst, err
	}
	if p.HasID {
		if p.Type != Event && p.Type != Ack && !p.Type.IsBinary() {
			return dst, fmt.Errorf("%w: %s cannot carry an ack id", ErrInvalidAckID, p.Type)
		}
		if p.ID > MaxAckID {
			return dst, fmt.Errorf("%w: %d exceeds %d", ErrInvalidAckID, p.ID, uint64(MaxAckID))
		}
	}
	if p.Type == Disconnect && len(p.Data) > 0 {
		return dst, fmt.Errorf("%w: DISCONNECT carries no payload", ErrInvalidPayload)
	}

	dst = append(dst, '0'+byte(p.Type))
	if p.Type.IsBinary() {
		dst = strconv.AppendInt(dst, int64(len(p.Attachments)), 10)
		dst = append(dst, '-')
	}
	if p.Namespace != "" && p.Namespace != "/" {
		dst = append(dst, p.Namespace...)
		dst = append(dst, ',')
	}
	if p.HasID {
		dst = strconv.AppendUint(dst, p.ID, 10)
	}
	return append(dst, p.Data...), nil
}

// checkNamespace accepts "" (main), or "/" followed by anything but a comma,
// which would end the namespace early on the other side.
func checkNamespace(ns string) error {
	switch {
	case ns == "":
		return nil
	case ns[0] != '/':
		return fmt.Errorf("%w: %q does not start with /", ErrInvalidNamespace, ns)
	case len(ns) > MaxNamespaceLen:
		return fmt.Errorf("%w: longer than %d bytes", ErrInvalidNamespace, MaxNamespaceLen)
	case strings.IndexByte(ns, ',') >= 0:
		return fmt.Errorf("%w: %q contains a comma", ErrInvalidNamespace, ns)
	}
	return nil
}

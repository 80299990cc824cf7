package engineio

import (
	"encoding/binary"
	"errors"
	"unicode/utf8"
)

// WebSocket opcodes (RFC 6455 §5.2).
const (
	opContinuation = 0x0
	opText         = 0x1
	opBinary       = 0x2
	opClose        = 0x8
	opPing         = 0x9
	opPong         = 0xA
)

// maxControlPayload is the largest payload of a control frame.
const maxControlPayload = 125

// Errors of a client's frames: errFrameProtocol closes the connection with
// 1002, errFrameTooBig with 1009.
var (
	errFrameProtocol = errors.New("engineio: WebSocket protocol violation")
	errFrameTooBig   = errors.New("engineio: WebSocket message over MaxPayload")
)

// wsReader parses a client's WebSocket frames from the bytes as they
// arrive, in whatever pieces: it keeps between reads only the state of the
// frame in progress and the payload read so far, so an idle connection
// holds no read buffer. Each message is assembled in a buffer of its own,
// allocated once at its announced size, that the receiver then owns.
type wsReader struct {
	hdr     [14]byte // the frame header read so far
	hdrLen  uint8    // bytes in hdr
	op      byte     // the current frame's opcode, once its header is read
	fin     bool
	mask    [4]byte
	maskPos uint8
	left    int64  // payload bytes of the current frame still to read
	inFrame bool   // the header is complete; its payload is being read
	msgOp   byte   // opcode of the message in progress, 0 when none
	msg     []byte // its payload so far
	ctl     []byte // the current control frame's payload
}

// idle reports that the reader is between messages: it holds nothing.
func (r *wsReader) idle() bool {
	return !r.inFrame && r.hdrLen == 0 && r.msgOp == 0 && r.ctl == nil
}

// wsInput is a message or a control frame from the client. A message's
// data belongs to the receiver; a control frame's is only valid during the
// callback.
type wsInput struct {
	op   byte // opText, opBinary, opPing, opPong or opClose
	data []byte
}

// feed parses b, unmasking it in place, and calls fn with each complete
// message and control frame in order. It stops when fn returns false
// (stopped true) or at the first violation: errFrameProtocol, or
// errFrameTooBig for a message over maxPayload (known from its header,
// before its payload is read).
func (r *wsReader) feed(b []byte, maxPayload int64, fn func(wsInput) bool) (stopped bool, err error) {
	for len(b) > 0 {
		if !r.inFrame {
			n, err := r.readHeader(b, maxPayload)
			if err != nil {
				return false, err
			}
			b = b[n:]
			if !r.inFrame {
				return false, nil // the header continues in the next read
			}
		}
		// The payload, or none: a frame without one ends with its header.
		n := int(min(r.left, int64(len(b))))
		payload := b[:n]
		for i := range payload {
			payload[i] ^= r.mask[(int(r.maskPos)+i)&3]
		}
		r.maskPos = uint8((int(r.maskPos) + n) & 3)
		if r.op >= opClose {
			r.ctl = append(r.ctl, payload...)
		} else {
			r.msg = append(r.msg, payload...)
		}
		r.left -= int64(n)
		b = b[n:]
		if r.left > 0 {
			return false, nil
		}
		in, ok, err := r.endFrame()
		if err != nil {
			return false, err
		}
		if ok && !fn(in) {
			return true, nil
		}
	}
	return false, nil
}

// readHeader consumes header bytes from b and returns how many it took;
// once the header is complete and valid, the frame's payload follows.
func (r *wsReader) readHeader(b []byte, maxPayload int64) (int, error) {
	n := 0
	for {
		want := 2 // then, once those are known, the whole header
		if r.hdrLen >= 2 {
			want = 2 + 4
			switch r.hdr[1] & 0x7f {
			case 126:
				want += 2
			case 127:
				want += 8
			}
		}
		k := copy(r.hdr[r.hdrLen:want], b[n:])
		r.hdrLen += uint8(k)
		n += k
		if int(r.hdrLen) < want {
			return n, nil // the header continues in the next read
		}
		if want > 2 {
			break
		}
		if err := r.checkStart(); err != nil {
			return n, err
		}
	}
	length := int64(r.hdr[1] & 0x7f)
	switch length {
	case 126:
		length = int64(binary.BigEndian.Uint16(r.hdr[2:]))
	case 127:
		u := binary.BigEndian.Uint64(r.hdr[2:])
		if u>>63 != 0 {
			return n, errFrameProtocol
		}
		length = int64(u)
	}
	copy(r.mask[:], r.hdr[r.hdrLen-4:r.hdrLen])
	r.hdrLen, r.maskPos, r.left, r.inFrame = 0, 0, length, true
	switch {
	case r.op >= opClose:
		if length > maxControlPayload {
			return n, errFrameProtocol
		}
	case length > maxPayload-int64(len(r.msg)):
		return n, errFrameTooBig
	case r.op != opContinuation && r.fin:
		r.msg = make([]byte, 0, length) // the whole message, at once
	}
	return n, nil
}

// checkStart validates the first two header bytes: no extension bits (none
// is negotiated), a known opcode, control frames unfragmented, fragments
// in sequence, and the client's mask.
func (r *wsReader) checkStart() error {
	b0, b1 := r.hdr[0], r.hdr[1]
	r.fin, r.op = b0&0x80 != 0, b0&0x0f
	if b0&0x70 != 0 || b1&0x80 == 0 {
		return errFrameProtocol // RSV bits set, or an unmasked client frame
	}
	switch r.op {
	case opClose, opPing, opPong:
		if !r.fin {
			return errFrameProtocol
		}
	case opText, opBinary:
		if r.msgOp != 0 {
			return errFrameProtocol // a new message inside a fragmented one
		}
		r.msgOp = r.op
	case opContinuation:
		if r.msgOp == 0 {
			return errFrameProtocol
		}
	default:
		return errFrameProtocol
	}
	return nil
}

// endFrame completes the current frame: a control frame, or the last
// fragment of a message, makes an input (ok).
func (r *wsReader) endFrame() (in wsInput, ok bool, err error) {
	r.inFrame = false
	if r.op >= opClose {
		in = wsInput{op: r.op, data: r.ctl}
		r.ctl = nil
		if r.op == opClose && !validClosePayload(in.data) {
			return in, false, errFrameProtocol
		}
		return in, true, nil
	}
	if !r.fin {
		return in, false, nil
	}
	in = wsInput{op: r.msgOp, data: r.msg}
	if in.data == nil {
		in.data = []byte{}
	}
	r.msgOp, r.msg = 0, nil
	return in, true, nil
}

// validClosePayload reports whether a close frame's payload is empty, or a
// code a peer may send followed by UTF-8 text.
func validClosePayload(p []byte) bool {
	if len(p) == 0 {
		return true
	}
	if len(p) < 2 {
		return false
	}
	switch code := binary.BigEndian.Uint16(p); {
	case code >= 1000 && code <= 1003, code >= 1007 && code <= 1013, code >= 3000 && code <= 4999:
	default:
		return false
	}
	return utf8.Valid(p[2:])
}

package socketio

import (
	"crypto/rand"
	"encoding/base64"
)

// newSocketID returns a fresh socket id: 120 random bits from crypto/rand
// as 20 URL-safe base64 characters. It is never the Engine.IO session id,
// which grants access to a polling session and must stay private.
func newSocketID() string {
	var b [15]byte
	rand.Read(b[:]) // never returns an error (crypto/rand, Go ≥ 1.24)
	return base64.RawURLEncoding.EncodeToString(b[:])
}

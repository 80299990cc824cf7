package engineio

import (
	"crypto/rand"
	"encoding/base64"
)

// newSessionID returns 20 characters of URL-safe base64 over 120 random
// bits. crypto/rand.Read never fails (it crashes the program instead).
func newSessionID() string {
	var b [15]byte
	rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

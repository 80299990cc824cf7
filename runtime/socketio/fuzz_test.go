package socketio

import (
	"bytes"
	"testing"
)

// FuzzConnection feeds arbitrary message sequences to one connection of a
// server with the conformance handlers. Messages are separated by 0x00; a
// message starting with 0x01 is binary. Nothing may panic, on the reader or
// on a socket goroutine, and an input that closes the connection closes it
// with "parse error".
func FuzzConnection(f *testing.F) {
	for _, seed := range []string{
		"0\x002[\"message\",1,\"2\",{\"3\":[true]}]",
		"0\x0052-[\"message\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]\x00\x01\x01\x02\x00\x01\x03",
		"0/custom,\x00 2/custom,[\"message\"]\x001/custom,\x000/custom",
		"0\x0012[\"message-with-ack\",{}]\x0030[]\x001",
		"0\x0051-[\"message\",{\"_placeholder\":true,\"num\":\"splice\"}]\x00\x01\x09",
		"0/nope\x004{}\x00abc",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, input []byte) {
		srv := echoServer(t, Config{})
		srv.Of("/custom")
		c := dial(t, srv)
		for _, m := range bytes.Split(input, []byte{0}) {
			if len(m) > 0 && m[0] == 1 {
				c.conn.OnMessage(m[1:], true)
			} else {
				c.conn.OnMessage(m, false)
			}
		}
		if !c.isOpen() {
			if r := c.closed(); r != "parse error" {
				t.Fatalf("closed with %q", r)
			}
		}
	})
}

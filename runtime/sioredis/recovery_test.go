package sioredis

import (
	"context"
	"encoding/json"
	"regexp"
	"testing"
	"time"

	"github.com/rtgen/rtgen/internal/redistest"
	"github.com/rtgen/rtgen/runtime/socketio"
)

var offsetRE = regexp.MustCompile(`,"(\d+-\d+)"\]$`)

// offsetOf returns the offset a stored event carries as its last argument.
func offsetOf(t *testing.T, frame string) string {
	t.Helper()
	m := offsetRE.FindStringSubmatch(frame)
	if m == nil {
		t.Fatalf("no offset in %s", frame)
	}
	return m[1]
}

type connectReply struct {
	SID string `json:"sid"`
	PID string `json:"pid"`
}

func parseReply(t *testing.T, reply string) connectReply {
	t.Helper()
	var r connectReply
	if err := json.Unmarshal([]byte(reply[2:]), &r); err != nil || r.SID == "" {
		t.Fatalf("CONNECT reply %q: %v", reply, err)
	}
	return r
}

// A client that loses its transport on one node and comes back on another
// gets its socket back with every stored event it missed, once, in order,
// and no volatile one.
func TestRecoveryAcrossNodes(t *testing.T) {
	tc := newTestCluster(t, redistest.Addr(t))
	rec := &socketio.RecoveryConfig{MaxDisconnectionDuration: 30 * time.Second}
	a, b := tc.startNode("a", rec), tc.startNode("b", rec)
	c, reply := dial(t, a.url(), "/")
	first := parseReply(t, reply)
	c.join("r")
	nsA, nsB := a.srv.Of("/"), b.srv.Of("/")
	nsB.To("r").Emit("e", 1)
	seen := c.next()
	offset := offsetOf(t, seen)

	c.conn.Close() // the transport is lost: no DISCONNECT
	key := tc.opts.SessionKeyPrefix + first.PID
	waitFor(t, "the session to be kept", func() bool { return a.client.Exists(context.Background(), key).Val() == 1 })
	nsA.To("r").Emit("e", 2)
	nsB.To("r").Volatile().Emit("typing")
	nsB.To("r").Emit("e", 3)
	nsA.To("elsewhere").Emit("e", 4)

	auth, _ := json.Marshal(map[string]string{"pid": first.PID, "offset": offset})
	c2, reply := dialAuth(t, b.url(), "/", string(auth))
	if got := parseReply(t, reply); got != first {
		t.Fatalf("recovered as %+v, want %+v", got, first)
	}
	// Two nodes' events have no order between them; each arrives once.
	got := map[string]bool{}
	for range 2 {
		f := c2.next()
		offsetOf(t, f)
		got[f[:len(`42["e",2`)]] = true
	}
	if !got[`42["e",2`] || !got[`42["e",3`] {
		t.Fatalf("replayed %v, want e 2 and e 3", got)
	}
	nsA.To("r").Emit("e", 5) // live again, from the other node
	if f := c2.next(); !regexp.MustCompile(`^42\["e",5,"\d+-\d+"\]$`).MatchString(f) {
		t.Fatalf("live event %s", f)
	}
	c2.expectNothing(50 * time.Millisecond)
	if st := nsB.RecoveryStats(); st.Recovered != 1 {
		t.Fatalf("stats on b = %+v", st)
	}
}

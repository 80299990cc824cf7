package engineio_test

import (
	"context"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rtgen/rtgen/internal/nodetest"
)

// The real engine.io-client (the transport of socket.io-client 4.8) talks
// to the server over polling only, WebSocket only and polling upgraded to
// WebSocket, with text and binary messages echoed in order.
func TestEngineIOClientInterop(t *testing.T) {
	node := nodetest.Node(t) // engine.io-client comes with socket.io-client
	ts := newTestServer(t, shortConfig(), true)
	ctx, cancel := context.WithTimeout(context.Background(), 2*waitTimeout)
	defer cancel()
	out, err := exec.CommandContext(ctx, node, filepath.Join("testdata", "eioclient.cjs"), ts.http.URL).CombinedOutput()
	if err != nil {
		t.Fatalf("engine.io-client: %v\n%s", err, out)
	}
	want := map[string]string{"polling": "polling", "websocket": "websocket", "upgrade": "websocket"}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != len(want) {
		t.Fatalf("output:\n%s", out)
	}
	for _, line := range lines {
		var r struct {
			Mode, Transport string
			Upgraded        bool
			Echoes          int
		}
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("output line %q: %v", line, err)
		}
		t.Logf("%s", line)
		if r.Transport != want[r.Mode] || r.Upgraded != (r.Mode == "upgrade") {
			t.Errorf("%s: ended on %s, upgraded %v", r.Mode, r.Transport, r.Upgraded)
		}
	}
}

package engineio_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// repoRoot walks up from the package directory to the module root.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the package directory")
		}
		dir = parent
	}
}

// The real engine.io-client (the transport of socket.io-client 4.8) talks
// to the server over polling only, WebSocket only and polling upgraded to
// WebSocket, with text and binary messages echoed in order.
func TestEngineIOClientInterop(t *testing.T) {
	if testing.Short() {
		t.Skip("needs Node.js")
	}
	root := repoRoot(t)
	if _, err := os.Stat(filepath.Join(root, "node_modules", "engine.io-client")); err != nil {
		t.Fatal("node_modules/engine.io-client is missing: run `make deps` at the repository root")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("node is not on PATH: install Node.js 20 and run `make deps`")
	}
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

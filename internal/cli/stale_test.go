package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rtgen/rtgen/internal/nodetest"
)

// version is one version of the schema rtgen init writes: its name and
// edits of that schema.
type version struct {
	name  string
	edits []edit
	goOut bool // whether a server is generated from it
}

// The fingerprint handshake between real builds of two versions of a
// schema, in a fresh module: servers generated from v1 and v2 (Message lost
// its required from and gained a required edited), bundles generated from
// v1, v2 and v1+ (an optional mood), each bundled with esbuild and run in
// Node. An old bundle against a new server and a new bundle against an old
// server are refused with schema_mismatch, naming the change, and call the
// stale callback; the same version, and a compatible one, connect.
func TestStaleBundlesBothWays(t *testing.T) {
	dir, sh := freshModule(t)
	root := nodetest.Root(t)
	nodetest.Node(t)
	base, err := os.ReadFile("initdata/events.yaml")
	if err != nil {
		t.Fatal(err)
	}
	versions := []version{
		{"v1", nil, true},
		{"v1plus", []edit{{"      sentAt: time\n  Sent:", "      sentAt: time\n      mood: string?\n  Sent:"}}, false},
		{"v2", []edit{
			{"      from: {type: string, doc: The sender's userId.}\n", ""},
			{"      sentAt: time\n  Sent:", "      sentAt: time\n      edited: bool\n  Sent:"},
		}, true},
	}
	os.Symlink(filepath.Join(root, "node_modules"), filepath.Join(dir, "node_modules"))
	driver, err := os.ReadFile("testdata/adoption/drive.ts.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range versions {
		output := "  ts: {dir: web/" + v.name + "}\n"
		if v.goOut {
			output = "  go: {dir: internal/" + v.name + "}\n" + output
		}
		src := applyEdits(t, string(base), append([]edit{{
			"  go: {dir: internal/realtime}   # package realtime: Register, typed emitters and handlers\n  ts: {dir: web/src/realtime}    # imports socket.io-client 4 and React 18 or later\n",
			output,
		}}, v.edits...))
		os.MkdirAll(filepath.Join(dir, "schema"), 0o755)
		os.WriteFile(filepath.Join(dir, "schema", v.name+".yaml"), []byte(src), 0o644)
		sh("go", "tool", "rtgen", "generate", "schema/"+v.name+".yaml")
		entry := filepath.Join(dir, "web", v.name+"-drive.ts")
		os.WriteFile(entry, []byte(strings.ReplaceAll(string(driver), "VERSION", v.name)), 0o644)
		sh(filepath.Join(root, "node_modules", ".bin", "esbuild"), entry, "--bundle", "--platform=node", "--format=cjs",
			"--log-level=warning", "--outfile="+filepath.Join(dir, "bundles", v.name+".cjs"))
	}
	main, err := os.ReadFile("testdata/adoption/versions.go.txt")
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(dir, "cmd", "server"), 0o755)
	os.WriteFile(filepath.Join(dir, "cmd", "server", "main.go"), main, 0o644)
	bin := filepath.Join(dir, "server")
	sh("go", "build", "-o", bin, "./cmd/server")
	servers := map[string]string{"v1": "http://" + startBinary(t, bin, "-v", "1"), "v2": "http://" + startBinary(t, bin, "-v", "2")}

	connected := `{"state":"connected","code":null,"changes":null,"staleCalls":0}`
	refused := func(change string) string {
		return `{"state":"error","code":"schema_mismatch","changes":["` + change + `"],"staleCalls":1}`
	}
	for _, tt := range []struct{ bundle, server, want string }{
		{"v1", "v1", connected},
		{"v2", "v2", connected},
		{"v1", "v2", refused("Message.from: required field removed (/chat message:new)")},   // an old bundle, a new server
		{"v2", "v1", refused("Message.edited: required field removed (/chat message:new)")}, // a new bundle, an old server
		{"v1plus", "v1", connected}, // the server lacks an optional field the bundle knows
		{"v1plus", "v2", refused("Message.from: required field removed (/chat message:new)")},
	} {
		t.Run(tt.bundle+" bundle, "+tt.server+" server", func(t *testing.T) {
			s := nodetest.Start(t, filepath.Join(dir, "bundles", tt.bundle+".cjs"), servers[tt.server])
			s.Expect("outcome", tt.want)
		})
	}
}

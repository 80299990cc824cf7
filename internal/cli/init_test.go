package cli_test

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rtgen/rtgen/internal/nodetest"
)

// rtgen init writes the three files, and refuses to overwrite any.
func TestInit(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/app\n\ngo 1.26\n"), 0o644)
	code, stdout, stderr := run(t, dir, "init")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := "wrote schema/events.yaml\nwrote schema/rtgen.schema.json\nwrote internal/realtime/generate.go\nnext: go generate ./..., then make schema/events.yaml yours (docs/schema.md)\n"
	if stdout != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", stdout, want)
	}
	gen, _ := os.ReadFile(filepath.Join(dir, "internal", "realtime", "generate.go"))
	if !strings.Contains(string(gen), "package realtime\n") || !strings.Contains(string(gen), "\n//go:generate go tool rtgen generate\n") {
		t.Errorf("generate.go:\n%s", gen)
	}
	if code, _, stderr := run(t, dir, "init"); code != 2 || !strings.Contains(stderr, "schema/events.yaml, schema/rtgen.schema.json, internal/realtime/generate.go already exist; nothing written") {
		t.Errorf("second init: exit %d, stderr %q", code, stderr)
	}

	// Another schema path is named in the directive, relative to the package.
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "go.mod"), []byte("module example.com/other\n\ngo 1.26\n"), 0o644)
	if code, _, stderr := run(t, other, "init", "api/chat.yaml"); code != 0 {
		t.Fatalf("init api/chat.yaml: exit %d: %s", code, stderr)
	}
	gen, _ = os.ReadFile(filepath.Join(other, "internal", "realtime", "generate.go"))
	if !strings.Contains(string(gen), "\n//go:generate go tool rtgen generate ../../api/chat.yaml\n") {
		t.Errorf("generate.go:\n%s", gen)
	}

	// Outside a Go module there is no go:generate line to write.
	plain := t.TempDir()
	if code, stdout, _ := run(t, plain, "init"); code != 0 || strings.Contains(stdout, "generate.go") {
		t.Errorf("init outside a module: exit %d, stdout %q", code, stdout)
	}
}

// A new user's path, end to end: a fresh module outside this repository
// (a replace points at the checkout) adds rtgen as a tool, runs rtgen init
// and go generate, builds a server on the generated package and its
// runtime, and the npm socket.io-client talks to it: refused without a
// session, joins a room, sends a message with an ack, receives the
// broadcast, gets bad_request for a payload over its limits. The generated
// TypeScript compiles against the npm packages the docs list.
func TestFreshModule(t *testing.T) {
	dir, sh := freshModule(t)
	root := nodetest.Root(t)
	node := nodetest.Node(t)
	sh("go", "tool", "rtgen", "init")
	sh("go", "generate", "./...")
	for _, f := range []string{"internal/realtime/ns_chat.go", "web/src/realtime/chat.ts", "web/src/realtime/react.ts"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Fatalf("go generate did not write %s", f)
		}
	}
	if out := sh("go", "tool", "rtgen", "check"); out != "" {
		t.Errorf("rtgen check after go generate: %s", out)
	}
	main, err := os.ReadFile("testdata/adoption/main.go.txt")
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(dir, "cmd", "server"), 0o755)
	os.WriteFile(filepath.Join(dir, "cmd", "server", "main.go"), main, 0o644)
	sh("go", "vet", "./...")
	bin := filepath.Join(dir, "server")
	sh("go", "build", "-o", bin, "./cmd/server")

	addr := startBinary(t, bin)

	c := nodetest.Start(t, "testdata/adoption/client.mjs", addr)
	c.Expect("anonymous", `{"message":"sign in first","code":"unauthorized"}`)
	c.Expect("joined", `[{"ok":true},{"ok":true}]`)
	c.Expect("ack", `{"ok":true,"sentAt":"string"}`)
	c.Expect("message", `{"channelId":"general","from":"ann","text":"hello","sentAt":"string"}`)
	c.Expect("bad", `{"ok":false,"code":"bad_request"}`)

	// The TypeScript client compiles, strict, with socket.io-client, react
	// and @types/react installed.
	os.Symlink(filepath.Join(root, "node_modules"), filepath.Join(dir, "node_modules"))
	os.WriteFile(filepath.Join(dir, "tsconfig.json"), []byte(`{
  "compilerOptions": {"strict": true, "noEmit": true, "target": "ES2022", "module": "ESNext",
    "moduleResolution": "Bundler", "lib": ["ES2022", "DOM"], "jsx": "react-jsx", "types": []},
  "include": ["web/src/**/*.ts"]
}`), 0o644)
	sh(node, filepath.Join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json")
}

// freshModule makes a Go module in a temporary directory, outside this
// repository, with rtgen added as a tool the way the docs say (a replace
// points at the checkout), and returns it with a function that runs a
// command there (failing the test when it fails) and returns its output.
func freshModule(t *testing.T) (string, func(name string, args ...string) string) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds a module")
	}
	root := nodetest.Root(t)
	// The offline steps below build the runtime and resolve the
	// checkout's whole module graph, which needs go.mod files that
	// building it never fetches (those of its dependencies' own test
	// dependencies): fetch both once through the module proxy so that the
	// module cache holds them (neither touches go.sum).
	for _, args := range [][]string{{"mod", "download"}, {"list", "-m", "all"}} {
		cmd := exec.Command("go", args...)
		cmd.Dir, cmd.Env = root, append(os.Environ(), "GOWORK=off")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	dir := t.TempDir()
	sh := func(name string, args ...string) string {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir = dir
		// Offline: the checkout's module graph is in the module cache, and
		// its go.sum vouches for it.
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	sh("go", "mod", "init", "example.com/app")
	sh("go", "mod", "edit", "-require=github.com/rtgen/rtgen@v0.0.0", "-replace=github.com/rtgen/rtgen="+root)
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644)
	sh("go", "get", "-tool", "github.com/rtgen/rtgen/cmd/rtgen")
	if gomod, _ := os.ReadFile(filepath.Join(dir, "go.mod")); !strings.Contains(string(gomod), "tool github.com/rtgen/rtgen/cmd/rtgen") {
		t.Fatalf("go get -tool did not add the tool directive:\n%s", gomod)
	}
	return dir, sh
}

// startBinary runs a server binary that prints its address first, and
// returns the address; the server is killed when the test ends, its log
// shown if the test failed.
func startBinary(t *testing.T, bin string, args ...string) string {
	t.Helper()
	server := exec.Command(bin, args...)
	stdout, _ := server.StdoutPipe()
	var logs strings.Builder
	server.Stderr = &logs
	if err := server.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		server.Process.Kill()
		server.Wait()
		if t.Failed() {
			t.Logf("%s %v log:\n%s", filepath.Base(bin), args, logs.String())
		}
	})
	addr, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("%s printed no address: %v", bin, err)
	}
	return strings.TrimSpace(addr)
}

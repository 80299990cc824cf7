// Package nodetest runs Node.js scripts from Go tests, so that the real npm
// socket.io-client (from the repository's node_modules) can drive servers
// under test. A script reports observations as JSON lines {"t": name, "v":
// value} on stdout and may wait for lines on stdin; a "fail" observation
// fails the test.
package nodetest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// Wait is how long Next waits for an observation before failing.
const Wait = 15 * time.Second

// Root returns the repository root: the nearest directory above the working
// directory that holds go.mod.
func Root(t testing.TB) string {
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

// Node returns the node executable, after checking that the repository's
// JavaScript packages are installed. Under -short, tests that need Node are
// skipped instead of failed.
func Node(t testing.TB) string {
	t.Helper()
	if _, err := os.Stat(filepath.Join(Root(t), "node_modules", "socket.io-client", "package.json")); err != nil {
		if testing.Short() {
			t.Skip("node_modules/socket.io-client is missing")
		}
		t.Fatal("node_modules/socket.io-client is missing: run `make deps` at the repository root")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		if testing.Short() {
			t.Skip("node is not on PATH")
		}
		t.Fatal("node is not on PATH: install Node.js 20 or later")
	}
	return node
}

// Script is one running Node.js script.
type Script struct {
	t      testing.TB
	stdin  io.WriteCloser
	lines  chan line
	stderr *buffer
}

type line struct {
	T string          `json:"t"`
	V json.RawMessage `json:"v"`
}

// Start runs the script (a path relative to the test's package directory)
// with args, from the repository root so that it resolves node_modules. The
// script is stopped when the test ends.
func Start(t testing.TB, script string, args ...string) *Script {
	t.Helper()
	node := Node(t)
	abs, err := filepath.Abs(script)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, append([]string{abs}, args...)...)
	cmd.Dir = Root(t)
	s := &Script{t: t, lines: make(chan line, 256), stderr: &buffer{}}
	cmd.Stderr = s.stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if s.stdin, err = cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		defer close(s.lines)
		sc := bufio.NewScanner(stdout)
		sc.Buffer(make([]byte, 64*1024), 16<<20)
		for sc.Scan() {
			var l line
			if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
				raw, _ := json.Marshal(sc.Text())
				l = line{T: "garbage", V: raw}
			}
			s.lines <- l
		}
	}()
	t.Cleanup(func() {
		s.stdin.Close()
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(Wait):
			cmd.Process.Kill()
			<-done
		}
		if t.Failed() && s.stderr.Len() > 0 {
			t.Logf("%s stderr:\n%s", filepath.Base(script), s.stderr)
		}
	})
	return s
}

// Next returns the value of the next observation, which must be called name.
func (s *Script) Next(name string) json.RawMessage {
	s.t.Helper()
	select {
	case l, ok := <-s.lines:
		if !ok {
			s.t.Fatalf("script ended before %q; stderr:\n%s", name, s.stderr)
		}
		if l.T == "fail" {
			s.t.Fatalf("script failed before %q: %s", name, l.V)
		}
		if l.T != name {
			s.t.Fatalf("script reported %q (%s), want %q", l.T, l.V, name)
		}
		return l.V
	case <-time.After(Wait):
		s.t.Fatalf("script silent while waiting for %q; stderr:\n%s", name, s.stderr)
	}
	return nil
}

// Decode reads the next observation, called name, into v.
func (s *Script) Decode(name string, v any) {
	s.t.Helper()
	raw := s.Next(name)
	if err := json.Unmarshal(raw, v); err != nil {
		s.t.Fatalf("%s: %v in %s", name, err, raw)
	}
}

// Expect checks the next observation's value against want, both compared
// as compact JSON.
func (s *Script) Expect(name, want string) {
	s.t.Helper()
	got := s.Next(name)
	var g, w bytes.Buffer
	if err := json.Compact(&w, []byte(want)); err != nil {
		s.t.Fatalf("bad expectation %s: %v", want, err)
	}
	if err := json.Compact(&g, got); err != nil {
		s.t.Fatalf("%s: not JSON: %s", name, got)
	}
	if g.String() != w.String() {
		s.t.Errorf("%s:\n got  %s\n want %s", name, g.String(), w.String())
	}
}

// Send writes one line to the script's stdin.
func (s *Script) Send(format string, args ...any) {
	fmt.Fprintf(s.stdin, format+"\n", args...)
}

// buffer is a bytes.Buffer safe for a writer and a reader at once.
type buffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *buffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *buffer) Len() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Len()
}

func (b *buffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

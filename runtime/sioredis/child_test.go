package sioredis

import (
	"bufio"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/redis/go-redis/v9/logging"
)

// Nodes that a test kills run in a process of their own: the test binary,
// started again with these variables set, serves one node until killed.
const (
	childRedisEnv  = "SIOREDIS_TEST_CHILD_REDIS"
	childPrefixEnv = "SIOREDIS_TEST_CHILD_PREFIX"
)

func TestMain(m *testing.M) {
	// Nodes log Redis outages once; go-redis would log every failed dial.
	redis.SetLogger(logging.NewBlacklistLogger([]string{"failed to dial"}))
	if addr := os.Getenv(childRedisEnv); addr != "" {
		runChild(addr, os.Getenv(childPrefixEnv))
		return
	}
	os.Exit(m.Run())
}

// runChild serves a test node and prints its URL on stdout.
func runChild(addr, prefix string) {
	opts := testOptions(prefix)
	opts.Logger = slog.New(slog.NewTextHandler(os.Stderr, nil)).With("node", "child")
	cluster := New(redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1}), opts)
	_, handler := newTestServer(cluster, nil, opts.Logger)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println("http://" + ln.Addr().String())
	http.Serve(ln, handler)
}

// child is a test node in a process of its own.
type child struct {
	cmd  *exec.Cmd
	url  string
	done chan struct{}
}

func (tc *testCluster) startChild() *child {
	t := tc.t
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childRedisEnv+"="+tc.addr, childPrefixEnv+"="+tc.prefix)
	logs := &syncBuffer{}
	cmd.Stderr = logs
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &child{cmd: cmd, done: make(chan struct{})}
	go func() { cmd.Wait(); close(c.done) }()
	t.Cleanup(func() {
		c.signal(syscall.SIGCONT)
		c.signal(syscall.SIGKILL)
		<-c.done
		if t.Failed() {
			t.Logf("child node log:\n%s", logs)
		}
	})
	line := make(chan string, 1)
	go func() {
		r := bufio.NewReader(out)
		l, _ := r.ReadString('\n')
		line <- strings.TrimSpace(l)
		io.Copy(io.Discard, r)
	}()
	select {
	case c.url = <-line:
	case <-time.After(wait):
		t.Fatalf("child node did not start; log:\n%s", logs)
	}
	if !strings.HasPrefix(c.url, "http://") {
		t.Fatalf("child node printed %q; log:\n%s", c.url, logs)
	}
	return c
}

// signal sends sig to the child's process.
func (c *child) signal(sig syscall.Signal) { c.cmd.Process.Signal(sig) }

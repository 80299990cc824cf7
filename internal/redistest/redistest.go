// Package redistest gives tests a real redis-server: the one answering at
// 127.0.0.1:6379 when there is one, else one started for the test on a free
// loopback port; and key prefixes, so that tests sharing a server never see
// each other's streams, channels and keys. Tests that kill, restart or slow
// Redis start their own server with Start.
package redistest

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"net"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unicode"

	"github.com/redis/go-redis/v9"
)

// DefaultAddr is where a Redis already running on the machine answers.
const DefaultAddr = "127.0.0.1:6379"

// wait bounds how long a starting server may take to answer.
const wait = 10 * time.Second

// Addr returns the address of a Redis for t: DefaultAddr when a Redis
// answers PING there, else a server started for t and stopped when t ends.
func Addr(t testing.TB) string {
	t.Helper()
	if ping(DefaultAddr, 300*time.Millisecond) == nil {
		return DefaultAddr
	}
	return Start(t).Addr
}

// Server is a redis-server the test started: it can be killed, restarted
// on the same port, paused and resumed. It keeps nothing on disk.
type Server struct {
	Addr string

	t    testing.TB
	port int
	dir  string
	mu   sync.Mutex
	cmd  *exec.Cmd
	log  *bytes.Buffer
	done chan struct{}
}

// Start starts a redis-server on a free loopback port, stopped when t ends.
// Under -short it skips t when redis-server is not installed; otherwise a
// missing binary fails t with what to run.
func Start(t testing.TB) *Server {
	t.Helper()
	if _, err := exec.LookPath("redis-server"); err != nil {
		if testing.Short() {
			t.Skip("redis-server is not installed")
		}
		t.Fatal("redis-server is not installed: run scripts/ensure-redis.sh (make test does)")
	}
	s := &Server{t: t, dir: t.TempDir()}
	var err error
	for range 3 { // a free port may be taken between finding and binding it
		if s.port, err = freePort(); err != nil {
			t.Fatal(err)
		}
		if err = s.start(); err == nil {
			break
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		s.Kill()
		if t.Failed() {
			s.mu.Lock()
			t.Logf("redis-server log:\n%s", s.log)
			s.mu.Unlock()
		}
	})
	return s
}

func (s *Server) start() error {
	cmd := exec.Command("redis-server",
		"--port", strconv.Itoa(s.port), "--bind", "127.0.0.1", "--dir", s.dir,
		"--save", "", "--appendonly", "no", "--protected-mode", "no", "--loglevel", "warning")
	log := &bytes.Buffer{}
	cmd.Stdout, cmd.Stderr = &lockedWriter{mu: &s.mu, w: log}, &lockedWriter{mu: &s.mu, w: log}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("redistest: starting redis-server: %w", err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	s.mu.Lock()
	s.cmd, s.log, s.done = cmd, log, done
	s.Addr = "127.0.0.1:" + strconv.Itoa(s.port)
	s.mu.Unlock()
	deadline := time.Now().Add(wait)
	for {
		err := ping(s.Addr, 200*time.Millisecond)
		if err == nil {
			return nil
		}
		select {
		case <-done:
			return fmt.Errorf("redistest: redis-server on port %d exited: %s", s.port, log)
		default:
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			<-done
			return fmt.Errorf("redistest: redis-server on port %d did not answer: %v", s.port, err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// Kill stops the server with SIGKILL, as a crash would, and waits for it.
// Everything it held is lost.
func (s *Server) Kill() {
	s.mu.Lock()
	cmd, done := s.cmd, s.done
	s.mu.Unlock()
	if cmd == nil {
		return
	}
	cmd.Process.Signal(syscall.SIGCONT) // a paused server dies too
	cmd.Process.Kill()
	<-done
}

// Restart starts the server again on the same port, empty.
func (s *Server) Restart() {
	s.t.Helper()
	s.Kill()
	if err := s.start(); err != nil {
		s.t.Fatal(err)
	}
}

// Pause stops the server process (SIGSTOP): connections stay open and
// commands wait, as with a Redis that hangs. Resume lets it go on.
func (s *Server) Pause() { s.signal(syscall.SIGSTOP) }

// Resume continues a paused server.
func (s *Server) Resume() { s.signal(syscall.SIGCONT) }

func (s *Server) signal(sig syscall.Signal) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd != nil {
		s.cmd.Process.Signal(sig)
	}
}

// Prefix returns a prefix unique to t for stream names, channels and keys
// on the Redis at addr; every key under it is deleted when t ends.
func Prefix(t testing.TB, addr string) string {
	t.Helper()
	// Only letters, digits and ".-_:", so the prefix is also its own glob.
	name := strings.Map(func(r rune) rune {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(".-_", r)) {
			return r
		}
		return '.'
	}, t.Name())
	prefix := "rtgen-test:" + name + ":" + rand.Text()[:8] + ":"
	t.Cleanup(func() {
		c := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1})
		defer c.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		iter := c.Scan(ctx, 0, prefix+"*", 1000).Iterator()
		for iter.Next(ctx) {
			c.Del(ctx, iter.Val())
		}
	})
	return prefix
}

// ping checks that a Redis answers at addr.
func ping(addr string, timeout time.Duration) error {
	conn, err := net.DialTimeout("tcp", addr, timeout)
	if err != nil {
		return err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(timeout))
	if _, err := conn.Write([]byte("PING\r\n")); err != nil {
		return err
	}
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		return err
	}
	if line != "+PONG\r\n" {
		return fmt.Errorf("redistest: %s answered %q to PING", addr, strings.TrimSpace(line))
	}
	return nil
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

type lockedWriter struct {
	mu *sync.Mutex
	w  *bytes.Buffer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

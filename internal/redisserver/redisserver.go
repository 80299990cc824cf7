// Package redisserver runs redis-server processes on loopback for tests and demos: on a free port,
// keeping nothing on disk, and can kill and restart them. It also tells whether a
// Redis answers at an address.
package redisserver

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"net"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"
)

// DefaultAddr is where a Redis already running on the machine answers.
const DefaultAddr = "127.0.0.1:6379"

// startWait bounds how long a starting server may take to answer.
const startWait = 10 * time.Second

// ErrNotInstalled reports that redis-server is not on PATH.
var ErrNotInstalled = errors.New("redis-server is not installed: run scripts/ensure-redis.sh")

// Ping checks that a Redis answers PING at addr within timeout.
func Ping(addr string, timeout time.Duration) error {
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
		return fmt.Errorf("redisserver: %s answered %q to PING", addr, strings.TrimSpace(line))
	}
	return nil
}

// Server is a redis-server process this program started.
type Server struct {
	Addr string

	port int
	dir  string
	mu   sync.Mutex
	cmd  *exec.Cmd
	log  *bytes.Buffer
	done chan struct{}
}

// Start starts redis-server on a free loopback port, working in dir (which it leaves empty: no
// snapshots, no append-only file).
func Start(dir string) (*Server, error) {
	if _, err := exec.LookPath("redis-server"); err != nil {
		return nil, ErrNotInstalled
	}
	s := &Server{dir: dir}
	var err error
	for range 3 { // a free port may be taken between finding and binding it
		if s.port, err = freePort(); err != nil {
			return nil, err
		}
		if err = s.start(); err == nil {
			return s, nil
		}
	}
	return nil, err
}

func (s *Server) start() error {
	cmd := exec.Command("redis-server",
		"--port", strconv.Itoa(s.port), "--bind", "127.0.0.1", "--dir", s.dir,
		"--save", "", "--appendonly", "no", "--protected-mode", "no", "--loglevel", "warning")
	log := &bytes.Buffer{}
	cmd.Stdout, cmd.Stderr = &lockedWriter{mu: &s.mu, w: log}, &lockedWriter{mu: &s.mu, w: log}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("redisserver: starting redis-server: %w", err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	s.mu.Lock()
	s.cmd, s.log, s.done = cmd, log, done
	s.Addr = "127.0.0.1:" + strconv.Itoa(s.port)
	s.mu.Unlock()
	deadline := time.Now().Add(startWait)
	for {
		err := Ping(s.Addr, 200*time.Millisecond)
		if err == nil {
			return nil
		}
		select {
		case <-done:
			return fmt.Errorf("redisserver: redis-server on port %d exited: %s", s.port, s.Log())
		default:
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			<-done
			return fmt.Errorf("redisserver: redis-server on port %d did not answer: %v", s.port, err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// Pid returns the server's process id.
func (s *Server) Pid() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cmd.Process.Pid
}

// Log returns what the server wrote.
func (s *Server) Log() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.log.String()
}

// Kill stops the server with SIGKILL, as a crash would, and waits for it. Everything it held is
// lost.
func (s *Server) Kill() {
	s.mu.Lock()
	cmd, done := s.cmd, s.done
	s.mu.Unlock()
	if cmd == nil {
		return
	}
	cmd.Process.Kill()
	<-done
}

// Restart starts the server again on the same port, empty.
func (s *Server) Restart() error {
	s.Kill()
	return s.start()
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

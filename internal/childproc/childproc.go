// Package childproc runs a server as a child process: it is ready once a
// line of its standard output says so, and it stops on SIGTERM, or on
// SIGKILL when it has not exited after a grace period.
package childproc

import (
	"bufio"
	"fmt"
	"io"
	"os/exec"
	"regexp"
	"syscall"
	"time"
)

// stopGrace is how long Stop waits after SIGTERM before SIGKILL.
const stopGrace = 15 * time.Second

// Process is a started child.
type Process struct {
	cmd  *exec.Cmd
	done chan struct{}
	err  error // Wait's, once done is closed
}

// Start runs cmd and waits at most timeout for a line of its standard
// output matching ready, whose first submatch it returns (an address, a
// URL). The rest of the output is dropped; standard error goes where cmd
// says. A child that is not ready in time is stopped.
func Start(cmd *exec.Cmd, ready *regexp.Regexp, timeout time.Duration) (*Process, string, error) {
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, "", err
	}
	if err := cmd.Start(); err != nil {
		return nil, "", err
	}
	p := &Process{cmd: cmd, done: make(chan struct{})}
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if m := ready.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
				break
			}
		}
		io.Copy(io.Discard, out)
	}()
	go func() {
		p.err = cmd.Wait()
		close(p.done)
	}()
	select {
	case s := <-found:
		return p, s, nil
	case <-p.done:
		return nil, "", fmt.Errorf("exited before it was ready: %v", p.err)
	case <-time.After(timeout):
		p.Stop()
		return nil, "", fmt.Errorf("not ready within %v", timeout)
	}
}

// Pid is the child's process id.
func (p *Process) Pid() int { return p.cmd.Process.Pid }

// Done is closed once the child has exited.
func (p *Process) Done() <-chan struct{} { return p.done }

// Stop sends SIGTERM and waits for the child to exit, killing it after
// 15 seconds.
func (p *Process) Stop() {
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(stopGrace):
		p.cmd.Process.Kill()
		<-p.done
	}
}

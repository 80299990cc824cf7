package runner

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"time"

	"github.com/rtgen/rtgen/bench/loadclient"
	"github.com/rtgen/rtgen/internal/childproc"
)

// server is a running bench server process.
type server struct {
	proc *childproc.Process
	addr string
}

// listeningLine is what a bench server prints once it accepts connections.
var listeningLine = regexp.MustCompile(`^listening (\S+)`)

// startServer runs cmd and waits for its "listening <addr>" line.
func startServer(kind string, cmd *exec.Cmd) (*server, error) {
	cmd.Stderr = os.Stderr
	proc, addr, err := childproc.Start(cmd, listeningLine, 30*time.Second)
	if err != nil {
		return nil, fmt.Errorf("%s server: %w", kind, err)
	}
	return &server{proc: proc, addr: addr}, nil
}

func (s *server) pid() int { return s.proc.Pid() }

func (s *server) url() string { return "ws://" + s.addr + "/socket.io/?EIO=4&transport=websocket" }

func (s *server) stop() { s.proc.Stop() }

// worker is a load client process speaking loadclient's JSON protocol.
type worker struct {
	cmd *exec.Cmd
	in  io.WriteCloser
	enc *json.Encoder
	dec *json.Decoder
}

// startWorker runs "<exe> worker".
func startWorker(exe string) (*worker, error) {
	cmd := exec.Command(exe, "worker")
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting worker: %w", err)
	}
	return &worker{cmd: cmd, in: in, enc: json.NewEncoder(in), dec: json.NewDecoder(out)}, nil
}

// send writes a command without waiting for its reply.
func (w *worker) send(c loadclient.Command) error { return w.enc.Encode(c) }

// reply reads the answer to the last command sent.
func (w *worker) reply() (loadclient.Reply, error) {
	var r loadclient.Reply
	if err := w.dec.Decode(&r); err != nil {
		return r, fmt.Errorf("worker reply: %w", err)
	}
	if r.Error != "" {
		return r, errors.New(r.Error)
	}
	return r, nil
}

// call sends a command and waits for its reply.
func (w *worker) call(c loadclient.Command) (loadclient.Reply, error) {
	if err := w.send(c); err != nil {
		return loadclient.Reply{}, err
	}
	return w.reply()
}

// close ends the worker: it closes its connections and exits.
func (w *worker) close() {
	w.in.Close()
	done := make(chan struct{})
	go func() { w.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		w.cmd.Process.Kill()
		<-done
	}
}

// callAll sends c to every worker at once and collects the replies.
func callAll(ws []*worker, c func(i int) loadclient.Command) ([]loadclient.Reply, error) {
	for i, w := range ws {
		if err := w.send(c(i)); err != nil {
			return nil, err
		}
	}
	replies := make([]loadclient.Reply, len(ws))
	var errs []error
	for i, w := range ws {
		r, err := w.reply()
		replies[i] = r
		errs = append(errs, err)
	}
	return replies, errors.Join(errs...)
}

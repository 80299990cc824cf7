package childproc

import (
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"
)

var ready = regexp.MustCompile(`^listening (\S+)`)

func TestStartWaitsForTheReadyLine(t *testing.T) {
	p, addr, err := Start(exec.Command("sh", "-c", `echo starting; echo "listening 127.0.0.1:5"; exec sleep 60`), ready, 10*time.Second)
	if err != nil || addr != "127.0.0.1:5" {
		t.Fatalf("Start: %q, %v", addr, err)
	}
	select {
	case <-p.Done():
		t.Fatal("the child exited by itself")
	default:
	}
	start := time.Now()
	p.Stop()
	select {
	case <-p.Done():
	default:
		t.Fatal("Stop returned before the child exited")
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("SIGTERM took %v", d)
	}
}

func TestStartFails(t *testing.T) {
	if _, _, err := Start(exec.Command("sh", "-c", "echo nothing; exit 3"), ready, 10*time.Second); err == nil ||
		!strings.Contains(err.Error(), "exited before it was ready: exit status 3") {
		t.Errorf("a child that exits: %v", err)
	}
	if _, _, err := Start(exec.Command("sleep", "60"), ready, 100*time.Millisecond); err == nil ||
		!strings.Contains(err.Error(), "not ready within 100ms") {
		t.Errorf("a child that never gets ready: %v", err)
	}
	if _, _, err := Start(exec.Command("/nonexistent/server"), ready, time.Second); err == nil {
		t.Error("a missing binary started")
	}
}

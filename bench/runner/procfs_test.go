package runner

import (
	"os"
	"testing"
)

func TestProcReaders(t *testing.T) {
	pid := os.Getpid()
	x := 0
	for i := range 20_000_000 { // burn a little CPU so the clock moves
		x += i
	}
	_ = x
	cpu, err := procCPUSeconds(pid)
	if err != nil || cpu < 0 {
		t.Fatalf("procCPUSeconds = %v, %v", cpu, err)
	}
	rss, err := procRSSKB(pid)
	if err != nil || rss <= 0 {
		t.Fatalf("procRSSKB = %v, %v", rss, err)
	}
	if _, err := procRSSKB(-1); err == nil {
		t.Error("procRSSKB(-1) succeeded")
	}
	if l := loadAvg1(); l < 0 {
		t.Errorf("loadAvg1 = %v", l)
	}
}

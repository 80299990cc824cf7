package engineio

import (
	"errors"
	"os"
	"sync"
	"syscall"

	"golang.org/x/sys/unix"
)

// poller tells when idle WebSocket connections become readable, so that an
// idle connection needs no goroutine parked in a read. It is an epoll
// instance of its own, registered in Go's network poller like any socket:
// one goroutine waits on it, and no thread is blocked in epoll_wait.
//
// Each connection is registered level-triggered and one-shot: one event
// disables it until its reader re-arms it, so a connection never has two
// readers, and data that arrived meanwhile fires at once on re-arming.
// The event carries a slot index and generation rather than the fd, so an
// event that was already collected for a connection since removed (its fd
// perhaps reused) is recognised and dropped.
type poller struct {
	file *os.File // the epoll fd, for waiting in Go's poller
	epfd int      // the same fd (os.File.Fd would make it blocking)

	mu    sync.Mutex
	slots []*wsConn // by slot index; nil when free
	free  []int32
	gen   uint32
}

// pollEvents is what a parked connection waits for: data, or the peer's
// shutdown or an error (which a read reports).
const pollEvents = unix.EPOLLIN | unix.EPOLLRDHUP | unix.EPOLLONESHOT

// pollSlot is a connection's registration in the poller.
type pollSlot struct {
	idx, gen   int32
	registered bool
}

// sharedPoller is the process's poller, started on first use; nil when
// epoll is unavailable (each connection then keeps a reading goroutine).
var sharedPoller = sync.OnceValue(func() *poller {
	p, err := newPoller()
	if err != nil {
		return nil
	}
	go p.run()
	return p
})

func newPoller() (*poller, error) {
	fd, err := unix.EpollCreate1(unix.EPOLL_CLOEXEC)
	if err != nil {
		return nil, err
	}
	if err := unix.SetNonblock(fd, true); err != nil {
		unix.Close(fd)
		return nil, err
	}
	// A non-blocking fd makes a pollable os.File: its RawConn.Read waits
	// in Go's network poller.
	return &poller{file: os.NewFile(uintptr(fd), "engineio-epoll"), epfd: fd}, nil
}

// run collects readiness events and starts a reader for each connection.
func (p *poller) run() {
	rc, err := p.file.SyscallConn()
	if err != nil {
		return
	}
	events := make([]unix.EpollEvent, 256)
	for {
		err := rc.Read(func(fd uintptr) bool {
			for {
				n, err := unix.EpollWait(int(fd), events, 0)
				if errors.Is(err, syscall.EINTR) {
					continue
				}
				if n <= 0 {
					return false // wait until the epoll fd is readable again
				}
				for _, ev := range events[:n] {
					if t := p.lookup(ev.Fd, ev.Pad); t != nil {
						t.readable()
					}
				}
			}
		})
		if err != nil {
			return // the epoll fd is never closed; this does not happen
		}
	}
}

func (p *poller) lookup(idx, gen int32) *wsConn {
	p.mu.Lock()
	defer p.mu.Unlock()
	if idx < 0 || int(idx) >= len(p.slots) {
		return nil
	}
	if t := p.slots[idx]; t != nil && t.slot.gen == gen {
		return t
	}
	return nil
}

// arm registers t, or re-arms it after its reader drained it. The caller
// is t's only reader.
func (p *poller) arm(t *wsConn) error {
	if t.net.raw == nil {
		return errNotPollable
	}
	var ctlErr error
	err := t.net.raw.Control(func(fd uintptr) {
		if !t.slot.registered {
			p.mu.Lock()
			if n := len(p.free); n > 0 {
				t.slot.idx, p.free = p.free[n-1], p.free[:n-1]
			} else {
				t.slot.idx = int32(len(p.slots))
				p.slots = append(p.slots, nil)
			}
			p.gen++
			t.slot.gen = int32(p.gen)
			t.slot.registered = true
			p.slots[t.slot.idx] = t // the lookup of an event orders these writes before its reader
			p.mu.Unlock()
			ev := unix.EpollEvent{Events: pollEvents, Fd: t.slot.idx, Pad: t.slot.gen}
			if ctlErr = unix.EpollCtl(p.epfd, unix.EPOLL_CTL_ADD, int(fd), &ev); ctlErr != nil {
				p.release(t)
			}
			return
		}
		ev := unix.EpollEvent{Events: pollEvents, Fd: t.slot.idx, Pad: t.slot.gen}
		ctlErr = unix.EpollCtl(p.epfd, unix.EPOLL_CTL_MOD, int(fd), &ev)
	})
	if err != nil {
		return err
	}
	return ctlErr
}

// remove forgets t before its connection is closed.
func (p *poller) remove(t *wsConn) {
	if !t.slot.registered {
		return
	}
	t.net.raw.Control(func(fd uintptr) {
		unix.EpollCtl(p.epfd, unix.EPOLL_CTL_DEL, int(fd), nil)
	})
	p.release(t)
}

func (p *poller) release(t *wsConn) {
	p.mu.Lock()
	p.slots[t.slot.idx] = nil
	p.free = append(p.free, t.slot.idx)
	t.slot.registered = false
	p.mu.Unlock()
}

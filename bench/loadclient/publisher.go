package loadclient

import (
	"fmt"
	"strings"
	"time"

	"github.com/rtgen/rtgen/bench/sioclient"
)

// Publishing modes.
const (
	// ModeRate publishes at a fixed rate per publisher.
	ModeRate = "rate"
	// ModeSaturate publishes as fast as the system delivers: each publisher
	// keeps at most Window broadcasts outstanding, one being outstanding
	// until the publisher itself has received it back from the room.
	ModeSaturate = "saturate"
)

// stallTimeout ends a saturating publisher whose own broadcasts stopped
// coming back (a lost message would otherwise block it for good).
const stallTimeout = 10 * time.Second

// publisher publishes on one connection of the room.
type publisher struct {
	id     int64
	c      *conn
	window chan struct{} // one token per outstanding broadcast (saturate)
}

// delivered releases one outstanding broadcast; called by the reader.
func (p *publisher) delivered() {
	select {
	case <-p.window:
	default:
	}
}

// run publishes until the deadline and returns how many it sent.
func (p *publisher) run(cmd PublishCmd, room string) (int64, error) {
	pad := strings.Repeat("x", max(cmd.PadBytes, 0))
	frame := make([]byte, 0, 256)
	deadline := time.Now().Add(time.Duration(cmd.Seconds * float64(time.Second)))
	var seq int64
	send := func(ts time.Time) error {
		seq++
		frame = sioclient.AppendPublish(frame[:0], room, sioclient.Msg{Pub: p.id, Seq: seq, TsNs: ts.UnixNano()}, pad)
		return p.c.write(frame)
	}
	switch cmd.Mode {
	case ModeRate:
		if cmd.Rate <= 0 {
			return 0, fmt.Errorf("rate %v must be positive", cmd.Rate)
		}
		interval := time.Duration(float64(time.Second) / cmd.Rate)
		// Publishers are spread across the interval, not in lockstep.
		next := time.Now().Add(time.Duration(p.id) * interval / time.Duration(cmd.Of))
		for next.Before(deadline) {
			time.Sleep(time.Until(next))
			if err := send(time.Now()); err != nil {
				return seq, err
			}
			next = next.Add(interval)
		}
	case ModeSaturate:
		timer := time.NewTimer(stallTimeout)
		defer timer.Stop()
		for time.Now().Before(deadline) {
			timer.Reset(stallTimeout)
			select {
			case p.window <- struct{}{}:
			case <-timer.C:
				return seq, fmt.Errorf("publisher %d: no broadcast came back for %v", p.id, stallTimeout)
			}
			if err := send(time.Now()); err != nil {
				return seq, err
			}
		}
	default:
		return 0, fmt.Errorf("unknown mode %q", cmd.Mode)
	}
	return seq, nil
}

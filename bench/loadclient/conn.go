package loadclient

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"

	"github.com/rtgen/rtgen/bench/sioclient"
)

// MaxPublishers bounds the publishers of one phase, on all workers together:
// their ids run from 0 to MaxPublishers-1.
const MaxPublishers = 8

// handshakeTimeout bounds connecting, the namespace CONNECT and the join.
const handshakeTimeout = 30 * time.Second

// writeTimeout bounds one frame write.
const writeTimeout = 10 * time.Second

// conn is one client: a WebSocket carrying a Socket.IO session joined to
// the bench room. After its handshake a single goroutine reads it;
// publishers and pong replies write under wmu.
type conn struct {
	w   *Worker
	idx int
	ws  *websocket.Conn

	wmu sync.Mutex // gorilla allows one writer at a time

	alive atomic.Bool
	pub   atomic.Pointer[publisher] // set while this connection publishes
	recv  atomic.Int64              // in-order messages this phase (for drain)

	mu        sync.Mutex // the phase's counters; reset between phases
	last      [MaxPublishers]int64
	unique    [MaxPublishers]int64
	reordered int64
}

var dialBuffers = &sync.Pool{}

// dial opens the WebSocket from a source address of its own, then CONNECTs
// to "/" and joins room, answering pings meanwhile.
func dial(ctx context.Context, url string, local net.IP, room string) (*websocket.Conn, error) {
	nd := &net.Dialer{LocalAddr: &net.TCPAddr{IP: local}, Timeout: handshakeTimeout}
	d := websocket.Dialer{
		NetDialContext:   nd.DialContext,
		HandshakeTimeout: handshakeTimeout,
		ReadBufferSize:   1024,
		WriteBufferSize:  512,
		WriteBufferPool:  dialBuffers,
	}
	ws, resp, err := d.DialContext(ctx, url, nil)
	if resp != nil && resp.Body != nil {
		resp.Body.Close()
	}
	if err != nil {
		return nil, err
	}
	ok := false
	defer func() {
		if !ok {
			ws.Close()
		}
	}()
	ws.SetReadDeadline(time.Now().Add(handshakeTimeout))
	_, frame, err := ws.ReadMessage()
	if err != nil {
		return nil, fmt.Errorf("reading open packet: %w", err)
	}
	if _, err := sioclient.DecodeOpen(frame); err != nil {
		return nil, err
	}
	if err := ws.WriteMessage(websocket.TextMessage, sioclient.ConnectFrame); err != nil {
		return nil, err
	}
	if _, err := awaitPacket(ws, func(p sioclient.Packet) bool { return p.Type == sioclient.SIOConnect }); err != nil {
		return nil, fmt.Errorf("awaiting CONNECT: %w", err)
	}
	if err := ws.WriteMessage(websocket.TextMessage, sioclient.AppendJoin(nil, 1, room)); err != nil {
		return nil, err
	}
	if _, err := awaitPacket(ws, func(p sioclient.Packet) bool { return p.Type == sioclient.SIOAck && p.ID == 1 }); err != nil {
		return nil, fmt.Errorf("awaiting join ack: %w", err)
	}
	ws.SetReadDeadline(time.Time{})
	ok = true
	return ws, nil
}

// awaitPacket reads until want accepts a Socket.IO packet, answering pings;
// a CONNECT_ERROR, a close or an undecodable frame fails.
func awaitPacket(ws *websocket.Conn, want func(sioclient.Packet) bool) (sioclient.Packet, error) {
	for {
		_, frame, err := ws.ReadMessage()
		if err != nil {
			return sioclient.Packet{}, err
		}
		if len(frame) == 0 {
			return sioclient.Packet{}, sioclient.ErrMalformed
		}
		switch frame[0] {
		case sioclient.EIOPing:
			if err := ws.WriteMessage(websocket.TextMessage, sioclient.PongFrame); err != nil {
				return sioclient.Packet{}, err
			}
			continue
		case sioclient.EIOMessage:
		default:
			return sioclient.Packet{}, fmt.Errorf("unexpected Engine.IO packet %.40q", frame)
		}
		p, err := sioclient.DecodeMessage(frame)
		if err != nil {
			return p, err
		}
		if p.Type == sioclient.SIOConnectError {
			return p, fmt.Errorf("connect error: %s", p.Data)
		}
		if want(p) {
			return p, nil
		}
	}
}

// write sends one text frame.
func (c *conn) write(frame []byte) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	c.ws.SetWriteDeadline(time.Now().Add(writeTimeout))
	return c.ws.WriteMessage(websocket.TextMessage, frame)
}

// readLoop reads frames until the connection fails or is closed.
func (c *conn) readLoop() {
	defer c.alive.Store(false)
	buf := make([]byte, 0, 256)
	for {
		typ, r, err := c.ws.NextReader()
		if err != nil {
			if c.w.closing.Load() {
				return
			}
			c.w.fail(fmt.Errorf("conn %d: read: %w", c.idx, err))
			return
		}
		if buf, err = readAll(r, buf[:0]); err != nil {
			c.w.fail(fmt.Errorf("conn %d: read frame: %w", c.idx, err))
			return
		}
		if typ != websocket.TextMessage || len(buf) == 0 {
			c.w.fail(fmt.Errorf("conn %d: unexpected frame type %d", c.idx, typ))
			continue
		}
		switch buf[0] {
		case sioclient.EIOPing:
			if err := c.write(sioclient.PongFrame); err != nil {
				c.w.fail(fmt.Errorf("conn %d: pong: %w", c.idx, err))
				return
			}
		case sioclient.EIOMessage:
			c.onMessage(buf)
		case sioclient.EIOClose:
			c.w.fail(fmt.Errorf("conn %d: server closed the session", c.idx))
			return
		case sioclient.EIONoop:
		default:
			c.w.fail(fmt.Errorf("conn %d: unexpected packet %.40q", c.idx, buf))
		}
	}
}

// readAll reads one frame into buf, growing it as needed.
func readAll(r io.Reader, buf []byte) ([]byte, error) {
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

var msgEvent = []byte("msg")

// onMessage handles one Socket.IO packet: a "msg" is checked for order and
// its latency recorded; anything else is an error (the bench contract
// sends nothing else after the join).
func (c *conn) onMessage(frame []byte) {
	now := time.Now().UnixNano()
	p, err := sioclient.DecodeMessage(frame)
	if err != nil {
		c.w.fail(fmt.Errorf("conn %d: %w", c.idx, err))
		return
	}
	if p.Type != sioclient.SIOEvent {
		c.w.fail(fmt.Errorf("conn %d: unexpected packet %.60q", c.idx, frame))
		return
	}
	name, rest, err := sioclient.EventName(p.Data)
	if err != nil || !bytes.Equal(name, msgEvent) {
		c.w.fail(fmt.Errorf("conn %d: unexpected event %.80q", c.idx, frame))
		return
	}
	m, err := sioclient.DecodeMsg(rest)
	if err != nil {
		c.w.fail(fmt.Errorf("conn %d: %w", c.idx, err))
		return
	}
	if m.Pub < 0 || m.Pub >= MaxPublishers {
		c.w.fail(fmt.Errorf("conn %d: publisher id %d out of range", c.idx, m.Pub))
		return
	}
	c.w.last.Store(now)
	if lat := now - m.TsNs; lat >= 0 {
		c.w.hist.record(c.idx, uint64(lat/1000))
	}
	c.mu.Lock()
	if m.Seq > c.last[m.Pub] {
		c.last[m.Pub] = m.Seq
		c.unique[m.Pub]++
		c.recv.Add(1)
	} else {
		c.reordered++ // late or duplicate
	}
	c.mu.Unlock()
	if pub := c.pub.Load(); pub != nil && pub.id == m.Pub {
		pub.delivered()
	}
}

// resetPhase zeroes the phase counters.
func (c *conn) resetPhase() {
	c.mu.Lock()
	c.last, c.unique, c.reordered = [MaxPublishers]int64{}, [MaxPublishers]int64{}, 0
	c.recv.Store(0)
	c.mu.Unlock()
}

// tally returns the messages missing against expected (per publisher) and
// those that arrived late or twice.
func (c *conn) tally(expected [MaxPublishers]int64) (lost, reordered int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, e := range expected {
		if miss := e - c.unique[i]; miss > 0 {
			lost += miss
		}
	}
	lost -= c.reordered // a late message was counted missing
	return max(lost, 0), c.reordered
}

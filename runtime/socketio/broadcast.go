package socketio

import (
	"context"
	"slices"
	"sync/atomic"

	"github.com/rtgen/rtgen/runtime/internal/sioproto"
)

// BroadcastOperator is a broadcast being built: a namespace, rooms to
// target and rooms to skip. It is immutable: To and Except return new
// operators, so one may be kept and reused.
type BroadcastOperator struct {
	nsp      *Namespace
	opts     BroadcastOptions
	delivery Delivery
}

// To returns an operator that also targets rooms. A socket in several
// targeted rooms receives the event once.
func (b *BroadcastOperator) To(rooms ...string) *BroadcastOperator {
	return &BroadcastOperator{nsp: b.nsp, delivery: b.delivery, opts: BroadcastOptions{
		Rooms:  append(slices.Clip(b.opts.Rooms), rooms...),
		Except: b.opts.Except,
	}}
}

// Except returns an operator that also skips the sockets in rooms (a
// socket id names the room holding just that socket).
func (b *BroadcastOperator) Except(rooms ...string) *BroadcastOperator {
	return &BroadcastOperator{nsp: b.nsp, delivery: b.delivery, opts: BroadcastOptions{
		Rooms:  b.opts.Rooms,
		Except: append(slices.Clip(b.opts.Except), rooms...),
	}}
}

// With returns an operator that delivers as d says (see Delivery).
func (b *BroadcastOperator) With(d Delivery) *BroadcastOperator {
	return &BroadcastOperator{nsp: b.nsp, opts: b.opts, delivery: d}
}

// Volatile is With(DeliverVolatile): the event is never replayed and is
// dropped for clients not ready to receive it.
func (b *BroadcastOperator) Volatile() *BroadcastOperator { return b.With(DeliverVolatile) }

// Latest is With(DeliverLatest(key)): recovery replays only the newest
// event per key.
func (b *BroadcastOperator) Latest(key string) *BroadcastOperator {
	return b.With(DeliverLatest(key))
}

// SocketsJoin makes the selected sockets join rooms, on every node the
// adapter spans (Socket.IO's socketsJoin).
func (b *BroadcastOperator) SocketsJoin(ctx context.Context, rooms ...string) error {
	return b.nsp.adapter.AddSockets(ctx, b.opts, rooms)
}

// SocketsLeave makes the selected sockets leave rooms, on every node.
func (b *BroadcastOperator) SocketsLeave(ctx context.Context, rooms ...string) error {
	return b.nsp.adapter.DelSockets(ctx, b.opts, rooms)
}

// DisconnectSockets disconnects the selected sockets, on every node, as
// Socket.Disconnect(closeConn) does: the clients see "io server
// disconnect" and do not reconnect by themselves.
func (b *BroadcastOperator) DisconnectSockets(ctx context.Context, closeConn bool) error {
	return b.nsp.adapter.DisconnectSockets(ctx, b.opts, closeConn)
}

// Emit sends the event to the selected sockets. The packet is encoded once
// and the same messages are queued for every recipient; delivery never
// waits for a slow client (one whose queue overflows is disconnected with
// "slow client"). It returns an error only for arguments that cannot be
// encoded, a reserved event name, or an adapter failure.
func (b *BroadcastOperator) Emit(event string, args ...any) error {
	_, err := b.emit(event, args, false)
	return err
}

// emit is Emit; with count, it also returns how many sockets of this
// process the packet was queued for.
func (b *BroadcastOperator) emit(event string, args []any, count bool) (int, error) {
	p, err := encodePacket(sioproto.Event, b.nsp.name, false, 0, event, args)
	if err != nil {
		return 0, err
	}
	opts := b.delivery.options(b.opts, event)
	if opts.Volatile {
		p = p.AsVolatile()
	}
	if o := b.nsp.srv.observer(); o != nil {
		o.EventEmitted(b.nsp, event, opts.Rooms)
	}
	if count {
		p.delivered = new(atomic.Int64)
	}
	if err := b.nsp.adapter.Broadcast(p, opts); err != nil {
		return 0, err
	}
	if !count {
		return 0, nil
	}
	return int(p.delivered.Load()), nil
}

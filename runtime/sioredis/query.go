package sioredis

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rtgen/rtgen/runtime/socketio"
)

// request is a FETCH_SOCKETS this node sent, waiting for the nodes it
// asked.
type request struct {
	waiting map[string]bool // uids that have not answered
	sockets []remoteSocket
	count   int
	done    chan struct{} // closed when waiting is empty
}

// Sockets implements socketio.Adapter: this node's sockets and those the
// other nodes describe. A remote socket's Session is its data as decoded
// from the wire (maps, slices, strings, numbers).
func (a *adapter) Sockets(ctx context.Context, rooms []string) ([]socketio.SocketInfo, error) {
	out, _ := a.local.Sockets(ctx, rooms)
	remote, _, err := a.ask(ctx, wireOptions{Rooms: nonNil(rooms), Except: []string{}})
	if err != nil {
		return out, err
	}
	for _, rs := range remote {
		out = append(out, rs.info())
	}
	slices.SortFunc(out, func(x, y socketio.SocketInfo) int { return strings.Compare(x.ID, y.ID) })
	return out, nil
}

// Count implements socketio.Adapter.
func (a *adapter) Count(ctx context.Context) (int, error) {
	n, _ := a.local.Count(ctx)
	_, m, err := a.ask(ctx, wireOptions{Rooms: []string{}, Except: []string{}, Flags: wireFlags{CountOnly: true}})
	return n + m, err
}

// RoomSize implements socketio.Adapter.
func (a *adapter) RoomSize(ctx context.Context, room string) (int, error) {
	n, _ := a.local.RoomSize(ctx, room)
	_, m, err := a.ask(ctx, wireOptions{Rooms: []string{room}, Except: []string{}, Flags: wireFlags{CountOnly: true}})
	return n + m, err
}

// HasMembers implements socketio.Adapter: a local member answers without
// asking the other nodes.
func (a *adapter) HasMembers(ctx context.Context, room string) (bool, error) {
	if ok, _ := a.local.HasMembers(ctx, room); ok {
		return true, nil
	}
	n, err := a.RoomSize(ctx, room)
	return n > 0, err
}

// ErrUnavailable is returned by queries while Redis is unreachable: the
// answer holds this node's sockets only.
var ErrUnavailable = errors.New("sioredis: Redis unreachable: only this node's sockets are known")

// ask sends FETCH_SOCKETS to the other nodes of the namespace and waits
// for each to answer, at most RequestTimeout (or ctx's deadline). It
// returns the sockets they describe and how many they count. While Redis
// is unreachable it fails at once with ErrUnavailable.
func (a *adapter) ask(ctx context.Context, opts wireOptions) ([]remoteSocket, int, error) {
	if !a.c.health.up() {
		return nil, 0, ErrUnavailable
	}
	ctx, cancel := context.WithTimeout(ctx, a.c.opts.RequestTimeout)
	defer cancel()
	select {
	case <-a.subscribed:
	case <-ctx.Done():
		return nil, 0, fmt.Errorf("sioredis: %s not subscribed yet: %w", a.nsp, ctx.Err())
	}
	peers, err := a.peers(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("sioredis: listing the nodes of %s: %w", a.nsp, err)
	}
	if len(peers) == 0 {
		return nil, 0, nil
	}
	id := randomID()
	req := &request{waiting: peers, done: make(chan struct{})}
	a.mu.Lock()
	a.requests[id] = req
	a.mu.Unlock()
	defer func() {
		a.mu.Lock()
		delete(a.requests, id)
		a.mu.Unlock()
	}()
	data, err := marshalJSON(fetchData{Opts: opts, RequestID: id})
	if err != nil {
		return nil, 0, err
	}
	if err := a.publishTo(ctx, a.public, typeFetchSockets, data); err != nil {
		return nil, 0, fmt.Errorf("sioredis: asking the nodes of %s: %w", a.nsp, err)
	}
	select {
	case <-req.done:
		a.mu.Lock()
		defer a.mu.Unlock()
		return req.sockets, req.count, nil
	case <-ctx.Done():
		a.mu.Lock()
		missing := len(req.waiting)
		a.mu.Unlock()
		return nil, 0, fmt.Errorf("sioredis: %d of %d other nodes of %s did not answer in time: %w", missing, len(peers), a.nsp, ctx.Err())
	}
}

// publishTo publishes a message of this adapter on a pub/sub channel.
func (a *adapter) publishTo(ctx context.Context, channel string, typ msgType, data json.RawMessage) error {
	payload, err := (&message{uid: a.uid, nsp: a.nsp, typ: typ, data: data}).pubsubPayload()
	if err != nil {
		return err
	}
	if err := a.c.rdb.Publish(ctx, channel, payload).Err(); err != nil {
		a.c.commandFailed(opPublish, err)
		return err
	}
	a.c.traffic.sent.inc(typ.String())
	return nil
}

// announce tells the other nodes about this one (heartbeats, closing).
func (a *adapter) announce(ctx context.Context, typ msgType) {
	a.publishTo(ctx, a.public, typ, nil) // lost while Redis is down; the next one goes
}

// peers returns the nodes that serve the namespace, as Redis lists their
// private channels, but for Go nodes silent for HeartbeatTimeout.
func (a *adapter) peers(ctx context.Context) (map[string]bool, error) {
	channels, err := a.c.rdb.PubSubChannels(ctx, escapeGlob(a.public)+"*#").Result()
	if err != nil {
		a.c.commandFailed(opPeers, err)
		return nil, err
	}
	now := time.Now()
	a.mu.Lock()
	defer a.mu.Unlock()
	peers := make(map[string]bool)
	present := make(map[string]bool)
	for _, ch := range channels {
		uid := strings.TrimSuffix(strings.TrimPrefix(ch, a.public), "#")
		if uid == "" || uid == a.uid || strings.Contains(uid, "#") || strings.HasPrefix(uid, emitterUID+"-") {
			continue
		}
		present[uid] = true
		if seen, ok := a.nodes[uid]; ok && now.Sub(seen) > a.c.opts.HeartbeatTimeout {
			continue // a Go node that stopped beating: hung, or cut off
		}
		peers[uid] = true
	}
	for uid := range a.nodes {
		if !present[uid] {
			delete(a.nodes, uid)
		}
	}
	return peers, nil
}

// onPubsub handles a message on the namespace's channels.
func (a *adapter) onPubsub(m *message, private bool) {
	if m.uid == a.uid {
		return // our own request or heartbeat, back from the public channel
	}
	a.c.traffic.received.inc(m.typ.String())
	switch m.typ {
	case typeInitialHeartbeat:
		a.heard(m.uid)
		go a.announce(a.c.ctx, typeHeartbeat)
	case typeHeartbeat:
		a.heard(m.uid)
	case typeAdapterClose:
		a.nodeGone(m.uid)
	case typeFetchSockets:
		if !a.c.emitter {
			go a.answerFetch(m)
		}
	case typeBroadcast:
		if !a.c.emitter {
			go a.broadcastWithAck(m)
		}
	case typeFetchSocketsResponse:
		if private {
			a.onFetchResponse(m)
		}
	}
}

func (a *adapter) heard(uid string) {
	a.mu.Lock()
	a.nodes[uid] = time.Now()
	a.mu.Unlock()
}

// nodeGone stops waiting for uid's answers.
func (a *adapter) nodeGone(uid string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	delete(a.nodes, uid)
	a.releaseLocked(uid)
	a.seqMu.Lock()
	delete(a.delivered, uid)
	a.seqMu.Unlock()
}

// forgetStaleNodes stops waiting for Go nodes silent for HeartbeatTimeout.
func (a *adapter) forgetStaleNodes() {
	now := time.Now()
	a.mu.Lock()
	defer a.mu.Unlock()
	for uid, seen := range a.nodes {
		if now.Sub(seen) > a.c.opts.HeartbeatTimeout {
			a.releaseLocked(uid)
		}
	}
}

func (a *adapter) releaseLocked(uid string) {
	for _, req := range a.requests {
		if req.waiting[uid] {
			delete(req.waiting, uid)
			if len(req.waiting) == 0 {
				close(req.done)
			}
		}
	}
}

func (a *adapter) onFetchResponse(m *message) {
	var d fetchResponseData
	if err := json.Unmarshal(m.data, &d); err != nil {
		a.c.log.Debug("Unreadable FETCH_SOCKETS_RESPONSE from "+m.uid+": "+err.Error(), "namespace", a.nsp)
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	req := a.requests[d.RequestID]
	if req == nil || !req.waiting[m.uid] {
		return // late, or answered already
	}
	delete(req.waiting, m.uid)
	if d.Count != nil {
		req.count += *d.Count
	} else {
		req.count += len(d.Sockets)
		req.sockets = append(req.sockets, d.Sockets...)
	}
	if len(req.waiting) == 0 {
		close(req.done)
	}
}

// answerFetch answers another node's FETCH_SOCKETS with this node's
// sockets matching its options, or their number when it asks only that.
func (a *adapter) answerFetch(m *message) {
	var d fetchData
	if err := json.Unmarshal(m.data, &d); err != nil || d.RequestID == "" {
		return
	}
	resp := fetchResponseData{RequestID: d.RequestID, Sockets: []remoteSocket{}}
	if d.Opts.Flags.CountOnly {
		n := a.local.CountMatching(d.Opts.options())
		resp.Count = &n
	} else {
		for _, info := range a.local.Matching(d.Opts.options()) {
			if s, ok := a.ns.Socket(info.ID); ok {
				resp.Sockets = append(resp.Sockets, describe(s, info))
			}
		}
	}
	data, err := marshalJSON(resp)
	if err != nil {
		a.c.log.Warn("Cannot describe sockets to "+m.uid+": "+err.Error(), "namespace", a.nsp)
		return
	}
	ctx, cancel := context.WithTimeout(a.c.ctx, a.c.opts.RequestTimeout)
	defer cancel()
	a.publishTo(ctx, a.c.opts.ChannelPrefix+"#"+a.nsp+"#"+m.uid+"#", typeFetchSocketsResponse, data)
}

// broadcastWithAck serves a Node server's broadcast that awaits
// acknowledgements (sent by pub/sub): local clients get the event, and the
// sender is told that no acknowledgement will come from this node, so
// that it does not wait for them.
func (a *adapter) broadcastWithAck(m *message) {
	p, d, err := decodeBroadcast(m)
	if err != nil || d.RequestID == "" {
		return
	}
	a.local.Broadcast(p, d.Opts.options())
	data, _ := marshalJSON(clientCountData{RequestID: d.RequestID})
	ctx, cancel := context.WithTimeout(a.c.ctx, a.c.opts.RequestTimeout)
	defer cancel()
	a.publishTo(ctx, a.c.opts.ChannelPrefix+"#"+a.nsp+"#"+m.uid+"#", typeBroadcastClientCount, data)
}

package sioredis

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/vmihailenco/msgpack/v5"

	"github.com/rtgen/rtgen/runtime/socketio"
)

// The adapter is the namespace's socketio.RecoveryStore when recovery is
// on: offsets are stream entry ids, the history is the stream itself, and
// sessions are Redis keys, so a client recovers on whichever node it
// reaches, Go or Node.

// wireSession is a persisted session as Node's adapter stores it (sid,
// pid, rooms, data), with the positions our recovery uses besides.
type wireSession struct {
	SID          string         `msgpack:"sid"`
	PID          string         `msgpack:"pid"`
	Rooms        []string       `msgpack:"rooms"`
	Data         map[string]any `msgpack:"data"`
	Connected    string         `msgpack:"connected,omitempty"`
	Disconnected string         `msgpack:"disconnected,omitempty"`
	Addressed    string         `msgpack:"addressed,omitempty"`
}

// missedBatch is how many entries one XRANGE of a recovery reads.
const missedBatch = 1000

// Position implements socketio.RecoveryStore: the id of the last entry
// this node has delivered.
func (a *adapter) Position(context.Context) (string, error) {
	if a.reader == nil {
		return "", errors.New("sioredis: an emitter keeps no position")
	}
	return a.reader.position()
}

// PersistSession implements socketio.RecoveryStore.
func (a *adapter) PersistSession(ctx context.Context, s socketio.PersistedSession, ttl time.Duration) error {
	if !a.c.health.up() {
		return ErrUnavailable
	}
	b, err := msgpack.Marshal(wireSession{
		SID: s.SID, PID: s.PID, Rooms: nonNil(s.Rooms), Data: map[string]any{},
		Connected: s.Connected, Disconnected: s.Disconnected, Addressed: s.Addressed,
	})
	if err != nil {
		return err
	}
	err = a.c.rdb.Set(ctx, a.c.opts.SessionKeyPrefix+s.PID, base64.StdEncoding.EncodeToString(b), ttl).Err()
	a.c.commandFailed(opSession, err)
	return err
}

// TakeSession implements socketio.RecoveryStore. It then waits, at most
// RequestTimeout, for this node to have read the stream as far as the
// node the socket left had sent it, so that nothing the client already has
// arrives again as a live event.
func (a *adapter) TakeSession(ctx context.Context, pid string) (socketio.PersistedSession, error) {
	if !a.c.health.up() {
		return socketio.PersistedSession{}, fmt.Errorf("%w: %w", socketio.ErrNotRecoverable, ErrUnavailable)
	}
	key := a.c.opts.SessionKeyPrefix + pid
	var get *redis.StringCmd
	_, err := a.c.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		get = p.Get(ctx, key)
		p.Del(ctx, key)
		return nil
	})
	if errors.Is(err, redis.Nil) {
		return socketio.PersistedSession{}, fmt.Errorf("%w: unknown or expired session", socketio.ErrNotRecoverable)
	}
	if err != nil {
		a.c.commandFailed(opSession, err)
		return socketio.PersistedSession{}, fmt.Errorf("%w: %w", socketio.ErrNotRecoverable, err)
	}
	var ws wireSession
	b, err := base64.StdEncoding.DecodeString(get.Val())
	if err == nil {
		err = msgpack.Unmarshal(b, &ws)
	}
	if err != nil {
		return socketio.PersistedSession{}, fmt.Errorf("%w: unreadable session: %w", socketio.ErrNotRecoverable, err)
	}
	ps := socketio.PersistedSession{
		SID: ws.SID, PID: ws.PID, Rooms: ws.Rooms,
		Connected: ws.Connected, Disconnected: ws.Disconnected, Addressed: ws.Addressed,
	}
	if ps.Disconnected != "" {
		if err := a.catchUp(ctx, ps.Disconnected); err != nil {
			return socketio.PersistedSession{}, err
		}
	}
	return ps, nil
}

// catchUp waits until this node has delivered the stream up to id.
func (a *adapter) catchUp(ctx context.Context, id string) error {
	ctx, cancel := context.WithTimeout(ctx, a.c.opts.RequestTimeout)
	defer cancel()
	for {
		pos, err := a.Position(ctx)
		if err == nil && compareIDs(pos, id) >= 0 {
			return nil
		}
		if !sleep(ctx, 5*time.Millisecond) {
			return fmt.Errorf("%w: this node has not read the stream up to %s yet", socketio.ErrNotRecoverable, id)
		}
	}
}

// Missed implements socketio.RecoveryStore: the stored broadcasts of the
// namespace after offset, up to what this node has delivered, that reach
// rooms. The gap must be whole: nothing after offset trimmed, no broadcast
// in it delivered while Redis was unreachable (late) and no gap entry,
// else ErrNotRecoverable.
func (a *adapter) Missed(ctx context.Context, offset string, rooms []string) ([]*socketio.Packet, error) {
	notRecoverable := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s", socketio.ErrNotRecoverable, fmt.Sprintf(format, args...))
	}
	if !validID(offset) {
		return nil, notRecoverable("offset %q is not a stream id", offset)
	}
	end, err := a.Position(ctx)
	if err != nil {
		return nil, notRecoverable("%v", err)
	}
	if compareIDs(offset, end) > 0 {
		return nil, notRecoverable("offset %s is ahead of this node (%s)", offset, end)
	}
	info, err := a.c.rdb.XInfoStream(ctx, a.stream).Result()
	if err != nil {
		a.c.commandFailed(opHistory, err)
		return nil, notRecoverable("%v", err)
	}
	switch {
	case compareIDs(info.LastGeneratedID, end) < 0:
		return nil, notRecoverable("the stream went back (Redis lost its data)")
	case info.MaxDeletedEntryID != "" && compareIDs(info.MaxDeletedEntryID, offset) > 0:
		return nil, notRecoverable("the stream no longer holds the events after %s (raise MaxLen)", offset)
	case info.MaxDeletedEntryID == "": // Redis before 7.0: the offset's own entry must still be there
		if n, err := a.c.rdb.XRange(ctx, a.stream, offset, offset).Result(); err != nil || len(n) == 0 {
			a.c.commandFailed(opHistory, err)
			return nil, notRecoverable("the stream no longer holds offset %s", offset)
		}
	}
	var out []*socketio.Packet
	var keys []string
	seen := make(map[string]uint64) // the last numbered broadcast of each node

	for from := offset; compareIDs(from, end) < 0; {
		entries, err := a.c.rdb.XRangeN(ctx, a.stream, "("+from, end, missedBatch).Result()
		if err != nil {
			a.c.commandFailed(opHistory, err)
			return nil, notRecoverable("%v", err)
		}
		if len(entries) == 0 {
			break
		}
		for _, e := range entries {
			from = e.ID
			m, err := fromStream(e.Values)
			if err != nil || m.nsp != a.nsp {
				continue
			}
			if m.typ == typeGap {
				return nil, notRecoverable("broadcasts were lost while Redis was unreachable")
			}
			if m.typ != typeBroadcast {
				continue
			}
			if !firstOf(seen, m) { // a broadcast appended twice counts once
				continue
			}
			p, d, err := decodeBroadcast(m)
			if err != nil || d.Opts.Flags.Volatile || !d.Opts.options().Reaches(rooms) {
				continue
			}
			if m.late {
				return nil, notRecoverable("an event of the gap was delivered while Redis was unreachable")
			}
			out = append(out, p.WithOffset(e.ID))
			keys = append(keys, d.Opts.Flags.LatestKey)
		}
	}
	return socketio.KeepLatest(out, keys), nil
}

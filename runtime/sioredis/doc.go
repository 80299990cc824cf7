// Package sioredis runs several socketio servers as one cluster over Redis
// Streams, wire-compatible with Node's @socket.io/redis-streams-adapter
// 0.3 and socket.io 4.8: Go and Node servers on one Redis form one
// cluster, where a broadcast from any server reaches the clients of all,
// fetchSockets() on a Node server lists the Go servers' sockets, and a
// client recovers its connection state on whichever server it reaches.
//
//	client := redis.NewClient(&redis.Options{Addr: "127.0.0.1:6379"})
//	cluster := sioredis.New(client, sioredis.Options{})
//	srv := socketio.NewServer(socketio.Config{Adapter: cluster.Adapter, Recovery: &socketio.RecoveryConfig{}})
//	…
//	srv.Shutdown(ctx)
//	cluster.Close()
//
// A process that serves no clients publishes through an Emitter.
//
// # What reaches whom
//
// Broadcasts (with rooms, except, volatile and latest delivery), socket
// operations (Namespace.To(…).SocketsJoin, SocketsLeave,
// DisconnectSockets) and queries (Namespace.Sockets, Count, RoomSize,
// HasMembers, hence the generated IsUserConnected and
// ConnectedClientsCount) span every node. Each node encodes a broadcast
// once for all its recipients. Queries wait for every other node of the
// namespace, at most Options.RequestTimeout (5s) or the context's
// deadline, and fail naming how many did not answer; HasMembers answers at
// once when a local socket is in the room.
//
// Not carried between nodes: acknowledgements of broadcasts (a Node
// server's emitWithAck to a room reaches Go clients, and this node answers
// that none of its clients will acknowledge, so the sender does not wait)
// and server-side emits (serverSideEmit).
//
// A socket described to another node (Namespace.Sockets, Node's
// fetchSockets) carries its handshake as Node's servers send it, headers
// and cookies included, and its session as JSON: keep Redis as private as
// the servers.
//
// # Faults
//
// Redis may go away at any time. Every node keeps serving its own
// clients: local deliveries never wait for Redis, and queries answer at
// once with this node's sockets and ErrUnavailable. Messages for the other
// nodes wait in a queue bounded by Options.PublishQueue (10,000; beyond it
// the oldest are dropped, counted and logged) and are sent when Redis is
// back. Each connection (stream reader, pub/sub, publisher) retries with
// exponential backoff from 100ms to 1s, each wait drawn between half and
// all of its step; the node logs "Redis unreachable" once when the first
// command fails and "Redis reachable again after …" once when one
// succeeds. The stream is read from where the node stopped, so nothing the
// stream still holds is missed; a stream that went back (Redis restarted
// empty) is read from its start. A Redis that refuses connections is
// noticed at once; one that hangs, when a command times out (the client's
// ReadTimeout, 3s by default): until then, with recovery on, stored
// broadcasts wait for it before reaching local clients too. A message
// whose append was cut off with the connection is sent again; a node's
// broadcasts are numbered (seq), so that none is delivered twice.
//
// A node that dies (SIGKILL, a crash) loses its Redis connections, and
// Redis drops its subscriptions at once: queries stop waiting for it. A
// Go node that hangs or is cut off keeps its subscriptions until Redis
// notices, so Go nodes also announce themselves every HeartbeatInterval
// (5s), and one silent for HeartbeatTimeout (10s) is no longer waited for.
// A slow node delays only the queries that wait for it: the stream does
// not wait for its readers.
//
// Memory is bounded: the stream is trimmed to about Options.MaxLen
// (10,000) entries on every append; sessions expire after
// MaxDisconnectionDuration.
//
// Cluster.ClusterStats counts what the node exchanges with the others, by
// message type, the Redis commands that failed, by operation, outages,
// the publish queue and the nodes heard from; runtime/siometrics exports
// them (its Options.Cluster) without this package depending on Prometheus.
//
// # Connection-state recovery
//
// With socketio.Config.Recovery set, the adapter is the namespace's
// RecoveryStore and the history is the stream: a stored broadcast's offset
// is its stream entry id, on every node, Go or Node. So that each client
// receives stored broadcasts in offset order, a node delivers them to its
// own sockets from the stream too (one round trip to Redis later), not at
// once; volatile ones, and all of them without recovery, go out at once.
// A recovery replays the entries after the client's offset, up to what
// the recovering node has delivered, and is refused whole (the client gets
// recovered: false) when any of them is gone: trimmed by MaxLen, or
// delivered by its origin while Redis was unreachable (see late and gap
// below), or the session expired or was lost with Redis. Recovery needs
// Redis 7.0 or later (XINFO STREAM's max-deleted-entry-id tells whether
// anything after an offset was trimmed).
//
// # Wire format
//
// This is the format of @socket.io/redis-streams-adapter 0.3.1 over
// socket.io-adapter 2.5's ClusterAdapter, which this package speaks; the
// extensions of ours are marked, and Node servers ignore them.
//
// Every server has, per namespace, a uid: 8 random bytes in hex (ours are
// too; emitters send stream messages as "emitter"). A message is
// {uid, nsp, type, data}, with these types (socket.io-adapter's
// MessageType):
//
//	1  INITIAL_HEARTBEAT          pub/sub, ours: a Go node starting; Go nodes answer HEARTBEAT
//	2  HEARTBEAT                  pub/sub, ours: a Go node alive (every HeartbeatInterval)
//	3  BROADCAST                  stream; pub/sub when it awaits acknowledgements (data.requestId)
//	4  SOCKETS_JOIN               stream   {opts, rooms}
//	5  SOCKETS_LEAVE              stream   {opts, rooms}
//	6  DISCONNECT_SOCKETS         stream   {opts, close}
//	7  FETCH_SOCKETS              pub/sub  {opts, requestId}
//	8  FETCH_SOCKETS_RESPONSE     pub/sub  {requestId, sockets: [{id, handshake, rooms, data}]}
//	9  SERVER_SIDE_EMIT           pub/sub  {packet: [args…], requestId?}
//	10 SERVER_SIDE_EMIT_RESPONSE  pub/sub  {requestId, packet}
//	11 BROADCAST_CLIENT_COUNT     pub/sub  {requestId, clientCount}
//	12 BROADCAST_ACK              pub/sub  {requestId, packet}
//	13 ADAPTER_CLOSE              pub/sub, ours: a Go node leaving the namespace
//	100 GAP                       stream, ours: stored broadcasts were lost before this entry
//
// A BROADCAST's data is {packet: {type: 2, data: [event, args…], nsp},
// opts: {rooms: […], except: […], flags: {…}}}: the packet before
// socket.io-parser encodes it, type 2 (EVENT) even when the arguments hold
// binary values, and socket.io-adapter's BroadcastOptions with the sets as
// arrays. Flags that travel: volatile (Node treats the key's presence as
// volatile, so it is sent only when true), and, ours, latestKey (the
// delivery mode latest: a recovery replays only the newest of each key).
// In FETCH_SOCKETS, ours, flags.countOnly asks Go nodes to answer
// {requestId, sockets: [], count}; Node nodes answer with their sockets,
// which are counted.
//
// The stream. Every namespace shares one stream, "socket.io" (StreamName);
// with StreamCount n > 1, namespace nsp uses "socket.io-<i>", i being the
// Java-style 32-bit hash of nsp's UTF-16 code units modulo n, negative
// when the hash is (as JavaScript's %). Entries are appended with
// XADD <stream> MAXLEN ~ <MaxLen> * and read with XREAD COUNT 100 BLOCK
// 5000 from "$" (we start from the stream's last-generated-id, which is the
// same). Fields are strings:
//
//	uid   the sender's uid
//	nsp   the namespace, e.g. "/leaderboard"
//	type  the message type in decimal, e.g. "3"
//	data  JSON text when the data holds no binary value, else the data as
//	      MessagePack in base64 (Node decides by whether data starts with "{";
//	      only types 3, 8, 9, 10 and 12 may hold binary)
//	seq   ours: the number of a Go node's broadcast in its namespace, in
//	      the order it appends them; a second entry with a number already
//	      seen from that uid is a copy (an append sent again) and is skipped
//	late  ours, "1": a broadcast its origin delivered to its own sockets
//	      while Redis was unreachable, appended when it came back; the
//	      origin does not deliver it again, and a recovery whose gap
//	      holds it is refused
//
// Pub/sub. Requests go to the namespace's public channel
// "socket.io#<nsp>#" (ChannelPrefix), answers to the requester's private
// channel "socket.io#<nsp>#<uid>#". Each server subscribes to both on one
// connection. A payload is the whole message as MessagePack (the type a
// number, data a map whose binary values are bin). Node counts the other
// servers with PUBSUB NUMSUB on the public channel; we list them with
// PUBSUB CHANNELS "socket.io#<nsp>#*#" (the private channels name their
// uids), so that a query knows whom it waits for, and leave out Go nodes
// silent for HeartbeatTimeout and emitters (whose private uids start with
// "emitter-"). Node's servers send no heartbeats; ours are ignored by them.
//
// Offsets. With recovery on, a stored broadcast (not volatile, without
// acknowledgement) carries its stream entry id as its last argument, as
// socket.io's connection-state recovery defines: the origin appends the id
// XADD returned, the other servers the id they read.
//
// Sessions. A socket that loses its transport leaves a session under
// "sio:session:<pid>" (SessionKeyPrefix), SET with PX
// MaxDisconnectionDuration: base64 of MessagePack {sid, pid, rooms, data}
// (data {} from us), plus, ours, connected, disconnected and addressed
// (stream positions that let a client that received nothing, or nothing
// since long, recover). Recovery takes the session with MULTI GET DEL;
// Node's adapter then checks that the offset's entry is still in the
// stream (XRANGE offset offset) and replays XRANGE (offset +, keeping type
// 3 entries of the namespace whose rooms and except reach the session's
// rooms. A Node server recovering a client therefore replays every
// broadcast of the gap, volatile and latest ones included, and does not see
// late and gap marks; and it recovers only clients that received at least
// one event (socket.io sends no offset before).
//
// # Deployment
//
// Clients that use HTTP long-polling need sticky sessions: every request
// of one Engine.IO session must reach the server that created it (a
// request that reaches another gets HTTP 400 {"code":1,"message":"Session
// ID unknown"} and the client reconnects). WebSocket-only clients need
// none. See docs/cluster.md for nginx and HAProxy configurations.
package sioredis

// Package socketio is a Socket.IO v5 server on top of runtime/engineio
// (Engine.IO v4: HTTP long-polling, WebSocket and the upgrade between
// them). The unmodified JavaScript socket.io-client 4.x connects to it.
//
//	srv := socketio.NewServer(socketio.Config{})
//	lb := srv.Of("/leaderboard", socketio.WithAuth(authenticate))
//	socketio.HandleEvent(lb, "join:team", func(ctx context.Context, s *socketio.Socket, teamID int64) error {
//		s.Join(fmt.Sprintf("team:%d", teamID))
//		return nil
//	})
//	http.Handle("/socket.io/", srv)
//	…
//	lb.To("team:5").Emit("team:goal-reached", goal)
//
// # Concurrency
//
// All exported methods are safe for concurrent use.
//
// The Engine.IO reader of a connection never runs user code: it decodes
// packets, resolves acknowledgements and queues events. Each socket (one
// client in one namespace) has a queue served by a goroutine that is started
// when work arrives and exits when the queue is empty, so an idle socket
// costs no goroutine. On that goroutine, in order: the AuthFunc, the
// OnConnection handlers, every event handler in arrival order, and finally
// the OnDisconnect handlers. Handlers of one socket therefore never run
// concurrently, while different sockets are handled in parallel.
//
// A handler may block, including on Socket.EmitWithAck to its own client:
// acknowledgements do not go through the queue. While it blocks, further
// events of that socket wait; at most Config.EventQueueLimit (256) may wait,
// one more is answered with a too_many_requests error and the socket is
// disconnected (reason "too many requests").
//
// A panic in a handler, an AuthFunc or a connection hook is recovered and
// logged with its stack; the client gets code "internal" (an ack envelope,
// the `error` event, or a CONNECT_ERROR) and the connection keeps serving.
//
// # Delivery and ordering
//
// Without Config.Recovery, delivery is at most once, as in Socket.IO: the
// server keeps no history, and a client that is disconnected misses what is
// emitted meanwhile (see Connection-state recovery below). Packets to one client leave in the order they were emitted, across
// namespaces and across the polling → WebSocket upgrade. Emit and broadcasts
// never wait for the network: messages are queued on the Engine.IO session,
// and a client whose queue exceeds engineio.Config.WriteQueueLimit (1 MiB),
// or whose write stalls past WriteTimeout, is disconnected with reason
// "slow client" without delaying anyone else. A broadcast encodes its packet
// once; every recipient's session queues the same immutable messages,
// whose encoding is shared by every WebSocket frame that carries them.
//
// Events from a client are handled in order, one at a time per socket.
// Acknowledgements are answered at most once (AckFunc returns
// ErrAckAlreadySent afterwards). Socket.EmitWithAck ends with the client's
// answer, ErrAckTimeout (the context's deadline, else Config.AckTimeout,
// 10s), or ErrDisconnected; when a socket disconnects its table of pending
// acknowledgements is emptied.
//
// # Authorization
//
// Origins are checked by the Engine.IO layer on every request
// (engineio.Config.AllowedOrigins, same-host by default, 403 otherwise), and
// engineio.Config.AllowRequest can refuse handshakes and upgrades. Each
// namespace may have an AuthFunc (WithAuth) that sees the Handshake —
// headers, cookies, query, remote address and the client's `auth` payload —
// and returns the session value exposed as Socket.Session. A refusal sends
// CONNECT_ERROR {"message":…,"data":{"code":…}}; the client's connect_error
// handler receives them as err.message and err.data, and the Engine.IO
// connection stays open for other namespaces. Rooms are a server-side
// concept: clients cannot join rooms by themselves, only handlers can (so
// room rules are enforced by the handler that calls Socket.Join). Prefer
// tokens in the `auth` payload to cookies or query parameters, which leak
// into logs and are sent by browsers automatically.
//
// Before the AuthFunc, a namespace with a contract (WithContract, as
// generated code declares) compares the contract a generated client
// presents in its `auth` payload with its own, and refuses a client built
// from a contract it breaks with code schema_mismatch (see WithContract).
//
// # Connection-state recovery
//
// With Config.Recovery, a socket that loses its transport (not one that
// was disconnected on purpose) is kept for MaxDisconnectionDuration (2
// min): the CONNECT reply carries a private session id (pid), every stored
// event carries its offset as a last argument, and a client that comes back
// with {pid, offset} in its CONNECT payload — as socket.io-client 4.6+ does
// by itself — gets its socket id and rooms back and every stored event it
// missed, in order, before any live one (socket.recovered in the client,
// Socket.Recovered here; OnConnection handlers run again). A recovery is
// never partial: when any event of the gap is gone (history capped, session
// expired, server restarted) the client gets a fresh socket instead. What
// is stored depends on the broadcast's Delivery: DeliverReplay events all,
// DeliverLatest ones only the newest per key, DeliverVolatile ones never
// (and a volatile packet is dropped for a client that is behind). A
// volatile event whose last argument is a string (or that has none) ends
// with an offset too, the one its client already has: socket.io-client
// takes any trailing string for its offset. A client back on a new
// connection before the server found its old one dead (a silent network
// cut) takes its socket from there; the old connection is sent DISCONNECT.
// The Adapter stores the history (RecoveryStore), so that an adapter
// shared by several nodes can recover a client on any of them.
//
// Recovery never goes around authorization. The AuthFunc runs on every
// CONNECT, a recovering one included, and a refused one also drops the
// session it presented: a principal signed out while away must start
// afresh. In a namespace with rooms declared through HandleRoom, a
// recovering socket gets back only the rooms that a RoomRequest still
// allows it now (deny by default), and none of the others' events are
// replayed.
//
// # Wire conventions of the typed helpers
//
// HandleEvent and HandleEventAck, used by generated code, answer an event
// that asked for an acknowledgement with one argument, {"ok":true[,"data":…]}
// or {"ok":false,"error":{"code":…,"message":…[,"details":…]}}, and report a
// failure of an event without acknowledgement by emitting `error` with
// {"code":…,"message":…,"event":…}. An event without handler is ignored (or
// answered with code not_found). Codes: the Code* constants.
//
// # Emit arguments
//
// []byte is sent as a binary attachment (a Buffer on the JavaScript side);
// json.RawMessage is sent verbatim; an Args value is spliced in with its
// binary attachments; anything else is encoded with encoding/json, with
// HTML escaping off. []byte nested inside other values is encoded by
// encoding/json (base64). Reserved event names (connect, connect_error,
// disconnect, disconnecting, newListener, removeListener) are refused with
// ErrReservedEvent because the client would drop the connection.
//
// # Limits and defaults
//
// Config's zero value is usable; its defaults follow Socket.IO:
//
//	pingInterval / pingTimeout   25s / 20s       (engineio.Config)
//	maxPayload                   1,000,000 bytes per WebSocket message or polling POST
//	write queue per connection   1 MiB, write timeout 10s → "slow client"
//	ConnectTimeout               45s to join a namespace → "forced server close"
//	AckTimeout                   10s for EmitWithAck without a deadline
//	MaxAttachments               10 per packet, checked before anything is buffered
//	EventQueueLimit              256 queued events per socket
//
// A binary packet whose attachments have not all arrived within
// pingInterval + pingTimeout closes the connection; pending attachment
// state is thus bounded by MaxAttachments × maxPayload and by that time.
// Namespace names are limited to 256 bytes and ack ids to 2^53-1.
//
// # Disconnect reasons
//
// OnDisconnect receives one of:
//
//	"client namespace disconnect"  the client left the namespace (socket.disconnect())
//	"server namespace disconnect"  Socket.Disconnect; the client sees "io server disconnect" and does not reconnect
//	"transport close"              the client closed the connection
//	"transport error"              the connection broke
//	"ping timeout"                 no pong within pingTimeout
//	"parse error"                  the client violated the protocol (malformed packet, unknown or
//	                               reserved event name, bad attachments, a packet for a namespace it
//	                               has not joined, a second CONNECT, a CONNECT_ERROR); only that
//	                               connection is closed
//	"forced close"                 Socket.Disconnect(true)
//	"forced server close"          no namespace joined within ConnectTimeout
//	"server shutting down"         Server.Shutdown; clients reconnect by themselves
//	"slow client"                  the client did not keep up with what was sent to it
//	"message too big"              a message over maxPayload
//	"too many requests"            the socket's event queue overflowed
//
// # Observing
//
// Server.Observe attaches an Observer, told synchronously of connections,
// sockets, rooms, events both ways, deliveries and acknowledgements:
// runtime/siometrics turns that into Prometheus metrics, runtime/sioadmin
// into the Socket.IO Admin UI's protocol. Nothing observes by default; an
// unobserved server pays one nil check per call site. A namespace's Catalog
// (WithCatalog, declared by generated code) names its events and room
// templates, so that observers label "user:{userId}" and not every user.
// Server.Namespaces, Namespace.LocalSockets, Socket.Transport and
// Server.EngineStats describe the server's state when asked; a cluster
// adapter describes its traffic between nodes as ClusterStats.
//
// Logs go through log/slog: connection events are logged by the
// namespace's logger, whose records carry the attributes namespace and
// socket and a label prefix, e.g. "[Leaderboard] Client connected: abc123"
// (see WithLogLabel, Namespace.Logger, Socket.Logger). Tokens and payloads
// are never logged.
package socketio

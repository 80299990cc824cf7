// Package engineio is an Engine.IO v4 server: the transport layer under
// Socket.IO v5, compatible with the npm engine.io-client 6 (and so with
// socket.io-client 4). It knows nothing of Socket.IO: it carries opaque
// text and binary messages for each client session.
//
// # What it does
//
// A Server is an http.Handler, mounted at any path (Socket.IO uses
// "/socket.io/"). It serves:
//
//   - HTTP long-polling: a GET receives every queued packet joined by 0x1e
//     (binary as "b"+base64); a POST delivers one or more packets. At most
//     one GET and one POST may be outstanding per session.
//   - WebSocket (RFC 6455; the handshake by gorilla/websocket, frames read
//     and written here): one packet per frame, binary messages as binary
//     frames; fragmented client messages are reassembled, control frames
//     answered, and any violation of the framing closes the connection
//     with 1002. No extension is offered. Either opened directly, or as an
//     upgrade of a polling session ("2probe" → "3probe", the pending GET is
//     released with a noop, "5" switches). Packets queued before, during
//     and after an upgrade are delivered exactly once and in order.
//   - Heartbeats: the server pings every PingInterval and closes a session
//     whose pong does not arrive within PingTimeout.
//   - Errors as the reference server answers them: JSON bodies
//     {"code":N,"message":"…"} with 0 "Transport unknown", 1 "Session ID
//     unknown", 2 "Bad handshake method", 3 "Bad request", 4 "Forbidden",
//     5 "Unsupported protocol version"; HTTP 400, 403 for refused origins
//     and AllowRequest, 413 for an oversized POST, 503 while shutting down.
//
// # Concurrency contract
//
// All exported methods are safe for concurrent use. For each session:
//
//   - OnMessage is never called concurrently with itself, and is called in
//     arrival order. It runs on the connection's reader (the WebSocket's
//     reading goroutine, or the POST's handler goroutine), so it should
//     hand work off rather than block.
//   - OnClose is called exactly once, after the last OnMessage returned, on
//     a goroutine of its own; no OnMessage follows it.
//   - Session.Send never blocks on the network: it appends to the session's
//     queue. Messages of one Send are contiguous on the wire.
//   - A WebSocket is read by at most one goroutine at a time, and only
//     while data comes: on Linux an idle connection is parked in an epoll
//     instance (waited on through Go's own network poller), which starts a
//     reader when data arrives; that reader handles every message already
//     received, then parks the connection again. Elsewhere, and for
//     connections that are not plain sockets (TLS terminated in the
//     process), a goroutine reads each WebSocket for its whole life.
//   - One writer at a time writes a WebSocket. On Linux that is the
//     server's flusher: a few goroutines (at most GOMAXPROCS, and only
//     while there is something to write) that write each session with
//     queued messages in one non-blocking write, so a broadcast wakes no
//     goroutine per recipient and every core writes. A session whose
//     socket buffer is full, or that is closing, gets a writer goroutine
//     of its own that waits under WriteTimeout and exits when the queue is
//     empty; elsewhere every session is written that way. So an idle
//     WebSocket session costs no goroutine on Linux. Heartbeats run on one
//     timer per server (ticking at a sixteenth of the shorter of
//     PingInterval and PingTimeout, the most a ping or a timeout is late),
//     the upgrade timeout on a timer per upgrade. A polling session has no
//     goroutine beyond in-flight requests.
//   - A Message is immutable and may be sent to many sessions: its encoding
//     is built once, on first use; a WebSocket frame is that encoding behind
//     a header of a few bytes. The writer sends everything queued in one
//     system call.
//   - A panicking handler is recovered and logged; its session is closed
//     with ReasonTransportError (WebSocket close 1011).
//
// # Limits and defaults
//
// The zero Config is valid; see its fields for every default. In short:
// PingInterval 25s, PingTimeout 20s, UpgradeTimeout 10s, MaxPayload
// 1_000_000 bytes (largest WebSocket message and POST body; advertised to
// clients), WriteQueueLimit 1 MiB per session, WriteTimeout 10s per
// WebSocket write, origins limited to the request's own host. Text frames
// and text packets must be valid UTF-8. Compression is not offered.
//
// # Close reasons and WebSocket close codes
//
//	ReasonTransportClose  "transport close"       1000  client closed or sent a close packet
//	ReasonPingTimeout     "ping timeout"          1000  no pong within PingTimeout
//	ReasonForcedClose     "forced close"          1000  Session.Close by the application
//	ReasonServerShutdown  "server shutting down"  1001  Server.Shutdown
//	ReasonParseError      "parse error"           1002  undecodable packet (1007 if not UTF-8)
//	ReasonTransportError  "transport error"       1002  protocol violation, broken connection (a
//	                                                    pending long-poll's included), overlapping
//	                                                    polling requests (1011: handler panic)
//	ReasonMessageTooBig   "message too big"       1009  message or POST body over MaxPayload
//	ReasonSlowClient      "slow client"           4008  queue over WriteQueueLimit or write timeout
//
// A second WebSocket for a session that is upgrading or upgraded is closed
// with 1008. A polling session closed by the server answers its pending
// GET with a close packet ("1"); a client close packet releases it with a
// noop ("6"), as it does a GET sent together with that close packet.
//
// # Serving
//
// Use an http.Server with ReadHeaderTimeout set, and without a
// WriteTimeout shorter than PingInterval (it would cut long-polls). On
// shutdown call Server.Shutdown before, or together with,
// http.Server.Shutdown: it releases pending long-polls, which the HTTP
// server would otherwise wait for, and it waits for the hijacked
// WebSocket connections, which the HTTP server does not track.
package engineio

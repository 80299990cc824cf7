// Package sioadmin serves the official Socket.IO Admin UI (the npm package
// @socket.io/admin-ui 0.5, hosted at https://admin.socket.io or from the
// package's ui/dist files) from a runtime/socketio Server: it speaks the
// protocol of the package's Node.js `instrument` function on an admin
// namespace, so the unmodified UI shows the Go server's sockets, rooms,
// namespaces, clients and live events, and can make sockets join or leave
// rooms or disconnect them.
//
// It is opt-in and keeps no global state: Instrument turns it on for one
// server.
//
//	hash, _ := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
//	err := sioadmin.Instrument(sockets, sioadmin.Options{Username: "admin", PasswordHash: string(hash)})
//
// # Protocol
//
// The UI connects to the admin namespace ("/admin") with the client's auth
// payload {username, password} or, once logged in, {sessionId}. The
// password is checked against a bcrypt hash; a wrong one is refused with
// CONNECT_ERROR "invalid credentials", which the UI shows on its login
// form. A successful login is answered with `session` (an id valid for 24
// hours on this server, which the UI keeps to reconnect without asking
// again). Then the server sends:
//
//	config               {supportedFeatures}: JOIN, LEAVE, DISCONNECT and their multi-socket
//	                     forms unless ReadOnly; AGGREGATED_EVENTS; ALL_EVENTS unless Production
//	all_sockets          every socket of this process: id, clientId, transport, nsp, data,
//	                     handshake {address, headers, query, issued}, rooms
//	server_stats         every StatsInterval (2s): serverId, hostname, pid, uptime,
//	                     clientsCount, pollingClientsCount, namespaces [{name, socketsCount}],
//	                     aggregatedEvents (per-second counts of rawConnection,
//	                     rawDisconnection by reason, packetsIn/Out and bytesIn/Out: the
//	                     event packets received and queued, not acknowledgements or pings)
//	socket_connected     socket, timestamp
//	socket_updated       {id, nsp, transport} after an upgrade to WebSocket
//	socket_disconnected  nsp, id, reason, timestamp
//	room_joined          nsp, room, id, timestamp
//	room_left            nsp, room, id, timestamp (also for every room a disconnecting socket leaves)
//	event_received       nsp, id, [event, ...args], timestamp
//	event_sent           nsp, id, [event, ...args], timestamp (once per recipient)
//
// and handles the UI's operations, each naming a namespace and an optional
// filter room (a socket id targets one socket):
//
//	join         nsp, room, filter     the sockets in filter (all when absent) join room
//	leave        nsp, room, filter     … leave room (never their own id room)
//	_disconnect  nsp, close, filter    … are disconnected; close also closes their connections
//
// Operations apply to this process's sockets and bypass the application's
// room rules: whoever holds the admin password is trusted with them. In
// ReadOnly mode they are refused with code forbidden; a malformed one gets
// bad_request and an unknown namespace not_found (as an `error` event, or
// the acknowledgement when one was asked for). The `emit` operation is not
// offered: the UI 0.5 has no control for it, and it would send clients
// payloads their schema never allowed.
//
// Production mode (the Node server's mode "production") sends only
// server_stats with aggregated counts: no socket list and no per-socket
// events, so an open UI costs nothing per socket or delivery.
//
// # Cost and privacy
//
// Nothing is collected while no admin UI is connected: each observed call
// costs one atomic load. While one is, in the default mode, every delivery
// of an event is reported to it once per recipient (as the Node server
// does), which multiplies broadcast traffic; prefer Production on busy
// servers. Handshake headers are shown, except the values of Cookie and
// Authorization, which would hand the admin every user's session; a
// socket's data is what Options.SocketData chooses to show, nothing by
// default. Payloads of events are shown as sent.
//
// Password checks run one at a time, so guessing costs the server at most
// one core; the UI's session ids live in this process's memory.
package sioadmin

// Package sioclient is the load client's own minimal Socket.IO v5 / Engine.IO
// v4 codec for text frames over WebSocket. It is written independently of
// the runtime's codecs (runtime/internal/eioproto, sioproto), so that a
// benchmark never has the server's encoder vouch for its own decoder.
//
// It covers what a benchmark client needs and nothing more: the open
// packet, ping/pong, CONNECT to the main namespace, EVENT and ACK packets
// with JSON arguments, and the bench contract's "msg" payload, a flat JSON
// object of numbers and strings.
package sioclient

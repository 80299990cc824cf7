//go:build !linux

package engineio

// poller is Linux-only (epoll); elsewhere each WebSocket keeps a goroutine
// reading it.
type poller struct{}

type pollSlot struct{}

func sharedPoller() *poller { return nil }

func (*poller) arm(*wsConn) error { return errNotPollable }

func (*poller) remove(*wsConn) {}

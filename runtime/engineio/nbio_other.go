//go:build !linux

package engineio

// nonBlockingWrites says that frameConn.tryWrite works here: it does not,
// so each session's writer goroutine writes its queue.
const nonBlockingWrites = false

// tryWrite and tryRead are Linux-only: elsewhere there is no poller, and
// connections are read and written blocking.
func (c *frameConn) tryWrite([]byte) (int, error) { return 0, errNotPollable }

func (c *frameConn) tryRead([]byte) (int, error) { return 0, errNotPollable }

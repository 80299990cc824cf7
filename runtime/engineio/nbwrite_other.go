//go:build !linux

package engineio

// nonBlockingWrites says that frameConn.tryWrite works here: it does not,
// so each session's writer goroutine writes its queue.
const nonBlockingWrites = false

func (c *frameConn) tryWrite([]byte) (int, error) { return 0, errNotPollable }

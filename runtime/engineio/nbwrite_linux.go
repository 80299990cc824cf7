package engineio

import "golang.org/x/sys/unix"

// nonBlockingWrites says that frameConn.tryWrite works here.
const nonBlockingWrites = true

// tryWrite writes what the socket takes now, without waiting: it returns
// how much was written, and EAGAIN when nothing could be. Like Write, it
// never interleaves with another write of c.
func (c *frameConn) tryWrite(b []byte) (n int, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	cerr := c.raw.Control(func(fd uintptr) {
		for {
			n, err = unix.Write(int(fd), b)
			if err != unix.EINTR {
				return
			}
		}
	})
	if n < 0 {
		n = 0
	}
	if cerr != nil {
		return 0, cerr
	}
	return n, err
}

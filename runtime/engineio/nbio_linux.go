package engineio

import (
	"io"

	"golang.org/x/sys/unix"
)

// nonBlockingWrites says that frameConn.tryWrite works here.
const nonBlockingWrites = true

// tryWrite writes what the socket takes now, without waiting: it returns
// how much was written, and EAGAIN when nothing could be. The caller is the
// connection's only writer.
func (c *frameConn) tryWrite(b []byte) (n int, err error) {
	cerr := c.raw.Control(func(fd uintptr) {
		for {
			if n, err = unix.Write(int(fd), b); err != unix.EINTR {
				return
			}
		}
	})
	return max(n, 0), firstError(cerr, err)
}

// tryRead reads what the socket holds now, without waiting: EAGAIN when
// there is nothing, io.EOF once the peer has shut its side down.
func (c *frameConn) tryRead(b []byte) (n int, err error) {
	cerr := c.raw.Control(func(fd uintptr) {
		for {
			if n, err = unix.Read(int(fd), b); err != unix.EINTR {
				return
			}
		}
	})
	if cerr == nil && err == nil && n == 0 {
		return 0, io.EOF
	}
	return max(n, 0), firstError(cerr, err)
}

// firstError returns Control's error (the connection is closed) if any,
// else the system call's.
func firstError(control, call error) error {
	if control != nil {
		return control
	}
	return call
}

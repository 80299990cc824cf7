package socketio

import (
	"net/http"

	"github.com/rtgen/rtgen/runtime/engineio"
)

// engineTransport is the transport of a real Engine.IO session.
type engineTransport struct{ s *engineio.Session }

func (t engineTransport) request() *http.Request { return t.s.Request() }

func (t engineTransport) send(p *Packet) error { return t.s.Send(p.msgs...) }

func (t engineTransport) sendVolatile(p *Packet) bool { return t.s.SendVolatile(p.msgs...) }

func (t engineTransport) close(reason string) { t.s.Close(reason) }

func (t engineTransport) name() string { return t.s.Transport() }

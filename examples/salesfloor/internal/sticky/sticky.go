// Package sticky is the small reverse proxy of the sales floor's cluster demo: it spreads browsers
// over the servers of a cluster and keeps each browser on one server, as Engine.IO's long-polling
// needs (every request of a polling session must reach the server that holds it). A cookie names
// the server, as HAProxy's "cookie … insert" does; WebSocket upgrades go through like any request.
// A server that does not answer loses its browsers to the others.
package sticky

import (
	"errors"
	"log/slog"
	"net/http"
	"net/http/httputil"
	"net/url"
	"sync/atomic"
)

// CookieName is the cookie that names a browser's server.
const CookieName = "salesfloor-node"

// Backend is one server of the cluster.
type Backend struct {
	Name string // its cookie value, e.g. "n1"
	URL  string // e.g. "http://127.0.0.1:8081"
}

// Proxy is the sticky reverse proxy. It is safe for concurrent use.
type Proxy struct {
	backends []*backend
	next     atomic.Uint64
	log      *slog.Logger
}

type backend struct {
	name  string
	proxy *httputil.ReverseProxy
}

// New returns a proxy to backends; a nil logger takes slog.Default().
func New(backends []Backend, log *slog.Logger) (*Proxy, error) {
	if len(backends) == 0 {
		return nil, errors.New("sticky: no backends")
	}
	if log == nil {
		log = slog.Default()
	}
	p := &Proxy{log: log}
	for _, b := range backends {
		target, err := url.Parse(b.URL)
		if err != nil {
			return nil, err
		}
		p.backends = append(p.backends, &backend{name: b.Name, proxy: &httputil.ReverseProxy{
			Rewrite: func(r *httputil.ProxyRequest) {
				r.SetURL(target)
				r.SetXForwarded()
				// The servers check that a browser's Origin is their own site: the proxy's.
				r.Out.Host = r.In.Host
			},
			ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
				p.log.Warn("server "+b.Name+" unreachable: "+err.Error(), "node", b.Name)
				// The browser picks another server with its next request.
				http.SetCookie(w, &http.Cookie{Name: CookieName, Path: "/", MaxAge: -1})
				http.Error(w, "server "+b.Name+" unreachable", http.StatusBadGateway)
			},
		}})
	}
	return p, nil
}

// ServeHTTP forwards r to the browser's server, choosing one in turn for a browser without one.
func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b := p.assigned(r)
	if b == nil {
		b = p.backends[p.next.Add(1)%uint64(len(p.backends))]
		http.SetCookie(w, &http.Cookie{Name: CookieName, Value: b.name, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode})
	}
	b.proxy.ServeHTTP(w, r)
}

// assigned returns the server the request's cookie names, if it is one of ours.
func (p *Proxy) assigned(r *http.Request) *backend {
	c, err := r.Cookie(CookieName)
	if err != nil {
		return nil
	}
	for _, b := range p.backends {
		if b.name == c.Value {
			return b
		}
	}
	return nil
}

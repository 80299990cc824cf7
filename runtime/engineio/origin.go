package engineio

import (
	"net/http"
	"net/url"
	"strings"
)

// originAllowed applies Config.AllowedOrigins to r's Origin header.
func (s *settings) originAllowed(r *http.Request) bool {
	origins := r.Header.Values("Origin")
	if len(origins) == 0 {
		return true // not a browser request
	}
	if len(origins) > 1 {
		return false
	}
	origin := origins[0]
	if s.anyOrigin {
		return true
	}
	if s.origins != nil {
		return s.origins[strings.ToLower(origin)]
	}
	// Same-host policy, as gorilla/websocket's default CheckOrigin.
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return false
	}
	return strings.EqualFold(u.Host, r.Host)
}

// setCORSHeaders adds the CORS response headers for an allowed origin. They
// reflect the request's Origin (even with "*") so that credentialed
// requests (withCredentials) work.
func setCORSHeaders(h http.Header, r *http.Request) {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return
	}
	h.Set("Access-Control-Allow-Origin", origin)
	h.Set("Access-Control-Allow-Credentials", "true")
	h.Add("Vary", "Origin")
}

// servePreflight answers a CORS preflight (OPTIONS) for an allowed origin.
func servePreflight(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	setCORSHeaders(h, r)
	h.Set("Access-Control-Allow-Methods", "GET,POST,OPTIONS")
	if req := r.Header.Get("Access-Control-Request-Headers"); req != "" {
		h.Set("Access-Control-Allow-Headers", req)
		h.Add("Vary", "Access-Control-Request-Headers")
	}
	h.Set("Content-Length", "0")
	w.WriteHeader(http.StatusNoContent)
}

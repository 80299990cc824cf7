// Package auth logs people in: password hashes, server-side sessions named by a random token in an
// HttpOnly cookie, and resolving the session of an HTTP request, which is also how a real-time
// connection is authenticated when it opens.
package auth

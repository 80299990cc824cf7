package main

import (
	"crypto/rand"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"

	"golang.org/x/crypto/bcrypt"

	"github.com/rtgen/rtgen/generated/realtime"
	"github.com/rtgen/rtgen/runtime/sioadmin"
	"github.com/rtgen/rtgen/runtime/socketio"
)

// adminUser is the Admin UI's login name; its password is -admin-password or made up at start.
const adminUser = "admin"

// mountAdmin turns on the Socket.IO Admin UI's protocol on the socket server (namespace /admin,
// basic auth) and serves the official UI's files from o.adminUI at /admin/. It returns the
// password. Missing UI files are logged and explained at /admin/; the namespace works regardless,
// for the UI hosted at https://admin.socket.io.
func mountAdmin(mux *http.ServeMux, sockets *socketio.Server, o options, logger *slog.Logger) (string, error) {
	password := o.adminPassword
	if password == "" {
		password = rand.Text()[:16]
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	if err != nil {
		return "", err
	}
	err = sioadmin.Instrument(sockets, sioadmin.Options{
		Username:     adminUser,
		PasswordHash: string(hash),
		SocketData: func(s *socketio.Socket) any {
			// Who is signed in on the socket; the session cookie itself is never shown.
			if sess, ok := s.Session().(*realtime.Session); ok && sess != nil {
				return sess
			}
			return nil
		},
	})
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(filepath.Join(o.adminUI, "index.html")); err != nil {
		logger.Warn("Admin UI files not found: /admin/ explains how to get them; the /admin namespace works with https://admin.socket.io",
			"dir", o.adminUI, "err", err)
		mux.HandleFunc("/admin/", func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "The Admin UI's files are missing. Install them with `make deps` (npm ci) and start the server from the repository root, or pass -admin-ui <dir of @socket.io/admin-ui/ui/dist>.", http.StatusServiceUnavailable)
		})
		return password, nil
	}
	mux.Handle("/admin/", http.StripPrefix("/admin/", http.FileServerFS(os.DirFS(o.adminUI))))
	return password, nil
}

package sioadmin

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/crypto/bcrypt"

	"github.com/rtgen/rtgen/internal/nodetest"
	"github.com/rtgen/rtgen/runtime/socketio"
)

// chatServer is a small application with the admin namespace on: "/" and
// "/chat", whose sockets sign in with a name, join the lobby and may say
// something to it.
func chatServer(t *testing.T, opts Options) (*socketio.Server, string) {
	t.Helper()
	srv := socketio.NewServer(socketio.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	chat := srv.Of("/chat", socketio.WithAuth(func(ctx context.Context, h *socketio.Handshake) (any, error) {
		var auth struct{ Name string }
		if err := json.Unmarshal(h.Auth, &auth); err != nil || auth.Name == "" {
			return nil, socketio.NewError(socketio.CodeUnauthorized, "who are you?")
		}
		return auth.Name, nil
	}))
	chat.OnConnection(func(ctx context.Context, s *socketio.Socket) { s.Join("lobby") })
	chat.On("say", func(ctx context.Context, s *socketio.Socket, args socketio.Args, ack socketio.AckFunc) {
		var text string
		args.Decode(0, &text)
		chat.To("lobby").Emit("said", s.Session(), text)
	})
	hash, err := bcrypt.GenerateFromPassword([]byte("secret"), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	opts.Username, opts.PasswordHash = "admin", string(hash)
	opts.ServerID = "test-server"
	opts.StatsInterval = 50 * time.Millisecond
	opts.SocketData = func(s *socketio.Socket) any {
		if name, ok := s.Session().(string); ok {
			return map[string]string{"name": name}
		}
		return nil
	}
	if err := Instrument(srv, opts); err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
		hs.Close()
	})
	return srv, hs.URL
}

// The Admin UI's protocol, driven by the real socket.io-client: wrong
// credentials are refused; the right ones get a session, the features, the
// list of sockets (checked against the server's) and statistics; live
// connections, room changes and events are reported; join, leave and
// disconnect act on the server's sockets; a session id lets the UI back in.
func TestAdminProtocol(t *testing.T) {
	srv, url := chatServer(t, Options{})
	script := nodetest.Start(t, "testdata/admin_client.mjs", url, "full")
	const invalid = `"invalid credentials"`
	script.Expect("refused", "["+strings.Join([]string{invalid, invalid, invalid, invalid}, ",")+"]")

	var ids struct{ Ann, Bob, Main, Cy string }
	script.Decode("clients", &ids)
	script.Expect("welcome", `{"order":["session","config","all_sockets","server_stats"],"session":true,
		"config":{"supportedFeatures":["JOIN","LEAVE","DISCONNECT","MJOIN","MLEAVE","MDISCONNECT","AGGREGATED_EVENTS","ALL_EVENTS"]}}`)
	var all struct {
		Admin   string
		Sockets []socketView
	}
	script.Decode("all_sockets", &all)
	checkSocketList(t, srv, all.Sockets, map[string]string{ids.Ann: "ann", ids.Bob: "bob", ids.Main: "main", ids.Cy: "cy", all.Admin: "admin"})
	var stats serverStats
	script.Decode("server_stats", &stats)
	host, _ := os.Hostname()
	if stats.ServerID != "test-server" || stats.Hostname != host || stats.PID != os.Getpid() || stats.Uptime <= 0 {
		t.Errorf("server_stats names %+v", stats)
	}
	// Ann, Bob, Cy's connection and the admin's; Bob polls.
	if stats.ClientsCount != 4 || stats.PollingClientsCount != 1 {
		t.Errorf("server_stats counts %d clients, %d polling", stats.ClientsCount, stats.PollingClientsCount)
	}
	if diff := cmp.Diff([]namespaceView{{"/", 1}, {"/admin", 1}, {"/chat", 3}}, stats.Namespaces); diff != "" {
		t.Errorf("server_stats namespaces (-want +got):\n%s", diff)
	}
	script.Send("")

	script.Expect("live-connect", `{"socket":{"id":true,"transport":"polling","rooms":["self"],"data":{"name":"dee"}},
		"timestamps":true,"joined":["lobby",true],"updated":{"id":true,"nsp":"/chat","transport":"websocket"}}`)
	script.Expect("live-events", `{"received":["/chat",true,["say","hi all"],true],"sent":[
		["/chat",true,["said","ann","hi all"]],["/chat",true,["said","ann","hi all"]],
		["/chat",true,["said","ann","hi all"]],["/chat",true,["said","ann","hi all"]]]}`)
	script.Expect("aggregated", `["bytesIn","bytesOut","packetsIn","packetsOut","rawConnection"]`)

	script.Expect("join", `["/chat","vip","`+ids.Ann+`"]`)
	if rooms := roomsOf(t, srv, "/chat", ids.Ann); !slices.Equal(rooms, sorted(ids.Ann, "lobby", "vip")) {
		t.Errorf("after the join, Ann is in %v", rooms)
	}
	script.Send("")
	script.Expect("join-all", `[true,true,true,true]`)
	script.Expect("leave", `["/chat","vip","ann"]`)
	script.Expect("mistakes", `[
		{"ok":false,"error":{"code":"not_found","message":"no namespace /nope"}},
		{"ok":false,"error":{"code":"bad_request","message":"join and leave take a namespace, a room and an optional room"}},
		{"ok":false,"error":{"code":"bad_request","message":"_disconnect takes a namespace, a boolean and an optional room"}},
		{"ok":true,"data":{"sockets":4}}]`)
	if rooms := roomsOf(t, srv, "/chat", ids.Ann); !slices.Equal(rooms, sorted(ids.Ann, "lobby")) {
		t.Errorf("after leaving vip and everyone, Ann is in %v", rooms)
	}
	script.Send("")

	script.Expect("disconnect", `{"client":"io server disconnect","admin":["/chat",true,"server namespace disconnect",true],"left":[true,true]}`)
	script.Expect("disconnect-close", `["io server disconnect","io server disconnect"]`)
	for nsp, id := range map[string]string{"/chat": ids.Bob, "/": ids.Main} {
		if s, ok := srv.Of(nsp).Socket(id); ok {
			t.Errorf("%s socket %s still connected: %v", nsp, id, s.Rooms())
		}
	}
	if _, ok := srv.Of("/chat").Socket(ids.Cy); ok {
		t.Error("Cy's socket outlived its connection's close")
	}
	script.Send("")
	script.Expect("session-reuse", `false`)
	script.Expect("done", `null`)
}

// checkSocketList compares all_sockets with the server's own sockets: each
// one listed once with its namespace, rooms, transport and data, sockets
// of one connection sharing a client id, the handshake shown without its
// cookie.
func checkSocketList(t *testing.T, srv *socketio.Server, got []socketView, names map[string]string) {
	t.Helper()
	type row struct{ Name, Nsp, Transport, Data, Client string }
	var want, have []row
	for _, n := range srv.Namespaces() {
		for _, s := range n.LocalSockets() {
			data, _ := json.Marshal(map[string]any{"name": s.Session()})
			if n.Name() != "/chat" {
				data = []byte("{}")
			}
			want = append(want, row{names[s.ID()], n.Name(), s.Transport(), string(data), names[clientOwner(srv, s.ClientID(), names)]})
		}
	}
	for _, v := range got {
		data, _ := json.Marshal(v.Data)
		have = append(have, row{names[v.ID], v.Nsp, v.Transport, string(data), names[clientOwner(srv, v.ClientID, names)]})
		s, ok := srv.Of(v.Nsp).Socket(v.ID)
		if !ok {
			t.Errorf("all_sockets lists %s %s, which the server does not know", v.Nsp, v.ID)
			continue
		}
		if !slices.Equal(v.Rooms, s.Rooms()) {
			t.Errorf("all_sockets: %s is in %v, the server says %v", names[v.ID], v.Rooms, s.Rooms())
		}
		h := v.Handshake
		if h.Address != "127.0.0.1" || h.Query["EIO"] != "4" || len(h.Headers) == 0 || time.Since(time.UnixMilli(h.Issued)) > time.Minute {
			t.Errorf("all_sockets: handshake of %s: %+v", names[v.ID], h)
		}
		if cookie, sent := h.Headers["cookie"]; sent != (names[v.ID] == "ann") || (sent && cookie != "(redacted)") {
			t.Errorf("all_sockets: cookie of %s shown as %q", names[v.ID], cookie)
		}
	}
	if diff := cmp.Diff(want, have); diff != "" {
		t.Errorf("all_sockets (-server +listed):\n%s", diff)
	}
}

// clientOwner names a connection by the first named socket on it, so that
// client ids compare across the two lists.
func clientOwner(srv *socketio.Server, clientID string, names map[string]string) string {
	owner := ""
	for _, n := range srv.Namespaces() {
		for _, s := range n.LocalSockets() {
			if s.ClientID() == clientID && (owner == "" || names[s.ID()] < names[owner]) {
				owner = s.ID()
			}
		}
	}
	return owner
}

func roomsOf(t *testing.T, srv *socketio.Server, nsp, id string) []string {
	t.Helper()
	s, ok := srv.Of(nsp).Socket(id)
	if !ok {
		t.Fatalf("no socket %s in %s", id, nsp)
	}
	return s.Rooms()
}

// sorted returns rooms in the order Socket.Rooms lists them.
func sorted(rooms ...string) []string {
	slices.Sort(rooms)
	return rooms
}

// socketID returns the id of the socket of nsp signed in as name.
func socketID(t *testing.T, srv *socketio.Server, nsp, name string) string {
	t.Helper()
	for _, s := range srv.Of(nsp).LocalSockets() {
		if s.Session() == name {
			return s.ID()
		}
	}
	t.Fatalf("nobody signed in as %s in %s", name, nsp)
	return ""
}

// Read-only and production: the UI is offered no operations and refused
// any it sends anyway, and sees statistics but no sockets or events.
func TestReadOnlyProduction(t *testing.T) {
	srv, url := chatServer(t, Options{ReadOnly: true, Production: true})
	script := nodetest.Start(t, "testdata/admin_client.mjs", url, "restricted")
	script.Expect("restricted", `{"config":{"supportedFeatures":["AGGREGATED_EVENTS"]},
		"error":{"code":"forbidden","message":"the admin namespace is read-only","event":"join"},
		"events":["config","error","server_stats","session"],
		"aggregated":["bytesIn","bytesOut","packetsIn","packetsOut","rawConnection"]}`)
	ann := socketID(t, srv, "/chat", "ann")
	if rooms := roomsOf(t, srv, "/chat", ann); !slices.Equal(rooms, sorted(ann, "lobby")) {
		t.Errorf("a read-only join changed Ann's rooms: %v", rooms)
	}
	script.Send("")
	script.Expect("done", `null`)
}

func TestInstrumentNeedsCredentials(t *testing.T) {
	srv := socketio.NewServer(socketio.Config{})
	for opts, want := range map[*Options]string{
		{}:                         "sioadmin: set Options.PasswordHash (a bcrypt hash), or NoAuth to let anyone in",
		{PasswordHash: "changeit"}: "sioadmin: PasswordHash must be a bcrypt hash: crypto/bcrypt: hashedSecret too short to be a bcrypted password",
	} {
		if err := Instrument(srv, *opts); err == nil || err.Error() != want {
			t.Errorf("Instrument(%+v) = %v, want %s", *opts, err, want)
		}
	}
	if err := Instrument(srv, Options{NoAuth: true}); err != nil {
		t.Errorf("NoAuth: %v", err)
	}
}

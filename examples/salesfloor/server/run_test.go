package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	neturl "net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rtgen/rtgen/internal/nodetest"
)

// start runs the server on a free port with a data directory and returns its URL and a stop
// function that waits for a clean exit.
func start(t *testing.T, data string, extra ...string) (string, func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out, outW := io.Pipe()
	code := make(chan int, 1)
	args := append([]string{"-addr", "127.0.0.1:0", "-data", data, "-web", t.TempDir(), "-sim=false", "-typing-delay", "0"}, extra...)
	go func() {
		code <- run(ctx, args, outW, io.Discard)
		outW.Close()
	}()
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		cancel()
		t.Fatalf("no banner: %v (exit %d)", err, <-code)
	}
	go io.Copy(io.Discard, out)
	url := strings.TrimSpace(line[strings.Index(line, "http://"):])
	return url, func() {
		cancel()
		select {
		case c := <-code:
			if c != 0 {
				t.Errorf("exit code %d", c)
			}
		case <-time.After(15 * time.Second):
			t.Error("server did not shut down")
		}
	}
}

func post(t *testing.T, c *http.Client, url, body string, out any) int {
	t.Helper()
	resp, err := c.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			t.Fatal(err)
		}
	}
	return resp.StatusCode
}

func TestRestartKeepsTheLeaderboard(t *testing.T) {
	data := t.TempDir()
	url, stop := start(t, data)
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	if code := post(t, c, url+"/api/login", `{"email":"maya@salesfloor.test","password":"salesfloor"}`, nil); code != 200 {
		t.Fatalf("login %d", code)
	}
	var sale struct {
		NewRank int `json:"newRank"`
	}
	if code := post(t, c, url+"/api/sales", `{"amount":2500000,"customer":"Initech","product":"Enterprise Suite"}`, &sale); code != 201 || sale.NewRank != 1 {
		t.Fatalf("sale %d %+v", code, sale)
	}
	stop()

	url, stop = start(t, data)
	defer stop()
	jar, _ = cookiejar.New(nil)
	c = &http.Client{Jar: jar}
	post(t, c, url+"/api/login", `{"email":"tv@salesfloor.test","password":"salesfloor"}`, nil)
	resp, err := c.Get(url + "/api/leaderboard")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var board struct {
		Rows []struct {
			UserName string  `json:"userName"`
			Value    float64 `json:"value"`
		} `json:"rows"`
	}
	json.NewDecoder(resp.Body).Decode(&board)
	if len(board.Rows) == 0 || board.Rows[0].UserName != "Maya Chen" || board.Rows[0].Value < 2_500_000 {
		t.Fatalf("after restart: %+v", board.Rows)
	}
}

func TestFlags(t *testing.T) {
	for _, args := range [][]string{{"-sim-interval", "0s"}, {"-typing-delay", "-1s"}, {"-recovery-window", "-1s"}, {"stray"}, {"-nope"}} {
		if code := run(context.Background(), args, io.Discard, io.Discard); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if code := run(context.Background(), []string{"-h"}, io.Discard, io.Discard); code != 0 {
		t.Errorf("-h: exit %d", code)
	}
}

// engineIO opens an Engine.IO long-polling session, asks to join a namespace with an auth payload
// (JSON; "" for none) and returns the server's answer to it: the Socket.IO CONNECT (40…) or
// CONNECT_ERROR (44…) packet.
func engineIO(t *testing.T, c *http.Client, url, nsp, auth string) string {
	t.Helper()
	_, answer := openPolling(t, c, url, nsp, auth)
	return answer
}

// polling is an Engine.IO long-polling session.
type polling struct {
	c   *http.Client
	url string
}

// openPolling opens a long-polling session, asks to join a namespace with an auth payload (JSON;
// "" for none), and returns the session with the server's answer.
func openPolling(t *testing.T, c *http.Client, url, nsp, auth string) (*polling, string) {
	t.Helper()
	base := url + "/socket.io/?EIO=4&transport=polling"
	resp, err := c.Get(base)
	if err != nil {
		t.Fatal(err)
	}
	open, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var hs struct{ Sid string }
	if len(open) == 0 || open[0] != '0' || json.Unmarshal(open[1:], &hs) != nil || hs.Sid == "" {
		t.Fatalf("handshake: %d %q", resp.StatusCode, open)
	}
	p := &polling{c: c, url: base + "&sid=" + hs.Sid}
	resp, err = c.Post(p.url, "text/plain;charset=UTF-8", strings.NewReader("40"+nsp+","+auth))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	resp, err = c.Get(p.url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(resp.Body)
	return p, string(answer)
}

func TestSocketsAuthenticateWithTheSessionCookie(t *testing.T) {
	url, stop := start(t, t.TempDir())
	defer stop()
	if got := engineIO(t, &http.Client{}, url, "/leaderboard", ""); got != `44/leaderboard,{"message":"log in first","data":{"code":"unauthorized"}}` {
		t.Fatalf("without a session: %s", got)
	}
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	if code := post(t, c, url+"/api/login", `{"email":"maya@salesfloor.test","password":"salesfloor"}`, nil); code != 200 {
		t.Fatalf("login %d", code)
	}
	if got := engineIO(t, c, url, "/training", ""); !strings.HasPrefix(got, `40/training,{"sid":"`) {
		t.Fatalf("with a session: %s", got)
	}
}

// The demo serves the socket server's metrics, labelled by the schema.
func TestMetricsEndpoint(t *testing.T) {
	url, stop := start(t, t.TempDir())
	defer stop()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	if code := post(t, c, url+"/api/login", `{"email":"maya@salesfloor.test","password":"salesfloor"}`, nil); code != 200 {
		t.Fatalf("login %d", code)
	}
	engineIO(t, c, url, "/training", "")
	wants := []string{
		`socketio_connects_total{namespace="/training"} 1`,
		`socketio_sockets{namespace="/training",transport="polling"} 1`,
		"go_goroutines ",
	}
	// The connect is counted just after its reply goes out: a scrape may come first.
	var body []byte
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		resp, err := c.Get(url + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		body, _ = io.ReadAll(resp.Body)
		resp.Body.Close()
		if containsAll(string(body), wants) || time.Now().After(deadline) {
			break
		}
	}
	for _, want := range wants {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %q:\n%s", want, body)
		}
	}
}

func containsAll(s string, subs []string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}

// The demo serves the Admin UI's files at /admin/, explains at /admin/ when they are missing, and
// lets the UI into the admin namespace with the admin password only.
func TestAdminUI(t *testing.T) {
	ui := t.TempDir()
	if err := os.WriteFile(filepath.Join(ui, "index.html"), []byte("<title>Socket.IO Admin UI</title>"), 0o644); err != nil {
		t.Fatal(err)
	}
	url, stop := start(t, t.TempDir(), "-admin-ui", ui, "-admin-password", "let-me-in")
	defer stop()
	if code, body := get(t, url+"/admin/"); code != 200 || body != "<title>Socket.IO Admin UI</title>" {
		t.Errorf("/admin/: %d %q", code, body)
	}
	if got := engineIO(t, &http.Client{}, url, "/admin", `{"username":"admin","password":"salesfloor"}`); got != `44/admin,{"message":"invalid credentials","data":{"code":"unauthorized"}}` {
		t.Errorf("a wrong password: %s", got)
	}
	if got := engineIO(t, &http.Client{}, url, "/admin", `{"username":"admin","password":"let-me-in"}`); !strings.HasPrefix(got, `40/admin,{"sid":"`) {
		t.Errorf("the admin password: %s", got)
	}

	url, stop2 := start(t, t.TempDir(), "-admin-ui", filepath.Join(ui, "missing"))
	defer stop2()
	if code, body := get(t, url+"/admin/"); code != http.StatusServiceUnavailable || !strings.Contains(body, "-admin-ui") {
		t.Errorf("/admin/ without the files: %d %q", code, body)
	}
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// signIn logs a user in and returns their client and the session cookie, as a header value.
func signIn(t *testing.T, url, email string) (*http.Client, string) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	if code := post(t, c, url+"/api/login", `{"email":"`+email+`","password":"salesfloor"}`, nil); code != 200 {
		t.Fatalf("login %s: %d", email, code)
	}
	u, _ := neturl.Parse(url)
	var cookies []string
	for _, ck := range jar.Cookies(u) {
		cookies = append(cookies, ck.Name+"="+ck.Value)
	}
	return c, strings.Join(cookies, "; ")
}

// A TV display whose network drops while a sale is recorded gets the sale's update when it is back
// (socket.io-client's socket.recovered): the server keeps connection state by default, for
// -recovery-window; with 0 the display starts afresh and the sale's update is lost to it.
func TestConnectionStateRecovery(t *testing.T) {
	for _, tc := range []struct {
		name      string
		args      []string
		recovered bool
		headlines []string
	}{
		{"by default", nil, true, []string{"with Gap Co", "with After Co"}},
		{"-recovery-window 0", []string{"-recovery-window", "0"}, false, []string{"with After Co"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			url, stop := start(t, t.TempDir(), tc.args...)
			defer stop()
			maya, _ := signIn(t, url, "maya@salesfloor.test")
			_, tvCookie := signIn(t, url, "tv@salesfloor.test")
			script := nodetest.Start(t, "testdata/recover.mjs", url, tvCookie)
			script.Expect("joined", "true")
			script.Expect("dropped", "true")
			sale := func(customer string) {
				body := `{"amount":12000,"customer":"` + customer + `","product":"Starter"}`
				if code := post(t, maya, url+"/api/sales", body, nil); code != 201 {
					t.Fatalf("sale: %d", code)
				}
			}
			sale("Gap Co")
			script.Send("go")
			script.Expect("back", fmt.Sprintf(`{"recovered":%t,"sameID":%[1]t}`, tc.recovered))
			sale("After Co")
			script.Send("go")
			var headlines []string
			script.Decode("headlines", &headlines)
			if len(headlines) != len(tc.headlines) {
				t.Fatalf("TV updates after the drop: %q, want ones %q", headlines, tc.headlines)
			}
			for i, want := range tc.headlines {
				if !strings.Contains(headlines[i], want) {
					t.Errorf("TV update %d: %q, want one %q", i, headlines[i], want)
				}
			}
		})
	}
}

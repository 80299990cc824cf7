package main

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rtgen/rtgen/internal/redistest"
)

// Two servers on one database and one Redis are one sales floor: a socket on one hears of a sale
// recorded through the other, and logging out through one closes the session's socket on the
// other. A long-polling request that reaches the wrong server (no sticky session) is refused at
// once with Engine.IO's "Session ID unknown". Each server's /metrics counts the broadcasts and
// disconnections it sent as the other counts them received, with Redis healthy and no error.
func TestClusterOfTwoServers(t *testing.T) {
	addr := redistest.Addr(t)
	data := t.TempDir()
	cluster := []string{"-redis", "redis://" + addr, "-redis-prefix", redistest.Prefix(t, addr)}
	urlA, stopA := start(t, data, append(cluster, "-node", "a")...)
	defer stopA()
	urlB, stopB := start(t, data, append(cluster, "-node", "b")...)
	defer stopB()

	jar, _ := cookiejar.New(nil) // cookies are per host, not port: the session is both servers'
	c := &http.Client{Jar: jar, Timeout: 5 * time.Second}
	if code := post(t, c, urlA+"/api/login", `{"email":"maya@salesfloor.test","password":"salesfloor"}`, nil); code != 200 {
		t.Fatalf("login %d", code)
	}
	poll, answer := openPolling(t, c, urlB, "/leaderboard", "")
	if !strings.HasPrefix(answer, `40/leaderboard,{"sid":`) {
		t.Fatalf("CONNECT on b: %s", answer)
	}

	// The same session id on the other server.
	wrong := strings.Replace(poll.url, urlB, urlA, 1)
	start := time.Now()
	resp, err := c.Get(wrong)
	if err != nil {
		t.Fatalf("polling the wrong server: %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 400 || string(body) != `{"code":1,"message":"Session ID unknown"}` {
		t.Fatalf("polling the wrong server: %d %s", resp.StatusCode, body)
	}
	t.Logf("a polling request on the wrong server was refused in %v", time.Since(start).Round(time.Millisecond))

	if code := post(t, c, urlA+"/api/sales", `{"amount":2500000,"customer":"Initech","product":"Enterprise Suite"}`, nil); code != 201 {
		t.Fatalf("sale %d", code)
	}
	poll.until(t, `42/leaderboard,["rankings:update",`)

	if code := post(t, c, urlA+"/api/logout", ``, nil); code != 204 {
		t.Fatalf("logout %d", code)
	}
	poll.until(t, `41/leaderboard,`)

	// What one node counts sent, the other counts received, once it has read it.
	var a, b map[string]float64
	types := []string{"broadcast", "disconnect_sockets"}
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		a, b = scrape(t, c, urlA), scrape(t, c, urlB)
		if crossed(a, b, types) && crossed(b, a, types) {
			break
		}
	}
	for _, typ := range types {
		sent, received := series("sent", typ), series("received", typ)
		if a[sent] == 0 || a[sent] != b[received] || b[sent] != a[received] {
			t.Errorf("%s: a sent %v and received %v, b sent %v and received %v", typ, a[sent], a[received], b[sent], b[received])
		}
	}
	for name, m := range map[string]map[string]float64{"a": a, "b": b} {
		if m["socketio_cluster_healthy"] != 1 || m[`socketio_cluster_nodes{namespace="/leaderboard"}`] != 1 {
			t.Errorf("%s: healthy %v, nodes %v", name, m["socketio_cluster_healthy"], m[`socketio_cluster_nodes{namespace="/leaderboard"}`])
		}
		for s, v := range m {
			if strings.HasPrefix(s, "socketio_cluster_errors_total") && v != 0 {
				t.Errorf("%s: %s %v", name, s, v)
			}
		}
	}
	t.Logf("a sent %v broadcasts and %v disconnections, b %v and %v", a[series("sent", "broadcast")], a[series("sent", "disconnect_sockets")],
		b[series("sent", "broadcast")], b[series("sent", "disconnect_sockets")])
}

// series names the cluster message counter of a direction and type.
func series(direction, typ string) string {
	return `socketio_cluster_messages_` + direction + `_total{type="` + typ + `"}`
}

// crossed reports whether to has received as many messages of each type as from has sent.
func crossed(from, to map[string]float64, types []string) bool {
	for _, typ := range types {
		if to[series("received", typ)] != from[series("sent", typ)] {
			return false
		}
	}
	return true
}

// scrape returns the samples of the server's /metrics by series, as the text format writes them.
func scrape(t *testing.T, c *http.Client, url string) map[string]float64 {
	t.Helper()
	resp, err := c.Get(url + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	samples := make(map[string]float64)
	for _, line := range strings.Split(string(body), "\n") {
		i := strings.LastIndexByte(line, ' ')
		if line == "" || line[0] == '#' || i < 0 {
			continue
		}
		if v, err := strconv.ParseFloat(line[i+1:], 64); err == nil {
			samples[line[:i]] = v
		}
	}
	return samples
}

// until polls until an Engine.IO packet starting with prefix arrives, answering pings.
func (p *polling) until(t *testing.T, prefix string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for ctx.Err() == nil {
		req, _ := http.NewRequestWithContext(ctx, "GET", p.url, nil)
		resp, err := p.c.Do(req)
		if err != nil {
			continue // a long poll may outlast the client's timeout
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		for _, packet := range strings.Split(string(body), "\x1e") {
			switch {
			case strings.HasPrefix(packet, prefix):
				return
			case packet == "2":
				r, err := p.c.Post(p.url, "text/plain;charset=UTF-8", strings.NewReader("3"))
				if err == nil {
					r.Body.Close()
				}
			}
		}
	}
	t.Fatalf("no %s on %s", prefix, p.url)
}

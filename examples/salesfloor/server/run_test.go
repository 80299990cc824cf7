package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"strings"
	"testing"
	"time"
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
	for _, args := range [][]string{{"-sim-interval", "0s"}, {"-typing-delay", "-1s"}, {"stray"}, {"-nope"}} {
		if code := run(context.Background(), args, io.Discard, io.Discard); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if code := run(context.Background(), []string{"-h"}, io.Discard, io.Discard); code != 0 {
		t.Errorf("-h: exit %d", code)
	}
}

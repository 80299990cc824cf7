// Command server runs the sales floor: the HTTP API, the built web front end and, for demos, a
// simulator that keeps the leaderboard moving.
//
//	go run ./examples/salesfloor/server -addr 127.0.0.1:8080 -data ./data -web examples/salesfloor/web/dist
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Command rtgen-benchserver serves the benchmark contract (see package
// benchserver) on runtime/socketio at /socket.io/. It prints
// "listening <addr>" once it accepts connections and shuts down cleanly on
// SIGTERM or SIGINT. rtgen-bench starts and stops it.
//
//	rtgen-benchserver [-addr 127.0.0.1:0] [-pprof 127.0.0.1:6060] [-metrics] [-recovery]
//	                  [-redis redis://127.0.0.1:6379 -redis-prefix P]
//
// With -metrics, the runtime's Prometheus metrics (runtime/siometrics) are
// on and served at /metrics; with -recovery, connection-state recovery is
// on with its defaults: so that the bench measures what they cost. With
// -redis, the server is one node of a cluster on that Redis
// (runtime/sioredis), its stream, channels and keys named with the prefix.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/redis/go-redis/v9"

	"github.com/rtgen/rtgen/bench/benchserver"
	"github.com/rtgen/rtgen/runtime/siometrics"
	"github.com/rtgen/rtgen/runtime/sioredis"
	"github.com/rtgen/rtgen/runtime/socketio"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "rtgen-benchserver:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("rtgen-benchserver", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:0", "listen address")
	pprofAddr := fs.String("pprof", "", "if set, serve net/http/pprof on this address")
	memRate := fs.Int("memprofilerate", 0, "if set, runtime.MemProfileRate (1 records every allocation)")
	metrics := fs.Bool("metrics", false, "turn the Prometheus metrics on and serve them at /metrics")
	recovery := fs.Bool("recovery", false, "turn connection-state recovery on, with its defaults")
	redisURL := fs.String("redis", "", "if set, run as a node of a cluster on this Redis")
	prefix := fs.String("redis-prefix", "", "prefix of the cluster's Redis stream, channels and keys")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *memRate > 0 {
		runtime.MemProfileRate = *memRate
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	cfg := socketio.Config{Logger: logger}
	if *recovery {
		cfg.Recovery = &socketio.RecoveryConfig{}
	}
	if *redisURL != "" {
		opt, err := redis.ParseURL(*redisURL)
		if err != nil {
			return err
		}
		client := redis.NewClient(opt)
		defer client.Close()
		cluster := sioredis.New(client, sioredis.Options{
			Prefix: *prefix,
			Logger: logger,
		})
		defer cluster.Close()
		cfg.Adapter = cluster.Adapter
	}
	sio := benchserver.New(cfg)
	mux := http.NewServeMux()
	mux.Handle("/socket.io/", sio)
	if *metrics {
		reg := prometheus.NewRegistry()
		reg.MustRegister(siometrics.New(sio, siometrics.Options{}))
		mux.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	}
	hs := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	if *pprofAddr != "" {
		if err := servePprof(*pprofAddr); err != nil {
			return err
		}
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	fmt.Printf("listening %s\n", ln.Addr())

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err = errors.Join(sio.Shutdown(sctx), hs.Shutdown(sctx))
	if errors.Is(err, context.DeadlineExceeded) {
		return nil // the bench kills its clients first; stragglers do not matter
	}
	return err
}

// servePprof serves the profiling endpoints on their own listener, so that
// they never share the benchmarked handler.
func servePprof(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/memstats", serveMemStats)
	go http.Serve(ln, mux)
	return nil
}

// serveMemStats answers the Go runtime's memory statistics as JSON, after a
// garbage collection when the query has gc=1: what the heap and the
// goroutine stacks hold, next to the RSS the bench reads from /proc.
func serveMemStats(w http.ResponseWriter, r *http.Request) {
	if r.URL.Query().Get("gc") == "1" {
		runtime.GC()
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{
		"heapAlloc": m.HeapAlloc, "heapInuse": m.HeapInuse, "heapIdle": m.HeapIdle, "heapReleased": m.HeapReleased,
		"stackInuse": m.StackInuse, "sys": m.Sys, "numGC": m.NumGC, "goroutines": runtime.NumGoroutine(),
		"nextGC": m.NextGC,
	})
}

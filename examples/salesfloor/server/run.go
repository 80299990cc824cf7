package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/redis/go-redis/v9"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/api"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/auth"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/demo"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/floor"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/realtimelive"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/sim"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/spa"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/store"
	"github.com/rtgen/rtgen/runtime/siometrics"
	"github.com/rtgen/rtgen/runtime/sioredis"
	"github.com/rtgen/rtgen/runtime/socketio"
)

// options are the command-line flags.
type options struct {
	addr           string
	data           string
	web            string
	demo           bool
	simulate       bool
	simInterval    time.Duration
	typingDelay    time.Duration
	secureCookie   bool
	recoveryWindow time.Duration
	verbose        bool
	adminUI        string
	adminPassword  string
	redis          string
	redisPrefix    string
	node           string
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("server", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.addr, "addr", "127.0.0.1:8080", "listen address (port 0 picks a free one)")
	fs.StringVar(&o.data, "data", "./data", "data directory for the SQLite database")
	fs.StringVar(&o.web, "web", "examples/salesfloor/web/dist", "directory of the built web front end")
	fs.BoolVar(&o.demo, "demo", true, "seed an empty database with demo users and offer their logins")
	fs.BoolVar(&o.simulate, "sim", true, "simulate sales and quiz completions")
	fs.DurationVar(&o.simInterval, "sim-interval", sim.DefaultInterval, "time between simulated events")
	fs.DurationVar(&o.typingDelay, "typing-delay", 900*time.Millisecond, "how long the coach shows as typing before replying")
	fs.BoolVar(&o.secureCookie, "secure-cookie", false, "mark the session cookie Secure (serve over HTTPS)")
	fs.DurationVar(&o.recoveryWindow, "recovery-window", socketio.DefaultMaxDisconnectionDuration,
		"how long a dropped connection may come back with every event it missed (0 turns connection-state recovery off)")
	fs.BoolVar(&o.verbose, "v", false, "log debug messages, including every real-time notification")
	fs.StringVar(&o.adminUI, "admin-ui", "node_modules/@socket.io/admin-ui/ui/dist", "directory of the Socket.IO Admin UI's files, served at /admin/")
	fs.StringVar(&o.adminPassword, "admin-password", "", "the Admin UI's password for user "+adminUser+" (default: a new one each start, printed)")
	fs.StringVar(&o.redis, "redis", "", "Redis URL (redis://host:port) shared with the other servers of a cluster; empty: this process alone")
	fs.StringVar(&o.redisPrefix, "redis-prefix", "", "prefix of the cluster's Redis stream, channels and keys (every node of a cluster uses the same)")
	fs.StringVar(&o.node, "node", "", "this server's name in its logs (with -redis; default: its listen address)")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	if o.simInterval <= 0 {
		return o, errors.New("-sim-interval must be positive")
	}
	if o.typingDelay < 0 {
		return o, errors.New("-typing-delay must not be negative")
	}
	if o.recoveryWindow < 0 {
		return o, errors.New("-recovery-window must not be negative (0 turns recovery off)")
	}
	return o, nil
}

// run starts the server and blocks until ctx is cancelled (SIGINT/SIGTERM), then shuts down
// gracefully. It returns the process exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	o, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "server:", err)
		return 2
	}
	level := slog.LevelInfo
	if o.verbose {
		level = slog.LevelDebug
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	if o.redis != "" {
		if o.node == "" {
			o.node = o.addr
		}
		logger = logger.With("node", o.node)
	}
	if err := serve(ctx, o, stdout, logger); err != nil {
		logger.Error("server failed", "err", err)
		return 1
	}
	return 0
}

func serve(ctx context.Context, o options, stdout io.Writer, logger *slog.Logger) error {
	st, err := store.Open(ctx, o.data)
	if err != nil {
		return err
	}
	defer st.Close()
	if o.demo {
		seeded, err := demo.Seed(ctx, st, time.Now(), 0)
		if err != nil {
			return fmt.Errorf("seed demo data: %w", err)
		}
		if seeded {
			logger.Info("seeded demo data", "db", st.Path())
		}
	}

	sessions, err := auth.NewManager(st)
	if err != nil {
		return err
	}
	sessions.SecureCookie = o.secureCookie
	// With -redis, this server is one node of a cluster: broadcasts, queries and sign-outs reach the
	// sockets of every node, and the metrics count its traffic with the others.
	var adapter socketio.AdapterFactory
	var metricsOpts siometrics.Options
	if o.redis != "" {
		cluster, closeCluster, err := joinCluster(o, logger)
		if err != nil {
			return err
		}
		defer closeCluster()
		adapter = cluster.Adapter
		metricsOpts.Cluster = cluster
	}
	// The socket server accepts browsers of this site only (the Engine.IO layer's default), and a
	// socket carries the session of the cookie its handshake sent.
	cfg := socketConfig(o, logger)
	cfg.Adapter = adapter
	sockets := socketio.NewServer(cfg)
	rt, err := realtimelive.New(sockets, realtimelive.Config{Sessions: sessions, Logger: logger})
	if err != nil {
		return err
	}
	f := floor.New(floor.Config{Store: st, Notifier: rt, Presence: rt, TypingDelay: o.typingDelay, Logger: logger})
	rt.Bind(f)
	a := &api.Server{Floor: f, Auth: sessions, SignedOut: rt.SignedOut, Logger: logger}
	if o.demo {
		a.DemoLogins, a.DemoPassword = demo.Logins(), demo.Password
	}

	// Prometheus metrics of the socket server, and of the process.
	metrics := prometheus.NewRegistry()
	metrics.MustRegister(siometrics.New(sockets, metricsOpts),
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))

	mux := http.NewServeMux()
	mux.Handle("/api/", a.Handler())
	mux.Handle("/socket.io/", sockets)
	mux.Handle("/metrics", promhttp.HandlerFor(metrics, promhttp.HandlerOpts{}))
	adminPassword, err := mountAdmin(mux, sockets, o, logger)
	if err != nil {
		return err
	}
	mux.Handle("/", spa.Handler(o.web))
	srv := &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return err
	}
	banner(stdout, "http://"+ln.Addr().String(), o, adminPassword)

	var wg sync.WaitGroup
	simCtx, stopSim := context.WithCancel(ctx)
	defer stopSim()
	if o.simulate {
		s := sim.New(sim.Config{Floor: f, Interval: o.simInterval, Logger: logger})
		wg.Go(func() { s.Run(simCtx) })
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()

	select {
	case err := <-errc:
		stopSim()
		wg.Wait()
		return errors.Join(err, sockets.Shutdown(context.Background()), rt.Close(context.Background()))
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	stopSim()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	// Sockets first: clients are told the server is going away (they reconnect by themselves) and
	// no new message starts a reply; then the replies in preparation finish; then HTTP.
	err = errors.Join(sockets.Shutdown(shutdownCtx), rt.Close(shutdownCtx), srv.Shutdown(shutdownCtx))
	wg.Wait()
	if serveErr := <-errc; !errors.Is(serveErr, http.ErrServerClosed) {
		err = errors.Join(err, serveErr)
	}
	return err
}

// socketConfig is the socket server's configuration: connection-state recovery is on unless
// -recovery-window is 0, so a screen whose network blips gets back every event it missed instead
// of refetching everything.
func socketConfig(o options, logger *slog.Logger) socketio.Config {
	c := socketio.Config{Logger: logger}
	if o.recoveryWindow > 0 {
		c.Recovery = &socketio.RecoveryConfig{MaxDisconnectionDuration: o.recoveryWindow}
	}
	return c
}

// joinCluster connects to the Redis of o.redis and returns the cluster the socket server joins,
// and what closes both once the socket server is shut down. Redis may be away: the server serves its
// own clients meanwhile, and the cluster logs the outage once.
func joinCluster(o options, logger *slog.Logger) (*sioredis.Cluster, func(), error) {
	opt, err := redis.ParseURL(o.redis)
	if err != nil {
		return nil, nil, fmt.Errorf("-redis: %w", err)
	}
	// go-redis would log every failed dial of an outage; the cluster logs it once.
	redis.SetLogger(redisLog{logger})
	client := redis.NewClient(opt)
	cluster := sioredis.New(client, sioredis.Options{
		Prefix: o.redisPrefix,
		Logger: logger,
	})
	logger.Info("joining the cluster on Redis " + opt.Addr)
	return cluster, func() {
		cluster.Close()
		client.Close()
	}, nil
}

// redisLog routes go-redis's own messages to the debug log.
type redisLog struct{ l *slog.Logger }

func (r redisLog) Printf(_ context.Context, format string, v ...any) {
	r.l.Debug("redis: " + fmt.Sprintf(format, v...))
}

// banner prints where the app runs and how to log in.
func banner(w io.Writer, url string, o options, adminPassword string) {
	fmt.Fprintf(w, "Sales floor running at %s\n", url)
	if o.redis != "" {
		fmt.Fprintf(w, "  Node %s of the cluster on %s\n", o.node, o.redis)
	}
	fmt.Fprintf(w, "  TV display: %s/tv\n", url)
	fmt.Fprintf(w, "  Metrics: %s/metrics\n", url)
	fmt.Fprintf(w, "  Admin UI: %s/admin/ (server URL %s, user %s, password %s)\n", url, url, adminUser, adminPassword)
	if o.simulate {
		fmt.Fprintf(w, "  Simulator: a sale or quiz every %s\n", o.simInterval)
	}
	if o.recoveryWindow > 0 {
		fmt.Fprintf(w, "  Connection-state recovery: for %s after a drop\n", o.recoveryWindow)
	} else {
		fmt.Fprintf(w, "  Connection-state recovery: off\n")
	}
	if !o.demo {
		return
	}
	fmt.Fprintf(w, "\nDemo logins (password %q):\n", demo.Password)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, l := range demo.Logins() {
		if l.Role == "rep" && l.Email != demo.Logins()[0].Email {
			continue
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", l.Email, l.Name, l.Title)
	}
	tw.Flush()
	fmt.Fprintf(w, "  …and every rep: <first name>@salesfloor.test\n\n")
}

// Command cluster runs the sales floor as a cluster on one machine: several servers on one database
// and one Redis, behind a sticky reverse proxy on one address, each server logging its node name.
//
//	go run ./examples/salesfloor/cluster -addr 127.0.0.1:8080 -data examples/salesfloor/data
//
// It uses the Redis answering at 127.0.0.1:6379, or starts redis-server on a free port (-redis
// names another). The first server runs the simulator. SIGINT or SIGTERM stops everything.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"syscall"
	"time"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/sticky"
	"github.com/rtgen/rtgen/internal/childproc"
	"github.com/rtgen/rtgen/internal/redisserver"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "cluster:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("cluster", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8080", "the proxy's listen address")
	data := fs.String("data", "./data", "data directory of the shared SQLite database")
	web := fs.String("web", "examples/salesfloor/web/dist", "directory of the built web front end")
	nodes := fs.Int("nodes", 3, "how many servers")
	redisURL := fs.String("redis", "", "Redis URL; empty: the Redis at 127.0.0.1:6379, else one started here")
	server := fs.String("server", "", "the server binary; empty: built from ./examples/salesfloor/server")
	if err := fs.Parse(args); err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, nil)).With("node", "proxy")

	tmp, err := os.MkdirTemp("", "salesfloor-cluster-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if *server == "" {
		*server = filepath.Join(tmp, "server")
		build := exec.CommandContext(ctx, "go", "build", "-o", *server, "./examples/salesfloor/server")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("building the server: %w", err)
		}
	}
	if *redisURL == "" {
		if redisserver.Ping(redisserver.DefaultAddr, 300*time.Millisecond) == nil {
			*redisURL = "redis://" + redisserver.DefaultAddr
		} else {
			r, err := redisserver.Start(tmp)
			if err != nil {
				return err
			}
			defer r.Kill()
			*redisURL = "redis://" + r.Addr
			log.Info("started redis-server at " + r.Addr)
		}
	}

	// The first server seeds an empty database; the others start once it is up.
	var backends []sticky.Backend
	var procs []*node
	defer func() {
		for _, p := range procs {
			p.stop()
		}
	}()
	for i := range *nodes {
		name := fmt.Sprintf("n%d", i+1)
		p, err := startNode(*server, name, "-addr", "127.0.0.1:0", "-data", *data, "-web", *web,
			"-redis", *redisURL, "-node", name, fmt.Sprintf("-sim=%t", i == 0))
		if err != nil {
			return err
		}
		procs = append(procs, p)
		backends = append(backends, sticky.Backend{Name: name, URL: p.url})
	}
	proxy, err := sticky.New(backends, log)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: proxy, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	fmt.Printf("Sales floor cluster running at http://%s: %d servers on Redis %s\n", ln.Addr(), len(procs), *redisURL)
	for _, p := range procs {
		fmt.Printf("  %s  %s\n", p.name, p.url)
	}
	fmt.Printf("  TV display: http://%s/tv\n  Demo logins as with make demo, e.g. maya@salesfloor.test (password salesfloor)\n", ln.Addr())

	select {
	case <-ctx.Done():
	case p := <-exited(procs):
		log.Error("server " + p.name + " exited; stopping the cluster")
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return srv.Shutdown(shutdown)
}

// node is one server process.
type node struct {
	name string
	url  string
	proc *childproc.Process
}

var urlLine = regexp.MustCompile(`running at (http://\S+)`)

// startNode starts a server and waits for the URL it prints. Its logs go to stderr (each line names
// the node); its other output is dropped.
func startNode(bin, name string, args ...string) (*node, error) {
	cmd := exec.Command(bin, args...)
	cmd.Stderr = os.Stderr
	proc, url, err := childproc.Start(cmd, urlLine, 60*time.Second)
	if err != nil {
		return nil, fmt.Errorf("server %s: %w", name, err)
	}
	return &node{name: name, url: url, proc: proc}, nil
}

// stop asks the server to shut down (SIGTERM) and waits, killing it after 15 seconds.
func (n *node) stop() { n.proc.Stop() }

// exited reports the first server that exits.
func exited(procs []*node) <-chan *node {
	ch := make(chan *node, len(procs))
	for _, p := range procs {
		go func() {
			<-p.proc.Done()
			ch <- p
		}()
	}
	return ch
}

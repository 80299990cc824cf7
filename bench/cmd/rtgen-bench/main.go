// Command rtgen-bench measures the rtgen Go runtime against Node socket.io
// 4.8 side by side: it starts each bench server in turn, drives load client
// worker processes against it, and writes the results (JSON and Markdown),
// the chart, and the results section of docs/benchmarks.md.
//
//	rtgen-bench [-quick] [-reps N] [-servers go,go-metrics,go-recovery,node,go-cluster,node-cluster]
//	            [-sizes 1000,10000]
//	            [-idle-sizes 19500] [-spread 100000] [-spread-nodes 6]
//	            [-out bench/results] [-docs docs/benchmarks.md]
//	            [-chart docs/benchmarks.png] [-profile DIR] [-goserver BIN]
//
// Run it from the repository root (make bench does). "rtgen-bench worker"
// is the load client process it starts itself.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"strings"

	"github.com/rtgen/rtgen/bench/loadclient"
	"github.com/rtgen/rtgen/bench/runner"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "worker" {
		// RTGEN_BENCH_WORKER_PROFILE=prefix profiles each worker's CPU into
		// prefix.<pid>.pb.gz: the load client shares the machine, so its
		// cost is worth knowing too.
		if prefix := os.Getenv("RTGEN_BENCH_WORKER_PROFILE"); prefix != "" {
			if f, err := os.Create(fmt.Sprintf("%s.%d.pb.gz", prefix, os.Getpid())); err == nil {
				pprof.StartCPUProfile(f)
				defer pprof.StopCPUProfile()
			}
		}
		if err := loadclient.Run(os.Stdin, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "rtgen-bench worker:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "rtgen-bench:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("rtgen-bench", flag.ContinueOnError)
	quick := fs.Bool("quick", false, "a short run: one repetition, 1k and 10k clients, 5s phases")
	reps := fs.Int("reps", 0, "repetitions (0: 3, or 1 with -quick)")
	servers := fs.String("servers", "go,go-metrics,go-recovery,node,go-cluster,node-cluster",
		"servers to measure, in order (go-metrics, go-recovery: the Go server with Prometheus metrics, connection-state recovery on; "+
			"go-cluster, node-cluster: two servers on one Redis)")
	sizes := fs.String("sizes", "", "client counts with fan-out phases (default 1000,5000,10000; quick 1000,10000); \"none\" for none")
	idleSizes := fs.String("idle-sizes", "", "client counts with connect and idle memory only (default 19500; quick none); \"none\" for none")
	spread := fs.Int("spread", -1, "clients of the spread case, many connections across many cluster servers, for each cluster kind of -servers (default 100000; quick 0); 0 for none")
	spreadNodes := fs.Int("spread-nodes", 0, "servers of the spread case (default 6)")
	out := fs.String("out", filepath.Join("bench", "results"), "directory for results.json and results.md")
	docs := fs.String("docs", filepath.Join("docs", "benchmarks.md"), "document whose results section is rewritten (\"\" for none)")
	chart := fs.String("chart", filepath.Join("docs", "benchmarks.png"), "chart PNG to write (\"\" for none)")
	profile := fs.String("profile", "", "directory for CPU, heap and goroutine profiles of the Go server")
	goServer := fs.String("goserver", "", "rtgen-benchserver binary (default: built into a temporary directory)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg := runner.Default()
	if *quick {
		cfg = runner.Quick()
	}
	if *reps > 0 {
		cfg.Reps = *reps
	}
	cfg.Servers = strings.Split(*servers, ",")
	var err error
	switch *sizes {
	case "":
	case "none":
		cfg.FanoutSize = nil
	default:
		if cfg.FanoutSize, err = parseInts(*sizes); err != nil {
			return err
		}
	}
	switch *idleSizes {
	case "":
	case "none":
		cfg.IdleSizes = nil
	default:
		if cfg.IdleSizes, err = parseInts(*idleSizes); err != nil {
			return err
		}
	}
	if *spread >= 0 {
		cfg.Spread.Clients = *spread
	}
	if *spreadNodes > 0 {
		cfg.Spread.Nodes = *spreadNodes
	}
	if cfg.RepoRoot, err = repoRoot(); err != nil {
		return err
	}
	if cfg.Exe, err = os.Executable(); err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(cfg.RepoRoot, "node_modules", "socket.io", "package.json")); err != nil {
		return errors.New("node_modules/socket.io is missing: run `make deps` first")
	}
	cfg.GoServer = *goServer
	if cfg.GoServer == "" {
		tmp, err := os.MkdirTemp("", "rtgen-bench")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		cfg.GoServer = filepath.Join(tmp, "rtgen-benchserver")
		build := exec.Command("go", "build", "-o", cfg.GoServer, "./bench/cmd/rtgen-benchserver")
		build.Dir, build.Stdout, build.Stderr = cfg.RepoRoot, os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("building the Go bench server: %w", err)
		}
	}
	if *profile != "" {
		if err := os.MkdirAll(*profile, 0o755); err != nil {
			return err
		}
		cfg.ProfileDir = *profile
	}
	cfg.Log = os.Stderr

	res, err := runner.Run(cfg)
	if err != nil {
		return err
	}
	return runner.Write(res, runner.Outputs{Dir: *out, Docs: *docs, Chart: *chart})
}

func parseInts(s string) ([]int, error) {
	var out []int
	for f := range strings.SplitSeq(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("bad client count %q", f)
		}
		out = append(out, n)
	}
	return out, nil
}

// repoRoot walks up from the working directory to the directory holding
// go.mod.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory: run from the repository")
		}
		dir = parent
	}
}

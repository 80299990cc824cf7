// Package cli is the rtgen command line: it parses arguments, runs the
// generation pipeline and the contract tools in memory, and writes, or
// compares, their output. Each command lives in its own file.
package cli

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/rtgen/rtgen/internal/schema"
)

// Version is rtgen's version, printed by --version.
const Version = "0.1.0"

// DefaultSchema is the schema file used when none is named.
const DefaultSchema = "schema/events.yaml"

// Exit statuses.
const (
	exitOK    = 0
	exitFound = 1 // check found stale files; breaking found breaking changes
	exitError = 2
)

// command is one rtgen command.
type command struct {
	name string
	// args is the synopsis after the name: "[schema]".
	args string
	// summary is the one-line description in rtgen --help.
	summary string
	// help is the rest of the command's --help text.
	help string
	// setup declares the command's flags on fs and returns what runs it
	// with the positional arguments, once the flags are parsed.
	setup func(fs *flag.FlagSet) func(r *run, args []string) int
}

// commands are listed in rtgen --help in this order.
var commands = []*command{initCmd, generateCmd, checkCmd, breakingCmd, asyncapiCmd, schemaJSONCmd}

func lookup(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

func usage() string {
	var b strings.Builder
	b.WriteString(`rtgen turns a real-time event schema into a typed Go server SDK and a
TypeScript/React client SDK that cannot drift apart, and checks changes to it.

Usage:
`)
	for _, c := range commands {
		fmt.Fprintf(&b, "  %-44s %s\n", "rtgen [-C dir] "+c.name+" "+c.args, c.summary)
	}
	fmt.Fprintf(&b, "  %-44s %s\n", "rtgen <command> --help", "show a command's help")
	fmt.Fprintf(&b, "  %-44s %s\n", "rtgen --version", "print the version")
	b.WriteString(`
schema defaults to ` + DefaultSchema + ` in the project directory. The
project directory, which the schema's output directories are relative to,
is dir with -C; otherwise the nearest directory at or above the current one
that holds go.mod (so that go generate works from any package directory),
or the current directory. A relative schema path starts from the current
directory, or from dir with -C.

Exit status: 0 on success, 1 when check finds stale files or breaking finds
breaking changes, 2 on a usage or schema error.
`)
	return b.String()
}

// run is one invocation: where it works and where it writes.
type run struct {
	dir            string // -C, "" when not given
	stdin          io.Reader
	stdout, stderr io.Writer
}

// Run runs rtgen with args (without the program name) and returns the exit
// status. It never calls os.Exit.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("rtgen", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	dir := fs.String("C", "", "")
	help := fs.Bool("help", false, "")
	fs.BoolVar(help, "h", false, "")
	version := fs.Bool("version", false, "")
	if err := fs.Parse(args); err != nil {
		fmt.Fprintf(stderr, "rtgen: %v\n\n%s", err, usage())
		return exitError
	}
	switch {
	case *help:
		fmt.Fprint(stdout, usage())
		return exitOK
	case *version:
		fmt.Fprintf(stdout, "rtgen %s\n", Version)
		return exitOK
	}
	rest := fs.Args()
	if len(rest) == 0 {
		fmt.Fprintf(stderr, "rtgen: no command given\n\n%s", usage())
		return exitError
	}
	name, rest := rest[0], rest[1:]
	if name == "help" {
		if len(rest) == 1 && lookup(rest[0]) != nil {
			fmt.Fprint(stdout, lookup(rest[0]).usage())
			return exitOK
		}
		fmt.Fprint(stdout, usage())
		return exitOK
	}
	c := lookup(name)
	if c == nil {
		fmt.Fprintf(stderr, "rtgen: unknown command %q\n\n%s", name, usage())
		return exitError
	}
	r := &run{dir: *dir, stdin: stdin, stdout: stdout, stderr: stderr}
	return c.parseAndRun(r, rest)
}

func (c *command) usage() string {
	return "Usage: rtgen [-C dir] " + c.name + " " + c.args + "\n\n" + c.help
}

// parseAndRun reads the command's flags (anywhere among its arguments) and
// runs it.
func (c *command) parseAndRun(r *run, args []string) int {
	fs := flag.NewFlagSet("rtgen "+c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	help := fs.Bool("help", false, "")
	fs.BoolVar(help, "h", false, "")
	runCmd := c.setup(fs)
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			fmt.Fprintf(r.stderr, "rtgen %s: %v\n\n%s", c.name, err, c.usage())
			return exitError
		}
		if *help {
			fmt.Fprint(r.stdout, c.usage())
			return exitOK
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
	return runCmd(r, positional)
}

// schemaArg resolves the project and the one optional schema argument
// and loads that schema, printing what goes wrong.
func (r *run) schemaArg(cmd string, args []string) (project, schemaFile, *schema.Schema, bool) {
	p, f, ok := r.schemaPath(cmd, args)
	if !ok {
		return project{}, schemaFile{}, nil, false
	}
	s, ok := r.load(f)
	return p, f, s, ok
}

// schemaPath resolves the project and the one optional schema argument,
// printing what goes wrong.
func (r *run) schemaPath(cmd string, args []string) (project, schemaFile, bool) {
	if len(args) > 1 {
		fmt.Fprintf(r.stderr, "rtgen %s: expected at most one schema file, got %d arguments\n", cmd, len(args))
		return project{}, schemaFile{}, false
	}
	p, err := findProject(r.dir)
	if err != nil {
		fmt.Fprintf(r.stderr, "rtgen %s: %v\n", cmd, err)
		return project{}, schemaFile{}, false
	}
	return p, p.schemaFile(strings.Join(args, "")), true
}

// load reads and parses a schema file; errors (a schema.ErrorList or a
// read error) are printed.
func (r *run) load(f schemaFile) (*schema.Schema, bool) {
	src, err := os.ReadFile(f.path)
	if err != nil {
		fmt.Fprintf(r.stderr, "rtgen: %v\n", err)
		return nil, false
	}
	s, err := schema.Parse(f.name, src)
	if err != nil {
		fmt.Fprintln(r.stderr, err)
		return nil, false
	}
	return s, true
}

// Package cli is the rtgen command line: it parses arguments, runs the
// generation pipeline in memory and writes, or compares, its output.
package cli

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/rtgen/rtgen/internal/codegen"
)

// Version is rtgen's version, printed by --version.
const Version = "0.1.0"

// DefaultSchema is the schema file used when none is named.
const DefaultSchema = "schema/events.yaml"

const usage = `rtgen turns a real-time event schema into a typed Go server SDK and a
TypeScript/React client SDK that cannot drift apart.

Usage:
  rtgen [-C dir] generate [schema]   write the code the schema's output section declares
  rtgen [-C dir] check [schema]      exit 1, with a diff, when generated code is stale
  rtgen --help                       show this help
  rtgen --version                    print the version

schema defaults to ` + DefaultSchema + `. The schema path and the output
directories it declares are relative to the project directory: the current
directory, or dir with -C.

Exit status: 0 on success, 1 when check finds stale files, 2 on a usage or
schema error.
`

// Exit statuses.
const (
	exitOK    = 0
	exitStale = 1
	exitError = 2
)

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
		fmt.Fprintf(stderr, "rtgen: %v\n\n%s", err, usage)
		return exitError
	}
	switch {
	case *help:
		fmt.Fprint(stdout, usage)
		return exitOK
	case *version:
		fmt.Fprintf(stdout, "rtgen %s\n", Version)
		return exitOK
	}
	rest := fs.Args()
	if len(rest) == 0 {
		fmt.Fprintf(stderr, "rtgen: no command given\n\n%s", usage)
		return exitError
	}
	cmd, rest := rest[0], rest[1:]
	if cmd == "help" {
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	if cmd != "generate" && cmd != "check" {
		fmt.Fprintf(stderr, "rtgen: unknown command %q\n\n%s", cmd, usage)
		return exitError
	}
	if len(rest) > 1 {
		fmt.Fprintf(stderr, "rtgen %s: expected at most one schema file, got %d arguments\n", cmd, len(rest))
		return exitError
	}
	schemaPath := DefaultSchema
	if len(rest) == 1 {
		schemaPath = rest[0]
	}
	root := *dir
	if root == "" {
		root = "."
	}
	out, err := codegen.GenerateFile(root, schemaPath)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitError
	}
	if cmd == "generate" {
		if err := out.Write(root); err != nil {
			fmt.Fprintf(stderr, "rtgen: %v\n", err)
			return exitError
		}
		return exitOK
	}
	diff, err := out.Check(os.DirFS(root))
	if err != nil {
		fmt.Fprintf(stderr, "rtgen: %v\n", err)
		return exitError
	}
	if diff != "" {
		fmt.Fprint(stdout, diff)
		fmt.Fprintf(stderr, "rtgen check: generated code is stale; run `rtgen generate %s`\n", schemaPath)
		return exitStale
	}
	return exitOK
}

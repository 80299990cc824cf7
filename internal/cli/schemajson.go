package cli

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/rtgen/rtgen/internal/schema"
)

var schemaJSONCmd = &command{
	name:    "schema-json",
	args:    "[-o file]",
	summary: "write the JSON Schema of the schema format, for editors",
	help: `Writes a JSON Schema (draft-07) of rtgen's schema format to standard
output, or to file with -o (relative to the current directory, or to dir
with -C). With it, an editor running the YAML language server (VS Code's
YAML extension) completes keys, shows their docs and flags unknown keys as
you type. Point a schema file at it with its first line:

  # yaml-language-server: $schema=../docs/rtgen.schema.json

It checks the file's shape; rtgen generate checks the rest.
`,
	setup: func(fs *flag.FlagSet) func(*run, []string) int {
		out := fs.String("o", "", "")
		return func(r *run, args []string) int { return r.writeDoc("schema-json", *out, args, schema.JSONSchema()) }
	},
}

// writeDoc writes a document a command made to standard output, or to
// the file named with -o.
func (r *run) writeDoc(cmd, out string, args []string, doc []byte) int {
	if len(args) > 0 {
		fmt.Fprintf(r.stderr, "rtgen %s: unexpected argument %q\n", cmd, args[0])
		return exitError
	}
	if out == "" {
		r.stdout.Write(doc)
		return exitOK
	}
	p, err := findProject(r.dir)
	if err != nil {
		fmt.Fprintf(r.stderr, "rtgen %s: %v\n", cmd, err)
		return exitError
	}
	if !filepath.IsAbs(out) {
		out = filepath.Join(p.base, out)
	}
	if err := os.WriteFile(out, doc, 0o644); err != nil {
		fmt.Fprintf(r.stderr, "rtgen %s: %v\n", cmd, err)
		return exitError
	}
	return exitOK
}

package cli

import (
	"flag"
	"fmt"
	"os"

	"github.com/rtgen/rtgen/internal/codegen"
)

var generateCmd = &command{
	name:    "generate",
	args:    "[schema]",
	summary: "write the code the schema's output section declares",
	help: `Generates the Go server SDK and the TypeScript client SDK the schema's
output section asks for, into directories relative to the project directory,
and removes generated files those directories no longer need. Files whose
content is unchanged are not rewritten.

schema defaults to ` + DefaultSchema + ` in the project directory; see
rtgen --help for how the project directory is found.
`,
	setup: func(*flag.FlagSet) func(*run, []string) int {
		return func(r *run, args []string) int { return r.generate("generate", args, false) }
	},
}

var checkCmd = &command{
	name:    "check",
	args:    "[schema]",
	summary: "exit 1, with a diff, when generated code is stale",
	help: `Generates in memory and compares with the files on disk: prints a unified
diff of every missing, changed or no longer generated file and exits 1 when
there is any, 0 when everything is current. Run it in CI.
`,
	setup: func(*flag.FlagSet) func(*run, []string) int {
		return func(r *run, args []string) int { return r.generate("check", args, true) }
	},
}

// generate runs the pipeline and writes its output, or with check compares
// it with the project's files.
func (r *run) generate(cmd string, args []string, check bool) int {
	p, f, s, ok := r.schemaArg(cmd, args)
	if !ok {
		return exitError
	}
	out, err := codegen.Generate(s)
	if err != nil {
		fmt.Fprintf(r.stderr, "rtgen %s: %v\n", cmd, err)
		return exitError
	}
	if !check {
		if err := out.Write(p.root); err != nil {
			fmt.Fprintf(r.stderr, "rtgen %s: %v\n", cmd, err)
			return exitError
		}
		return exitOK
	}
	diff, err := out.Check(os.DirFS(p.root))
	if err != nil {
		fmt.Fprintf(r.stderr, "rtgen %s: %v\n", cmd, err)
		return exitError
	}
	if diff != "" {
		fmt.Fprint(r.stdout, diff)
		fmt.Fprintf(r.stderr, "rtgen check: generated code is stale; run `rtgen generate %s`\n", f.name)
		return exitFound
	}
	return exitOK
}

package cli

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/rtgen/rtgen/internal/schema"
	"github.com/rtgen/rtgen/runtime/contract"
)

var breakingCmd = &command{
	name:    "breaking",
	args:    "--against REF|FILE [flags] [schema]",
	summary: "classify the schema's changes since REF or FILE",
	help: `Compares the schema with an earlier version of it and lists every change
that reaches the wire, classified as breaking for old clients (a client built
from the earlier schema, against a server built from this one), breaking for
old servers (a client built from this schema, against a server still built
from the earlier one), or safe. docs/contract.md lists the rules.

  --against REF|FILE   the earlier version: a file, or else a git revision
                       (main, HEAD~1, origin/main) whose copy of the schema
                       is read with git show
  --format text|json   text (default): one change a line, as
                       file:line:col: class: what: how (was at file:line:col);
                       json: an object for CI tools
  --fail-on WHOM       exit 1 when a change breaks: any (default), clients,
                       servers, or none (report only)

Exit status: 0 when nothing breaks whom --fail-on names, 1 when something
does, 2 on a usage or schema error.

In CI, for a pull request:
  go tool rtgen breaking --against origin/main
`,
	setup: func(fs *flag.FlagSet) func(*run, []string) int {
		against := fs.String("against", "", "")
		format := fs.String("format", "text", "")
		failOn := fs.String("fail-on", "any", "")
		return func(r *run, args []string) int { return r.breaking(*against, *format, *failOn, args) }
	},
}

var failOnValues = map[string]contract.Breaks{
	"any": contract.OldClients | contract.OldServers, "clients": contract.OldClients, "servers": contract.OldServers, "none": 0,
}

func (r *run) breaking(against, format, failOn string, args []string) int {
	fail, ok := failOnValues[failOn]
	switch {
	case against == "":
		fmt.Fprintf(r.stderr, "rtgen breaking: --against REF|FILE is required: the version to compare with; see rtgen breaking --help\n")
		return exitError
	case format != "text" && format != "json":
		fmt.Fprintf(r.stderr, "rtgen breaking: --format must be text or json, not %q\n", format)
		return exitError
	case !ok:
		fmt.Fprintf(r.stderr, "rtgen breaking: --fail-on must be any, clients, servers or none, not %q\n", failOn)
		return exitError
	}
	p, f, newSchema, ok := r.schemaArg("breaking", args)
	if !ok {
		return exitError
	}
	oldName, oldSrc, err := p.earlier(against, f)
	if err != nil {
		fmt.Fprintf(r.stderr, "rtgen breaking: %v\n", err)
		return exitError
	}
	oldSchema, err := schema.Parse(oldName, oldSrc)
	if err != nil {
		fmt.Fprintf(r.stderr, "rtgen breaking: the schema of --against %s is invalid:\n%v\n", against, err)
		return exitError
	}
	changes := contract.Diff(oldSchema.Contract(), newSchema.Contract())
	if format == "json" {
		writeChangesJSON(r, against, changes)
	} else {
		writeChangesText(r, against, changes)
	}
	if len(contract.Breaking(changes, fail)) > 0 {
		return exitFound
	}
	return exitOK
}

// earlier reads the version to compare with: the file against names, else
// the schema's copy in git revision against. It returns the name positions
// use ("main:schema/events.yaml" for a revision) and the source.
func (p project) earlier(against string, f schemaFile) (string, []byte, error) {
	path := against
	if !filepath.IsAbs(path) {
		path = filepath.Join(p.base, path)
	}
	if info, err := os.Stat(path); err == nil && !info.IsDir() {
		src, err := os.ReadFile(path)
		return p.name(path), src, err
	}
	git := exec.Command("git", "show", against+":./"+filepath.Base(f.path))
	git.Dir = filepath.Dir(f.path)
	var stderr bytes.Buffer
	git.Stderr = &stderr
	src, err := git.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return "", nil, fmt.Errorf("--against %s is not a file, and git cannot show %s at revision %s: %s", against, f.name, against, msg)
	}
	return against + ":" + f.name, src, nil
}

func writeChangesText(r *run, against string, changes []*contract.Change) {
	var clients, servers, safe int
	for _, c := range changes {
		class := "safe"
		if c.Breaks != 0 {
			class = "breaking for " + c.Breaks.String()
		}
		fmt.Fprintf(r.stdout, "%s: %s: %s (was at %s)\n", c.New, class, c.Message(), c.Old)
		if c.Breaks&contract.OldClients != 0 {
			clients++
		}
		if c.Breaks&contract.OldServers != 0 {
			servers++
		}
		if c.Breaks == 0 {
			safe++
		}
	}
	if len(changes) == 0 {
		fmt.Fprintf(r.stdout, "no changes on the wire since %s\n", against)
		return
	}
	fmt.Fprintf(r.stdout, "%s since %s: %d breaking for old clients, %d breaking for old servers, %d safe\n",
		plural(len(changes), "change"), against, clients, servers, safe)
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// jsonChange is a change as --format json writes it.
type jsonChange struct {
	Kind    string   `json:"kind"`
	Breaks  []string `json:"breaks"`
	Subject string   `json:"subject"`
	Detail  string   `json:"detail"`
	Message string   `json:"message"`
	Old     jsonPos  `json:"old"`
	New     jsonPos  `json:"new"`
	Uses    []string `json:"uses,omitempty"`
}

type jsonPos struct {
	File string `json:"file"`
	Line int    `json:"line,omitempty"`
	Col  int    `json:"col,omitempty"`
}

func writeChangesJSON(r *run, against string, changes []*contract.Change) {
	out := struct {
		Against string       `json:"against"`
		Changes []jsonChange `json:"changes"`
	}{Against: against, Changes: []jsonChange{}}
	for _, c := range changes {
		breaks := []string{}
		if c.Breaks&contract.OldClients != 0 {
			breaks = append(breaks, "old-clients")
		}
		if c.Breaks&contract.OldServers != 0 {
			breaks = append(breaks, "old-servers")
		}
		out.Changes = append(out.Changes, jsonChange{
			Kind: c.Kind, Breaks: breaks, Subject: c.Subject, Detail: c.Detail, Message: c.Message(),
			Old: jsonPos{c.Old.File, c.Old.Line, c.Old.Col}, New: jsonPos{c.New.File, c.New.Line, c.New.Col}, Uses: c.Uses,
		})
	}
	enc := json.NewEncoder(r.stdout)
	enc.SetIndent("", "  ")
	enc.Encode(out)
}

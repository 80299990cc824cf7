package cli_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rtgen/rtgen/internal/cli"
	"github.com/rtgen/rtgen/internal/nodetest"
)

// module is a project with a go.mod, the seed schema and two package
// directories, as a Go module using rtgen has.
func module(t *testing.T) string {
	t.Helper()
	dir := project(t)
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/app\n\ngo 1.26\n"), 0o644)
	for _, pkg := range []string{"internal/realtime", "cmd/server"} {
		os.MkdirAll(filepath.Join(dir, pkg), 0o755)
	}
	return dir
}

// runIn runs the CLI with dir as the current directory.
func runIn(t *testing.T, dir string, args ...string) (int, string) {
	t.Helper()
	t.Chdir(dir)
	var out bytes.Buffer
	code := cli.Run(args, strings.NewReader(""), &out, &out)
	return code, out.String()
}

// current fails unless the project's generated code is exactly what the
// default invocation generates, `// source: schema/events.yaml` included.
func current(t *testing.T, project, form string) {
	t.Helper()
	if code, stdout, stderr := run(t, project, "check"); code != 0 {
		t.Fatalf("%s: generated code differs from the default invocation's (exit %d):\n%s%s", form, code, stdout, stderr)
	}
	b, err := os.ReadFile(filepath.Join(project, "generated/realtime/types.go"))
	if err != nil || !bytes.Contains(b, []byte("// source: schema/events.yaml\n")) {
		t.Fatalf("%s: generated header does not name schema/events.yaml (%v)", form, err)
	}
}

// Every way of naming the schema generates the same code into the project:
// an absolute path (from the project, from a package directory, from
// elsewhere with -C), a relative one from a package directory, -C with and
// without a schema argument.
func TestSchemaPathForms(t *testing.T) {
	for _, tt := range []struct {
		name string
		cwd  func(project string) string
		args func(project string) []string
	}{
		{"absolute", func(p string) string { return p },
			func(p string) []string { return []string{"generate", filepath.Join(p, "schema", "events.yaml")} }},
		{"absolute from a package directory", func(p string) string { return filepath.Join(p, "internal", "realtime") },
			func(p string) []string { return []string{"generate", filepath.Join(p, "schema", "events.yaml")} }},
		{"relative from a package directory", func(p string) string { return filepath.Join(p, "cmd", "server") },
			func(string) []string { return []string{"generate", "../../schema/events.yaml"} }},
		{"default from a package directory", func(p string) string { return filepath.Join(p, "cmd", "server") },
			func(string) []string { return []string{"generate"} }},
		{"-C with the default schema", func(string) string { return t.TempDir() },
			func(p string) []string { return []string{"-C", p, "generate"} }},
		{"-C with a relative schema", func(string) string { return t.TempDir() },
			func(p string) []string { return []string{"-C", p, "generate", "schema/events.yaml"} }},
		{"-C with an absolute schema", func(string) string { return t.TempDir() },
			func(p string) []string {
				return []string{"-C", p, "generate", filepath.Join(p, "schema", "events.yaml")}
			}},
		{"relative -C", func(p string) string { return filepath.Dir(p) },
			func(p string) []string { return []string{"-C", filepath.Base(p), "generate"} }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := module(t)
			if code, out := runIn(t, tt.cwd(p), tt.args(p)...); code != 0 {
				t.Fatalf("exit %d:\n%s", code, out)
			}
			current(t, p, tt.name)
		})
	}
}

// A schema outside the project is named relative to it, never by an
// absolute path, in errors as in generated headers.
func TestSchemaOutsideProject(t *testing.T) {
	parent := t.TempDir()
	p := filepath.Join(parent, "app")
	os.MkdirAll(p, 0o755)
	os.WriteFile(filepath.Join(parent, "bad.yaml"), []byte("version: 1\noutput: {}\nnamespaces: {}\n"), 0o644)
	code, out := runIn(t, p, "-C", p, "generate", filepath.Join(parent, "bad.yaml"))
	if code != 2 || !strings.HasPrefix(out, "../bad.yaml:2:9: ") {
		t.Errorf("exit %d, output %q; want 2 and an error at ../bad.yaml:2:9", code, out)
	}
}

// go generate runs rtgen in the package directory of each directive:
// rtgen finds the project by its go.mod, with or without a schema argument.
func TestGoGenerateFromPackageDirectories(t *testing.T) {
	if testing.Short() {
		t.Skip("builds rtgen")
	}
	bin := filepath.Join(t.TempDir(), "rtgen")
	build := exec.Command("go", "build", "-o", bin, "./cmd/rtgen")
	build.Dir = nodetest.Root(t)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, tt := range []struct{ pkg, directive string }{
		{"internal/realtime", "//go:generate " + bin + " generate"},
		{"cmd/server", "//go:generate " + bin + " generate ../../schema/events.yaml"},
	} {
		t.Run(tt.pkg, func(t *testing.T) {
			p := module(t)
			name := filepath.Base(tt.pkg)
			src := "package " + name + "\n\n" + tt.directive + "\n"
			os.WriteFile(filepath.Join(p, tt.pkg, "gen.go"), []byte(src), 0o644)
			cmd := exec.Command("go", "generate", "./"+tt.pkg)
			cmd.Dir = p
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("go generate: %v\n%s", err, out)
			}
			current(t, p, "go generate in "+tt.pkg)
		})
	}
}

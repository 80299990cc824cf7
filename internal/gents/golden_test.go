package gents_test

import (
	"bytes"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rtgen/rtgen/internal/gents"
	"github.com/rtgen/rtgen/internal/schema"
	"github.com/rtgen/rtgen/templates"
)

var update = flag.Bool("update", false, "rewrite the expected files (and generated/ts) from what Generate returns")

// goldenCase is a schema and where its expected output lives.
type goldenCase struct {
	name string
	// file is the schema's path from this package; source is the name it is
	// parsed under, which the generated headers show.
	file, source string
	// root is the directory the output's keys are relative to.
	root string
	// runtime says whether the runtime copies are among the expected files:
	// true for the seed, whose expected output is the committed generated/ts;
	// the testdata cases leave them out (TestRuntimeCopies covers them).
	runtime bool
}

// goldenCases are the seed schema, whose expected output is the committed
// generated/ts, and every testdata/<case>/events.yaml.
func goldenCases(t *testing.T) []goldenCase {
	t.Helper()
	cases := []goldenCase{{
		name:    "seed",
		file:    filepath.Join("..", "..", "schema", "events.yaml"),
		source:  "schema/events.yaml",
		root:    filepath.Join("..", ".."),
		runtime: true,
	}}
	files, err := filepath.Glob(filepath.Join("testdata", "*", "events.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		dir := filepath.Dir(f)
		cases = append(cases, goldenCase{name: filepath.Base(dir), file: f, source: filepath.ToSlash(f), root: dir})
	}
	return cases
}

func (c goldenCase) parse(t *testing.T) *schema.Schema {
	t.Helper()
	src, err := os.ReadFile(c.file)
	if err != nil {
		t.Fatal(err)
	}
	s, err := schema.Parse(c.source, src)
	if err != nil {
		t.Fatalf("%s is not a valid schema: %v", c.file, err)
	}
	return s
}

// expected returns the generated files this case compares, by key.
func (c goldenCase) expected(files map[string][]byte) map[string][]byte {
	if c.runtime {
		return files
	}
	out := map[string][]byte{}
	for k, v := range files {
		if base := path.Base(k); base != "runtime.ts" && base != "react.ts" {
			out[k] = v
		}
	}
	return out
}

// TestGolden compares Generate's output for every case with the expected
// files; a case with a stderr.txt expects Generate to fail with that text.
func TestGolden(t *testing.T) {
	for _, c := range goldenCases(t) {
		t.Run(c.name, func(t *testing.T) {
			s := c.parse(t)
			files, err := gents.Generate(s)
			stderr := filepath.Join(c.root, "stderr.txt")
			if err != nil {
				checkStderr(t, stderr, err)
				return
			}
			if _, statErr := os.Stat(stderr); statErr == nil && !*update {
				t.Fatalf("Generate succeeded, but %s expects an error", stderr)
			}
			checkFiles(t, c, s.Output.TS.Dir, c.expected(files))
		})
	}
}

func checkStderr(t *testing.T, golden string, err error) {
	t.Helper()
	var list schema.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("Generate error is %T, want schema.ErrorList: %v", err, err)
	}
	got := err.Error() + "\n"
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, rerr := os.ReadFile(golden)
	if rerr != nil {
		t.Fatalf("Generate failed: %v\n(%v; run go test -update to accept the error)", err, rerr)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("errors differ from %s (-want +got):\n%s", golden, diff)
	}
}

// checkFiles compares files with what is under c.root, including files
// there that Generate no longer writes; -update rewrites and removes.
func checkFiles(t *testing.T, c goldenCase, outDir string, files map[string][]byte) {
	t.Helper()
	onDisk := map[string]bool{}
	dir := filepath.Join(c.root, filepath.FromSlash(outDir))
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(c.root, p)
		if err == nil {
			onDisk[filepath.ToSlash(rel)] = true
		}
		return err
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	for _, key := range sortedKeys(files) {
		p := filepath.Join(c.root, filepath.FromSlash(key))
		if *update {
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, files[key], 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(p)
		if err != nil {
			t.Errorf("%v (run go test -update to create it)", err)
			continue
		}
		if diff := cmp.Diff(string(want), string(files[key])); diff != "" {
			t.Errorf("%s differs from what Generate returns (-want +got):\n%s", p, diff)
		}
	}
	for key := range onDisk {
		if _, ok := files[key]; ok || (!c.runtime && isRuntimeCopy(key)) {
			continue
		}
		p := filepath.Join(c.root, filepath.FromSlash(key))
		if *update {
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
			continue
		}
		t.Errorf("%s is not generated any more (run go test -update to remove it)", p)
	}
}

func isRuntimeCopy(key string) bool {
	base := path.Base(key)
	return base == "runtime.ts" || base == "react.ts"
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TestDeterministic parses and generates every case twice and requires the
// same bytes.
func TestDeterministic(t *testing.T) {
	for _, c := range goldenCases(t) {
		t.Run(c.name, func(t *testing.T) {
			a, errA := gents.Generate(c.parse(t))
			b, errB := gents.Generate(c.parse(t))
			if (errA == nil) != (errB == nil) || (errA != nil && errA.Error() != errB.Error()) {
				t.Fatalf("errors differ: %v vs %v", errA, errB)
			}
			if diff := cmp.Diff(a, b); diff != "" {
				t.Errorf("two runs differ (-first +second):\n%s", diff)
			}
		})
	}
}

// TestRuntimeCopies checks that the runtime files are the templates' own,
// verbatim after a header, and that every other file is marked generated
// and names its schema.
func TestRuntimeCopies(t *testing.T) {
	c := goldenCases(t)[0]
	s := c.parse(t)
	files, err := gents.Generate(s)
	if err != nil {
		t.Fatal(err)
	}
	for key, got := range files {
		if !strings.HasPrefix(string(got), "// Code generated by rtgen. DO NOT EDIT.\n") {
			t.Errorf("%s does not start with the generated-code line", key)
		}
		if !isRuntimeCopy(key) {
			if !strings.Contains(string(got), "\n// source: schema/events.yaml\n") {
				t.Errorf("%s does not name its source", key)
			}
			continue
		}
		want, err := fs.ReadFile(templates.TS, "ts/"+path.Base(key))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasSuffix(got, want) {
			t.Errorf("%s is not a verbatim copy of templates/ts/%s", key, path.Base(key))
		}
		if header := got[:len(got)-len(want)]; bytes.Contains(header, []byte("source:")) {
			t.Errorf("%s has a schema-specific header %q; runtime copies are the same for every schema", key, header)
		}
	}
}

// TestNoTypeScript checks that a schema without ts output gives no files.
func TestNoTypeScript(t *testing.T) {
	s, err := schema.Parse("events.yaml", []byte("version: 1\noutput: {go: {dir: gen}}\nnamespaces: {/: {}}\n"))
	if err != nil {
		t.Fatal(err)
	}
	files, err := gents.Generate(s)
	if err != nil || len(files) != 0 {
		t.Fatalf("Generate = %d files, %v; want none, nil", len(files), err)
	}
}

func BenchmarkGenerateSeed(b *testing.B) {
	src, err := os.ReadFile(filepath.Join("..", "..", "schema", "events.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	s, err := schema.Parse("schema/events.yaml", src)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := gents.Generate(s); err != nil {
			b.Fatal(err)
		}
	}
}

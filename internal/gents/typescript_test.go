package gents_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/rtgen/rtgen/internal/gents"
	"github.com/rtgen/rtgen/internal/nodetest"
)

// strictOptions are the compiler options generated code must pass: --strict
// and the stricter checks projects commonly add, so that the generated files
// compile in any of them.
var strictOptions = map[string]any{
	"strict":                     true,
	"noUnusedLocals":             true,
	"noUnusedParameters":         true,
	"noImplicitReturns":          true,
	"noImplicitOverride":         true,
	"noFallthroughCasesInSwitch": true,
	"noUncheckedIndexedAccess":   true,
	"exactOptionalPropertyTypes": true,
	"verbatimModuleSyntax":       true,
}

// TestTypeScript renders every golden case (runtime copies included) into a
// temporary tree and compiles it with tsc: the generated code with
// strictOptions, the seed's snippets (testdata/seed-snippets) with --strict
// only, as the product's developers would, and the API expectations
// (testdata/seed-api), which check inferred types and refuse misuse with
// @ts-expect-error, with strictOptions.
func TestTypeScript(t *testing.T) {
	root := nodetest.Root(t)
	node, tsc := typescript(t, root)
	tmp := t.TempDir()
	var generated []string
	for _, c := range goldenCases(t) {
		files, err := gents.Generate(c.parse(t))
		if err != nil {
			continue // an error case: nothing to compile
		}
		for key, b := range files {
			writeFile(t, filepath.Join(tmp, c.name, filepath.FromSlash(key)), b)
		}
		generated = append(generated, c.name+"/**/*.ts")
	}
	// The fixtures import the seed's output as ../../../../generated/ts; the
	// seed case's tree mirrors the repository so that the path resolves.
	fixtures := filepath.Join(tmp, "seed", "internal", "gents", "testdata")
	for _, dir := range []string{"seed-snippets", "seed-api"} {
		matches, err := filepath.Glob(filepath.Join("testdata", dir, "*.tsx"))
		if err != nil || len(matches) == 0 {
			t.Fatalf("no fixtures in testdata/%s (%v)", dir, err)
		}
		for _, m := range matches {
			b, err := os.ReadFile(m)
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, filepath.Join(fixtures, dir, filepath.Base(m)), b)
		}
	}
	projects := []struct {
		name    string
		include []string
		strict  map[string]any
	}{
		{"generated", append(generated, "seed/internal/gents/testdata/seed-api/*.tsx"), strictOptions},
		{"snippets", []string{"seed/internal/gents/testdata/seed-snippets/*.tsx"}, map[string]any{"strict": true}},
	}
	for _, p := range projects {
		t.Run(p.name, func(t *testing.T) {
			t.Parallel()
			config := filepath.Join(tmp, "tsconfig."+p.name+".json")
			writeTSConfig(t, config, root, p.include, p.strict)
			cmd := exec.Command(node, tsc, "-p", config)
			cmd.Dir = tmp // tsc reports paths relative to it: <case>/<output dir>/<file>
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("tsc -p %s: %v\n%s", filepath.Base(config), err, out)
			}
		})
	}
}

// writeTSConfig writes a tsconfig that resolves packages from the
// repository's node_modules, wherever the compiled files are.
func writeTSConfig(t *testing.T, file, root string, include []string, checks map[string]any) {
	t.Helper()
	modules := filepath.ToSlash(filepath.Join(root, "node_modules"))
	options := map[string]any{
		"noEmit":           true,
		"target":           "ES2022",
		"module":           "ESNext",
		"moduleResolution": "Bundler",
		"lib":              []string{"ES2022", "DOM"},
		"jsx":              "react-jsx",
		"skipLibCheck":     true,
		"types":            []string{},
		"paths":            map[string][]string{"*": {modules + "/@types/*", modules + "/*"}},
	}
	for k, v := range checks {
		options[k] = v
	}
	b, err := json.MarshalIndent(map[string]any{"compilerOptions": options, "include": include}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, file, b)
}

// typescript returns node and the TypeScript compiler from the repository's
// node_modules.
func typescript(t *testing.T, root string) (node, tsc string) {
	t.Helper()
	tsc = filepath.Join(root, "node_modules", "typescript", "bin", "tsc")
	_, statErr := os.Stat(tsc)
	node, pathErr := exec.LookPath("node")
	if statErr == nil && pathErr == nil {
		return node, tsc
	}
	if testing.Short() {
		t.Skip("node or TypeScript missing; skipped in -short mode")
	}
	if pathErr != nil {
		t.Fatalf("node is not on PATH: %v", pathErr)
	}
	t.Fatalf("TypeScript is not installed (%v): run make deps", statErr)
	return "", ""
}

func writeFile(t *testing.T, file string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

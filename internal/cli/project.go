package cli

import (
	"errors"
	"os"
	"path/filepath"
)

// project is where a command works: the project directory, which the
// schema's output directories are relative to, and the directory relative
// schema paths on the command line are read from.
type project struct {
	// root is the project directory, absolute: dir given with -C, else
	// the nearest directory at or above the current one that holds go.mod
	// (so that `go generate` works from any package directory), else the
	// current directory.
	root string
	// base is the directory relative command-line paths start from: dir
	// given with -C, else the current directory. Absolute.
	base string
}

// findProject resolves the project for a run with -C dir ("" when not
// given).
func findProject(dir string) (project, error) {
	cwd, err := os.Getwd()
	if err != nil {
		return project{}, err
	}
	if dir != "" {
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(cwd, dir)
		}
		info, err := os.Stat(dir)
		if err != nil {
			return project{}, err
		}
		if !info.IsDir() {
			return project{}, errors.New("-C " + dir + ": not a directory")
		}
		return project{root: dir, base: dir}, nil
	}
	return project{root: moduleRoot(cwd), base: cwd}, nil
}

// moduleRoot returns the nearest directory at or above dir holding go.mod,
// or dir when there is none.
func moduleRoot(dir string) string {
	for d := dir; ; {
		if info, err := os.Stat(filepath.Join(d, "go.mod")); err == nil && !info.IsDir() {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return dir
		}
		d = parent
	}
}

// schemaFile is a schema file named on the command line.
type schemaFile struct {
	// path is where to read it: absolute.
	path string
	// name is how positions and generated headers name it: slash-separated
	// and relative to the project root ("schema/events.yaml"), so that
	// generated code is the same whichever way the file was named.
	name string
}

// schemaFile resolves a schema argument: "" means DefaultSchema under the
// project root; an absolute path is used as is; a relative one starts from
// the base directory.
func (p project) schemaFile(arg string) schemaFile {
	var abs string
	switch {
	case arg == "":
		abs = filepath.Join(p.root, filepath.FromSlash(DefaultSchema))
	case filepath.IsAbs(arg):
		abs = filepath.Clean(arg)
	default:
		abs = filepath.Join(p.base, arg)
	}
	return schemaFile{path: abs, name: p.name(abs)}
}

// name returns an absolute path relative to the root, slash-separated; the
// path itself when it has no relative form.
func (p project) name(abs string) string {
	rel, err := filepath.Rel(p.root, abs)
	if err != nil {
		return filepath.ToSlash(abs)
	}
	return filepath.ToSlash(rel)
}

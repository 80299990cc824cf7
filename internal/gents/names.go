package gents

import (
	"fmt"
	"regexp"
	"sort"

	"github.com/rtgen/rtgen/internal/schema"
)

// Fixed file names of every output, besides one file per namespace named
// after the namespace's TypeScript name.
const (
	runtimeFile = "runtime.ts"
	reactFile   = "react.ts"
	typesFile   = "types.ts"
	socketFile  = "socket.ts"
	indexFile   = "index.ts"
)

// socketExports are the names socket.ts declares.
var socketExports = []string{"Namespaces", "NamespaceName", "namespaceDescriptors", "UseSocketOptions", "UseSocketResult", "useSocket"}

var exportRE = regexp.MustCompile(`(?m)^export (?:declare )?(?:abstract )?(?:async )?(?:function\*? ?|class |interface |type |const |let |var |enum )([A-Za-z_$][A-Za-z0-9_$]*)`)

// runtimeExports returns the names runtime.ts and react.ts export, which
// index.ts re-exports beside the generated ones.
func runtimeExports() map[string]string {
	names := map[string]string{}
	for _, f := range []string{runtimeFile, reactFile} {
		for _, m := range exportRE.FindAllSubmatch(runtimeSource[f], -1) {
			names[string(m[1])] = f
		}
	}
	return names
}

// checkNames reports schema names that would clash in the TypeScript
// output: index.ts re-exports every module, so each exported name must be
// unique across all of them, and each namespace needs a file of its own.
// The errors name both sites, as schema errors do.
func checkNames(s *schema.Schema) error {
	type site struct {
		what string
		pos  schema.Pos
	}
	taken := map[string]site{}
	var errs []*schema.Error
	fail := func(pos schema.Pos, format string, args ...any) {
		errs = append(errs, &schema.Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
	}
	for name, file := range runtimeExports() {
		taken[name] = site{what: "rtgen's " + file}
	}
	for _, name := range socketExports {
		taken[name] = site{what: "the generated " + socketFile}
	}
	claim := func(name, what string, pos schema.Pos) {
		prev, dup := taken[name]
		switch {
		case !dup:
			taken[name] = site{what, pos}
		case prev.pos.IsValid():
			fail(pos, "%s makes the TypeScript name %s, already made by %s at %s; rename one of them", what, name, prev.what, prev.pos)
		default:
			fail(pos, "%s makes the TypeScript name %s, which %s already exports; rename it", what, name, prev.what)
		}
	}
	for _, t := range s.Types {
		what := fmt.Sprintf("type %q", t.Name)
		if t.Room != nil {
			what = fmt.Sprintf("the parameters type of room %q", t.Room.Template)
		}
		claim(t.Name, what, t.Pos)
	}
	claim("Session", "the session", s.Session.Pos)
	files := map[string]site{}
	for _, f := range []string{runtimeFile, reactFile, typesFile, socketFile, indexFile} {
		files[f] = site{what: "rtgen"}
	}
	for _, ns := range s.Namespaces {
		what := fmt.Sprintf("namespace %q", ns.Name)
		file := ns.TSName + ".ts"
		if prev, dup := files[file]; dup {
			if prev.pos.IsValid() {
				fail(ns.Pos, "%s would be written to %s, like %s at %s; set a different name", what, file, prev.what, prev.pos)
			} else {
				fail(ns.Pos, "%s would be written to %s, a file rtgen writes itself; set a different name", what, file)
			}
		} else {
			files[file] = site{what, ns.Pos}
		}
		n := namesOf(ns)
		for _, name := range []string{n.ServerEvents, n.ClientEvents, n.ServerToClient, n.ClientToServer, n.Socket, n.Rooms, n.Descriptor} {
			claim(name, what, ns.Pos)
		}
		if c := ns.Client; c != nil {
			what := fmt.Sprintf("hook %s", c.Hook)
			base := hookTypeBase(c)
			for _, name := range []string{c.Hook, base + "Options", base + "Result"} {
				claim(name, what, c.Pos)
			}
		}
	}
	if len(errs) == 0 {
		return nil
	}
	sort.SliceStable(errs, func(i, j int) bool {
		a, b := errs[i].Pos, errs[j].Pos
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	return schema.ErrorList(errs)
}

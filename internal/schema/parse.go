package schema

import (
	"os"
	"path"
	"strings"

	"github.com/rtgen/rtgen/internal/naming"
	"gopkg.in/yaml.v3"
)

// Version is the schema format version this package reads.
const Version = 1

const versionHint = `start the file with "version: 1"`

// Load reads and parses the schema file at path. Positions in errors and in
// the model use path as given, so pass it relative to the project root to
// get messages such as "schema/events.yaml:12:5: …".
func Load(path string) (*Schema, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, src)
}

// Parse parses, validates and resolves a schema. filename is used in
// positions. When the schema is invalid the error is an ErrorList holding
// every problem found, sorted by position, and the Schema is nil.
func Parse(filename string, src []byte) (*Schema, error) {
	p := &parser{file: filename, types: map[string]*Type{}}
	if root := p.document(src); root != nil {
		p.parseSchema(root)
	}
	if len(p.errs) > 0 {
		return nil, sortErrors(p.errs)
	}
	return p.s, nil
}

// parser holds the state of one Parse call.
type parser struct {
	file  string
	errs  []*Error
	s     *Schema
	types map[string]*Type // declared types by name
}

func (p *parser) parseSchema(root *yaml.Node) {
	o := p.object(root, "the schema", rootKeys...)
	if o == nil {
		return
	}
	p.s = &Schema{File: p.file, Session: &Session{}}
	if !p.parseVersion(o) {
		return
	}
	if n := p.require(o, "output", "the schema", "where generated code goes"); n != nil {
		p.parseOutput(n)
	}
	// Types are declared before anything refers to them, so that claims,
	// fields and payloads can use types declared further down.
	for _, d := range p.declareTypes(o.get("types")) {
		p.defineType(d)
	}
	p.checkTypeCycles()
	if n := o.get("session"); n != nil {
		p.parseSession(n)
	}
	if n := p.require(o, "namespaces", "the schema", "at least one namespace, such as /"); n != nil {
		p.parseNamespaces(n)
	}
	p.checkGlobalNames()
}

// parseVersion checks `version:`; false means the rest cannot be read.
func (p *parser) parseVersion(o *object) bool {
	n := o.get("version")
	if n == nil {
		p.errorf(Pos{File: p.file, Line: 1, Col: 1}, "missing version; %s", versionHint)
		return true // most likely forgotten: check the rest as version 1
	}
	v, ok := p.integer(n, "version")
	if !ok {
		return false
	}
	if v != Version {
		p.errorf(p.pos(n), "unsupported version %d; this rtgen reads version %d", v, Version)
		return false
	}
	p.s.Version = Version
	return true
}

func (p *parser) parseOutput(n *yaml.Node) {
	o := p.object(n, "output", outputKeys...)
	if o == nil {
		return
	}
	if o.get("go") == nil && o.get("ts") == nil && o.get("asyncapi") == nil {
		p.errorf(p.pos(n), `output needs at least one of "go", "ts" and "asyncapi"`)
	}
	if g := o.get("go"); g != nil {
		if go_ := p.object(g, "output.go", goOutputKeys...); go_ != nil {
			out := &GoOutput{Pos: p.pos(g)}
			out.Dir = p.outputPath(go_, "output.go", "dir")
			if pk := go_.get("package"); pk != nil {
				if name, ok := p.str(pk, "output.go.package"); ok {
					if !isPackageName(name) {
						p.errorf(p.pos(pk), "package name %q must be lower-case letters and digits, starting with a letter, and not a Go keyword", name)
					}
					out.Package = name
				}
			} else if out.Dir != "" {
				out.Package = path.Base(out.Dir)
				if !isPackageName(out.Package) {
					p.errorf(p.pos(g), "directory %q does not make a Go package name; set output.go.package", out.Dir)
				}
			}
			p.s.Output.Go = out
		}
	}
	if t := o.get("ts"); t != nil {
		if ts := p.object(t, "output.ts", tsOutputKeys...); ts != nil {
			p.s.Output.TS = &TSOutput{Dir: p.outputPath(ts, "output.ts", "dir"), Pos: p.pos(t)}
		}
	}
	if a := o.get("asyncapi"); a != nil {
		if ao := p.object(a, "output.asyncapi", asyncOutputKeys...); ao != nil {
			p.s.Output.AsyncAPI = &AsyncAPIOutput{File: p.outputPath(ao, "output.asyncapi", "file"), Pos: p.pos(a)}
		}
	}
}

// outputPath reads key (dir or file): a clean, relative, slash-separated
// path inside the project.
func (p *parser) outputPath(o *object, what, key string) string {
	n := p.require(o, key, what, "")
	if n == nil {
		return ""
	}
	dir, ok := p.str(n, what+"."+key)
	if !ok {
		return ""
	}
	switch {
	case strings.Contains(dir, `\`):
		p.errorf(p.pos(n), "%s.%s %q must use / as separator", what, key, dir)
	case path.IsAbs(dir):
		p.errorf(p.pos(n), "%s.%s %q must be relative to the project root", what, key, dir)
	case dir == ".":
		p.errorf(p.pos(n), "%s.%s must name a path below the project root, not the root itself", what, key)
	case path.Clean(dir) != dir:
		p.errorf(p.pos(n), "%s.%s %q must be a clean path such as %q", what, key, dir, path.Clean(dir))
	case dir == ".." || strings.HasPrefix(dir, "../"):
		p.errorf(p.pos(n), "%s.%s %q must stay inside the project", what, key, dir)
	}
	return dir
}

func isPackageName(s string) bool {
	if s == "" || naming.IsGoReserved(s) || !naming.IsGoIdentifier(s) {
		return false
	}
	for i, r := range s {
		if !(r >= 'a' && r <= 'z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

func (p *parser) parseSession(n *yaml.Node) {
	o := p.object(n, "session", sessionKeys...)
	if o == nil {
		return
	}
	s := p.s.Session
	s.Pos = p.pos(n)
	s.Doc = p.text(o.get("doc"), "session doc")
	for _, e := range p.entries(o.get("claims"), "claim", "session.claims") {
		if f := p.field(e, "claim", "session"); f != nil {
			s.Claims = append(s.Claims, f)
		}
	}
	p.checkFieldNames(s.Claims, "claim")
	if r := o.get("roles"); r != nil {
		name, ok := p.str(r, "session.roles")
		if !ok {
			return
		}
		c := s.Claim(name)
		switch {
		case c == nil:
			p.errorf(p.pos(r), "session.roles: %s", unknown("claim", name, "", fieldNames(s.Claims)))
		case c.Type != nil && !(c.Type.Kind == KindList && (c.Type.Elem.Kind == KindString || c.Type.Elem.IsEnum())):
			p.errorf(p.pos(r), "session.roles: claim %q is %s; the roles claim must be []string or a list of an enum", name, c.Type)
		default:
			s.Roles = c
		}
	}
}

func fieldNames(fields []*Field) []string {
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.Name
	}
	return names
}

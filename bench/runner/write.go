package runner

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// Outputs says where Write puts a run's results.
type Outputs struct {
	Dir   string // results.json (every sample) and results.md (the tables)
	Docs  string // a document whose results section is replaced; "" for none
	Chart string // the chart PNG; "" for none
}

// The results section of the benchmark document lies between these lines.
const (
	beginMarker = "<!-- bench:results:begin (written by rtgen-bench) -->"
	endMarker   = "<!-- bench:results:end -->"
)

// Write saves res: the raw samples, the tables, the chart and the
// document's results section.
func Write(res *Results, o Outputs) error {
	if err := os.MkdirAll(o.Dir, 0o755); err != nil {
		return err
	}
	b, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(o.Dir, "results.json"), append(b, '\n'), 0o644); err != nil {
		return err
	}
	md := Markdown(res)
	if err := os.WriteFile(filepath.Join(o.Dir, "results.md"), []byte(md), 0o644); err != nil {
		return err
	}
	if o.Chart != "" {
		if err := Chart(res, o.Chart); err != nil {
			return fmt.Errorf("chart: %w", err)
		}
	}
	if o.Docs != "" {
		return replaceSection(o.Docs, md)
	}
	return nil
}

// replaceSection rewrites the text between the markers of the document at
// path.
func replaceSection(path, md string) error {
	doc, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	i := bytes.Index(doc, []byte(beginMarker))
	j := bytes.Index(doc, []byte(endMarker))
	if i < 0 || j < i {
		return fmt.Errorf("%s: no results section (%q … %q)", path, beginMarker, endMarker)
	}
	var out bytes.Buffer
	out.Write(doc[:i+len(beginMarker)])
	out.WriteString("\n\n")
	out.WriteString(md)
	out.WriteString("\n")
	out.Write(doc[j:])
	return os.WriteFile(path, out.Bytes(), 0o644)
}

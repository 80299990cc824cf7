package runner

import (
	"encoding/json"
	"os"
	"path/filepath"
)

// Outputs says where Write puts a run's results.
type Outputs struct {
	Dir   string // results.json (every sample) and results.md (the tables)
	Docs  string // a document whose results section is replaced; "" for none
	Chart string // the chart PNG; "" for none
}

// Write saves res.
func Write(res *Results, o Outputs) error {
	if err := os.MkdirAll(o.Dir, 0o755); err != nil {
		return err
	}
	b, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(o.Dir, "results.json"), append(b, '\n'), 0o644)
}

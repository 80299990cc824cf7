// Package templates holds the files rtgen renders TypeScript from, embedded
// into the binary so that rtgen needs nothing beside itself at run time.
package templates

import "embed"

// TS is the ts directory: the text/template files (*.tmpl) the TypeScript
// renderer executes, and the hand-written runtime (runtime.ts, react.ts) it
// copies verbatim into every TypeScript output.
//
//go:embed ts
var TS embed.FS

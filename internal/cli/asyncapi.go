package cli

import (
	"flag"

	"github.com/rtgen/rtgen/internal/asyncapi"
)

var asyncapiCmd = &command{
	name:    "asyncapi",
	args:    "[-o file] [schema]",
	summary: "write the AsyncAPI 3.0 document of the contract",
	help: `Writes the AsyncAPI 3.0 document of the schema's whole contract, as YAML,
to standard output or to file with -o: namespaces and rooms as channels (room
parameters included), events as messages with JSON Schema payloads, acks as
replies, authentication as the security scheme "session" and join rules in
the room channels. A schema whose output section names an asyncapi file
gets it written by rtgen generate and checked by rtgen check.
`,
	setup: func(fs *flag.FlagSet) func(*run, []string) int {
		out := fs.String("o", "", "")
		return func(r *run, args []string) int {
			_, _, s, ok := r.schemaArg("asyncapi", args)
			if !ok {
				return exitError
			}
			return r.writeDoc("asyncapi", *out, nil, asyncapi.Document(s))
		}
	},
}

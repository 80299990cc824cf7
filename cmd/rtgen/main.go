// Command rtgen generates a typed Go server SDK and a TypeScript/React client
// SDK from one real-time event schema. Run `rtgen --help` for usage.
package main

import (
	"os"

	"github.com/rtgen/rtgen/internal/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

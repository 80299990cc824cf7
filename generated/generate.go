// Package generated holds rtgen's output for schema/events.yaml: the Go server
// SDK in realtime/ and the TypeScript client SDK in ts/. Both are committed
// and checked in CI (`rtgen check`); regenerate them with `go generate ./generated`.
package generated

//go:generate go run ../cmd/rtgen -C .. generate

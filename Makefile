# rtgen: the two commands a new user needs are `make demo` and `make test`.
SHELL := /bin/bash
GO ?= go
NPM ?= npm

.PHONY: test deps check vet go-test ts-test generate

## generate: regenerate the committed SDKs from schema/events.yaml.
generate:
	$(GO) run ./cmd/rtgen generate

## test: run every test (Go, Node interop, TypeScript, browser); installs what they need.
test: deps vet check go-test ts-test

## deps: JavaScript packages from the committed lock.
deps: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	$(NPM) ci --no-audit --no-fund

vet:
	$(GO) vet ./...

## check: fail, with a diff, when generated code is stale.
check:
	$(GO) run ./cmd/rtgen check

go-test:
	$(GO) test -race -count=1 ./...

## ts-test: the generated React hooks against the real Go server (vitest).
ts-test: deps
	$(NPM) run test:ts

## bench: the Go runtime against Node socket.io 4.8, side by side (about 30 minutes; not part of
## test). Rewrites docs/benchmarks.md's results section, docs/benchmarks.png and bench/results/.
.PHONY: bench bench-quick
bench: deps
	$(GO) run ./bench/cmd/rtgen-bench

## bench-quick: the same in a few minutes (one repetition, 1k and 10k clients, short phases);
## writes only bench/results/quick/.
bench-quick: deps
	$(GO) run ./bench/cmd/rtgen-bench -quick -out bench/results/quick -docs "" -chart bench/results/quick/benchmarks.png

# rtgen: the two commands a new user needs are `make demo` and `make test`.
SHELL := /bin/bash
GO ?= go
NPM ?= npm

.PHONY: test deps check vet go-test ts-test generate

## generate: regenerate the committed SDKs from schema/events.yaml.
generate:
	$(GO) run ./cmd/rtgen generate

## test: run every test (Go, Node interop, TypeScript, browser); installs what they need.
test: deps vet check go-test ts-test web-check e2e

## deps: JavaScript packages from the committed lock.
deps: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	$(NPM) ci --no-audit --no-fund

vet:
	$(GO) vet ./...

## check: fail, with a diff, when generated code is stale; and run the breaking-change check of
## the schema against its committed version (on a clean checkout: against itself).
check:
	$(GO) run ./cmd/rtgen check
	$(GO) run ./cmd/rtgen breaking --against HEAD

## go-test: the Go tests; the cluster tests need redis-server (Debian's, installed if missing) and
## use the Redis answering at 127.0.0.1:6379 or start their own on a free loopback port.
go-test:
	scripts/ensure-redis.sh
	$(GO) test -race -count=1 ./...

## ts-test: the generated React hooks against the real Go server (vitest).
ts-test: deps
	$(NPM) run test:ts

.PHONY: demo demo-cluster web-check e2e

## demo: the sales floor (examples/salesfloor) on http://127.0.0.1:8080, its simulator keeping the
## board moving; prints the URL and the demo logins. DEMO_ADDR=host:port serves elsewhere. The
## data stays in examples/salesfloor/data between runs.
demo: deps
	node_modules/.bin/vite build --logLevel warn examples/salesfloor/web
	$(GO) run ./examples/salesfloor/server -addr $${DEMO_ADDR:-127.0.0.1:8080} -data examples/salesfloor/data

## demo-cluster: the sales floor as a cluster: 3 servers on one database and one Redis (the one at
## 127.0.0.1:6379, else redis-server started on a free port), behind a sticky reverse proxy on
## http://127.0.0.1:8080 (DEMO_ADDR). Each server logs its node name (n1, n2, n3); n1 simulates.
demo-cluster: deps
	scripts/ensure-redis.sh
	node_modules/.bin/vite build --logLevel warn examples/salesfloor/web
	$(GO) run ./examples/salesfloor/cluster -addr $${DEMO_ADDR:-127.0.0.1:8080} -data examples/salesfloor/data

## web-check: the sales floor's front end type-checks (strict) and builds.
web-check: deps
	node_modules/.bin/tsc -p examples/salesfloor/web/tsconfig.json
	node_modules/.bin/vite build --logLevel warn examples/salesfloor/web

## e2e: the sales floor in Debian's Chromium (installed if missing): live updates on two pages,
## private events, training, a server restart; then the official Socket.IO Admin UI against it
## (login refused and accepted, sockets and rooms, a join from the UI, live events); then a TV
## display presenting an older contract, refused and reloading itself; then as a cluster of two
## servers on a Redis the test starts and restarts. Screenshots in
## examples/salesfloor/e2e/screenshots/.
e2e: deps web-check
	scripts/ensure-chromium.sh
	scripts/ensure-redis.sh
	node examples/salesfloor/e2e/run.mjs --no-build
	node examples/salesfloor/e2e/admin.mjs --no-build
	node examples/salesfloor/e2e/stale.mjs --no-build
	node examples/salesfloor/e2e/cluster.mjs --no-build

## bench: the Go runtime against Node socket.io 4.8, side by side (about an hour; not part of
## test). Rewrites docs/benchmarks.md's results section, docs/benchmarks.png and bench/results/.
.PHONY: bench bench-quick
bench: deps
	$(GO) run ./bench/cmd/rtgen-bench

## bench-quick: the same in a few minutes (one repetition, 1k and 10k clients, short phases);
## writes only bench/results/quick/.
bench-quick: deps
	$(GO) run ./bench/cmd/rtgen-bench -quick -out bench/results/quick -docs "" -chart bench/results/quick/benchmarks.png

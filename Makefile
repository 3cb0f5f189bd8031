# The two commands a newcomer needs: `make run` and `make test`. `make help` lists the rest.
# Every target has a "## target: what it does" line above it; `make help` prints those.
GO ?= go

.PHONY: run dev test fuzz proxy-test scale-test export-test docker-test bench lighthouse check generate build vet fmt help

## run: serve the embedded content on http://localhost:8080
run:
	$(GO) run ./cmd/versus serve --addr 127.0.0.1:8080 --base-url http://localhost:8080

## dev: serve content/ and static/ from disk; pages reload on every edit
dev:
	$(GO) run ./cmd/versus serve --dev --drafts --content content --static static

## test: templ drift check, go vet, gofmt, every test with -race, a short fuzz run, the proxy, scale-out, export and Docker tests
test: vet
	./scripts/check-templ.sh
	@unformatted=$$(gofmt -l $$(find . -name '*.go' -not -path './node_modules/*')); \
	  if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || [ -n "$$VERSUS_CHROMIUM" ] || \
	  echo "NOTE: Chromium is not installed, so the browser tests (internal/e2e) will be SKIPPED. CI installs it; locally: apt-get install chromium && npm ci"
	@[ -f node_modules/axe-core/axe.min.js ] || echo "NOTE: axe-core is not installed (run npm ci), so the accessibility checks will be SKIPPED."
	$(GO) test -race ./...
	$(MAKE) fuzz FUZZTIME=10s
	$(MAKE) proxy-test
	$(MAKE) scale-test
	$(MAKE) export-test
	$(MAKE) docker-test

## docker-test: build the Docker image and run it read-only (skipped without dockerd; needs root)
docker-test:
	./scripts/docker-test.sh

## fuzz: fuzz the content loader (FUZZTIME=10s by default)
FUZZTIME ?= 10s
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzLoad -fuzztime $(FUZZTIME) ./internal/catalog/

## proxy-test: check deploy/nginx.conf and deploy/Caddyfile in front of versus (skips a proxy that is not installed)
proxy-test:
	./scripts/proxy-test.sh

## scale-test: check deploy/nginx-cache.conf as a caching proxy in front of two versus replicas (skipped without nginx)
scale-test:
	./scripts/scale-test.sh
## export-test: serve versus export with deploy/nginx-export.conf and compare every file with versus serve (skipped without nginx)
export-test:
	./scripts/export-test.sh

## lighthouse: Lighthouse mobile performance of every HTML page kind, two rounds (needs Chromium and npx; not in test)
lighthouse:
	./scripts/lighthouse.sh

## bench: Go benchmarks, then versus beside nginx serving its export under wrk (minutes; a quiet machine; not in test)
bench:
	./scripts/bench.sh

## check: validate the content folder on disk
check:
	$(GO) run ./cmd/versus check --content content

## generate: regenerate the *_templ.go files from web/*.templ
generate:
	$(GO) tool templ generate

## build: build the versus binary into bin/
build:
	$(GO) build -o bin/versus ./cmd/versus

## vet: run go vet on every package
vet:
	$(GO) vet ./...

## fmt: format the Go files with gofmt and the web/*.templ files with templ fmt
fmt:
	gofmt -w $$(find . -name '*.go' -not -name '*_templ.go')
	$(GO) tool templ fmt web

## help: list the targets and what they do
help:
	@awk 'match($$0, /^## [a-z-]+: /) { printf "  %-12s %s\n", substr($$0, 4, RLENGTH - 5), substr($$0, RLENGTH + 1) }' $(MAKEFILE_LIST)

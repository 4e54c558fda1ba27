# mtaa — build, run and test. `make help` lists the targets.

GO      ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X main.version=$(VERSION)
BIN     := bin/mtaa
DATA    ?= ./mtaa-data
LISTEN  ?= 127.0.0.1:8080
# The default extract: Delaware, shipped in the testdata of the
# github.com/paulmach/osm module (imported on first start only).
OSM     ?= $(shell $(GO) list -m -f '{{.Dir}}' github.com/paulmach/osm 2>/dev/null)/testdata/delaware-latest.osm.pbf

.PHONY: eval-places model eval-sms help build release run examples docs-img test test-deps test-web test-server-postgres lint bench bench-go bench-load bench-postgres bench-web bench-report fuzz crash-test cluster-crash-test run-cluster clean vendor-web

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

# bin/mtaa is for this machine (make run, the benchmarks, CI's version
# check): built with go's default flags, as the tests build mtaa, so that
# it reuses their compiled packages (-trimpath and CGO_ENABLED=0 change
# every package's cache key; only the link differs here). The static,
# path-free binaries to deploy are make release's.
build: ## build bin/mtaa
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/mtaa

# Static binaries for the platforms a city runs mtaa on (a server, a
# Raspberry Pi in a ward office, a Windows desktop), with their checksums.
RELEASE_TARGETS := linux/amd64 linux/arm64 windows/amd64

release: ## static binaries in dist/ for linux/amd64, linux/arm64, windows/amd64, and dist/SHA256SUMS
	rm -rf dist && mkdir -p dist
	@set -e; for t in $(RELEASE_TARGETS); do \
		os=$${t%/*}; arch=$${t#*/}; ext=; [ $$os = windows ] && ext=.exe; \
		echo "  dist/mtaa-$$os-$$arch$$ext"; \
		CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -trimpath -ldflags "$(LDFLAGS)" -o dist/mtaa-$$os-$$arch$$ext ./cmd/mtaa; \
	done
	cd dist && sha256sum mtaa-* > SHA256SUMS

run: build ## run mtaa on ./mtaa-data, importing the Delaware extract on first start (optional: ADMIN_TOKEN=, TWILIO_AUTH_TOKEN=, SMSSYNC_SECRET=)
	$(BIN) serve --data $(DATA) --listen $(LISTEN) --osm $(OSM) $(if $(ADMIN_TOKEN),--admin-token $(ADMIN_TOKEN)) $(if $(TWILIO_AUTH_TOKEN),--twilio-auth-token $(TWILIO_AUTH_TOKEN)) $(if $(SMSSYNC_SECRET),--smssync-secret $(SMSSYNC_SECRET))

test: test-deps lint ## install test tools if missing, lint, run every test with the race detector, then the store tests on PostgreSQL
	$(GO) test -race -count=1 -timeout 20m ./...
	$(GO) test -count=1 -run 'TestCorpusCrossValidated' ./classify
	# The store's whole test suite again, on the PostgreSQL engine (a
	# throwaway cluster: internal/pgcluster); bbolt-file tests skip.
	MTAA_TEST_STORE=postgres $(GO) test -count=1 ./data/...

test-deps: ## install what the tests need (gdal-bin, chromium, playwright-core, postgresql-15 + postgis) when missing
	./scripts/install-test-deps.sh

test-server-postgres: test-deps ## the HTTP server's tests on the PostgreSQL engine (a throwaway cluster; ~3 min with -race, not part of make test); the bbolt-file test skips
	MTAA_TEST_STORE=postgres $(GO) test -race -count=1 -timeout 20m ./server/...

test-web: test-deps ## browser tests of the web UI only (headless Chromium; screenshots in web/test/artifacts)
	$(GO) test -count=1 -run TestWebInBrowser -v ./cmd/mtaa

examples: ## run the sh test blocks of README.md and docs/ against demo servers, check docs/api.md against the routes and every relative link of the docs
	$(GO) test -count=1 -run 'TestDocExamples|TestDocLinksResolve|TestAPIDocMatchesRoutes|TestReadmeIsShort|TestRunningDocListsServeFlags' ./cmd/mtaa

docs-img: test-web ## refresh the screenshots in docs/img from the browser tests' artifacts
	cp web/test/artifacts/ops-clusters.png docs/img/ops-map.png
	cp web/test/artifacts/ops-details.png docs/img/ops-details.png
	cp web/test/artifacts/ops-alert.png docs/img/ops-alert.png
	cp web/test/artifacts/report-form-360x640.png docs/img/report-form.png

vendor-web: ## refresh the vendored MapLibre GL JS from npm (web/static/vendor/README.md)
	./scripts/vendor-web.sh

lint: ## gofmt and go vet
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

bench: bench-go bench-load ## all benchmarks: Go micro-benchmarks, then HTTP load against a baseline

bench-go: ## go test -bench over every package
	$(GO) test -run='^$$' -bench=. -benchmem ./...

bench-web: build test-deps ## slow-3G cold load of /report and the app shell's gzipped size (bench/web.mjs)
	node bench/web.mjs $(BIN)

bench-load: build ## HTTP ingestion and bbox load, as ratios to a do-nothing Go server (bench/README.md)
	./bench/load.sh

bench-postgres: ## mtaa on PostgreSQL vs bbolt in one run: ingestion, bbox reads at 1M (and PostGIS's own query), start-up, RSS (bench/postgres.sh, ~15 min); QUICK=1 a few minutes
	QUICK=$(or $(QUICK),0) ./bench/postgres.sh

bench-report: ## Markdown report of every speed figure (bench/report.md, or OUT=FILE); QUICK=1 for a few minutes
	REPORT=$(or $(OUT),bench/report.md) OUT=bench/out QUICK=$(or $(QUICK),0) ./bench/report.sh

model: ## rebuild the SMS classifier's model (classify/model.json.gz) from the corpus in ../shared/data (docs/sms.md)
	$(GO) run ./classify/train -data $(or $(SHARED_DATA),../shared/data) -out classify/model.json.gz

eval-sms: ## cross-validated figures of the SMS classifier on ../shared/data, beside the keyword-only baseline (docs/sms.md)
	$(GO) run ./classify/evalsms -nested -data $(or $(SHARED_DATA),../shared/data)

fuzz: ## run each fuzz target for FUZZTIME (default 1m)
	./scripts/fuzz.sh $(or $(FUZZTIME),1m)

clean: ## remove build outputs
	rm -rf bin dist bench/out

crash-test: build ## kill -9 mtaa under HTTP and SMS load CYCLES times (default 50); nothing acknowledged may be lost or duplicated (bench/crash)
	$(GO) build -o bin/crash ./bench/crash
	CYCLES=$(or $(CYCLES),50) ./bin/crash -bin $(BIN)

run-cluster: build ## a throwaway PostgreSQL, 3 mtaa servers on it and a round-robin proxy on $(LISTEN), for trying several servers by hand; Ctrl-C stops all (bench/cluster/run)
	$(GO) run ./bench/cluster/run -bin $(BIN) -listen $(LISTEN) -osm $(OSM)

cluster-crash-test: build ## 3 servers on one PostgreSQL, 64 clients through a proxy, one server kill -9ed CYCLES times (default 50): no report lost or duplicated, every event stream and alert SMS complete (bench/cluster/crash)
	$(GO) build -o bin/cluster-crash ./bench/cluster/crash
	CYCLES=$(or $(CYCLES),50) ./bin/cluster-crash -bin $(BIN)

eval-places: ## placement by name and coordinates on the shared extracts (../shared/data; docs/places.md)
	$(GO) run ./cmd/evalplaces -data $(or $(SHARED_DATA),../shared/data)

# Nahbar: `make run` starts it with demo data, `make test` runs every test.
SHELL := /bin/bash
export PATH := $(CURDIR)/tests/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export NAHBAR_TEST_POSTGRES_URL ?= postgres://postgres:postgres@127.0.0.1:5432/postgres

.PHONY: run test tools build build-release test-rust test-browser bench soak fuzz clean

## Build a release and serve http://127.0.0.1:3000 with data in ./data (demo business).
run: tools build-release
	LEPTOS_SITE_ROOT=target/site ./target/release/nahbar serve --demo

## Everything CI runs: unit, storage (SQLite + PostgreSQL), HTTP and browser tests.
test: build
	.ci/install-tools.sh --browser
	.ci/postgres.sh
	# The tests are built first, without a stop: a build on a busy machine is slow, not hung.
	cargo test --workspace --locked --no-run
	# A hard stop on running them: a hung test fails CI in minutes instead of holding it
	# (about 4 min normally).
	timeout -k 60 15m cargo test --workspace --locked
	# A hard stop: a hung browser test fails CI in minutes instead of holding it for hours.
	cd tests && NAHBAR_BIN=../target/debug/nahbar LEPTOS_SITE_ROOT=../target/site timeout -k 60 30m npm test

tools:
	.ci/install-tools.sh

build: tools
	cargo leptos build

build-release: tools
	cargo leptos build --release

## Page and WASM sizes, render speed vs a static file, the page cache vs nginx serving the
## same bytes, opening-hours evaluations vs opening_hours.js, a post's way to a fediverse
## follower vs Fedify to Fedify, nearby search vs PostGIS on
## 1 000 000 POIs, the photo pipeline on 12 MP, a business's archive (10 locations, 1 000
## posts with photos) out of SQLite and into SQLite and PostgreSQL.
bench: build-release
	.ci/bench-tools.sh
	cd tests && NAHBAR_BIN=../target/release/nahbar LEPTOS_SITE_ROOT=../target/site node bench/size.mjs
	cd tests && NAHBAR_BIN=../target/release/nahbar LEPTOS_SITE_ROOT=../target/site node bench/cache.mjs
	cd tests && NAHBAR_BIN=../target/release/nahbar node bench/hours.mjs
	cd tests && NAHBAR_BIN=../target/release/nahbar LEPTOS_SITE_ROOT=../target/site node bench/federation.mjs
	.ci/postgis.sh
	taskset -c 0 ./target/release/nahbar media-bench
	./target/release/nahbar nearby-bench --points 1000000 --queries 20000 \
	  --postgis-url "$(NAHBAR_TEST_POSTGRES_URL)"
	./target/release/nahbar archive-bench --locations 10 --posts 1000 \
	  --postgres-url "$(NAHBAR_TEST_POSTGRES_URL)"
	./target/release/nahbar delivery-bench --postgres-url "$(NAHBAR_TEST_POSTGRES_URL)"

## The outbox soak: 200 posts under cut connections, lost answers and server kills.
soak: build
	.ci/install-tools.sh --browser
	cd tests && NAHBAR_BIN=../target/debug/nahbar LEPTOS_SITE_ROOT=../target/site node soak/outbox-soak.mjs

## The property tests on new inputs: ROUNDS rounds (default 20), each from a new seed (make
## test always draws the same ones). A find prints its seed and is kept in
## app/proptest-regressions/; fix it and commit that file.
fuzz:
	@for round in $$(seq $${ROUNDS:-20}); do \
	  seed=$$(od -An -N4 -tu4 /dev/urandom | tr -d ' '); echo "fuzz round $$round, PROPTEST_RNG_SEED=$$seed"; \
	  PROPTEST_RNG_SEED=$$seed cargo test -q -p app --lib -- fuzz_tests nearby || exit 1; \
	done

clean:
	cargo clean

# 纪实 Jishi — build and test entry points.
#
#   make tools        install/check the cached toolchain (scripts/install-tools.sh)
#   make build        release bundle into dist/ (scripts/build.sh: cargo, wasm-split, wasm-bindgen,
#                     wasm-opt -Oz, content-hashed app folder, stamped sw.js)
#   make serve        release build served on http://127.0.0.1:8080 (scripts/serve.mjs)
#   make test         test-native, test-browser, test-e2e, in that order
#   make test-native  cargo test (host)
#   make test-browser cargo test --target wasm32-unknown-unknown --tests (headless Chromium)
#   make test-e2e     release build, then node --test tests/e2e/*.test.mjs (Playwright)
#   make bench        bundle sizes raw/gzip/brotli, the 150 KB brotli budget, and time to
#                     interactive on a 400 kbps / 400 ms link with a 4× slower CPU
#   make bench-sync   1,000 events through PouchDB Server: Jishi vs PouchDB (prints, never fails)
#   make bench-scale  county data sets of 1k, 10k, 50k records: import, open, memory (prints)
#   make couchdb-setup COUCH=http://admin:pw@host:5984 COUNTY=couchdb/county.json [USERS=users.json]
#                     a county's databases, their _security and validation design documents
#   make fmt | lint | clean
#
# Tools live in $(JISHI_TOOLS) (default ~/.cache/jishi/tools) and ./node_modules/.bin;
# everything below runs with them on PATH.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := build

JISHI_TOOLS ?= $(HOME)/.cache/jishi/tools
WASM_SPLIT_VERSION := 0.2.4
# wasm-bindgen-cli must match the wasm-bindgen crate locked in Cargo.lock.
$(if $(wildcard Cargo.lock),,$(shell cargo metadata --format-version 1 >/dev/null 2>&1))
WBG_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock 2>/dev/null)

export JISHI_TOOLS
export PATH := $(JISHI_TOOLS)/wasm-split-$(WASM_SPLIT_VERSION)/bin:$(JISHI_TOOLS)/wasm-bindgen-$(WBG_VERSION)/bin:$(CURDIR)/node_modules/.bin:$(PATH)
# wasm-bindgen-test: small, fast debug wasm; chromedriver from Debian's chromium-driver.
export CARGO_PROFILE_DEV_DEBUG := false
export CHROMEDRIVER ?= /usr/bin/chromedriver
# Playwright: never download browsers; tests use Debian's /usr/bin/chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
export JISHI_CHROMIUM ?= /usr/bin/chromium

# The test layers must run in order, even under make -j.
.NOTPARALLEL:

.PHONY: tools tools-test build serve test test-native test-browser test-e2e bench bench-sync bench-scale couchdb-setup fmt lint clean

tools:
	scripts/install-tools.sh

tools-test:
	scripts/install-tools.sh test

build: tools
	scripts/build.sh

# Never run `make build` while this is running (both write dist/).
serve: tools
	scripts/build.sh
	node scripts/serve.mjs 8080

test: tools-test test-native test-browser test-e2e

test-native:
	cargo test

test-browser: tools-test
	cargo test --target wasm32-unknown-unknown --tests

# Runs every tests/e2e/*.test.mjs against a fresh release build in dist/
# (the glob must match at least one file, otherwise node --test fails).
test-e2e: tools-test
	scripts/build.sh
	node --test tests/e2e/*.test.mjs

bench: tools-test
	scripts/bench.sh
	-node scripts/bench-tti.mjs

# Requests, bytes and seconds of 1,000 events pushed and pulled through PouchDB Server by
# Jishi and by PouchDB (pouchdb-browser). Prints; never fails.
bench-sync: tools-test
	scripts/build.sh
	-node scripts/bench-sync.mjs

# County data sets (examples/county_data.rs, through the domain's commands) imported into
# the release build, then opened: seconds and memory at 1k, 10k, 50k records. Prints;
# never fails. BENCH_SCALE_SIZES=1000,10000 for fewer.
bench-scale: tools-test
	scripts/build.sh
	-node scripts/bench-scale.mjs

# Create a county's databases (common, one per township, cadre, personal, performance, audit), their _security
# (who may read each) and validation design documents (generated from the Rust rules), on a
# CouchDB-compatible server; idempotent. Needs only node. USERS: optional demo/test users.
#   make couchdb-setup COUCH=http://admin:password@127.0.0.1:5984 COUNTY=couchdb/county.json
COUCH ?=
COUNTY ?= couchdb/county.json
USERS ?=
couchdb-setup:
	@test -n "$(COUCH)" || { echo "usage: make couchdb-setup COUCH=http://admin:password@host:5984 COUNTY=couchdb/county.json [USERS=users.json]"; exit 2; }
	@test -f "$(COUNTY)" || { echo "no county file $(COUNTY): copy couchdb/county.example.json and list your townships"; exit 2; }
	@node couchdb/setup.mjs "$(COUCH)" "$(COUNTY)" $(USERS)

fmt:
	cargo fmt

lint:
	cargo fmt --check
	cargo clippy -- -D warnings
	cargo clippy --target wasm32-unknown-unknown -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --features split -- -D warnings

clean:
	cargo clean
	rm -rf dist tests/artifacts

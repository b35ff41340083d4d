# gongkai — the two commands of README.md, and a few helpers.
#   make run    install what is missing, build, migrate, seed demo data, serve http://127.0.0.1:8080
#   make test   install what is missing, build, run every test (unit, storage contract on SQLite and
#               PostgreSQL, HTTP integration, layering, browser)
.PHONY: run test build build-release deps e2e-deps bench format clean

JOBS ?= $(shell nproc)
# ccache: hash paths relative to the checkout so a fresh clone elsewhere (CI) reuses the cache.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := true

deps:
	@scripts/install-deps.sh

build: deps
	cmake --preset dev >/dev/null
	cmake --build --preset dev -j $(JOBS)

build-release: deps
	cmake --preset release >/dev/null
	cmake --build --preset release -j $(JOBS) --target gongkai

run: build-release
	./build/release/gongkai serve --data-dir ./var

e2e-deps: deps
	@cd tests/e2e && { [ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund; }

test: build e2e-deps
	scripts/run-tests.sh

bench: build-release
	bench/run.sh

format:
	find src tests bench -name '*.h' -o -name '*.cc' | grep -v /fixture/ | xargs clang-format -i

clean:
	rm -rf build

# lb-datagen: build, run, test, benchmark. Every target installs what it
# needs first (scripts/setup.sh is idempotent): building needs a few Debian
# packages, testing also a Python venv with the readers and an S3 server.
SWIFT ?= swift
CONFIG ?= release
BIN := .build/$(CONFIG)
PLUGINS := Customer360 IoT Clickstream SpecDomains
# Declarative domains (spec files) shipped beside the plugins.
SPECS := $(wildcard Plugins/Specs/*.yaml)
PYTHON := .venv/bin/python

.PHONY: setup setup-build build demo test unit-test integration-test bench clean

setup-build:
	@bash scripts/setup.sh build

setup:
	@bash scripts/setup.sh test

# The host binary and the shipped plugins, linked into plugins/ beside the
# binary (where the host looks by default).
build: setup-build
	$(SWIFT) build -c $(CONFIG)
	@mkdir -p $(BIN)/plugins
	@for p in $(PLUGINS); do ln -sf ../lib$$p.so $(BIN)/plugins/lib$$p.so; done
	@for s in $(SPECS); do ln -sf $(CURDIR)/$$s $(BIN)/plugins/$$(basename $$s); done

# The main job, small: a Customer360 dataset in ./out (no S3 needed).
demo: build
	$(BIN)/lb-datagen --target-gb 0.05 --file-size-mb 16 --payload-kb 2 --workers 2 --output ./out
	@find out -name '*.parquet' | sort | head

# Unit tests (XCTest), then end-to-end tests with real readers and a real
# S3 server (pytest).
test: unit-test integration-test

unit-test: setup
	$(SWIFT) test

integration-test: setup build
	LB_BUILD_DIR=$(BIN) $(PYTHON) -m pytest -q tests

bench: setup build
	LB_BUILD_DIR=$(BIN) $(PYTHON) scripts/bench.py

clean:
	rm -rf .build out bench-out

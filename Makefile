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

.PHONY: setup setup-build setup-image build install image demo test unit-test integration-test bench fuzz sanitize clean

setup-image:
	@bash scripts/setup.sh image

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

# A self-contained tree (bin/, lib/ with the Swift runtime, plugins/) that
# runs without the toolchain. Built in its own scratch folder: the RUNPATH
# ($$ORIGIN/../lib instead of the toolchain's folder) is set at link time.
PREFIX ?= /opt/lb-datagen
INSTALL_BUILD := .build-install
install: setup-build
	$(SWIFT) build -c release --scratch-path $(INSTALL_BUILD) \
	  -Xswiftc -no-toolchain-stdlib-rpath -Xlinker -rpath -Xlinker '$$ORIGIN/../lib'
	bash scripts/install.sh $(INSTALL_BUILD)/release $(PREFIX) $(PLUGINS) $(SPECS)

# The container image lb-datagen:<version> and :latest (Dockerfile), with
# docker, buildah or podman, whichever runs here.
image: setup-image
	bash scripts/image.sh

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
	LB_BUILD_DIR=$(BIN) $(PYTHON) -m pytest -q -rs IntegrationTests

bench: setup build
	LB_BUILD_DIR=$(BIN) $(PYTHON) scripts/bench.py

# libFuzzer, with AddressSanitizer, for FUZZ_SECONDS each over the Parquet
# writer (Fuzz/ParquetWriter: schemas, values, nulls, codecs, dictionary and
# statistics limits, page and row-group shapes) and over the host's checks
# of plugin batches (Fuzz/PluginBatch: a plugin made of fuzz bytes, its
# validity, booleans, string offsets, labels, failures); then every file of
# each corpus is made again and read back by pyarrow. Linked with lld (gold
# fails on libFuzzer here).
FUZZ_SECONDS ?= 120
FUZZ := .build-fuzz
FUZZ_FLAGS := --scratch-path $(FUZZ) --toolset $(FUZZ)/toolset.json -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
fuzz: setup
	@mkdir -p $(FUZZ)/corpus $(FUZZ)/batch-corpus
	@printf '{"schemaVersion": "1.0", "linker": {"path": "%s"}}\n' "$$(dirname "$$(readlink -f "$$(command -v $(SWIFT))")")/ld.lld" > $(FUZZ)/toolset.json
	$(SWIFT) build -c release --product parquet-fuzz $(FUZZ_FLAGS)
	$(SWIFT) build -c release --product batch-fuzz $(FUZZ_FLAGS)
	$(FUZZ)/release/parquet-fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=4096 $(FUZZ)/corpus
	$(FUZZ)/release/batch-fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=8192 $(FUZZ)/batch-corpus
	@rm -rf $(FUZZ)/out && mkdir -p $(FUZZ)/out
	LB_FUZZ_OUT=$(FUZZ)/out $(FUZZ)/release/parquet-fuzz -runs=0 $(FUZZ)/corpus
	$(PYTHON) scripts/fuzz_check.py $(FUZZ)/out
	@rm -rf $(FUZZ)/out && mkdir -p $(FUZZ)/out
	LB_FUZZ_OUT=$(FUZZ)/out $(FUZZ)/release/batch-fuzz -runs=0 $(FUZZ)/batch-corpus
	$(PYTHON) scripts/fuzz_check.py $(FUZZ)/out

# The XCTest suite, a run of each domain and one to S3 (SeaweedFS) under
# AddressSanitizer, then ThreadSanitizer (debug builds in .build-asan and
# .build-tsan; each costs a build of several minutes, so not in `make test`).
sanitize: setup
	bash scripts/sanitize.sh address
	bash scripts/sanitize.sh thread

clean:
	rm -rf .build .build-fuzz .build-asan .build-tsan $(INSTALL_BUILD) .build-image out bench-out

# NetServ — one entry point for everything. See README.md.
#   make deps    install Debian packages (deps/debian-packages.txt) + pre-fetch Maven
#   make build   native (CMake -> build/bin/) and Java (Maven)        [default]
#   make test    deps + build, then ctest, Maven tests, integration tests (tests/)
#   make demo    the demo topology (the README's first command)
#   make bench   benchmarks (long; not part of make test); make bench-mlffr: the paper's §5 experiment
#   make fuzz    long fuzzing runs (libFuzzer in build-fuzz/, Jazzer); make test runs short ones
#   make image   the bootable router image (build/image/); make image-test boots it under QEMU
#   make docs-cli  regenerate docs/cli (a page per command, from the commands' own help)
SHELL := /bin/bash
BUILD ?= build
MVN ?= mvn -B -ntp
CMAKE_BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc)

.PHONY: all build native java deps test test-native test-java test-integration demo bench bench-mlffr fuzz image image-test docs-cli clean

all: build

deps:
	@bash deps/install.sh

build: native java

native:
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=$(CMAKE_BUILD_TYPE) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

java:
	@$(MVN) -q -DskipTests install

test: deps build
	@$(MAKE) -k --no-print-directory test-native test-java test-integration

test-native:
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-java:
	@$(MVN) -fae test

test-integration:
	@bash tests/run-integration.sh

demo: deps build
	@if [ -x tests/demo/run-demo.sh ]; then bash tests/demo/run-demo.sh; else \
	  echo "make demo: the demo topology is not built yet (issue: end-to-end demo)."; \
	  echo "make demo: what exists today is checked by 'make test'."; exit 1; fi

bench: build
	@bash tests/bench/run-all.sh

bench-mlffr: build
	@bash tests/bench/mlffr.sh

fuzz:
	@bash tests/security/fuzz-long.sh

image:
	@bash deps/install.sh image
	@$(MAKE) --no-print-directory build
	@$(MAKE) --no-print-directory -C image-builder image

image-test:
	@bash deps/install.sh image
	@$(MAKE) --no-print-directory -C image-builder test

docs-cli: build
	@bash docs/gen-cli-docs.sh docs/cli

clean:
	rm -rf $(BUILD)
	$(MVN) -q clean

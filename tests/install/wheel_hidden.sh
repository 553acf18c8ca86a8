#!/bin/sh
# wheel_hidden.sh PY DIST WORK — the manylinux wheel carries its own
# utf8proc: with the system's copy hidden (hide_libs.sh), first an
# unrepaired wheel (DIST/raw) must fail to import, naming the packages to
# install (proof that the hiding works), then the repaired wheel, installed
# into a fresh venv, must load its bundled copies and run the conversation.
# Exits 77 (skip) where the libraries cannot be hidden.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
py=$1 dist=$(cd "$2" && pwd) work=$3

if [ "${4:-}" != --inside ]; then
    exec sh "$here/hide_libs.sh" sh "$here/wheel_hidden.sh" "$py" "$dist" "$work" --inside
fi

tag=$("$py" -c 'import sys; print("cp%d%d" % sys.version_info[:2])')
echo "== unrepaired wheel: must not import"
rm -rf "$work/raw" && "$py" -m venv "$work/raw"
"$work/raw/bin/python" -m pip install --quiet --no-index "$dist"/raw/tinyyes-*-"$tag"-*linux_x86_64.whl
if (cd / && "$work/raw/bin/python" -c 'import tinyyes') 2>"$work/raw.err"; then
    echo "wheel_hidden: FAILED: the unrepaired wheel imported, so the system libraries are not hidden" >&2
    exit 1
fi
grep -q 'Debian/Ubuntu: libutf8proc-dev' "$work/raw.err" && grep -q 'Fedora: utf8proc-devel' "$work/raw.err" || {
    cat "$work/raw.err" >&2
    echo "wheel_hidden: FAILED: the import error does not name the packages to install" >&2
    exit 1
}
tail -1 "$work/raw.err"

echo "== repaired wheel: must load its own copy"
rm -rf "$work/venv" && "$py" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --no-index --only-binary tinyyes --find-links "$dist" tinyyes
ext=$(ls "$work"/venv/lib/python*/site-packages/tinyyes/_tinyyes*.so)
ldd "$ext" | grep -E 'cjson|utf8proc|not found' > "$work/ldd.txt" || true
cat "$work/ldd.txt"
if grep -q 'not found' "$work/ldd.txt" || grep -q cjson "$work/ldd.txt" ||
        [ "$(grep -c 'tinyyes.libs/' "$work/ldd.txt")" -ne 1 ]; then
    echo "wheel_hidden: FAILED: utf8proc does not resolve inside tinyyes.libs/, or cJSON is still linked" >&2
    exit 1
fi
cd / && "$work/venv/bin/python" "$here/smoke.py"

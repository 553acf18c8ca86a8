#!/bin/sh
# sdist_no_libs.sh PY WORK — the sdist needs neither pkg-config nor the C
# library until the extension is compiled: with PATH holding PY alone (no
# pkg-config, no compiler) `python -m build --sdist` succeeds; building a
# wheel from it then stops with the message that names the packages for
# Debian/Ubuntu, Fedora, Alpine and Homebrew, both without pkg-config and
# with a pkg-config that does not find it. PY needs `build` installed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
py=$1 work=$2

rm -rf "$work" && mkdir -p "$work/bin" "$work/no-pc"
work=$(cd "$work" && pwd)
printf '#!/bin/sh\nexec "%s" "$@"\n' "$py" > "$work/bin/python"
chmod +x "$work/bin/python"

echo "== sdist with no pkg-config on PATH"
(cd "$repo" && PATH="$work/bin" python -m build --sdist --outdir "$work/sdist" . >"$work/sdist.log" 2>&1) || {
    tail -30 "$work/sdist.log" >&2; echo "sdist_no_libs: FAILED: the sdist did not build" >&2; exit 1; }
sdist=$(ls "$work"/sdist/tinyyes-*.tar.gz)
echo "built $(basename "$sdist")"

# expect_hint WHAT LOG: LOG holds the install hint for every system, after WHAT.
expect_hint() {
    for want in "$1" "apt-get install pkg-config libutf8proc-dev" "dnf install pkgconf-pkg-config utf8proc-devel" \
                "apk add pkgconf utf8proc-dev" "brew install pkg-config utf8proc"; do
        grep -q "$want" "$2" || {
            tail -30 "$2" >&2; echo "sdist_no_libs: FAILED: no '$want' in the build error" >&2; exit 1; }
    done
    echo "the error names each system's packages: $(grep -m1 -o "tinyyes: $1.*" "$2")"
}

echo "== wheel from it with no pkg-config on PATH: must fail, naming the packages"
if PATH="$work/bin" python -m pip wheel --no-deps --wheel-dir "$work/w1" "$sdist" >"$work/w1.log" 2>&1; then
    echo "sdist_no_libs: FAILED: a wheel built without pkg-config" >&2; exit 1
fi
expect_hint "pkg-config is not installed" "$work/w1.log"

echo "== wheel from it where pkg-config does not find utf8proc: must fail, naming the packages"
if PKG_CONFIG_LIBDIR="$work/no-pc" PKG_CONFIG_PATH="" \
        "$py" -m pip wheel --no-deps --wheel-dir "$work/w2" "$sdist" >"$work/w2.log" 2>&1; then
    echo "sdist_no_libs: FAILED: a wheel built where pkg-config finds no utf8proc" >&2; exit 1
fi
expect_hint "pkg-config cannot find libutf8proc" "$work/w2.log"

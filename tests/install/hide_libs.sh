#!/bin/sh
# hide_libs.sh CMD [ARG...] — runs CMD in a private mount namespace where the
# system's utf8proc shared library reads as empty files, so only a
# program that carries its own copy can load it. Nothing outside the
# namespace changes, and it ends with CMD.
#
# Needs root and unshare(1) (util-linux); without them it prints why and
# exits 77, which the install tests count as a skip.
set -eu

if [ "${TINYYES_HIDDEN:-}" != 1 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "hide_libs: not root, so no private mount namespace to hide the system libraries" >&2
        exit 77
    fi
    command -v unshare >/dev/null 2>&1 || {
        echo "hide_libs: unshare (util-linux) is not installed" >&2; exit 77; }
    unshare -m true 2>/dev/null || {
        echo "hide_libs: unshare -m is not permitted here (a container without CAP_SYS_ADMIN?)" >&2
        exit 77; }
    TINYYES_HIDDEN=1 exec unshare -m --propagation private sh "$0" "$@"
fi

# Inside the namespace: every real file behind a libutf8proc name the
# loader could find (its cache and the usual directories), resolved through
# symlinks, is covered by an empty file.
empty=$(mktemp)
trap 'rm -f "$empty"' EXIT
{
    ldconfig -p 2>/dev/null | awk '/libutf8proc\.so/ { print $NF }'
    for dir in /lib /usr/lib /usr/local/lib /lib64 /usr/lib64 /lib/*-linux-gnu /usr/lib/*-linux-gnu; do
        ls "$dir"/libutf8proc.so* 2>/dev/null || true
    done
} | while read -r lib; do readlink -f "$lib"; done | sort -u > "$empty.list"
hidden=0
while read -r real; do
    [ -f "$real" ] || continue
    mount --bind "$empty" "$real"
    hidden=$((hidden + 1))
done < "$empty.list"
rm -f "$empty.list"
echo "hide_libs: $hidden system library file(s) hidden"
"$@"

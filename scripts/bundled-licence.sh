#!/bin/sh
# bundled-licence.sh LIBFILE — prints the path of the licence text of the
# system package that provides LIBFILE (a shared library the release
# artefacts bundle), so the wheels and the npm prebuild ship it beside the
# copy: utf8proc's MIT licence asks that its notice go with every copy.
# Debian and Ubuntu keep it in /usr/share/doc/<package>/copyright. Fails,
# naming the library, where there is none.
set -eu
lib=$(readlink -f "$1")
pkg=$(dpkg -S "$lib" 2>/dev/null | head -1 | cut -d: -f1 || true)
f=/usr/share/doc/${pkg:-none}/copyright
if [ -n "$pkg" ] && [ -f "$f" ] && grep -qi 'permission is hereby granted' "$f"; then
    echo "$f"
else
    echo "bundled-licence: no licence text found for $lib (dpkg package: ${pkg:-none})" >&2
    exit 1
fi

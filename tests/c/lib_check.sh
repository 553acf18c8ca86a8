#!/bin/sh
# lib_check.sh DIR CC — checks the installed C library in DIR/prefix (make
# test-c-lib installs it there first):
#  1. examples/c/booking.c builds with nothing but `pkg-config tinyyes` and
#     runs against the shared library, and again linked statically;
#  2. both runs print the booking the example scripts;
#  3. libtinyyes.so exports exactly the functions tinyyes.h declares TY_API.
set -eu
dir=$1
cc=${2:-cc}
prefix=$dir/prefix
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"

fail() { echo "lib_check: $*" >&2; exit 1; }

echo "== pkg-config tinyyes: $(pkg-config --modversion tinyyes)"
# one version: tinyyes.pc, the installed header and the library's ty_version()
header_version=$(sed -n 's/^#define TY_VERSION "\(.*\)"$/\1/p' "$prefix/include/tinyyes.h")
[ "$(pkg-config --modversion tinyyes)" = "$header_version" ] || fail "tinyyes.pc says $(pkg-config --modversion tinyyes), tinyyes.h $header_version"
printf '%s\n' '#include <stdio.h>' '#include <string.h>' '#include "tinyyes.h"' \
    'int main(void) { puts(ty_version()); return strcmp(ty_version(), TY_VERSION) != 0 || ty_version_number() != TY_VERSION_NUMBER; }' \
    > "$dir/version.c"
# shellcheck disable=SC2046
$cc -std=c11 -Wall -Wextra -Werror "$dir/version.c" $(pkg-config --cflags --libs tinyyes) -o "$dir/version"
lib_version=$(LD_LIBRARY_PATH="$prefix/lib" "$dir/version") || fail "ty_version() or ty_version_number() differs from tinyyes.h"
[ "$lib_version" = "$header_version" ] || fail "ty_version() says $lib_version, tinyyes.h $header_version"
echo "   version $header_version in tinyyes.pc, tinyyes.h and ty_version()"
# shellcheck disable=SC2046
$cc -std=c11 -Wall -Wextra -Werror examples/c/booking.c $(pkg-config --cflags --libs tinyyes) -o "$dir/booking"
LD_LIBRARY_PATH="$prefix/lib" "$dir/booking" > "$dir/booking.out"
# shellcheck disable=SC2046
$cc -std=c11 -Wall -Wextra -Werror $(pkg-config --cflags tinyyes) examples/c/booking.c "$prefix/lib/libtinyyes.a" \
    $(pkg-config --static --libs-only-L --libs-only-other tinyyes) \
    $(pkg-config --static --libs-only-l tinyyes | sed 's/-ltinyyes//') -o "$dir/booking-static"
"$dir/booking-static" > "$dir/booking-static.out"
cmp -s "$dir/booking.out" "$dir/booking-static.out" || fail "the static and shared builds print different conversations"
for want in "customer: Sam" "bot: " "Tune-up" "Friday 27 November" "a \"tune-up\""; do
    grep -q "$want" "$dir/booking.out" || { cat "$dir/booking.out" >&2; fail "the example's output lacks \"$want\""; }
done
last=$(tail -n 1 "$dir/booking.out")
case "$last" in bot:*) ;; *) cat "$dir/booking.out" >&2; fail "the booking did not end with the bot's confirmation" ;; esac
echo "   examples/c/booking.c: $(grep -c '^bot:' "$dir/booking.out") bot messages, shared and static builds agree"

sed -n 's/^TY_API[^(]*[ *]\(ty_[a-z0-9_]*\)(.*/\1/p' csrc/include/tinyyes.h | sort -u > "$dir/declared.txt"
nm -D --defined-only "$prefix/lib/libtinyyes.so" | awk '$2 == "T" { print $3 }' | sort -u > "$dir/exported.txt"
if ! cmp -s "$dir/declared.txt" "$dir/exported.txt"; then
    diff "$dir/declared.txt" "$dir/exported.txt" >&2 || true
    fail "libtinyyes.so exports other functions than tinyyes.h declares (< declared only, > exported only)"
fi
echo "   libtinyyes.so exports the $(wc -l < "$dir/declared.txt") functions tinyyes.h declares, nothing else"

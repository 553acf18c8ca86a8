#!/bin/sh
# dist-node.sh ADDON DISTDIR — the npm tarball with a prebuilt addon inside.
#
# ADDON is the release build (build/Release/tinyyes.node, linked with an
# $ORIGIN runpath by binding.gyp). It goes, stripped, to
# prebuilds/<platform>-<arch>/tinyyes.napi.glibc.node, the name node-gyp-build
# looks for (napi: any Node with Node-API; glibc: musl machines build from
# source instead), with the utf8proc it links against copied beside
# it, so the package needs no system copy at run time. Then `npm pack` writes
# DISTDIR/tinyyes-<version>.tgz and the sizes are printed.
set -eu

addon=$1
dist=$2
node=${NODE:-node}
npm=${NPM:-npm}

# Libraries the addon may need from the system: glibc's own, present on
# every glibc Linux. Anything else must be bundled.
SYSTEM_LIBS="libc.so.6 libm.so.6 libdl.so.2 libpthread.so.0 librt.so.1 ld-linux-x86-64.so.2"
BUNDLED="libutf8proc.so.2"

fail() { echo "dist-node: $*" >&2; exit 1; }

# needed FILE: the DT_NEEDED names of FILE, one a line.
needed() { readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'; }

# system_copy LIB: the real file the addon resolves LIB to on this machine.
system_copy() {
    path=$(ldd "$addon" | awk -v lib="$1" '$1 == lib && $2 == "=>" { print $3 }')
    [ -n "$path" ] && [ -f "$path" ] || fail "the addon does not resolve $1 (is lib${1#lib} installed?)"
    readlink -f "$path"
}

[ "$(uname -s)" = Linux ] || fail "prebuilds are made on Linux only"
[ -f "$addon" ] || fail "$addon is not built (make build-node)"
readelf -d "$addon" | grep -q 'R.*PATH.*\[\$ORIGIN\]' || fail "$addon lacks the \$ORIGIN runpath (binding.gyp ldflags)"

target=$("$node" -p 'process.platform + "-" + process.arch')
dir=prebuilds/$target
rm -rf prebuilds
mkdir -p "$dir"
strip --strip-unneeded -o "$dir/tinyyes.napi.glibc.node" "$addon"
for lib in $BUNDLED; do
    install -m 644 "$(system_copy "$lib")" "$dir/$lib"
    # its licence travels with it (utf8proc: MIT, whose notice must go with copies)
    install -m 644 "$(sh "$(dirname "$0")/bundled-licence.sh" "$(system_copy "$lib")")" "$dir/$lib.LICENSE"
done

# Everything the files need is either beside them or part of glibc.
for f in "$dir"/*; do
    case "$f" in *.LICENSE) continue ;; esac
    for dep in $(needed "$f"); do
        case " $SYSTEM_LIBS $BUNDLED " in
        *" $dep "*) ;;
        *) fail "$f needs $dep, which is neither bundled nor part of glibc" ;;
        esac
    done
    if readelf -S "$f" | grep -q '\.debug_'; then fail "$f still has debug sections"; fi
done
"$node" -e 'require(require("path").resolve(process.argv[1]))' "$dir/tinyyes.napi.glibc.node" \
    || fail "the prebuilt addon does not load"

mkdir -p "$dist"
rm -f "$dist"/tinyyes-*.tgz
"$npm" pack --silent --json --pack-destination "$dist" > "$dist/npm-pack.json"
"$node" -e '
const [json, dir] = process.argv.slice(1);
const fs = require("fs"), path = require("path");
const [p] = JSON.parse(fs.readFileSync(json, "utf8"));
const kb = (n) => (n / 1024).toFixed(0) + " KiB";
const files = p.files.map((f) => f.path);
if (!files.some((f) => f.startsWith("prebuilds/"))) throw new Error("prebuilds/ is not in the tarball");
console.log(`dist-node: ${path.join(path.dirname(json), p.filename)}: ${kb(p.size)} packed, ` +
            `${kb(p.unpackedSize)} unpacked, ${p.entryCount} files`);
for (const f of fs.readdirSync(dir).sort()) {
  console.log(`dist-node:   ${dir}/${f}: ${kb(fs.statSync(path.join(dir, f)).size)}`);
}' "$dist/npm-pack.json" "$dir"

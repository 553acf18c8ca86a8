#!/bin/sh
# run.sh DIST DISTENV WORK PY VERSION... — the Python install scenarios, each
# in fresh venvs under WORK, timed, then a table and a closing count:
#   wheel for each VERSION (3.X), libs visible     wheel.sh
#   wheel for PY, system libraries hidden          wheel_hidden.sh (skips when it cannot hide)
#   sdist without pkg-config or the libraries      sdist_no_libs.sh
#   sdist for PY, compiled against the system's    sdist.sh
# DIST is what `make dist-python` wrote (sdist, wheels, raw/); DISTENV its
# venv with build. A scenario exiting 77 is a skip; any other failure fails,
# and WORK is kept to look at; after a clean run it is removed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
dist=$1 distenv=$2 work=$3 py=$4
shift 4
mkdir -p "$work"
work=$(cd "$work" && pwd)
current=$("$py" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
passed=0 failed=0 skipped=0 table=""

# scenario NAME SCRIPT ARG...: runs one scenario and records its time and outcome.
scenario() {
    name=$1; shift
    echo "==== $name"
    start=$(date +%s%N)
    sh "$@"
    rc=$?
    tenths=$(( ($(date +%s%N) - start) / 100000000 ))
    case $rc in
    0) outcome=ok; passed=$((passed + 1)) ;;
    77) outcome=skipped; skipped=$((skipped + 1)) ;;
    *) outcome="FAILED ($rc)"; failed=$((failed + 1)) ;;
    esac
    table="$table$(printf '%-48s %5d.%d s  %s' "$name" $((tenths / 10)) $((tenths % 10)) "$outcome")
"
}

for v in "$@"; do
    vpy=$(sh "$here/../../scripts/find-pythons.sh" "$v") || continue
    steps=1
    [ "$v" = "$current" ] && steps=3
    scenario "wheel, Python $v, system libs visible" "$here/wheel.sh" "$vpy" "$dist" "$work/wheel-$v" "$steps"
done
scenario "wheel, Python $current, system libs hidden" "$here/wheel_hidden.sh" "$py" "$dist" "$work/hidden"
scenario "sdist, without pkg-config or the libraries" "$here/sdist_no_libs.sh" "$distenv/bin/python" "$work/no-libs"
scenario "sdist, Python $current, compiled here" "$here/sdist.sh" "$py" "$dist" "$work/sdist"

echo "==== install scenarios"
printf '%s' "$table"
echo "install: $passed passed, $failed failed, $skipped skipped"
# the venvs are only worth keeping to look at a failure
[ "$failed" -eq 0 ] && rm -rf "$work"

#!/bin/sh
# fuzz_run.sh — runs built libFuzzer targets for a bounded time in total
# (`make fuzz` and `make test-fuzz`) and says what each one did.
#
#   fuzz_run.sh SECONDS DIR NAME...
#
# DIR holds the binaries (DIR/NAME) and the generated seeds
# (DIR/seeds/NAME/, scripts/fuzz_seeds.py). Each NAME runs for an equal
# share of SECONDS (at least 1) on a scratch corpus DIR/corpus-NAME/: a copy
# of its committed seeds (tests/fuzz/NAME/) and the generated ones, so the
# committed corpus never grows. Its dictionary, tests/fuzz/NAME.dict, is
# used when there is one. libFuzzer's output goes to DIR/NAME.log; a crash,
# a leak, a timeout or a sanitizer report leaves its input in
# DIR/NAME-crash-* (or -leak-, -timeout-, -oom-; kept until make clean) and
# fails the run, after every target has had its turn. Prints one line per
# target: executions, seconds, executions per second, seeds and new inputs.
set -u

[ $# -ge 3 ] || { echo "usage: fuzz_run.sh SECONDS DIR NAME..." >&2; exit 2; }
total=$1
dir=$2
case $dir in /* | ./*) ;; *) dir=./$dir ;; esac
shift 2
per=$((total / $#))
[ "$per" -ge 1 ] || per=1

# The value of libFuzzer's final "stat::$2:" line in log $1.
stat() { sed -n "s/^stat::$2: *//p" "$1" | tail -n 1; }

failed=""
for name in "$@"; do
    work=$dir/corpus-$name
    log=$dir/$name.log
    rm -rf "$work"
    mkdir -p "$work"
    for seeds in "tests/fuzz/$name" "$dir/seeds/$name"; do
        if [ -d "$seeds" ]; then cp -R "$seeds/." "$work/"; fi
    done
    seeds=$(ls "$work" | wc -l)
    dict=""
    if [ -f "tests/fuzz/$name.dict" ]; then dict="-dict=tests/fuzz/$name.dict"; fi
    start=$(date +%s)
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ASAN_OPTIONS=detect_leaks=1 \
        "$dir/$name" ${dict:+"$dict"} -max_total_time="$per" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$dir/$name-" "$work" >"$log" 2>&1
    rc=$?
    secs=$(($(date +%s) - start))
    execs=$(stat "$log" number_of_executed_units)
    rate=$(stat "$log" average_exec_per_sec)
    found=$(stat "$log" new_units_added)
    line="$name: ${execs:-?} execs in ${secs}s (${rate:-?}/s), $seeds seeds, ${found:-?} new inputs"
    if [ "$rc" -eq 0 ]; then
        echo "$line: ok"
    else
        echo "$line: FAILED (exit $rc); log $log"
        grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error|artifact_prefix|Test unit written)' "$log" | head -n 20
        failed="$failed $name"
    fi
done
if [ -n "$failed" ]; then
    echo "fuzz: FAILED:$failed (inputs in $dir/)" >&2
    exit 1
fi

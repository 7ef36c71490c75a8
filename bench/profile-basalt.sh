#!/usr/bin/env bash
# Profiles Basalt under one sysbench workload with a JFR recording and prints the hottest frames.
#   bench/profile-basalt.sh [sysbench-test] [seconds] [durability]
#   e.g. bench/profile-basalt.sh oltp_update_non_index 30 full
# PROFILE_BULK_ROWS=N first bulk-loads an N-row dump (as bin/bench does), inside the recording;
# PROFILE_SKIP_SYSBENCH=1 then stops there. STRACE=1 also counts Basalt's sync and write system
# calls during the sysbench run (strace -c; slows the server a lot). JFR_OUT=FILE keeps the
# recording for `jfr print` / JDK Mission Control. JFR_SETTINGS=FILE.jfc replaces JFR's "profile"
# settings (which sample Java stacks every 10-20 ms: a few hundred samples in 30 s), e.g. one made by
# `jfr configure --input profile jdk.ExecutionSample#period=1ms --output fast.jfc`.
# Prints: top-of-stack frames of Java samples, frames anywhere on the stack (inclusive), and the
# top frames of native samples (threads in syscalls such as fsync or socket reads).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$BENCH_DIR/lib/common.sh"
. "$BENCH_DIR/lib/servers.sh"
. "$BENCH_DIR/lib/workloads.sh"

TEST=${1:-oltp_update_non_index} SECS=${2:-30} DURABILITY=${3:-full}
TABLE_SIZE=${TABLE_SIZE:-100000} THREADS=${THREADS:-8} TOP=${TOP:-40}
JFR_TOOL=${JFR_TOOL:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr}

WORK=$(mktemp -d /tmp/basalt-profile.XXXXXX)
SERVER_PID=
trap 'server_stop; rm -rf "$WORK"' EXIT

JFR=$WORK/basalt.jfr
export BASALT_JAVA_OPTS="${BASALT_JAVA_OPTS:-} -XX:StartFlightRecording=filename=$JFR,dumponexit=true,settings=${JFR_SETTINGS:-profile}"
export BENCH_BASALT_DURABILITY=$DURABILITY
PORT=33790
basalt_start "$WORK" "$PORT"

if [ -n "${PROFILE_BULK_ROWS:-}" ]; then
    python3 "$BENCH_DIR/gen_dump.py" "$PROFILE_BULK_ROWS" 5000 "$WORK/dump.sql"
    bulk_load "$PORT" "$WORK/dump.sql" "$PROFILE_BULK_ROWS" "$SERVER_DATA"
fi
if [ -z "${PROFILE_SKIP_SYSBENCH:-}" ]; then
    sysbench_prepare "$PORT" "$TABLE_SIZE"
    if [ -n "${STRACE:-}" ]; then
        timeout "$((SECS - 2))" strace -c -f -e trace=fsync,fdatasync,msync,pwrite64,pwritev,write,ftruncate \
            -p "$SERVER_PID" 2>"$WORK/strace.txt" &
        STRACE_PID=$!
    fi
    sysbench_run "$PORT" "$TEST" "${TEST#oltp_}" "$TABLE_SIZE" "$THREADS" "$SECS" 0
    if [ -n "${STRACE:-}" ]; then wait "$STRACE_PID" || true; echo "== strace -c (${SECS}s run)"; cat "$WORK/strace.txt"; fi
fi
server_stop

print_top() { # EVENT: counts of the first frame of each stack, then of every frame
    "$JFR_TOOL" print --stack-depth 64 --events "$1" "$JFR" >"$WORK/events.txt"
    echo "== $1: samples $(grep -c "^$1" "$WORK/events.txt")"
    echo "-- top of stack"
    awk '/stackTrace = \[/ { getline; sub(/^[ \t]+/, ""); sub(/line:.*/, ""); print }' "$WORK/events.txt" |
        sort | uniq -c | sort -rn | head -"$TOP"
    echo "-- anywhere on the stack (inclusive)"
    grep -E '^\s+[a-zA-Z_$][^ ]*\(.*\)' "$WORK/events.txt" | sed -e 's/^\s*//' -e 's/line:.*//' |
        sort | uniq -c | sort -rn | head -"$TOP"
}
set +o pipefail # head closes the pipes early on purpose
print_top jdk.ExecutionSample
print_top jdk.NativeMethodSample
if [ -n "${JFR_OUT:-}" ]; then cp "$JFR" "$JFR_OUT" && echo "recording kept in $JFR_OUT"; fi

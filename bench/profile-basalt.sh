#!/usr/bin/env bash
# Profiles Basalt under one sysbench workload with a JFR recording and prints the hottest frames.
#   bench/profile-basalt.sh [sysbench-test] [seconds] [durability]
#   e.g. bench/profile-basalt.sh oltp_update_non_index 30 full
# Also: PROFILE_BULK_ROWS=N profiles the bulk load of an N-row dump instead of sysbench.
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
export BASALT_JAVA_OPTS="${BASALT_JAVA_OPTS:-} -XX:StartFlightRecording=filename=$JFR,dumponexit=true,settings=profile"
export BASALT_DURABILITY=$DURABILITY
PORT=33790
basalt_start "$WORK" "$PORT"

if [ -n "${PROFILE_BULK_ROWS:-}" ]; then
    python3 "$BENCH_DIR/gen_dump.py" "$PROFILE_BULK_ROWS" 5000 "$WORK/dump.sql"
    bulk_load "$PORT" "$WORK/dump.sql" "$PROFILE_BULK_ROWS" "$SERVER_DATA"
else
    sysbench_prepare "$PORT" "$TABLE_SIZE"
    sysbench_run "$PORT" "$TEST" "${TEST#oltp_}" "$TABLE_SIZE" "$THREADS" "$SECS" 0
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
print_top jdk.ExecutionSample
print_top jdk.NativeMethodSample

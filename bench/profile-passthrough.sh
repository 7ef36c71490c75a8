#!/usr/bin/env bash
# Profiles Basalt's passthrough relay (--storage mysql in front of one MariaDB) under sysbench with
# a JFR recording, and prints the hottest frames (Java and native) and the top allocation sites.
#   bench/profile-passthrough.sh [sysbench-test] [seconds]     e.g. oltp_point_select 20
# TABLE_SIZE (10000), THREADS (8), PS_MODE (disable: text protocol; auto: prepared), TOP (30);
# JFR_OUT=FILE keeps the recording. Also prints Basalt's and MariaDB's CPU per statement.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
. "$BENCH_DIR/lib/common.sh"
. "$BENCH_DIR/lib/servers.sh"

TEST=${1:-oltp_point_select} SECS=${2:-20}
TABLE_SIZE=${TABLE_SIZE:-10000} THREADS=${THREADS:-8} TOP=${TOP:-30} PS_MODE=${PS_MODE:-disable}
JFR_TOOL=${JFR_TOOL:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr}

WORK=$(mktemp -d /tmp/basalt-profile-passthrough.XXXXXX)
MARIADB_PID= BASALT_PID=
cleanup() {
    bench_stop_pid "$BASALT_PID" 60
    bench_stop_pid "$MARIADB_PID" 120
    rm -rf "$WORK"
}
trap cleanup EXIT

MPORT=$(bench_free_port 34100) BPORT=$(bench_free_port 34200)
mariadb_start "$WORK/mariadb" "$MPORT"
MARIADB_PID=$SERVER_PID
sb() { sysbench "$1" --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="$2" --mysql-user=root \
    --mysql-db=sbtest --db-ps-mode="$PS_MODE" --tables=1 --rand-seed=42 --table-size="$TABLE_SIZE" "${@:3}"; }
bench_sql "$MPORT" -e "CREATE DATABASE sbtest"
sb oltp_insert "$MPORT" prepare >/dev/null

JFR=$WORK/basalt.jfr
BASALT_JAVA_OPTS="${BASALT_JAVA_OPTS:-} -XX:StartFlightRecording=filename=$JFR,dumponexit=true,settings=profile,jdk.SocketRead#enabled=false,jdk.SocketWrite#enabled=false" \
    BASALT_LOG_LEVEL=warn "$ROOT/bin/basalt" server --port "$BPORT" --storage mysql \
    --mysql-host 127.0.0.1 --mysql-port "$MPORT" --mysql-user root >"$WORK/basalt.log" 2>&1 &
BASALT_PID=$!
bench_wait_for_log "$WORK/basalt.log" "ready for connections" "$BASALT_PID" 600 || { cat "$WORK/basalt.log"; exit 1; }

sb "$TEST" "$BPORT" --threads="$THREADS" --time=3 run >/dev/null 2>&1 || true # warm-up
b0=$(bench_cpu_seconds "$BASALT_PID") m0=$(bench_cpu_seconds "$MARIADB_PID")
out=$(sb "$TEST" "$BPORT" --threads="$THREADS" --time="$SECS" run 2>&1)
b1=$(bench_cpu_seconds "$BASALT_PID") m1=$(bench_cpu_seconds "$MARIADB_PID")
events=$(awk '/total number of events:/ { print $5 }' <<<"$out")
queries=$(awk '/total:/ { print $2; exit }' <<<"$out")
echo "== $TEST through passthrough, $THREADS threads, ${SECS}s: $(awk '/transactions:/ { print $2, $3 }' <<<"$out") tx, $queries statements"
echo "   CPU us per statement: Basalt $(bench_div "$(bench_sub "$b1" "$b0")e6" "$queries" 1), MariaDB $(bench_div "$(bench_sub "$m1" "$m0")e6" "$queries" 1)"
bench_stop_pid "$BASALT_PID" 60
BASALT_PID=

print_top() { # EVENT
    "$JFR_TOOL" print --stack-depth 32 --events "$1" "$JFR" >"$WORK/events.txt"
    echo "== $1: $(grep -c "^$1" "$WORK/events.txt") events; top of stack"
    awk '/stackTrace = \[/ { getline; sub(/^[ \t]+/, ""); sub(/line:.*/, ""); print }' "$WORK/events.txt" |
        sort | uniq -c | sort -rn | head -"$TOP"
}
set +o pipefail # head closes the pipes early on purpose
print_top jdk.ExecutionSample
print_top jdk.NativeMethodSample
print_top jdk.ObjectAllocationSample
if [ -n "${JFR_OUT:-}" ]; then cp "$JFR" "$JFR_OUT" && echo "recording kept in $JFR_OUT"; fi

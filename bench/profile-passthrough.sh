#!/usr/bin/env bash
# Profiles Basalt's passthrough relay (--storage mysql in front of one MariaDB) under sysbench with
# a JFR recording, and prints the hottest frames (Java and native) and the top allocation sites.
#   bench/profile-passthrough.sh [sysbench-test] [seconds]     e.g. oltp_point_select 20
# TABLE_SIZE (10000), THREADS (8), PS_MODE (disable: text protocol; auto: prepared), TOP (30);
# JFR_OUT=FILE keeps the recording; MYSQL_SOCKET=1 connects the backends to MariaDB's Unix socket
# (--mysql-socket) instead of TCP. Also prints Basalt's and MariaDB's CPU per statement (user and
# system), and, where perf(1) may watch the processes, their system calls and context switches per
# statement during the measured run (the relay's floor: see docs/benchmarks.md); PERF_RECORD=1
# adds a perf profile of Basalt, kernel included. CACHE_SIZE=256M profiles with the result cache
# (--remote-cache-size).
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
SOCKET_ARGS=()
[ -n "${MYSQL_SOCKET:-}" ] && SOCKET_ARGS=(--mysql-socket "$WORK/mariadb/mariadb.sock")
[ -n "${CACHE_SIZE:-}" ] && SOCKET_ARGS+=(--remote-cache-size "$CACHE_SIZE")
BASALT_JAVA_OPTS="${BASALT_JAVA_OPTS:-} -XX:StartFlightRecording=filename=$JFR,dumponexit=true,settings=profile,jdk.SocketRead#enabled=false,jdk.SocketWrite#enabled=false" \
    BASALT_LOG_LEVEL=warn "$ROOT/bin/basalt" server --port "$BPORT" --storage mysql \
    --mysql-host 127.0.0.1 --mysql-port "$MPORT" --mysql-user root "${SOCKET_ARGS[@]}" >"$WORK/basalt.log" 2>&1 &
BASALT_PID=$!
bench_wait_for_log "$WORK/basalt.log" "ready for connections" "$BASALT_PID" 600 || { cat "$WORK/basalt.log"; exit 1; }

sb "$TEST" "$BPORT" --threads="$THREADS" --time=3 run >/dev/null 2>&1 || true # warm-up
ticks() { awk '{ print $14, $15 }' "/proc/$1/stat"; } # user and system clock ticks
# System calls and context switches of each server (perf stat, if allowed), counted from 2 s into
# the run, once sysbench's connections (and Basalt's threads for them) exist, for SECS - 4 seconds;
# per statement by MariaDB's Questions over the same window (each forwarded statement is one).
counts() { # PID OUT
    perf stat -x, -e raw_syscalls:sys_enter,context-switches -p "$1" -o "$2" -- sleep $((SECS - 4)) >/dev/null 2>&1 || rm -f "$2"
}
questions() { bench_sql "$MPORT" -N -e "SHOW GLOBAL STATUS LIKE 'Questions'" | awk '{ print $2 }'; }
read -r bu0 bs0 < <(ticks "$BASALT_PID"); read -r mu0 ms0 < <(ticks "$MARIADB_PID")
sb "$TEST" "$BPORT" --threads="$THREADS" --time="$SECS" run >"$WORK/sysbench.out" 2>&1 &
SB_PID=$!
if command -v perf >/dev/null && ((SECS > 6)); then
    sleep 2
    q0=$(questions)
    counts "$BASALT_PID" "$WORK/basalt.perf" & p1=$!
    counts "$MARIADB_PID" "$WORK/mariadb.perf" & p2=$!
    p3=
    if [ -n "${PERF_RECORD:-}" ]; then # where Basalt's CPU goes, kernel included (JIT frames unnamed)
        perf record -q -g -o "$WORK/perf.data" -p "$BASALT_PID" -- sleep $((SECS - 4)) >/dev/null 2>&1 & p3=$!
    fi
    wait "$p1" "$p2" $p3 || true # not a bare wait: Basalt is a job too
    window=$(($(questions) - q0 - 1))
fi
wait "$SB_PID" || true
out=$(cat "$WORK/sysbench.out")
read -r bu1 bs1 < <(ticks "$BASALT_PID"); read -r mu1 ms1 < <(ticks "$MARIADB_PID")
queries=$(awk '/total:/ { print $2; exit }' <<<"$out")
echo "== $TEST through passthrough, $THREADS threads, ${SECS}s: $(awk '/transactions:/ { sub(/\(/, "", $3); print $2 " tx (" $3 "/s)" }' <<<"$out"), $queries statements; load $(cut -d' ' -f1-3 /proc/loadavg)"
per_stmt() { awk -v t="$(getconf CLK_TCK)" -v q="$queries" -v u="$1" -v s="$2" 'BEGIN { printf "%.1f (user %.1f, system %.1f)", (u + s) * 1e6 / t / q, u * 1e6 / t / q, s * 1e6 / t / q }'; }
echo "   CPU us per statement: Basalt $(per_stmt $((bu1 - bu0)) $((bs1 - bs0))), MariaDB $(per_stmt $((mu1 - mu0)) $((ms1 - ms0)))"
for who in basalt mariadb; do
    [ -s "$WORK/$who.perf" ] || continue
    awk -F, -v q="$window" -v who="$who" '$3 == "raw_syscalls:sys_enter" { s = $1 } $3 == "context-switches" { c = $1 }
        END { printf "   %s per statement: %.2f system calls, %.2f context switches\n", who, s / q, c / q }' "$WORK/$who.perf"
done
if [ -s "$WORK/perf.data" ]; then
    echo "== perf record of Basalt (kernel [k] and native [.] symbols; by self time)"
    perf report -i "$WORK/perf.data" --no-children --sort dso,sym -g none --stdio 2>/dev/null | grep '%' | head -"$TOP"
fi
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

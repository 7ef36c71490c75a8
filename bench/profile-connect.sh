#!/usr/bin/env bash
# Profiles what short-lived connections cost Basalt: a JFR recording (Java stacks sampled every
# 1 ms) while N clients connect, run `DO 1` and leave (mariadb -e, as bin/bench connect does),
# after a discarded warm-up; prints the hottest frames, top of stack and inclusive.
#   bench/profile-connect.sh [plain|tls] [connections] [warmup]
# JFR_OUT=FILE keeps the recording (jfr print / JDK Mission Control); TOP=N frames shown (40).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$BENCH_DIR/lib/common.sh"
. "$BENCH_DIR/lib/servers.sh"

MODE=${1:-plain} CONNS=${2:-2000} WARMUP=${3:-1000} TOP=${TOP:-40}
JFR_TOOL=${JFR_TOOL:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr}
case $MODE in plain) SSL=--skip-ssl ;; tls) SSL=--ssl ;; *) bench_die "mode: plain or tls" ;; esac
command -v mariadb >/dev/null || bench_die "'mariadb' (the client) is needed"

WORK=$(mktemp -d /tmp/basalt-profile-connect.XXXXXX)
SERVER_PID=
trap 'server_stop; rm -rf "$WORK"' EXIT

# The recording starts stopped: only the measured connections are sampled, not start-up or warm-up.
"$JFR_TOOL" configure --input profile jdk.ExecutionSample#period=1ms --output "$WORK/fast.jfc" >/dev/null
PORT=$(bench_free_port 33890)
basalt_start "$WORK" "$PORT"

loop() { local i; for ((i = 0; i < $1; i++)); do mariadb --protocol=TCP -h 127.0.0.1 -P "$PORT" -u root $SSL -e "DO 1"; done; }
bench_log "warm-up: $WARMUP $MODE connections"
loop "$WARMUP"
JFR=$WORK/connect.jfr
JCMD=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/jcmd
"$JCMD" "$SERVER_PID" JFR.start name=connect settings="$WORK/fast.jfc" >/dev/null # bin/basalt execs java: the PID is the JVM's
c0=$(bench_cpu_seconds "$SERVER_PID"); t0=$(bench_now)
bench_log "measured: $CONNS $MODE connections"
loop "$CONNS"
c1=$(bench_cpu_seconds "$SERVER_PID"); t1=$(bench_now)
"$JCMD" "$SERVER_PID" JFR.stop name=connect filename="$JFR" >/dev/null
echo "Command: bench/profile-connect.sh $MODE $CONNS $WARMUP (load $(cut -d' ' -f1-3 /proc/loadavg))"
echo "server CPU per connection: $(awk -v a="$c1" -v b="$c0" -v n="$CONNS" 'BEGIN { printf "%.0f", (a - b) * 1e6 / n }') us," \
    "client wall: $(awk -v a="$t1" -v b="$t0" -v n="$CONNS" 'BEGIN { printf "%.0f", (a - b) * 1e6 / n }') us (with the recording on)"

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
if [ -n "${JFR_OUT:-}" ]; then cp "$JFR" "$JFR_OUT" && echo "recording kept in $JFR_OUT"; fi

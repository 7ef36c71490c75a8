#!/usr/bin/env bash
# sysbench against several servers at the same moment: each server gets its own sysbench with
# THREADS clients, all started together, so every server sees the same machine load (on a shared,
# noisy machine, sequential runs minutes apart differ by 1.5-2x). Absolute figures are lower than
# one server alone (the servers and their clients share the cores); compare within a row.
#   bench/same-moment.sh [--servers "mariadb basalt@/tmp/before basalt@/tmp/after"]
#                        [--tests "update_index write_only ..."] [--table-size N] [--time S]
#                        [--warmup S] [--rounds N]
# "basalt" is bin/basalt (this checkout), basalt@DIR a saved build (basalt-server/target's jar and
# lib/ copied to DIR; DIR/jvm.opts, if there, adds JVM options). BENCH_PS_MODE=auto for server-side prepared statements, else text.
# Prints per round and test: tx/s and errors per server, each server's tx/s over the first's, and each
# server's CPU (utime+stime from /proc) per transaction of the measured run in microseconds.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$BENCH_DIR/lib/common.sh"
. "$BENCH_DIR/lib/servers.sh"
. "$BENCH_DIR/lib/workloads.sh"

SERVERS="mariadb basalt" TESTS="update_index write_only read_write point_select"
TABLE_SIZE=100000 SECS=10 WARMUP=20 THREADS=8 ROUNDS=1
while (($#)); do
    case $1 in
        --servers) SERVERS=$2; shift ;;
        --tests) TESTS=$2; shift ;;
        --table-size) TABLE_SIZE=$2; shift ;;
        --time) SECS=$2; shift ;;
        --warmup) WARMUP=$2; shift ;;
        --rounds) ROUNDS=$2; shift ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

WORK=$(mktemp -d /tmp/basalt-same-moment.XXXXXX)
PIDS=()
cleanup() {
    local p
    for p in "${PIDS[@]}"; do bench_stop_pid "$p" 60 || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT

saved_build_start() { # BUILD DIR PORT: as servers.sh's basalt_start, from a saved build (JVM flags as bin/basalt's)
    mkdir -p "$2"
    BASALT_LOG_LEVEL=warn /usr/lib/jvm/temurin-25-jdk-amd64/bin/java --add-opens java.base/java.nio=ALL-UNNAMED \
        --add-opens java.base/sun.nio.ch=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
        --add-opens jdk.httpserver/sun.net.httpserver=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
        $(cat "$1/jvm.opts" 2>/dev/null || true) -cp "$(echo "$1"/basalt-server-*.jar):$1/lib/*" dev.basalt.server.Main server \
        --port "$3" --data-dir "$2/data" --storage lmdb --durability wal >"$2/basalt.log" 2>&1 &
    SERVER_PID=$!
    SERVER_DATA=$2/data
    bench_wait_for_log "$2/basalt.log" "ready for connections" "$SERVER_PID" 600
}

TICKS=$(getconf CLK_TCK)
server_cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; } # utime + stime of the server process

NAMES=() PORTS=()
nth=0
for entry in $SERVERS; do
    nth=$((nth + 1))
    port=$(bench_free_port $((34300 + RANDOM % 400)))
    server=${entry%%@*}
    if [ "$entry" != "$server" ]; then
        saved_build_start "${entry#*@}" "$WORK/$nth" "$port"
        server=basalt@$(basename "${entry#*@}")
    else
        "${server}_start" "$WORK/$nth" "$port"
    fi
    PIDS+=("$SERVER_PID") NAMES+=("$server") PORTS+=("$port")
    sysbench_prepare "$port" "$TABLE_SIZE" 2>/dev/null
done

echo "round test load $(printf '%s_tps ' "${NAMES[@]}")$(printf '%s_errors ' "${NAMES[@]}")ratios_to_${NAMES[0]}"
for round in $(seq "$ROUNDS"); do
    for test in $TESTS; do
        for phase in warmup measure; do
            secs=$SECS; [ "$phase" = warmup ] && secs=$WARMUP
            cpu0=(); for p in "${PIDS[@]}"; do cpu0+=("$(server_cpu_ticks "$p")"); done
            clients=()
            for i in "${!PORTS[@]}"; do
                sysbench_cmd "${PORTS[$i]}" "oltp_$test" --table-size="$TABLE_SIZE" --threads="$THREADS" \
                    --time="$secs" run >"$WORK/out.$i" 2>&1 &
                clients+=($!)
            done
            wait "${clients[@]}" # not a bare wait: the servers are children of this shell too
        done
        tps=() errs=() cpus=()
        for i in "${!PORTS[@]}"; do
            tps+=("$(awk '/transactions:/ { gsub(/\(/, "", $3); print $3 }' "$WORK/out.$i")")
            errs+=("$(awk '/ignored errors:/ { print $3 }' "$WORK/out.$i")")
            tx=$(awk '/transactions:/ { print $2 }' "$WORK/out.$i")
            cpus+=("$(( ($(server_cpu_ticks "${PIDS[$i]}") - cpu0[i]) * 1000000 / TICKS / (tx > 0 ? tx : 1) ))")
        done
        ratios=$(printf '%s\n' "${tps[@]}" | awk 'NR == 1 { b = $1 } { printf "%.2f ", (b > 0 ? $1 / b : 0) }')
        echo "$round $test $(cut -d' ' -f1 /proc/loadavg) ${tps[*]} ${errs[*]} $ratios cpu_us/tx: ${cpus[*]}"
    done
done

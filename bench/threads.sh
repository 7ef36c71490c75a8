#!/usr/bin/env bash
# Connection threads: Basalt with --thread-handling one-thread-per-connection vs pool-of-threads,
# MariaDB beside them, interleaved in one run: sysbench point_select and read_only (text protocol)
# at 1 and N clients, throughput and server CPU per transaction. See --help.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
. "$BENCH_DIR/lib/common.sh"
. "$BENCH_DIR/lib/servers.sh"

usage() {
    cat <<'EOF2'
Usage: bin/bench threads [options]
Runs MariaDB, Basalt with a platform thread per connection (the default) and Basalt with a virtual
thread per connection (pool-of-threads) on the same sysbench data, ROUNDS times, interleaved.
  --time S         seconds per measured run                 (default 10)
  --warmup S       seconds of discarded warm-up per run     (default 3)
  --rounds N       rounds                                   (default 2)
  --table-size N   sysbench rows                            (default 20000)
  --threads N      clients of the concurrent runs           (default 8)
Needs: mariadb-server, sysbench.
EOF2
}

SECS=10 WARMUP=3 ROUNDS=2 TABLE_SIZE=20000 THREADS=8
while (($#)); do
    case $1 in
        --time) SECS=$2; shift ;;
        --warmup) WARMUP=$2; shift ;;
        --rounds) ROUNDS=$2; shift ;;
        --table-size) TABLE_SIZE=$2; shift ;;
        --threads) THREADS=$2; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
    shift
done
for tool in mariadbd sysbench; do command -v "$tool" >/dev/null || bench_die "'$tool' is needed"; done

WORK=$(mktemp -d /tmp/basalt-threads.XXXXXX)
MARIADB_PID= SERVER_PID=
trap 'bench_stop_pid "$SERVER_PID" 120; bench_stop_pid "$MARIADB_PID" 120; rm -rf "$WORK"' EXIT
M_PORT=$(bench_free_port 24900)
B_PORT=$(bench_free_port $((M_PORT + 1)))

mariadb_start "$WORK/mariadb" "$M_PORT" || bench_die "MariaDB did not start"
MARIADB_PID=$SERVER_PID SERVER_PID=

start_basalt() { # MODE
    BASALT_LOG_LEVEL=warn "$ROOT/bin/basalt" server --port "$B_PORT" --data-dir "$WORK/basalt" --storage lmdb \
        --durability wal --thread-handling "$1" >"$WORK/basalt-$1.log" 2>&1 &
    SERVER_PID=$!
    bench_wait_for_log "$WORK/basalt-$1.log" "ready for connections" "$SERVER_PID" 600 ||
        bench_die "Basalt did not start (log: $WORK/basalt-$1.log)"
}

sb() { # PORT TEST CLIENTS SECONDS
    sysbench "$2" --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="$1" --mysql-user=root --mysql-db=sbtest \
        --db-ps-mode=disable --mysql-ssl=off --tables=1 --table-size="$TABLE_SIZE" --threads="$3" --time="$4" \
        --rand-seed=42 run 2>&1
}

# one measured run: "tps cpu_us_per_tx" of the server with PID
measure() { # PORT PID TEST CLIENTS
    local out c0 c1 events
    sb "$1" "$3" "$4" "$WARMUP" >/dev/null || true
    c0=$(bench_cpu_seconds "$2")
    out=$(sb "$1" "$3" "$4" "$SECS") || { echo "$out" >&2; bench_die "sysbench $3 failed"; }
    c1=$(bench_cpu_seconds "$2")
    events=$(awk '/transactions:/ { print $2 }' <<<"$out")
    echo "$(awk '/transactions:/ { gsub(/\(/, "", $3); print $3 }' <<<"$out")" \
        "$(bench_div "$(awk -v a="$c1" -v b="$c0" 'BEGIN { print (a - b) * 1e6 }')" "$events" 0)"
}

bench_log "loading $TABLE_SIZE rows into both"
start_basalt one-thread-per-connection
for port in "$M_PORT" "$B_PORT"; do
    bench_sql "$port" --skip-ssl -e "CREATE DATABASE sbtest"
    sysbench oltp_read_only --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="$port" --mysql-user=root \
        --mysql-ssl=off --mysql-db=sbtest --tables=1 --table-size="$TABLE_SIZE" prepare >"$WORK/prepare.log" 2>&1 ||
        { tail -20 "$WORK/prepare.log" >&2; bench_die "sysbench prepare failed"; }
done
bench_stop_pid "$SERVER_PID" 120; SERVER_PID=

WORKLOADS=("oltp_point_select 1" "oltp_point_select $THREADS" "oltp_read_only $THREADS")
declare -A TPS=() CPU=()
add() { TPS[$1]=$(awk -v a="${TPS[$1]:-0}" -v b="$2" 'BEGIN { print a + b }'); CPU[$1]=$(awk -v a="${CPU[$1]:-0}" -v b="$3" 'BEGIN { print a + b }'); }
for r in $(seq 1 "$ROUNDS"); do
    for mode in one-thread-per-connection pool-of-threads; do
        start_basalt "$mode"
        for w in "${WORKLOADS[@]}"; do
            set -- $w
            read -r t c < <(measure "$M_PORT" "$MARIADB_PID" "$1" "$2"); add "$w|mariadb" "$t" "$c"
            read -r t c < <(measure "$B_PORT" "$SERVER_PID" "$1" "$2"); add "$w|$mode" "$t" "$c"
            bench_log "round $r, $mode: $1 x $2: Basalt $t tps ($c us CPU/tx)"
        done
        bench_stop_pid "$SERVER_PID" 120; SERVER_PID=
    done
done

avg() { bench_div "$1" "$2" 0; }
echo "Command: bin/bench threads --time $SECS --rounds $ROUNDS --table-size $TABLE_SIZE --threads $THREADS (load at the end: $(cut -d' ' -f1-3 /proc/loadavg))"
echo
echo "| sysbench (text protocol) | clients | MariaDB tps | platform threads tps | virtual threads tps | platform/virtual | platform/MariaDB | CPU us/tx MariaDB / platform / virtual |"
echo "|---|---:|---:|---:|---:|---:|---:|---|"
for w in "${WORKLOADS[@]}"; do
    set -- $w
    m=$(avg "${TPS[$w|mariadb]}" $((ROUNDS * 2))) p=$(avg "${TPS[$w|one-thread-per-connection]}" "$ROUNDS")
    v=$(avg "${TPS[$w|pool-of-threads]}" "$ROUNDS")
    echo "| $1 | $2 | $m | $p | $v | $(bench_div "$p" "$v" 2)x | $(bench_div "$p" "$m" 2)x |" \
        "$(avg "${CPU[$w|mariadb]}" $((ROUNDS * 2))) / $(avg "${CPU[$w|one-thread-per-connection]}" "$ROUNDS") / $(avg "${CPU[$w|pool-of-threads]}" "$ROUNDS") |"
done

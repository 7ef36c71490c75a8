#!/usr/bin/env bash
# Virtual databases: the result cache on vs off under sysbench point selects. See --help.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
. "$BENCH_DIR/lib/common.sh"
. "$BENCH_DIR/lib/servers.sh"

usage() {
    cat <<'USAGE'
Usage: bin/bench vdb-cache [--time S] [--rounds R] [--table-size N] [--threads N] [--keep]
One MariaDB holds sysbench's sbtest.sbtest1; two Basalt servers (memory storage) map it as the
virtual database sbtest (basalt.yaml remote-databases:), one with `cache: true` and a 256M result
cache (TTL 10 s), one without. sysbench oltp_point_select (text protocol) runs against MariaDB
directly and against both, interleaved over R rounds (order rotated), each run after a discarded
warm-up. Per configuration, the median tx/s, the CPU per statement of Basalt and of MariaDB
(/proc), and the cache's hit ratio (SHOW GLOBAL STATUS LIKE 'Basalt_remote_cache%').
Writes bench/results/vdb-cache-<time>.md.

  --time S        seconds per measured run (default 10)
  --warmup S      seconds of discarded warm-up before each run (default 3)
  --rounds R      rounds (default 3)
  --table-size N  rows (default 10000)
  --threads N     sysbench threads (default 8)
  --keep          keep the temp dir (server logs)
Needs: mariadb-server, sysbench.
USAGE
}

SECS=10 WARMUP=3 ROUNDS=3 TABLE_SIZE=10000 THREADS=8 KEEP=0
while (($#)); do
    case $1 in
        --time) SECS=$2; shift ;;
        --warmup) WARMUP=$2; shift ;;
        --rounds) ROUNDS=$2; shift ;;
        --table-size) TABLE_SIZE=$2; shift ;;
        --threads) THREADS=$2; shift ;;
        --keep) KEEP=1 ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
    shift
done
for tool in mariadb mariadbd mariadb-install-db sysbench awk; do
    command -v "$tool" >/dev/null || bench_die "'$tool' is needed"
done

WORK=$(mktemp -d /tmp/basalt-bench-vdb-cache.XXXXXX)
MARIADB_PID=
declare -A PIDS=() PORTS=()
cleanup() {
    local c
    for c in "${!PIDS[@]}"; do bench_stop_pid "${PIDS[$c]}" 60; done
    bench_stop_pid "$MARIADB_PID" 120
    if ((KEEP)); then bench_log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PORTS[direct]=$(bench_free_port 24500)
mariadb_start "$WORK/mariadb" "${PORTS[direct]}" || bench_die "MariaDB did not start"
MARIADB_PID=$SERVER_PID
sb() { # PORT TEST ARGS...
    sysbench "$2" --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="$1" --mysql-user=root \
        --mysql-db=sbtest --db-ps-mode=disable --tables=1 --table-size="$TABLE_SIZE" "${@:3}"
}
bench_sql "${PORTS[direct]}" -e "CREATE DATABASE sbtest"
sb "${PORTS[direct]}" oltp_insert prepare >/dev/null || bench_die "sysbench prepare failed"

start_basalt() { # CONFIG CACHE(true|false) PORT
    local dir=$WORK/$1
    mkdir -p "$dir"
    cat >"$dir/basalt.yaml" <<YAML
remote-cache:
  size: 256M
  ttl: 10
remote-databases:
  - name: sbtest
    host: 127.0.0.1
    port: ${PORTS[direct]}
    database: sbtest
    user: root
    pool-size: 16
    cache: $2
YAML
    BASALT_LOG_LEVEL=warn "$ROOT/bin/basalt" server --config "$dir/basalt.yaml" --port "$3" --storage memory \
        >"$dir/basalt.log" 2>&1 &
    PIDS[$1]=$!
    bench_wait_for_log "$dir/basalt.log" "ready for connections" "${PIDS[$1]}" 600 ||
        { cat "$dir/basalt.log" >&2; bench_die "Basalt ($1) did not start"; }
}
PORTS[vdb]=$(bench_free_port 24600)
start_basalt vdb false "${PORTS[vdb]}"
PORTS[vdb_cache]=$(bench_free_port 24700)
start_basalt vdb_cache true "${PORTS[vdb_cache]}"

hits() { # PORT: hits and misses so far
    bench_sql "$1" -N -e "SHOW GLOBAL STATUS LIKE 'Basalt_remote_cache_%'" |
        awk '$1 == "Basalt_remote_cache_hits" { h = $2 } $1 == "Basalt_remote_cache_misses" { m = $2 } END { print h + 0, m + 0 }'
}

CONFIGS=(direct vdb vdb_cache)
: >"$WORK/runs"
for ((r = 0; r < ROUNDS; r++)); do
    for ((i = 0; i < ${#CONFIGS[@]}; i++)); do
        c=${CONFIGS[$(((i + r) % ${#CONFIGS[@]}))]}
        port=${PORTS[$c]}
        sb "$port" oltp_point_select --threads="$THREADS" --time="$WARMUP" --rand-seed=$((r + 7)) run >/dev/null 2>&1 || true
        pid=${PIDS[$c]:-}
        b0=$([ -n "$pid" ] && bench_cpu_seconds "$pid" || echo 0) m0=$(bench_cpu_seconds "$MARIADB_PID")
        h0=$([ "$c" = vdb_cache ] && hits "$port" || echo "0 0")
        out=$(sb "$port" oltp_point_select --threads="$THREADS" --time="$SECS" --rand-seed=$((r + 1)) run 2>&1) ||
            { echo "$out" >&2; bench_die "sysbench on $c failed"; }
        b1=$([ -n "$pid" ] && bench_cpu_seconds "$pid" || echo 0) m1=$(bench_cpu_seconds "$MARIADB_PID")
        h1=$([ "$c" = vdb_cache ] && hits "$port" || echo "0 0")
        q=$(awk '/total:/ { print $2; exit }' <<<"$out")
        tps=$(awk '/transactions:/ { gsub(/\(/, "", $3); print $3 }' <<<"$out")
        ratio=$(awk -v a="$h0" -v b="$h1" 'BEGIN { split(a, x, " "); split(b, y, " "); h = y[1] - x[1]; m = y[2] - x[2];
            if (h + m == 0) print "n/a"; else printf "%.1f%%", 100 * h / (h + m) }')
        echo "$c $tps $(bench_div "$(bench_sub "$b1" "$b0")e6" "$q" 1) $(bench_div "$(bench_sub "$m1" "$m0")e6" "$q" 1) $ratio" |
            tee -a "$WORK/runs" >&2
    done
done

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
col() { awk -v c="$1" -v k="$2" '$1 == c { print $k }' "$WORK/runs" | median; }
DIRECT=$(col direct 2)
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=$ROOT/bench/results/vdb-cache-$STAMP.md
mkdir -p "$ROOT/bench/results"
{
    echo "<!-- bin/bench vdb-cache: $STAMP, Basalt $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?') -->"
    echo "sysbench oltp_point_select, $THREADS threads, ${SECS} s per run after a ${WARMUP} s warm-up, $TABLE_SIZE rows, text protocol, $ROUNDS rounds interleaved (median); load average $(cut -d' ' -f1-3 /proc/loadavg) at the end."
    echo
    echo "| configuration | tx/s | x direct | Basalt µs/stmt | MariaDB µs/stmt | cache hits |"
    echo "|---|---:|---:|---:|---:|---:|"
    for c in "${CONFIGS[@]}"; do
        tps=$(col "$c" 2)
        echo "| $c | $(printf '%.0f' "$tps") | $(bench_div "$tps" "$DIRECT" 2)x | $( [ "$c" = direct ] && echo n/a || col "$c" 3) | $(col "$c" 4) | $(awk -v c="$c" '$1 == c { print $5 }' "$WORK/runs" | tail -1) |"
    done
} | tee "$OUT"
bench_log "results: $OUT"
"$BENCH_DIR/chart.sh" "$OUT" || true # the PNG under docs/img/ (bin/bench chart)

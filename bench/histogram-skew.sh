#!/usr/bin/env bash
# A skewed indexed column with and without its histogram, interleaved on one server: sk.c holds 0 in
# 95% of the rows and one value each in the rest, so ANALYZE's cardinality (rows per value ~20)
# sends WHERE c = 0 through the index (a row lookup per entry) until a histogram shows 0's share,
# when the planner scans. Prints the plan and the server's CPU per query of each. See --help.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
. "$BENCH_DIR/lib/common.sh"

usage() {
    cat <<'EOF2'
Usage: bin/bench histogram-skew [options]
Loads sk (ROWS rows, 95% with c = 0, KEY c) into a fresh Basalt, then ROUNDS times: drops the
histogram on c and runs SELECT COUNT(pad) FROM sk WHERE c = 0 QUERIES times, builds it and runs
them again. Reports the EXPLAIN type and the server's CPU ms per query (user + system).
  --rows N       table rows, a multiple of 100,000     (default 200000)
  --rounds N     without/with rounds                   (default 3)
  --queries N    queries per measurement               (default 8)
EOF2
}

ROWS=200000 ROUNDS=3 QUERIES=8
while (($#)); do
    case $1 in
        --rows) ROWS=$2; shift ;;
        --rounds) ROUNDS=$2; shift ;;
        --queries) QUERIES=$2; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
    shift
done

WORK=$(mktemp -d /tmp/basalt-histskew.XXXXXX)
SERVER_PID=
trap 'bench_stop_pid "$SERVER_PID" 120; rm -rf "$WORK"' EXIT
MY_PORT=$(bench_free_port 24900)
PG_PORT=$(bench_free_port $((MY_PORT + 1)))

BASALT_LOG_LEVEL=warn "$ROOT/bin/basalt" server --port "$MY_PORT" --pg-port "$PG_PORT" --http-port 0 \
    --data-dir "$WORK/data" --storage lmdb >"$WORK/basalt.log" 2>&1 &
SERVER_PID=$!
bench_wait_for_log "$WORK/basalt.log" "ready for connections" "$SERVER_PID" 600 ||
    bench_die "Basalt did not start (log: $WORK/basalt.log)"

((ROWS >= 100000 && ROWS % 100000 == 0)) || bench_die "--rows must be a multiple of 100000"
SKEWED=$((ROWS * 95 / 100))
bench_log "loading $ROWS rows ($SKEWED with c = 0)"
bench_sql "$MY_PORT" >/dev/null <<SQL
CREATE DATABASE hb;
USE hb;
CREATE TABLE digits (d INT PRIMARY KEY);
INSERT INTO digits VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9);
CREATE TABLE sk (id INT PRIMARY KEY, c INT, pad VARCHAR(40), KEY c (c));
INSERT INTO sk SELECT n, IF(n <= $SKEWED, 0, n), REPEAT('x', 30)
  FROM (SELECT h.n * 100000 + a.d * 10000 + b.d * 1000 + c.d * 100 + e.d * 10 + f.d + 1 AS n
        FROM digits a, digits b, digits c, digits e, digits f, (SELECT a.d * 10 + b.d AS n FROM digits a, digits b) h
        WHERE h.n < $((ROWS / 100000))) nums;
ANALYZE TABLE sk;
SQL

QUERY="SELECT COUNT(pad) FROM sk WHERE c = 0"
measure() { # LABEL
    local type a b i
    type=$(bench_sql "$MY_PORT" -N hb -e "EXPLAIN $QUERY" | cut -f5)
    bench_sql "$MY_PORT" -N hb -e "$QUERY" >/dev/null # warm
    a=$(bench_cpu_seconds "$SERVER_PID")
    for ((i = 0; i < QUERIES; i++)); do bench_sql "$MY_PORT" -N hb -e "$QUERY" >/dev/null; done
    b=$(bench_cpu_seconds "$SERVER_PID")
    printf '%-18s %-5s %8s ms CPU/query\n' "$1" "$type" "$(bench_div "$(bench_sub "$b" "$a")" "$QUERIES" 4 | awk '{ printf "%.1f", $1 * 1000 }')"
}
for ((r = 1; r <= ROUNDS; r++)); do
    bench_sql "$MY_PORT" -N hb -e "ANALYZE TABLE sk DROP HISTOGRAM ON c" >/dev/null
    measure "no histogram"
    bench_sql "$MY_PORT" -N hb -e "ANALYZE TABLE sk UPDATE HISTOGRAM ON c" >/dev/null
    measure "histogram on c"
done

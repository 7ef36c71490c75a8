#!/usr/bin/env bash
# The prepared-statement plan cache on vs off (-Dbasalt.planCache=off), interleaved in one run on
# one data directory: sysbench point_select and read_only over the binary protocol
# (--db-ps-mode=auto: COM_STMT_PREPARE once, COM_STMT_EXECUTE per query) and pgbench -S -M prepared
# on the PostgreSQL port (Parse once, Bind/Execute per query). See --help.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
. "$BENCH_DIR/lib/common.sh"

usage() {
    cat <<'EOF2'
Usage: bin/bench plancache [options]
Runs Basalt with the plan cache off, then on, ROUNDS times (a fresh server each time, same data):
sysbench oltp_point_select and oltp_read_only with --db-ps-mode=auto, and pgbench -S -M prepared.
  --time S         seconds per measured run                 (default 20)
  --warmup S       seconds of discarded warm-up per run     (default 5)
  --rounds N       off/on rounds                            (default 2)
  --table-size N   sysbench rows                            (default 100000)
  --scale N        pgbench scale factor                     (default 1)
  --threads N      clients                                  (default 8)
  --tests LIST     sysbench tests without oltp_ (default "point_select read_only"; e.g. write_only:
                   prepared UPDATE/DELETE/INSERT inside transactions)
  --no-pgbench     sysbench only
  --jfr DIR        a JFR recording per mode of the first round in DIR, and their hottest frames
EOF2
}

SECS=20 WARMUP=5 ROUNDS=2 TABLE_SIZE=100000 SCALE=1 THREADS=8 JFR_DIR= TESTS="point_select read_only" PGBENCH=1
while (($#)); do
    case $1 in
        --time) SECS=$2; shift ;;
        --warmup) WARMUP=$2; shift ;;
        --rounds) ROUNDS=$2; shift ;;
        --table-size) TABLE_SIZE=$2; shift ;;
        --scale) SCALE=$2; shift ;;
        --threads) THREADS=$2; shift ;;
        --jfr) JFR_DIR=$(mkdir -p "$2" && cd "$2" && pwd); shift ;;
        --tests) TESTS=$2; shift ;;
        --no-pgbench) PGBENCH=0 ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
    shift
done

WORK=$(mktemp -d /tmp/basalt-plancache.XXXXXX)
SERVER_PID=
trap 'bench_stop_pid "$SERVER_PID" 120; rm -rf "$WORK"' EXIT
MY_PORT=$(bench_free_port 24800)
PG_PORT=$(bench_free_port $((MY_PORT + 1)))

start() { # MODE(on|off) LABEL [JFR]
    local opts="-Dbasalt.planCache=$1"
    [ -n "${3:-}" ] && opts="$opts -XX:StartFlightRecording=filename=$3,dumponexit=true,settings=profile"
    BASALT_JAVA_OPTS="$opts" BASALT_LOG_LEVEL=warn "$ROOT/bin/basalt" server --port "$MY_PORT" --pg-port "$PG_PORT" \
        --data-dir "$WORK/data" --storage lmdb --durability wal >"$WORK/basalt-$2.log" 2>&1 &
    SERVER_PID=$!
    bench_wait_for_log "$WORK/basalt-$2.log" "ready for connections" "$SERVER_PID" 600 ||
        bench_die "Basalt did not start (log: $WORK/basalt-$2.log)"
}
stop() { bench_stop_pid "$SERVER_PID" 120; SERVER_PID=; }

sysbench_ps() { # TEST SECONDS [sysbench args...]
    local test=$1 secs=$2; shift 2
    sysbench "$test" --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="$MY_PORT" --mysql-user=root \
        --mysql-db=sbtest --db-ps-mode=auto --tables=1 --table-size="$TABLE_SIZE" --threads="$THREADS" \
        --time="$secs" --rand-seed=42 "$@"
}
pgbench_s() { # SECONDS (in clear, as bench/pg.sh: TLS would time the handshake and the cipher too)
    PGSSLMODE=disable pgbench -c "$THREADS" -j 2 -T "$1" -n -S -M prepared -h 127.0.0.1 -p "$PG_PORT" -U root postgres
}

bench_log "loading: sysbench $TABLE_SIZE rows, pgbench scale $SCALE"
start on load
bench_sql "$MY_PORT" -e "CREATE DATABASE sbtest"
sysbench oltp_read_only --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="$MY_PORT" --mysql-user=root \
    --mysql-db=sbtest --tables=1 --table-size="$TABLE_SIZE" prepare >"$WORK/prepare.log" 2>&1 ||
    { tail -20 "$WORK/prepare.log" >&2; bench_die "sysbench prepare failed"; }
if ((PGBENCH)); then
    PGSSLMODE=disable pgbench -i -s "$SCALE" -h 127.0.0.1 -p "$PG_PORT" -U root postgres >"$WORK/pgbench-init.log" 2>&1 ||
        { tail -20 "$WORK/pgbench-init.log" >&2; bench_die "pgbench -i failed"; }
fi
stop

declare -A SUM=() CPU=()
for r in $(seq 1 "$ROUNDS"); do
    for mode in off on; do
        jfr=
        [ -n "$JFR_DIR" ] && ((r == 1)) && jfr=$JFR_DIR/plancache-$mode.jfr
        start "$mode" "$mode-$r" "$jfr"
        for t in $TESTS; do
            sysbench_ps "oltp_$t" "$WARMUP" run >/dev/null 2>&1 || true
            cpu0=$(bench_cpu_seconds "$SERVER_PID")
            out=$(sysbench_ps "oltp_$t" "$SECS" run 2>&1) || { echo "$out" >&2; bench_die "sysbench $t failed"; }
            cpu=$(bench_sub "$(bench_cpu_seconds "$SERVER_PID")" "$cpu0")
            grep -q FATAL <<<"$out" && { echo "$out" >&2; bench_die "sysbench $t failed"; }
            tps=$(awk '/transactions:/ { gsub(/[()]/, "", $3); print $3 }' <<<"$out")
            qps=$(awk '/queries:/ && /per sec/ { gsub(/[()]/, "", $3); print $3 }' <<<"$out")
            events=$(awk '/total number of events:/ { print $5 }' <<<"$out")
            errors=$(awk '/ignored errors:/ { print $3 }' <<<"$out")
            us=$(bench_div "$(awk -v c="$cpu" 'BEGIN { print c * 1e6 }')" "$events" 0)
            bench_log "round $r, cache $mode: sysbench $t $tps tps ($qps qps), server CPU $us us/tx, $errors errors, load $(cut -d' ' -f1 /proc/loadavg)"
            SUM[$t-$mode]=$(awk -v a="${SUM[$t-$mode]:-0}" -v b="$tps" 'BEGIN { print a + b }')
            CPU[$t-$mode]=$(awk -v a="${CPU[$t-$mode]:-0}" -v b="$us" 'BEGIN { print a + b }')
        done
        ((PGBENCH)) || { stop; continue; }
        pgbench_s "$WARMUP" >/dev/null 2>&1 || true
        out=$(pgbench_s "$SECS" 2>&1) || { echo "$out" >&2; bench_die "pgbench failed"; }
        tps=$(awk '/^tps = / { print $3 }' <<<"$out")
        bench_log "round $r, cache $mode: pgbench -S -M prepared $tps tps"
        SUM[pgbench-$mode]=$(awk -v a="${SUM[pgbench-$mode]:-0}" -v b="$tps" 'BEGIN { print a + b }')
        stop
    done
done

echo "| workload ($THREADS clients, ${SECS} s x $ROUNDS rounds, mean tps) | cache off | cache on | on/off |"
echo "|---|---:|---:|---:|"
WORKLOADS=$TESTS
((PGBENCH)) && WORKLOADS="$WORKLOADS pgbench"
for w in $WORKLOADS; do
    off=$(bench_div "${SUM[$w-off]}" "$ROUNDS" 0) on=$(bench_div "${SUM[$w-on]}" "$ROUNDS" 0)
    label=$w
    [ "$w" = pgbench ] && label='pgbench -S -M prepared'
    [ "$w" != pgbench ] && label="sysbench oltp_$w --db-ps-mode=auto"
    echo "| $label | $off | $on | $(bench_div "$on" "$off" 2)x |"
done
echo
echo "| server CPU us per transaction (mean of rounds) | cache off | cache on | on/off |"
echo "|---|---:|---:|---:|"
for w in $TESTS; do
    off=$(bench_div "${CPU[$w-off]}" "$ROUNDS" 0) on=$(bench_div "${CPU[$w-on]}" "$ROUNDS" 0)
    echo "| sysbench oltp_$w --db-ps-mode=auto | $off | $on | $(bench_div "$on" "$off" 2)x |"
done

if [ -n "$JFR_DIR" ]; then
    JFR_TOOL=${JFR_TOOL:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr}
    for mode in off on; do
        f=$JFR_DIR/plancache-$mode.jfr
        [ -f "$f" ] || continue
        "$JFR_TOOL" print --stack-depth 96 --events jdk.ExecutionSample "$f" >"$WORK/events-$mode.txt"
        total=$(grep -c '^jdk.ExecutionSample' "$WORK/events-$mode.txt" || true)
        # samples with the planner on their stack (each sample once)
        planning=$(awk '/^jdk.ExecutionSample/ { if (p) n++; p = 0 } /QueryPlanner\.plan(TableRows)?\(/ { p = 1 } END { if (p) n++; print n + 0 }' \
            "$WORK/events-$mode.txt")
        echo "JFR cache $mode: $total samples, $planning with QueryPlanner.plan or planTableRows on the stack ($(bench_div "$((planning * 100))" "$total" 1)%)"
    done
fi

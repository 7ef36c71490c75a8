#!/usr/bin/env bash
# The text plan cache (basalt_text_plan_cache) on vs off, alternating in one server: sysbench over
# the text protocol (--db-ps-mode=disable: every query a COM_QUERY with its literals) and pgbench's
# default TPC-B script over the simple protocol (literal SQL each time). See --help.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
. "$BENCH_DIR/lib/common.sh"

usage() {
    cat <<'EOF2'
Usage: bin/bench textcache [options]
One Basalt server (LMDB, --durability wal); a discarded pass of both modes (JIT), then ROUNDS x
(SET GLOBAL basalt_text_plan_cache = OFF and ON, the order alternating by round),
each running the sysbench tests over the text protocol and pgbench's TPC-B over the simple protocol,
reporting throughput and the server's CPU time per transaction (utime+stime from /proc).
  --time S         seconds per measured run                 (default 15)
  --warmup S       seconds of discarded warm-up per run     (default 3)
  --warmup-pass S  seconds per workload and mode of the discarded first pass (default 10)
  --rounds N       off/on rounds                            (default 2)
  --table-size N   sysbench rows                            (default 100000)
  --scale N        pgbench scale factor                     (default 1)
  --threads N      clients                                  (default 8)
  --tests LIST     sysbench tests without oltp_ (default "point_select read_only")
  --no-pgbench     sysbench only
  --jfr DIR        one JFR recording of the whole run in DIR
EOF2
}

SECS=15 WARMUP=3 WARMUP_PASS=10 ROUNDS=2 TABLE_SIZE=100000 SCALE=1 THREADS=8 JFR_DIR= TESTS="point_select read_only" PGBENCH=1
while (($#)); do
    case $1 in
        --time) SECS=$2; shift ;;
        --warmup) WARMUP=$2; shift ;;
        --warmup-pass) WARMUP_PASS=$2; shift ;;
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

WORK=$(mktemp -d /tmp/basalt-textcache.XXXXXX)
SERVER_PID=
trap 'bench_stop_pid "$SERVER_PID" 120; rm -rf "$WORK"' EXIT
MY_PORT=$(bench_free_port 24900)
PG_PORT=$(bench_free_port $((MY_PORT + 1)))

opts=
[ -n "$JFR_DIR" ] && opts="-XX:StartFlightRecording=filename=$JFR_DIR/textcache.jfr,dumponexit=true,settings=profile"
BASALT_JAVA_OPTS="$opts" BASALT_LOG_LEVEL=warn "$ROOT/bin/basalt" server --port "$MY_PORT" --pg-port "$PG_PORT" \
    --data-dir "$WORK/data" --storage lmdb --durability wal >"$WORK/basalt.log" 2>&1 &
SERVER_PID=$!
bench_wait_for_log "$WORK/basalt.log" "ready for connections" "$SERVER_PID" 600 ||
    bench_die "Basalt did not start (log: $WORK/basalt.log)"

sysbench_text() { # TEST SECONDS [sysbench args...]
    local test=$1 secs=$2; shift 2
    sysbench "$test" --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="$MY_PORT" --mysql-user=root \
        --mysql-db=sbtest --db-ps-mode=disable --tables=1 --table-size="$TABLE_SIZE" --threads="$THREADS" \
        --time="$secs" --rand-seed=42 "$@"
}
pgbench_tpcb() { # SECONDS: the default script, simple protocol, in clear (as bench/pg.sh)
    PGSSLMODE=disable pgbench -c "$THREADS" -j 2 -T "$1" -n -M simple -h 127.0.0.1 -p "$PG_PORT" -U root postgres
}

bench_log "loading: sysbench $TABLE_SIZE rows, pgbench scale $SCALE"
bench_sql "$MY_PORT" -e "CREATE DATABASE sbtest"
sysbench oltp_read_only --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="$MY_PORT" --mysql-user=root \
    --mysql-db=sbtest --tables=1 --table-size="$TABLE_SIZE" prepare >"$WORK/prepare.log" 2>&1 ||
    { tail -20 "$WORK/prepare.log" >&2; bench_die "sysbench prepare failed"; }
if ((PGBENCH)); then
    PGSSLMODE=disable pgbench -i -s "$SCALE" -h 127.0.0.1 -p "$PG_PORT" -U root postgres >"$WORK/pgbench-init.log" 2>&1 ||
        { tail -20 "$WORK/pgbench-init.log" >&2; bench_die "pgbench -i failed"; }
fi

declare -A SUM=() CPU=()
measure() { # NAME MODE EVENTS CPU_SECONDS TPS
    local us
    us=$(bench_div "$(awk -v c="$4" 'BEGIN { print c * 1e6 }')" "$3" 0)
    bench_log "round $r, cache $2: $1 $5 tps, server CPU $us us/tx, load $(cut -d' ' -f1-3 /proc/loadavg)"
    SUM[$1-$2]=$(awk -v a="${SUM[$1-$2]:-0}" -v b="$5" 'BEGIN { print a + b }')
    CPU[$1-$2]=$(awk -v a="${CPU[$1-$2]:-0}" -v b="$us" 'BEGIN { print a + b }')
}
# one discarded pass of each mode first: the JIT compiles both paths before anything is measured
bench_log "warm-up pass (discarded): each workload ${WARMUP_PASS} s per mode"
for mode in OFF ON; do
    bench_sql "$MY_PORT" -e "SET GLOBAL basalt_text_plan_cache = $mode"
    for t in $TESTS; do sysbench_text "oltp_$t" "$WARMUP_PASS" run >/dev/null 2>&1 || true; done
    ((PGBENCH)) && { pgbench_tpcb "$WARMUP_PASS" >/dev/null 2>&1 || true; }
done
for r in $(seq 1 "$ROUNDS"); do
    # odd rounds OFF first, even rounds ON first: neither mode always runs on the fresher machine
    modes="OFF ON"
    ((r % 2 == 0)) && modes="ON OFF"
    for mode in $modes; do
        # new connections take the global value (each sysbench / pgbench run connects afresh)
        bench_sql "$MY_PORT" -e "SET GLOBAL basalt_text_plan_cache = $mode"
        for t in $TESTS; do
            sysbench_text "oltp_$t" "$WARMUP" run >/dev/null 2>&1 || true
            cpu0=$(bench_cpu_seconds "$SERVER_PID")
            out=$(sysbench_text "oltp_$t" "$SECS" run 2>&1) || { echo "$out" >&2; bench_die "sysbench $t failed"; }
            cpu=$(bench_sub "$(bench_cpu_seconds "$SERVER_PID")" "$cpu0")
            grep -q FATAL <<<"$out" && { echo "$out" >&2; bench_die "sysbench $t failed"; }
            tps=$(awk '/transactions:/ { gsub(/[()]/, "", $3); print $3 }' <<<"$out")
            events=$(awk '/total number of events:/ { print $5 }' <<<"$out")
            measure "$t" "$mode" "$events" "$cpu" "$tps"
        done
        ((PGBENCH)) || continue
        pgbench_tpcb "$WARMUP" >/dev/null 2>&1 || true
        cpu0=$(bench_cpu_seconds "$SERVER_PID")
        out=$(pgbench_tpcb "$SECS" 2>&1) || { echo "$out" >&2; bench_die "pgbench failed"; }
        cpu=$(bench_sub "$(bench_cpu_seconds "$SERVER_PID")" "$cpu0")
        tps=$(awk '/^tps = / { print $3 }' <<<"$out")
        events=$(awk '/number of transactions actually processed:/ { split($6, a, "/"); print a[1] }' <<<"$out")
        measure tpcb "$mode" "$events" "$cpu" "$tps"
    done
done
bench_sql "$MY_PORT" -e "SHOW GLOBAL STATUS LIKE 'Basalt_text_plan_cache%'" >&2

echo "| workload ($THREADS clients, ${SECS} s x $ROUNDS rounds, means) | tps off | tps on | on/off | CPU us/tx off | CPU us/tx on | on/off |"
echo "|---|---:|---:|---:|---:|---:|---:|"
WORKLOADS=$TESTS
((PGBENCH)) && WORKLOADS="$WORKLOADS tpcb"
for w in $WORKLOADS; do
    off=$(bench_div "${SUM[$w-OFF]}" "$ROUNDS" 0) on=$(bench_div "${SUM[$w-ON]}" "$ROUNDS" 0)
    coff=$(bench_div "${CPU[$w-OFF]}" "$ROUNDS" 0) con=$(bench_div "${CPU[$w-ON]}" "$ROUNDS" 0)
    label="sysbench oltp_$w, text protocol"
    [ "$w" = tpcb ] && label='pgbench TPC-B, simple protocol'
    echo "| $label | $off | $on | $(bench_div "$on" "$off" 2)x | $coff | $con | $(bench_div "$con" "$coff" 2)x |"
done
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

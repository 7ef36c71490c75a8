#!/usr/bin/env bash
# Disaggregated storage: a warm neon compute against local LMDB in the same run. See --help.
set -uo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
. "$BENCH_DIR/lib/common.sh"

usage() {
    cat <<'USAGE'
Usage: bin/bench disagg [--time S] [--warmup S] [--table-size N] [--threads N] [--get-latency] [--baseline DIR] [--keep]
Starts a local cluster (bin/basalt cluster: s3proxy, 3 safekeepers, page server, one compute) and a
Basalt server on local LMDB, loads sysbench's sbtest1 into both, then measures:
  - sysbench oltp_point_select and oltp_read_write (text protocol, THREADS clients) on the warm
    compute and on LMDB, interleaved, each after a discarded warm-up; the neon/LMDB ratio;
  - object-storage bytes per commit of the oltp_read_write run (Ratis preallocates its log
    segments, so the safekeepers' disk use says nothing per commit), after
    the page server's checkpoint interval (layers are uploaded every 10 s or 16 MiB);
  - branch creation: `bin/basalt branch create` minus `bin/basalt branch list` (same launcher and
    gRPC connection, so the difference is the creation itself);
  - cold start: the compute is SIGKILLed and a new one started on an empty data dir; milliseconds
    from its process start to its first answered query, and the same for a memory-storage server;
  - with --get-latency: Get@LSN p50/p99 over gRPC under concurrent ingest (GetLatencyBenchmarkTest,
    through Maven, offline).
Writes bench/results/disagg-<time>.md.

  --time S        seconds per measured sysbench run (default 20)
  --warmup S      seconds of discarded warm-up (default 5)
  --table-size N  rows (default 10000)
  --threads N     sysbench threads (default 8)
  --baseline DIR  also start a cluster from another built checkout (DIR/bin/basalt, e.g. a git worktree
                  of the previous commit) and run the same sysbench workloads on it, interleaved with
                  the others: a change's before/after ratios measured in one run
  --keep          keep the temp dir (logs)
Needs: mariadb client, sysbench. Not part of CI.
USAGE
}

SECS=20 WARMUP=5 TABLE_SIZE=10000 THREADS=8 KEEP=0 GET_LATENCY=0 BASELINE=
while (($#)); do
    case $1 in
        --time) SECS=$2; shift ;;
        --warmup) WARMUP=$2; shift ;;
        --table-size) TABLE_SIZE=$2; shift ;;
        --threads) THREADS=$2; shift ;;
        --get-latency) GET_LATENCY=1 ;;
        --baseline) BASELINE=$(cd "$2" && pwd) || bench_die "no such directory: $2"; shift ;;
        --keep) KEEP=1 ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
    shift
done
for tool in mariadb sysbench awk; do
    command -v "$tool" >/dev/null || bench_die "'$tool' is needed"
done

WORK=$(mktemp -d /tmp/basalt-bench-disagg.XXXXXX)
CL=$WORK/cluster
LMDB_PID=
BCL=$WORK/baseline-cluster
cleanup() {
    "$ROOT/bin/basalt" cluster stop --dir "$CL" --grace 20 >/dev/null 2>&1
    [ -z "$BASELINE" ] || "$BASELINE/bin/basalt" cluster stop --dir "$BCL" --grace 20 >/dev/null 2>&1
    bench_stop_pid "$LMDB_PID" 60
    if ((KEEP)); then bench_log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bench_log "starting the cluster in $CL"
"$ROOT/bin/basalt" cluster start --dir "$CL" >"$WORK/cluster-start.log" 2>&1 || { cat "$WORK/cluster-start.log" >&2; bench_die "cluster did not start"; }
NEON=$(cat "$CL/run/mysql.port")
BASE=
if [ -n "$BASELINE" ]; then
    bench_log "starting the baseline cluster ($BASELINE) in $BCL"
    "$BASELINE/bin/basalt" cluster start --dir "$BCL" >"$WORK/baseline-start.log" 2>&1 || { cat "$WORK/baseline-start.log" >&2; bench_die "baseline cluster did not start"; }
    BASE=$(cat "$BCL/run/mysql.port")
fi
PS=127.0.0.1:$(cat "$CL/run/pageserver.port")
LMDB=$(bench_free_port 24800)
BASALT_LOG_LEVEL=warn "$ROOT/bin/basalt" server --storage lmdb --data-dir "$WORK/lmdb" --port "$LMDB" >"$WORK/lmdb.log" 2>&1 &
LMDB_PID=$!
bench_wait_for_log "$WORK/lmdb.log" "ready for connections" "$LMDB_PID" 600 || bench_die "the LMDB server did not start"

sb() { # PORT TEST ARGS...
    sysbench "$2" --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="$1" --mysql-user=root \
        --mysql-db=sbtest --db-ps-mode=disable --tables=1 --table-size="$TABLE_SIZE" "${@:3}"
}
for port in "$NEON" "$LMDB" $BASE; do
    bench_sql "$port" -e "CREATE DATABASE sbtest" || bench_die "CREATE DATABASE failed on $port"
    sb "$port" oltp_insert prepare >/dev/null || bench_die "sysbench prepare failed on $port"
done

declare -A TPS=() QPS=() P95=()
run() { # NAME PORT TEST
    local out
    sb "$2" "$3" --threads="$THREADS" --time="$WARMUP" run >/dev/null 2>&1 || true
    out=$(sb "$2" "$3" --threads="$THREADS" --time="$SECS" --percentile=95 run 2>&1) || { echo "$out" >&2; bench_die "sysbench $3 on $1 failed"; }
    TPS[$1/$3]=$(awk '/transactions:/ { gsub(/\(/, "", $3); print $3 }' <<<"$out")
    QPS[$1/$3]=$(awk '/queries:/ { gsub(/\(/, "", $3); print $3 }' <<<"$out")
    P95[$1/$3]=$(awk '/95th percentile:/ { print $3 }' <<<"$out")
    EVENTS=$(awk '/total number of events:/ { print $5 }' <<<"$out")
    bench_log "$1 $3: ${TPS[$1/$3]} tx/s, p95 ${P95[$1/$3]} ms"
}

run lmdb "$LMDB" oltp_point_select
[ -z "$BASE" ] || run base "$BASE" oltp_point_select
run neon "$NEON" oltp_point_select
run lmdb "$LMDB" oltp_read_write
[ -z "$BASE" ] || run base "$BASE" oltp_read_write
# object storage and safekeeper bytes around the neon read-write run (settled: past a checkpoint)
sleep 12
S3_0=$(du -sb "$CL/s3" | cut -f1)
run neon "$NEON" oltp_read_write
RW_COMMITS=$EVENTS
sleep 12
S3_1=$(du -sb "$CL/s3" | cut -f1)
S3_PER_COMMIT=$(bench_div $((S3_1 - S3_0)) "$RW_COMMITS" 0)
bench_log "object storage: $((S3_1 - S3_0)) bytes for $RW_COMMITS commits ($S3_PER_COMMIT B/commit)"

ms() { date +%s%3N; }
t0=$(ms); "$ROOT/bin/basalt" branch list --pageserver "$PS" >/dev/null 2>&1; t1=$(ms)
"$ROOT/bin/basalt" branch create bench-branch --from main --pageserver "$PS" >/dev/null 2>&1 || bench_die "branch create failed"
t2=$(ms)
BRANCH_MS=$(((t2 - t1) - (t1 - t0)))
bench_log "branch create: $((t2 - t1)) ms with the launcher, branch list $((t1 - t0)) ms: creation about $BRANCH_MS ms"

# cold start: a new compute with an empty data dir after a SIGKILL
kill -KILL "$(cat "$CL/run/compute-1.pid")"
rm -rf "$CL/compute-1"
first_query() { # PORT PID STARTED_MS
    local deadline=$((SECONDS + 300))
    until bench_sql "$1" -N -e "SELECT COUNT(*) FROM sbtest.sbtest1" >/dev/null 2>&1; do
        kill -0 "$2" 2>/dev/null && [ $SECONDS -lt $deadline ] || { echo n/a; return; }
        sleep 0.05
    done
    echo $(($(ms) - $3))
}
t0=$(ms)
"$ROOT/bin/basalt" cluster restart --dir "$CL" compute-1 >/dev/null || bench_die "the compute did not restart"
COLD_MS=$(first_query "$NEON" "$(cat "$CL/run/compute-1.pid")" "$t0")
MEM_MS=$(bench_memory_first_query_ms "$WORK")
bench_log "cold start to first query: neon compute $COLD_MS ms, memory server $MEM_MS ms"

GET_LINE="not run (--get-latency)"
if ((GET_LATENCY)); then
    bench_log "Get@LSN latency (GetLatencyBenchmarkTest, offline Maven build)"
    GET_LINE=$(cd "$ROOT" && "$ROOT/bin/test" -o -q -pl basalt-pageserver -am -Dtest=GetLatencyBenchmarkTest \
        -Dsurefire.failIfNoSpecifiedTests=false -Dbasalt.bench.seconds=10 -Dbasalt.bench.threads=4 2>&1 | grep '^Get@LSN' | tr '\n' ';')
fi

LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
mkdir -p "$ROOT/bench/results"
OUT=$ROOT/bench/results/disagg-$(date -u +%Y%m%d-%H%M%S).md
ratio() { bench_div "${TPS[neon/$1]}" "${TPS[lmdb/$1]}" 2; }
{
    echo "# bin/bench disagg, $(date -u '+%Y-%m-%d %H:%M UTC'), load average $LOAD"
    echo
    echo "sysbench $THREADS threads, ${SECS}s per run after ${WARMUP}s warm-up, table size $TABLE_SIZE"
    echo
    echo "| workload | LMDB tx/s | neon tx/s | neon/LMDB | LMDB p95 ms | neon p95 ms |"
    echo "|---|---:|---:|---:|---:|---:|"
    for t in oltp_point_select oltp_read_write; do
        echo "| $t | ${TPS[lmdb/$t]} | ${TPS[neon/$t]} | $(ratio $t)x | ${P95[lmdb/$t]} | ${P95[neon/$t]} |"
    done
    echo
    if [ -n "$BASE" ]; then
        echo "Baseline cluster from $BASELINE ($(git -C "$BASELINE" rev-parse --short HEAD 2>/dev/null || echo 'not a git checkout')), same run:"
        echo
        echo "| workload | baseline tx/s | baseline/LMDB | neon/baseline | baseline p95 ms |"
        echo "|---|---:|---:|---:|---:|"
        for t in oltp_point_select oltp_read_write; do
            echo "| $t | ${TPS[base/$t]} | $(bench_div "${TPS[base/$t]}" "${TPS[lmdb/$t]}" 2)x | $(bench_div "${TPS[neon/$t]}" "${TPS[base/$t]}" 2)x | ${P95[base/$t]} |"
        done
        echo
    fi
    echo "| measure | value |"
    echo "|---|---|"
    echo "| object storage bytes per commit (oltp_read_write) | $S3_PER_COMMIT |"
    echo "| branch creation (create minus list, ms) | $BRANCH_MS |"
    echo "| cold start to first query, neon compute (ms) | $COLD_MS |"
    echo "| same, memory-storage server (ms) | $MEM_MS |"
    echo "| Get@LSN | $GET_LINE |"
} >"$OUT"
cat "$OUT"
bench_log "wrote $OUT"
"$BENCH_DIR/chart.sh" "$OUT" || true # the PNG under docs/img/ (bin/bench chart)

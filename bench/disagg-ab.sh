#!/usr/bin/env bash
# Two local clusters (this checkout and a baseline checkout) side by side, A-B-B-A. See --help.
set -uo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
. "$BENCH_DIR/lib/common.sh"

usage() {
    cat <<'USAGE'
Usage: bin/bench disagg-ab --baseline DIR [--rounds N] [--time S] [--warmup S] [--workload NAME] [--threads N] [--table-size N] [--keep]
Starts a local cluster from this checkout (A) and one from DIR (B: another built checkout, e.g. a
`git archive` of the commit before), loads sysbench's sbtest1 into both, warms each once, then runs
the workload in A-B-B-A order, N times (so neither side always runs right after the other's writes):
each pair's A/B ratio and their median. Only the compute's sysbench throughput; `bin/bench disagg
--baseline` measures the rest.
  --baseline DIR  the other checkout (DIR/bin/basalt); required
  --rounds N      A-B-B-A rounds (default 2: four pairs)
  --time S        seconds per measured run (default 15)
  --warmup S      seconds of discarded warm-up per cluster, once (default 10)
  --workload W    sysbench test (default oltp_read_write)
  --threads N     sysbench threads (default 8)
  --table-size N  rows (default 10000)
  --keep          keep the temp dir (logs)
Needs: mariadb client, sysbench. Not part of CI.
USAGE
}

ROUNDS=2 SECS=15 WARMUP=10 WORKLOAD=oltp_read_write THREADS=8 TABLE_SIZE=10000 KEEP=0 BASELINE=
while (($#)); do
    case $1 in
        --baseline) BASELINE=$(cd "$2" && pwd) || bench_die "no such directory: $2"; shift ;;
        --rounds) ROUNDS=$2; shift ;;
        --time) SECS=$2; shift ;;
        --warmup) WARMUP=$2; shift ;;
        --workload) WORKLOAD=$2; shift ;;
        --threads) THREADS=$2; shift ;;
        --table-size) TABLE_SIZE=$2; shift ;;
        --keep) KEEP=1 ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
    shift
done
[ -n "$BASELINE" ] || { usage >&2; exit 2; }
for tool in mariadb sysbench awk sort; do
    command -v "$tool" >/dev/null || bench_die "'$tool' is needed"
done

WORK=$(mktemp -d /tmp/basalt-bench-disagg-ab.XXXXXX)
cleanup() {
    "$ROOT/bin/basalt" cluster stop --dir "$WORK/a" --grace 20 >/dev/null 2>&1
    "$BASELINE/bin/basalt" cluster stop --dir "$WORK/b" --grace 20 >/dev/null 2>&1
    if ((KEEP)); then bench_log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

declare -A PORT=()
for side in a b; do
    launcher=$ROOT/bin/basalt
    [ "$side" = b ] && launcher=$BASELINE/bin/basalt
    bench_log "starting cluster $side ($launcher) in $WORK/$side"
    "$launcher" cluster start --dir "$WORK/$side" >"$WORK/$side-start.log" 2>&1 || { cat "$WORK/$side-start.log" >&2; bench_die "cluster $side did not start"; }
    PORT[$side]=$(cat "$WORK/$side/run/mysql.port")
done

sb() { # PORT ARGS...
    sysbench "$WORKLOAD" --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="$1" --mysql-user=root \
        --mysql-db=sbtest --db-ps-mode=disable --tables=1 --table-size="$TABLE_SIZE" --threads="$THREADS" "${@:2}"
}
for side in a b; do
    bench_sql "${PORT[$side]}" -e "CREATE DATABASE sbtest" || bench_die "CREATE DATABASE failed on $side"
    sysbench oltp_insert --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="${PORT[$side]}" --mysql-user=root \
        --mysql-db=sbtest --tables=1 --table-size="$TABLE_SIZE" prepare >/dev/null || bench_die "sysbench prepare failed on $side"
    sb "${PORT[$side]}" --time="$WARMUP" run >/dev/null 2>&1 || true
done

tps() { # SIDE
    local out
    out=$(sb "${PORT[$1]}" --time="$SECS" run 2>&1) || { echo "$out" >&2; bench_die "sysbench on $1 failed"; }
    awk '/transactions:/ { gsub(/\(/, "", $3); print $3 }' <<<"$out"
}
RATIOS=()
for ((r = 1; r <= ROUNDS; r++)); do
    a1=$(tps a); b1=$(tps b); b2=$(tps b); a2=$(tps a)
    bench_log "round $r ($(cut -d' ' -f1 /proc/loadavg) load): A $a1 B $b1 B $b2 A $a2 tx/s"
    RATIOS+=("$(bench_div "$a1" "$b1" 2)" "$(bench_div "$a2" "$b2" 2)")
    echo "| $r | $a1 / $a2 | $b1 / $b2 | $(bench_div "$a1" "$b1" 2) / $(bench_div "$a2" "$b2" 2) |" >>"$WORK/rows"
done
MEDIAN=$(printf '%s\n' "${RATIOS[@]}" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }')
echo "bin/bench disagg-ab: $WORKLOAD, $THREADS threads, ${SECS}s runs, $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "A = $ROOT, B = $BASELINE"
echo
echo "| round | A tx/s | B tx/s | A/B (pairs in run order) |"
echo "|---|---:|---:|---:|"
cat "$WORK/rows"
echo
echo "median A/B: $MEDIAN"

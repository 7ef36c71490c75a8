#!/usr/bin/env bash
# Disaggregated storage: cold start of a compute to its first answered query, with and without the
# launcher's ahead-of-time class cache. See --help.
set -uo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
. "$BENCH_DIR/lib/common.sh"

usage() {
    cat <<'USAGE'
Usage: bin/bench disagg-cold [--trials N] [--keep]
Starts a local cluster (bin/basalt cluster, which builds the ahead-of-time class cache once per
build), writes one table, then N times each, alternating: SIGKILL the compute, delete its data dir,
start it again with its recorded command (bin/basalt cluster restart) and time from then to its
first answered query (SELECT COUNT(*) of the table, through the mariadb CLI); once with the cache
(the default) and once with BASALT_AOT=off. Also the compute's CPU time (user + system) up to that
answer, and a --storage memory server started the same way as a baseline. Prints medians and the
load average; writes nothing. Not part of CI.
USAGE
}

TRIALS=5 KEEP=0
while (($#)); do
    case $1 in
        --trials) TRIALS=$2; shift ;;
        --keep) KEEP=1 ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
    shift
done
command -v mariadb >/dev/null || bench_die "'mariadb' is needed"

WORK=$(mktemp -d /tmp/basalt-bench-cold.XXXXXX)
CL=$WORK/cluster
cleanup() {
    "$ROOT/bin/basalt" cluster stop --dir "$CL" --grace 20 >/dev/null 2>&1
    if ((KEEP)); then bench_log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bench_log "starting the cluster in $CL"
"$ROOT/bin/basalt" cluster start --dir "$CL" >"$WORK/cluster-start.log" 2>&1 || { cat "$WORK/cluster-start.log" >&2; bench_die "cluster did not start"; }
PORT=$(cat "$CL/run/mysql.port")
bench_sql "$PORT" -e "CREATE DATABASE cold; CREATE TABLE cold.t (id INT PRIMARY KEY); INSERT INTO cold.t VALUES (1), (2), (3)" ||
    bench_die "could not write the table"

ms() { date +%s%3N; }
# one cold start: prints "MS CPU_MS"
cold_start() {
    local pid t0 t1 deadline=$((SECONDS + 300))
    kill -KILL "$(cat "$CL/run/compute-1.pid")" 2>/dev/null
    rm -rf "$CL/compute-1"
    t0=$(ms)
    "$ROOT/bin/basalt" cluster restart --dir "$CL" compute-1 >/dev/null || bench_die "the compute did not restart"
    pid=$(cat "$CL/run/compute-1.pid")
    until bench_sql "$PORT" -N -e "SELECT COUNT(*) FROM cold.t" >/dev/null 2>&1; do
        kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ] || { echo "n/a n/a"; return; }
        sleep 0.02
    done
    t1=$(ms)
    echo "$((t1 - t0)) $(awk '{ print ($14 + $15) * 10 }' "/proc/$pid/stat")"
}
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{ v[NR] = $1 } END { print (NR ? v[int((NR + 1) / 2)] : "n/a") }'; }

WITH="" WITH_CPU="" WITHOUT="" WITHOUT_CPU=""
for t in $(seq 1 "$TRIALS"); do
    read -r a b <<<"$(cold_start)"
    WITH+="$a " WITH_CPU+="$b "
    read -r a b <<<"$(BASALT_AOT=off cold_start)"
    WITHOUT+="$a " WITHOUT_CPU+="$b "
    bench_log "trial $t of $TRIALS done"
done
MEM_MS=$(bench_memory_first_query_ms "$WORK")

echo "# bin/bench disagg-cold, $(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg), $TRIALS trials"
echo "with the AOT cache:    first query ms: $WITH(median $(median <<<"$WITH")), CPU ms: $WITH_CPU(median $(median <<<"$WITH_CPU"))"
echo "BASALT_AOT=off:        first query ms: $WITHOUT(median $(median <<<"$WITHOUT")), CPU ms: $WITHOUT_CPU(median $(median <<<"$WITHOUT_CPU"))"
echo "memory-storage server: first query ms: $MEM_MS (with the cache)"

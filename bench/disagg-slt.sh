#!/usr/bin/env bash
# Disaggregated storage: sqllogictest files over real separate processes (a bin/basalt cluster) and
# on in-process memory storage, the same files, pass counts side by side. See --help.
set -uo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
. "$BENCH_DIR/lib/common.sh"

SHARED=$(cd "$ROOT/.." && pwd)/shared/sqllogictest
usage() {
    cat <<USAGE
Usage: bin/bench disagg-slt [--keep] [FILE|DIR ...]
Starts a local cluster (bin/basalt cluster start: s3proxy, three safekeepers, the page server, one
compute; each its own JVM) and runs the sqllogictest files through the compute's MySQL port
(bin/slt --server), then the same files on an in-process memory-storage server (bin/slt). Prints
both summaries and the time each took. Default files: $SHARED/select1.test and
$SHARED/evidence (about 2,500 records); pass $SHARED for the whole corpus (hours here).
Not part of CI (NeonSqlScriptTest runs the project's own scripts on in-process neon storage there).
USAGE
}

KEEP=0
FILES=()
while (($#)); do
    case $1 in
        --keep) KEEP=1 ;;
        -h | --help) usage; exit 0 ;;
        -*) usage >&2; exit 2 ;;
        *) FILES+=("$(cd "$(dirname "$1")" && pwd)/$(basename "$1")") ;;
    esac
    shift
done
((${#FILES[@]})) || FILES=("$SHARED/select1.test" "$SHARED/evidence")
for f in "${FILES[@]}"; do [ -e "$f" ] || bench_die "no such file: $f"; done

WORK=$(mktemp -d /tmp/basalt-bench-slt.XXXXXX)
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

t0=$(bench_now)
"$ROOT/bin/slt" --server "127.0.0.1:$PORT:root" "${FILES[@]}" >"$WORK/neon.out" 2>&1
t1=$(bench_now)
"$ROOT/bin/slt" "${FILES[@]}" >"$WORK/memory.out" 2>&1
t2=$(bench_now)
NEON=$(grep -E '^TOTAL:' "$WORK/neon.out" | tail -1)
MEM=$(grep -E '^TOTAL:' "$WORK/memory.out" | tail -1)
echo "# bin/bench disagg-slt, $(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "Files: ${FILES[*]}"
echo
echo "| storage | result | seconds |"
echo "|---|---|---:|"
echo "| neon cluster (separate processes) | ${NEON:-no summary, see $WORK/neon.out} | $(bench_sub "$t1" "$t0") |"
echo "| memory (in-process) | ${MEM:-no summary, see $WORK/memory.out} | $(bench_sub "$t2" "$t1") |"
if [ "$NEON" != "$MEM" ]; then
    echo
    echo "The two differ; per file (memory <, cluster >):"
    echo
    per_file() { grep -E ' passed / ' "$1" | sed -E 's/ +\([0-9]+ ms\)//'; }
    diff <(per_file "$WORK/memory.out") <(per_file "$WORK/neon.out") | grep -E '^[<>]' | head -40
    KEEP=1
fi

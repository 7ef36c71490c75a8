#!/usr/bin/env bash
# Where a write test's commits wait, MariaDB and a saved Basalt build at the same moment (one sysbench
# with 8 clients each, started together after a common warm-up):
#   bench/commit-profile.sh BUILD TEST SECS WARMUP OUTDIR     e.g. /tmp/before write_only 15 60 /tmp/prof
# BUILD is a copy of basalt-server/target's jar and lib/. Prints per server tx/s, server CPU us per
# transaction, the deltas of the commit counters per transaction (MariaDB: Innodb_log_writes...;
# Basalt: Basalt_storage_group_commits, durable writes and their time) and Basalt's CPU per
# transaction by thread group. JFR=FILE.jfc also records Basalt around the measured run into
# OUTDIR/basalt.jfr, e.g. a file made by `jfr configure --input profile jdk.ExecutionSample#period=2ms
# jdk.ThreadPark#threshold=0ms jdk.FileWrite#threshold=0ms --output w.jfc` (parks show where commits wait).
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$BENCH_DIR/lib/common.sh"; . "$BENCH_DIR/lib/servers.sh"; . "$BENCH_DIR/lib/workloads.sh"
BUILD=$1 TEST=$2 SECS=$3 WARMUP=$4 OUT=$5; TABLE_SIZE=${TABLE_SIZE:-100000}
mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/basalt-commit-profile.XXXXXX); PIDS=()
trap 'for p in "${PIDS[@]}"; do bench_stop_pid "$p" 60 || true; done; rm -rf "$WORK"' EXIT
JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin
mp=$(bench_free_port $((35300 + RANDOM % 300))); mariadb_start "$WORK/m" "$mp"; MPID=$SERVER_PID; PIDS+=($MPID)
bp=$(bench_free_port $((35700 + RANDOM % 300))); mkdir -p "$WORK/b"
BASALT_LOG_LEVEL=warn $JAVA/java ${EXTRA_JAVA:-} --add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED --enable-native-access=ALL-UNNAMED --add-opens jdk.httpserver/sun.net.httpserver=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -cp "$(echo "$BUILD"/basalt-server-*.jar):$BUILD/lib/*" dev.basalt.server.Main server --port "$bp" --data-dir "$WORK/b/data" --storage lmdb --durability wal >"$WORK/b/basalt.log" 2>&1 &
BPID=$!; PIDS+=($BPID)
bench_wait_for_log "$WORK/b/basalt.log" "ready for connections" "$BPID" 600
sysbench_prepare "$mp" "$TABLE_SIZE" 2>/dev/null; sysbench_prepare "$bp" "$TABLE_SIZE" 2>/dev/null
run_both() { # secs tag
  sysbench_cmd "$mp" "oltp_$TEST" --table-size="$TABLE_SIZE" --threads=8 --time="$1" run >"$WORK/m.$2" 2>&1 &
  local a=$!
  sysbench_cmd "$bp" "oltp_$TEST" --table-size="$TABLE_SIZE" --threads=8 --time="$1" run >"$WORK/b.$2" 2>&1 &
  local b=$!; wait $a $b; }
run_both "$WARMUP" warm
st() { bench_sql "$1" -N -e "SHOW GLOBAL STATUS" | grep -E "$2" ; }
cpu() { awk '{ print $14+$15 }' /proc/$1/stat; }
st "$mp" 'Innodb_log_writes|Innodb_os_log_fsyncs|Com_commit|Handler_commit|Innodb_log_write_requests' >"$OUT/m.before"
st "$bp" 'Basalt_storage|Com_commit' >"$OUT/b.before"
tcpu() { for t in /proc/$1/task/*/stat; do l=$(cat $t 2>/dev/null) || continue; n=${l#*(}; n=${n%)*}; r=${l##*) }; read -r -a f <<<"$r"; echo "${t//[^0-9]/} $((f[11]+f[12])) $(sed 's/ //g; s/[0-9]*$//' <<<"$n")"; done; }
tcpu $BPID >"$WORK/t0"
mc0=$(cpu $MPID); bc0=$(cpu $BPID)
[ -n "${JFR:-}" ] && $JAVA/jcmd $BPID JFR.start name=w settings=${JFR} >/dev/null
run_both "$SECS" meas
[ -n "${JFR:-}" ] && $JAVA/jcmd $BPID JFR.stop name=w filename="$OUT/basalt.jfr" >/dev/null
mc1=$(cpu $MPID); bc1=$(cpu $BPID)
tcpu $BPID >"$WORK/t1"
st "$mp" 'Innodb_log_writes|Innodb_os_log_fsyncs|Com_commit|Handler_commit|Innodb_log_write_requests' >"$OUT/m.after"
st "$bp" 'Basalt_storage|Com_commit' >"$OUT/b.after"
cp "$WORK/m.meas" "$OUT/m.sysbench"; cp "$WORK/b.meas" "$OUT/b.sysbench"
for s in m b; do
  tx=$(awk '/transactions:/ { print $2 }' "$OUT/$s.sysbench"); tps=$(awk '/transactions:/ { gsub(/\(/, "", $3); print $3 }' "$OUT/$s.sysbench")
  c0=$([ $s = m ] && echo $mc0 || echo $bc0); c1=$([ $s = m ] && echo $mc1 || echo $bc1)
  echo "$s tps=$tps tx=$tx cpu_us_per_tx=$(( (c1-c0)*10000/tx ))"
  join <(sort "$OUT/$s.before") <(sort "$OUT/$s.after") | awk -v tx=$tx '{ d=$3-$2; printf "  %s delta=%d per_tx=%.3f\n", $1, d, d/tx }'
done
btx=$(awk '/transactions:/ { print $2 }' "$OUT/b.sysbench")
awk -v tx=$btx 'FNR==NR { c[$1]=$2; next } { g[$3]+=$2-c[$1] } END { for (k in g) if (g[k]>0) printf "  thread %-30s %6.1f us/tx\n", k, g[k]*10000/tx }' "$WORK/t0" "$WORK/t1" | sort -k3 -rn
echo "load $(cut -d' ' -f1 /proc/loadavg)"

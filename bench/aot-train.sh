#!/usr/bin/env bash
# A JDK 25 AOT cache trained on sysbench, for a saved Basalt build (a copy of basalt-server/target's
# jar and lib/): the server runs the OLTP tests for a while with -XX:AOTCacheOutput, and at its exit
# the JVM writes BUILD/basalt-sysbench.aot (classes loaded and linked, with the method profiles of
# the training, JEP 515) and BUILD/jvm.opts naming it, which bench/same-moment.sh and
# bench/commit-profile.sh then pass to that build. Measures whether profiles from a training run
# shorten the JIT warm-up of a benchmark run (docs/benchmarks.md, sysbench section).
#   bench/aot-train.sh BUILD [--time S] [--tests "write_only read_write point_select"]
# The cache is valid only for this JDK and these exact jar paths; the JVM ignores it otherwise.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$BENCH_DIR/lib/common.sh"; . "$BENCH_DIR/lib/servers.sh"; . "$BENCH_DIR/lib/workloads.sh"
BUILD=$(cd "$1" && pwd); shift
SECS=20 TESTS="write_only read_write point_select update_index insert delete"
while (($#)); do
    case $1 in
        --time) SECS=$2; shift ;;
        --tests) TESTS=$2; shift ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
WORK=$(mktemp -d /tmp/basalt-aot-train.XXXXXX); PID=
trap '[ -n "$PID" ] && bench_stop_pid "$PID" 120; rm -rf "$WORK"' EXIT
rm -f "$BUILD/jvm.opts" "$BUILD/basalt-sysbench.aot"
port=$(bench_free_port $((36100 + RANDOM % 300)))
BASALT_LOG_LEVEL=warn /usr/lib/jvm/temurin-25-jdk-amd64/bin/java --add-opens java.base/java.nio=ALL-UNNAMED \
    --add-opens java.base/sun.nio.ch=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
    --add-opens jdk.httpserver/sun.net.httpserver=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    -XX:AOTCacheOutput="$BUILD/basalt-sysbench.aot" -cp "$(echo "$BUILD"/basalt-server-*.jar):$BUILD/lib/*" \
    dev.basalt.server.Main server --port "$port" --data-dir "$WORK/data" --storage lmdb --durability wal \
    >"$WORK/basalt.log" 2>&1 &
PID=$!
bench_wait_for_log "$WORK/basalt.log" "ready for connections" "$PID" 600
sysbench_prepare "$port" 100000 2>/dev/null
for t in $TESTS; do
    sysbench_cmd "$port" "oltp_$t" --table-size=100000 --threads=8 --time="$SECS" run >/dev/null 2>&1 || true
done
bench_stop_pid "$PID" 600; PID= # the cache is written as the JVM exits
[ -s "$BUILD/basalt-sysbench.aot" ] || { tail -20 "$WORK/basalt.log" >&2; echo "no cache written" >&2; exit 1; }
echo "-XX:AOTCache=$BUILD/basalt-sysbench.aot" >"$BUILD/jvm.opts"
echo "$BUILD/basalt-sysbench.aot: $(du -m "$BUILD/basalt-sysbench.aot" | cut -f1) MB"

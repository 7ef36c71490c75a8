#!/usr/bin/env bash
# A JDK 25 AOT cache trained on sysbench: the server runs the OLTP tests for a while with
# -XX:AOTCacheOutput, and at its exit the JVM writes the cache (classes loaded and linked, with the
# method profiles of the training, JEP 515), so a benchmark run starts with the JIT's profiles
# instead of collecting them for its first minute (docs/benchmarks.md, sysbench section).
#   bench/aot-train.sh BUILD [--time S] [--tests "..."]      a saved build (a copy of
#       basalt-server/target's jar and lib/): writes BUILD/basalt-sysbench.aot and BUILD/jvm.opts
#       naming it, which bench/same-moment.sh and bench/commit-profile.sh pass to that build
#   bench/aot-train.sh --checkout [--if-stale] [--time S]   this checkout's bin/basalt: installs the
#       cache in $BASALT_AOT_DIR (default basalt-server/target/aot-sysbench) with bin/basalt's stamp,
#       so `BASALT_AOT_DIR=... bin/basalt server` (and bin/bench --aot-sysbench) start from it
# The cache is valid only for this JDK and these exact jars; the JVM ignores it otherwise.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
. "$BENCH_DIR/lib/common.sh"; . "$BENCH_DIR/lib/servers.sh"; . "$BENCH_DIR/lib/workloads.sh"
BUILD= CHECKOUT=0 IF_STALE=0
SECS=20 TESTS="write_only read_write point_select update_index insert delete"
while (($#)); do
    case $1 in
        --checkout) CHECKOUT=1 ;;
        --if-stale) IF_STALE=1 ;;
        --time) SECS=$2; shift ;;
        --tests) TESTS=$2; shift ;;
        -*) echo "unknown option $1" >&2; exit 2 ;;
        *) BUILD=$(cd "$1" && pwd) ;;
    esac
    shift
done
[ -n "$BUILD" ] || ((CHECKOUT)) || { echo "usage: bench/aot-train.sh BUILD | --checkout [--if-stale]" >&2; exit 2; }

if ((CHECKOUT)); then # what bin/basalt's stamp is made of (bin/lib/aot-cache.sh)
    "$ROOT/bin/basalt" --version >/dev/null # builds first if the sources changed
    export BASALT_AOT_DIR=${BASALT_AOT_DIR:-$ROOT/basalt-server/target/aot-sysbench}
    . "$ROOT/bin/lib/find-java.sh"; basalt_find_java; JAVA_HOME=$BASALT_JAVA_HOME
    TARGET=$ROOT/basalt-server/target
    JAR=$(ls "$TARGET"/basalt-server-*.jar | grep -v -e '-sources\.jar' -e '-tests\.jar' -e '-javadoc\.jar' | head -1)
    . "$ROOT/bin/lib/aot-cache.sh"
    if ((IF_STALE)) && aot_cache_fresh; then exit 0; fi
    mkdir -p "$AOT_DIR"
    OUTPUT=$AOT_DIR/basalt.aot.training
else
    OUTPUT=$BUILD/basalt-sysbench.aot
    rm -f "$BUILD/jvm.opts"
fi
rm -f "$OUTPUT"

WORK=$(mktemp -d /tmp/basalt-aot-train.XXXXXX); PID=
trap '[ -n "$PID" ] && bench_stop_pid "$PID" 120; rm -rf "$WORK"' EXIT
port=$(bench_free_port $((36100 + RANDOM % 300)))
if ((CHECKOUT)); then # bin/basalt execs the JVM, so $! is the server's pid
    BASALT_AOT=off BASALT_LOG_LEVEL=warn BASALT_JAVA_OPTS="-XX:AOTCacheOutput=$OUTPUT" "$ROOT/bin/basalt" server \
        --port "$port" --data-dir "$WORK/data" --storage lmdb --durability wal >"$WORK/basalt.log" 2>&1 &
else
    BASALT_LOG_LEVEL=warn /usr/lib/jvm/temurin-25-jdk-amd64/bin/java --add-opens java.base/java.nio=ALL-UNNAMED \
        --add-opens java.base/sun.nio.ch=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
        --add-opens jdk.httpserver/sun.net.httpserver=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
        -XX:AOTCacheOutput="$OUTPUT" -cp "$(echo "$BUILD"/basalt-server-*.jar):$BUILD/lib/*" \
        dev.basalt.server.Main server --port "$port" --data-dir "$WORK/data" --storage lmdb --durability wal \
        >"$WORK/basalt.log" 2>&1 &
fi
PID=$!
bench_wait_for_log "$WORK/basalt.log" "ready for connections" "$PID" 600
bench_log "training the AOT cache: sysbench $TESTS, ${SECS}s each"
sysbench_prepare "$port" 100000 2>/dev/null
for t in $TESTS; do
    sysbench_cmd "$port" "oltp_$t" --table-size=100000 --threads=8 --time="$SECS" run >/dev/null 2>&1 || true
done
bench_stop_pid "$PID" 600; PID= # the cache is written as the JVM exits
[ -s "$OUTPUT" ] || { tail -20 "$WORK/basalt.log" >&2; echo "no cache written" >&2; exit 1; }
if ((CHECKOUT)); then
    aot_cache_stamp >"$AOT_CACHE.stamp.tmp"
    mv "$OUTPUT" "$AOT_CACHE"
    mv "$AOT_CACHE.stamp.tmp" "$AOT_CACHE.stamp"
    echo "$AOT_CACHE: $(du -m "$AOT_CACHE" | cut -f1) MB (use: BASALT_AOT_DIR=$AOT_DIR bin/basalt server ...)"
else
    echo "-XX:AOTCache=$OUTPUT" >"$BUILD/jvm.opts"
    echo "$OUTPUT: $(du -m "$OUTPUT" | cut -f1) MB"
fi

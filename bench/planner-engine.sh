#!/usr/bin/env bash
# The engine's CPU time per statement for bin/bench planner's shapes, in process
# (bench/lib/PlannerShapes.java: one session, memory store, no protocol or client; the lowest of
# the rounds). Uses the jars of the last build (bin/basalt builds them); on a shared machine compare
# two builds by running this for each, interleaved.
#   bench/planner-engine.sh [rows] [statements-per-round] [rounds]     (default 200000 500 5)
# LMDB_DIR=DIR runs on LMDB storage in DIR (emptied first) instead of memory; JAVA_OPTS adds JVM options.
# ONLY=REGEX limits the shapes to those whose name it finds (ONLY="^IN \\(SELECT"); BASALT_LIB=DIR takes the jars from
# another build's basalt-server/target/lib.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$ROOT/bin/lib/find-java.sh"
basalt_find_java || exit 1
LIB=${BASALT_LIB:-$ROOT/basalt-server/target/lib}
[ -d "$LIB" ] || { "$ROOT/bin/basalt" --version >/dev/null; }
CP=$(ls "$LIB"/*.jar | tr '\n' ':')
exec "$BASALT_JAVA_HOME/bin/java" -Xmx2g ${ONLY:+-Donly="$ONLY"} ${LMDB_DIR:+-Dlmdb="$LMDB_DIR" --add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED --enable-native-access=ALL-UNNAMED} ${JAVA_OPTS:-} -cp "$CP" "$ROOT/bench/lib/PlannerShapes.java" "${1:-200000}" "${2:-500}" "${3:-5}"

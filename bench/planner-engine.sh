#!/usr/bin/env bash
# The engine's CPU time per statement for bin/bench planner's shapes, in process
# (bench/lib/PlannerShapes.java: one session, memory store, no protocol or client; the lowest of
# the rounds). Uses the jars of the last build (bin/basalt builds them); on a shared machine compare
# two builds by running this for each, interleaved.
#   bench/planner-engine.sh [rows] [statements-per-round] [rounds]     (default 200000 500 5)
# ONLY=OFFSET limits the shapes to those whose name contains it; BASALT_LIB=DIR takes the jars from
# another build's basalt-server/target/lib.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$ROOT/bin/lib/find-java.sh"
basalt_find_java || exit 1
LIB=${BASALT_LIB:-$ROOT/basalt-server/target/lib}
[ -d "$LIB" ] || { "$ROOT/bin/basalt" --version >/dev/null; }
CP=$(ls "$LIB"/*.jar | tr '\n' ':')
exec "$BASALT_JAVA_HOME/bin/java" -Xmx2g ${ONLY:+-Donly="$ONLY"} -cp "$CP" "$ROOT/bench/lib/PlannerShapes.java" "${1:-200000}" "${2:-500}" "${3:-5}"

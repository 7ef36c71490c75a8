#!/usr/bin/env bash
# The engine's CPU time and allocation per statement for sysbench's statement shapes, in process
# (bench/lib/EngineStatements.java: one session, memory store, no protocol). Uses the jars of the
# last build (bin/basalt builds them); on a shared machine compare two builds by running this for
# each, interleaved, and reading the minimums it prints.
#   bench/engine-statements.sh [statements-per-round] [rounds]     (default 10000 8)
# ONLY=update_index,point_select limits the shapes; BASALT_LIB=DIR takes the jars from another build's
# basalt-server/target/lib.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$ROOT/bin/lib/find-java.sh"
basalt_find_java || exit 1
LIB=${BASALT_LIB:-$ROOT/basalt-server/target/lib}
[ -d "$LIB" ] || { "$ROOT/bin/basalt" --version >/dev/null; }
CP=$(ls "$LIB"/*.jar | tr '\n' ':')
exec "$BASALT_JAVA_HOME/bin/java" -Xmx1g ${ONLY:+-Donly=$ONLY} -cp "$CP" "$ROOT/bench/lib/EngineStatements.java" "${1:-10000}" "${2:-8}"

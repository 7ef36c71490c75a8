#!/usr/bin/env bash
# Latency of the two disaggregated round trips, each in one JVM on loopback. See --help.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
usage() {
    cat <<'USAGE'
Usage: bin/bench disagg-latency get [SECONDS] [THREADS,...] [--compare-leak-detection]
       bin/bench disagg-latency breakdown [SECONDS] [THREADS]
       bin/bench disagg-latency commit [SECONDS] [APPENDERS,...]
  get     Get@LSN over gRPC against a page server alone (in-memory log with a commit appended every
          ms, no safekeepers): p50/p99/p99.9 and CPU per Get at 1, 4, 8 readers by default, 10 s
          each after a 10 s warm-up (GetLatencyBench). --compare-leak-detection alternates
          half-second slices with Netty's leak detector at its default level (before) and off (after).
  breakdown  where a Get's time goes (GetLatencyBreakdown): caller to the server's handler, the
          handler, handler to caller; averages over all Gets and over the slowest 1% (4 readers by default).
  commit  an append's round trip to three safekeepers in one JVM (real fsyncs: a quorum of two),
          p50/p99 per appender count, 1 and 8 by default, 10 s each (CommitLatencyBench).
Builds the module's test classes offline first. Prints the load average with each line. Not CI.
USAGE
}
case ${1:-} in
    get) module=basalt-pageserver main=dev.basalt.pageserver.GetLatencyBench defaults=(10 1,4,8) ;;
    breakdown) module=basalt-pageserver main=dev.basalt.pageserver.GetLatencyBreakdown defaults=(10 4) ;;
    commit) module=basalt-safekeeper main=dev.basalt.safekeeper.CommitLatencyBench defaults=(10 1,8) ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
esac
shift
(($#)) || set -- "${defaults[@]}"
(($# > 1)) || set -- "$1" "${defaults[1]}"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
(cd "$ROOT" && mvn -B -q -o -pl "$module" -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >&2)
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    -cp "$ROOT/$module/target/test-classes:$ROOT/$module/target/classes:$(cat "$ROOT/$module/target/bench.classpath")" "$main" "$@"

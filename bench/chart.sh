#!/usr/bin/env bash
# Re-draws the chart of an existing result file: bin/bench chart RESULT [OUT.png]
# The bench scripts call this after writing their results, so a chart can also be redrawn later
# (or after a change to the chart) without running the benchmark again.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
. "$BENCH_DIR/lib/common.sh"
. "$BENCH_DIR/lib/chart.sh"

usage() {
    cat <<'EOF2'
Usage: bin/bench chart RESULT [OUT.png]
Draws RESULT, a file bench/results/ holds, as a PNG bar chart:
  bench-*.json        bin/bench: sysbench tx/s, MariaDB vs Basalt    -> docs/img/bench-sysbench.png
  planner-*.md        bin/bench planner: ms per query shape          -> docs/img/bench-planner.png
  disagg-*.md         bin/bench disagg: tx/s, LMDB vs neon           -> docs/img/bench-disagg.png
  vdb-cache-*.md      bin/bench vdb-cache: tx/s per configuration    -> docs/img/bench-vdb-cache.png
  vdb-pushdown-*.md   bin/bench vdb-pushdown: ms per query, on vs off -> docs/img/bench-vdb-pushdown.png
  pg-*.md             bin/bench pg: pgbench tx/s, PostgreSQL vs Basalt -> docs/img/bench-pg.png
  remote-*.json       bin/bench remote: tx/s relative to direct MariaDB -> docs/img/bench-remote[-ps].png
Without OUT.png a quick (smoke) run's chart goes next to its results (RESULT with .png), a full
run's to docs/img/. Needs a JDK 25 and Maven (the chart module is built on first use).
EOF2
}
case ${1:-} in -h | --help | "") usage; [ -n "${1:-}" ]; exit $? ;; esac
RESULT=$1 PNG=${2:-}
[ -f "$RESULT" ] || bench_die "no such result file: $RESULT"
TABLE=$(mktemp /tmp/basalt-chart.XXXXXX.tsv)
trap 'rm -f "$TABLE"' EXIT

name=$(basename "$RESULT")
case $name in
    bench-*.json)
        KIND=sysbench
        jq -r '(.results | [.mariadb, .basalt]) as [$m, $b]
            | "workload\tMariaDB\tBasalt",
              ([($m // {}), ($b // {})] | map(keys) | add | unique | map(select(endswith("_tps")))[]
               | "oltp_\(rtrimstr("_tps"))\t\($m[.] // "n/a")\t\($b[.] // "n/a")")' "$RESULT" >"$TABLE"
        TITLE="sysbench, Basalt vs MariaDB ($(jq -r '"\(.mode), \(.config.threads) threads, \(.started)"' "$RESULT"))"
        set -- --y-label "transactions/s (higher is better)" ;;
    planner-*.md)
        KIND=planner; bench_md_table_tsv "$RESULT" "query" >"$TABLE"
        TITLE="Planner shapes, ms per query (lower is better)"
        set -- --series "Basalt ms,MariaDB ms" --x-label query --y-label "ms per query" --horizontal --height 800 ;;
    disagg-*.md)
        KIND=disagg; bench_md_table_tsv "$RESULT" "workload" >"$TABLE"
        TITLE="Disaggregated storage (neon) vs local LMDB"
        set -- --series "LMDB tx/s,neon tx/s" --y-label "transactions/s, log scale (higher is better)" --log ;;
    vdb-cache-*.md)
        KIND=vdb-cache; bench_md_table_tsv "$RESULT" "configuration" >"$TABLE"
        TITLE="Virtual database result cache, sysbench oltp_point_select"
        set -- --series "tx/s" --x-label configuration --y-label "transactions/s (higher is better)" ;;
    vdb-pushdown-*.md)
        KIND=vdb-pushdown; bench_md_table_tsv "$RESULT" "query" |
            sed '1s/ms per run, on/pushdown on (ms)/; 1s/ms per run, off/pushdown off (ms)/' >"$TABLE"
        TITLE="Virtual databases: whole-block pushdown, ms per run (lower is better)"
        set -- --series "pushdown on (ms),pushdown off (ms)" --x-label query --y-label "ms per run" --horizontal ;;
    pg-*.md)
        KIND=pg; bench_md_table_tsv "$RESULT" "workload" >"$TABLE"
        TITLE="pgbench, Basalt's PostgreSQL port vs PostgreSQL 15"
        set -- --series "PostgreSQL tx/s,Basalt tx/s" --x-label workload --y-label "transactions/s (higher is better)" ;;
    remote-*.json)
        # Throughput per configuration normalised to direct MariaDB = 1.0 (remote_report.py has
        # added the per-workload medians under .summary).
        KIND=remote; [[ $name == *-ps.json ]] && KIND=remote-ps
        jq -e .summary "$RESULT" >/dev/null || bench_die "$name has no summary (run bench/remote_report.py on it first)"
        jq -r '{direct: "direct (MariaDB)", relay: "relay (socat)", passthrough: "Basalt passthrough",
                cache: "Basalt passthrough + cache", lmdb: "Basalt on lmdb"} as $names
            | .config.configurations as $cs
            | (["workload"] + ($cs | map($names[.] // .)) | @tsv),
              (.summary | to_entries[] | .value as $s | ($s.direct.tps // null) as $d
               | ["oltp_\(.key)"] + ($cs | map(if $d and $s[.].tps then ($s[.].tps / $d * 100 | round / 100 | tostring) else "n/a" end))
               | @tsv)' "$RESULT" >"$TABLE"
        TITLE="Basalt passthrough vs MariaDB: sysbench $(jq -r '"\(.config.threads) threads, \(.config.seconds) s x \(.config.rounds) rounds (\(.started[:10]))"' "$RESULT")"
        set -- --y-label "throughput relative to direct MariaDB = 1.0" ;;
    *) bench_die "do not know how to chart $name (see bin/bench chart --help)" ;;
esac
[ "$(wc -l <"$TABLE")" -gt 1 ] || bench_die "no result table found in $RESULT"
if [ -z "$PNG" ]; then
    case $name in
        *-quick.* | *-quick-ps.* | pg-*-wal.* | pg-*-relaxed.*) PNG=${RESULT%.*}.png ;; # a smoke or side run does not replace the docs' chart
        *) PNG=$ROOT/docs/img/bench-$KIND.png ;;
    esac
fi
bench_chart "$TABLE" "$PNG" --title "$TITLE" "$@"

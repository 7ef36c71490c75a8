#!/usr/bin/env bash
# A FULLTEXT search on a big table, reading through the index's entries vs scanning the table
# (-Dbasalt.fulltextIndex=off, MATCH as before the entries were read). See --help.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
. "$BENCH_DIR/lib/common.sh"
. "$BENCH_DIR/lib/servers.sh"

usage() {
    cat <<'EOF2'
Usage: bin/bench fulltext [--rows N] [--repeat R] [--warmup W]
Loads N rows into a Basalt (LMDB storage) table with FULLTEXT (title, body): text drawn from a
200-word vocabulary, one rare word every 10,000 rows. Then, with the index's entries off and on
(a fresh server on the same data each time), runs R times in one client session: a rare word in
natural mode, two words in boolean mode, and a word in about 1% of the rows. Prints ms per query.
  --rows N     rows in the table                   (default 100000)
  --repeat R   runs per measurement                (default 10)
  --warmup W   runs of every query before measuring (default 3)
EOF2
}

ROWS=100000 REPEAT=10 WARMUP=3
while (($#)); do
    case $1 in
        --rows) ROWS=$2; shift ;;
        --repeat) REPEAT=$2; shift ;;
        --warmup) WARMUP=$2; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
    shift
done

WORK=$(mktemp -d /tmp/basalt-fulltext.XXXXXX)
SERVER_PID=
trap 'bench_stop_pid "$SERVER_PID" 120; rm -rf "$WORK"' EXIT
PORT=$(bench_free_port 24900)

start() { # MODE(on|off): a fresh server on the same data directory
    BASALT_JAVA_OPTS="-Dbasalt.fulltextIndex=$1" basalt_start "$WORK" "$PORT" || bench_die "Basalt did not start"
}
stop() { server_stop; }

# rows: words w0..w199 (w0..w1 in every row's title: common; w150 in about 1% of rows), "quokka" every 10,000 rows
awk -v n="$ROWS" 'BEGIN {
    srand(7);
    print "CREATE DATABASE ft; USE ft;";
    print "CREATE TABLE docs (id INT PRIMARY KEY, title VARCHAR(200), body TEXT, FULLTEXT KEY ft (title, body));";
    for (i = 1; i <= n; i++) {
        if (i % 1000 == 1) printf "INSERT INTO docs VALUES ";
        body = "";
        for (k = 0; k < 12; k++) body = body " word" int(rand() * 149 + 2);
        if (i % 100 == 0) body = body " word150";
        if (i % 10000 == 0) body = body " quokka";
        printf "(%d, %s, %s)", i, "\"word0 word1 title " i "\"", "\"" body "\"";
        printf (i % 1000 == 0 || i == n) ? ";\n" : ", ";
    }
}' >"$WORK/load.sql"

QUERIES=(
    "SELECT id FROM docs WHERE MATCH (title, body) AGAINST ('quokka')"
    "SELECT id FROM docs WHERE MATCH (title, body) AGAINST ('+quokka +word7' IN BOOLEAN MODE)"
    "SELECT COUNT(*) FROM docs WHERE MATCH (title, body) AGAINST ('word150')"
)

bench_log "loading $ROWS rows"
start on
t0=$(bench_now)
bench_sql "$PORT" <"$WORK/load.sql"
bench_log "loaded in $(bench_sub "$(bench_now)" "$t0") s"
stop

declare -A MS=()
for mode in off on; do
    start "$mode"
    for q in "${QUERIES[@]}"; do
        for _ in $(seq 1 "$WARMUP"); do echo "$q;"; done | bench_sql "$PORT" ft >/dev/null
        for _ in $(seq 1 "$REPEAT"); do echo "$q;"; done >"$WORK/q.sql"
        t0=$(bench_now)
        bench_sql "$PORT" ft <"$WORK/q.sql" >/dev/null
        MS[$mode-$q]=$(bench_div "$(bench_sub "$(bench_now)" "$t0")" "$REPEAT" 6)
        bench_log "index $mode: $q: $(awk -v s="${MS[$mode-$q]}" 'BEGIN { printf "%.1f", s * 1000 }') ms"
    done
    stop
done

echo "| query ($ROWS rows, $REPEAT runs) | scan ms | index ms | scan/index |"
echo "|---|---:|---:|---:|"
for q in "${QUERIES[@]}"; do
    off=${MS[off-$q]} on=${MS[on-$q]}
    echo "| \`$q\` | $(awk -v s="$off" 'BEGIN { printf "%.1f", s * 1000 }') | $(awk -v s="$on" 'BEGIN { printf "%.1f", s * 1000 }') | $(bench_div "$off" "$on" 1)x |"
done

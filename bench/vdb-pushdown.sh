#!/usr/bin/env bash
# Virtual databases: whole-block pushdown on vs off. See bin/bench vdb-pushdown --help.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
. "$BENCH_DIR/lib/common.sh"
. "$BENCH_DIR/lib/servers.sh"

usage() {
    cat <<'USAGE'
Usage: bin/bench vdb-pushdown [--rows N] [--repeat R] [--keep]
One MariaDB (the remote) with a table of N rows and a small dimension table; two Basalt servers
(memory storage) that map it as a virtual database, one with whole-block pushdown (the default), one
with -Dbasalt.remote.blockPushdown=false (per-table scans with their own filters, LIMIT and
projection pushed). Each query runs once to warm caches, then R times in one client session; per
query and configuration: bytes the remote sent (its Bytes_sent delta) and wall time, per run.
Each cell is measured twice (on, off, off, on) and the lower time kept: the machine is shared, and
the lower of two is less disturbed by others' work. Times include the mariadb client's start,
spread over the R runs.
Writes bench/results/vdb-pushdown-<time>.md.

  --rows N     rows in the remote table   (default 100000)
  --repeat R   runs per measurement       (default 10)
  --keep       keep the temp dir (server logs)
Needs: mariadb-server (mariadbd, mariadb-install-db, mariadb client), awk.
Environment: BASALT_JAVA_OPTS is passed to the Basalt JVMs (the switch is appended for "off").
USAGE
}

ROWS=100000 REPEAT=10 KEEP=0
while (($#)); do
    case $1 in
        --rows) ROWS=$2; shift ;;
        --repeat) REPEAT=$2; shift ;;
        --keep) KEEP=1 ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
    shift
done
for tool in mariadb mariadbd mariadb-install-db awk; do
    command -v "$tool" >/dev/null || bench_die "'$tool' is needed (Debian: mariadb-server)"
done

WORK=$(mktemp -d /tmp/basalt-bench-vdb.XXXXXX)
MARIADB_PID= ON_PID= OFF_PID=
cleanup() {
    bench_stop_pid "$ON_PID" 60
    bench_stop_pid "$OFF_PID" 60
    bench_stop_pid "$MARIADB_PID" 120
    if ((KEEP)); then bench_log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

M_PORT=$(bench_free_port 24300)
bench_log "MariaDB on $M_PORT"
mariadb_start "$WORK/mariadb" "$M_PORT" || bench_die "MariaDB did not start"
MARIADB_PID=$SERVER_PID
bench_sql "$M_PORT" -e "
    CREATE DATABASE pdb;
    CREATE TABLE pdb.big (id INT PRIMARY KEY, grp INT, amount DECIMAL(10,2),
        code VARCHAR(20) COLLATE utf8mb4_bin, pad VARCHAR(100));
    INSERT INTO pdb.big SELECT seq, seq % 100, (seq * 37 % 100000) / 100, CONCAT('c', seq % 1000), REPEAT('x', 100)
        FROM pdb.seq_1_to_$ROWS;
    CREATE TABLE pdb.dim (grp INT PRIMARY KEY, label VARCHAR(20) COLLATE utf8mb4_bin);
    INSERT INTO pdb.dim SELECT seq, CONCAT('g', seq) FROM pdb.seq_0_to_99;
    ANALYZE TABLE pdb.big, pdb.dim;" >/dev/null

start_basalt() { # NAME PORT JAVA_OPTS -> pid in STARTED_PID
    mkdir -p "$WORK/$1"
    BASALT_LOG_LEVEL=warn BASALT_JAVA_OPTS="${BASALT_JAVA_OPTS:-} $3" "$ROOT/bin/basalt" server --port "$2" \
        --storage memory --data-dir "$WORK/$1/data" >"$WORK/$1/basalt.log" 2>&1 &
    STARTED_PID=$!
    bench_wait_for_log "$WORK/$1/basalt.log" "ready for connections" "$STARTED_PID" 600 ||
        bench_die "Basalt ($1) did not start (log: $WORK/$1/basalt.log)"
    bench_sql "$2" -e "CREATE DATABASE r__remote__127_0_0_1__${M_PORT}__pdb__root__"
}
ON_PORT=$(bench_free_port 24400)
start_basalt on "$ON_PORT" ""
ON_PID=$STARTED_PID
OFF_PORT=$(bench_free_port $((ON_PORT + 1)))
start_basalt off "$OFF_PORT" "-Dbasalt.remote.blockPushdown=false"
OFF_PID=$STARTED_PID

QUERIES=(
    "point|SELECT pad FROM r.big WHERE id = 4321"
    "count+sum|SELECT COUNT(*), SUM(amount), MAX(code) FROM r.big"
    "group by|SELECT grp, COUNT(*), SUM(amount) FROM r.big GROUP BY grp ORDER BY grp"
    "join+group|SELECT d.label, SUM(b.amount) FROM r.big b JOIN r.dim d ON d.grp = b.grp WHERE b.id <= 20000 GROUP BY d.label ORDER BY d.label"
    "top-10|SELECT id, amount FROM r.big WHERE grp = 7 ORDER BY amount DESC, id LIMIT 10"
)

remote_bytes() { bench_sql "$M_PORT" -N -e "SHOW GLOBAL STATUS LIKE 'Bytes_sent'" | awk '{ print $2 }'; }

measure() { # PORT SQL -> "bytes_per_run ms_per_run"
    local port=$1 sql=$2 script="" i b0 b1 t0 t1
    bench_sql "$port" -e "$sql" >/dev/null # warm-up: metadata caches, pool
    for ((i = 0; i < REPEAT; i++)); do script+="$sql;"; done
    b0=$(remote_bytes); t0=$(bench_now)
    bench_sql "$port" -e "$script" >/dev/null
    t1=$(bench_now); b1=$(remote_bytes)
    # the SHOW STATUS answer itself is counted once in b1 - b0: small next to the runs
    echo "$(( (b1 - b0) / REPEAT )) $(awk -v a="$t0" -v b="$t1" -v r="$REPEAT" 'BEGIN { printf "%.1f", (b - a) * 1000 / r }')"
}

OUT=$ROOT/bench/results/vdb-pushdown-$(date -u +%Y%m%dT%H%M%SZ).md
mkdir -p "$ROOT/bench/results"
{
    echo "Remote table: $ROWS rows (~130 bytes each); $REPEAT runs per measurement after one warm-up run;"
    echo "time: the lower of two measurements; bytes: the remote's Bytes_sent per run."
    echo "Command: bin/bench vdb-pushdown --rows $ROWS --repeat $REPEAT"
    echo
    echo "| query | remote bytes, pushdown on | remote bytes, off | ms per run, on | ms per run, off |"
    echo "|---|---:|---:|---:|---:|"
    for q in "${QUERIES[@]}"; do
        name=${q%%|*} sql=${q#*|}
        read -r on_b on_ms <<<"$(measure "$ON_PORT" "$sql")"
        read -r off_b off_ms <<<"$(measure "$OFF_PORT" "$sql")"
        read -r _ off_ms2 <<<"$(measure "$OFF_PORT" "$sql")"
        read -r _ on_ms2 <<<"$(measure "$ON_PORT" "$sql")"
        on_ms=$(awk -v a="$on_ms" -v b="$on_ms2" 'BEGIN { print (a < b ? a : b) }')
        off_ms=$(awk -v a="$off_ms" -v b="$off_ms2" 'BEGIN { print (a < b ? a : b) }')
        echo "| $name: \`$sql\` | $on_b | $off_b | $on_ms | $off_ms |"
    done
} | tee "$OUT"
bench_log "wrote $OUT"
"$BENCH_DIR/chart.sh" "$OUT" || true # the PNG under docs/img/ (bin/bench chart)

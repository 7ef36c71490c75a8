#!/usr/bin/env bash
# Planner shapes (index order, MIN/MAX, OR ranges) side by side with MariaDB. See bin/bench planner --help.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
. "$BENCH_DIR/lib/common.sh"
. "$BENCH_DIR/lib/servers.sh"

usage() {
    cat <<'USAGE'
Usage: bin/bench planner [--rows N] [--repeat R] [--warmup W] [--warmup-seconds S] [--cpu-seconds C]
                         [--cpu-warmup N] [--only REGEX] [--basalt-root DIR] [--keep]
Loads tables into a MariaDB (InnoDB) and a Basalt (LMDB storage) started here, the same data in
both (a mariadb-dump of the MariaDB tables piped into Basalt): big (N rows: primary key, a
secondary index, a composite index), small (N/100 rows, indexed big_id pointing into big), dim
(1000 rows) and cat (10 rows). Then runs query shapes the planner should answer well: ORDER BY an
indexed column LIMIT n (both directions, after an equality prefix, with OFFSET), MIN/MAX, OR of
equalities and ranges on one indexed column, range scans, GROUP BY on indexed and non-indexed
columns, top-N, joins of 3-5 tables, and EXISTS / NOT EXISTS / IN / NOT IN subqueries (correlated
ones run as semi-/anti-joins). Both servers first run every shape W times (warm-up, at most S
seconds per shape and server), then each query runs R times in one client session (plaintext, as
MariaDB here has no TLS); each cell is measured twice and the lower time kept. Then the server's
CPU per statement (user + system from /proc, its connection's share included): each shape runs in
one session as many times as fill about C seconds (R to 2000 runs), Basalt and MariaDB in turn.
Prints ms per run, the ratio Basalt/MariaDB (below 1: Basalt is faster), and the CPU columns.
Writes bench/results/planner-<time>.md. Not part of CI.

  --rows N             rows in the table            (default 200000)
  --repeat R           runs per measurement         (default 20)
  --warmup W           runs of every shape on each server before measuring (default 200)
  --warmup-seconds S   at most this long per shape and server for those runs (default 10)
  --cpu-seconds C      about this long per CPU measurement (default 2; 0: no CPU columns)
  --cpu-warmup N       run each shape N more times on each server right before its CPU measurement
                       (default 0). Basalt's planner paths reach steady state (C2-compiled) only after
                       some 10,000 runs of a shape; until then the JIT column is large. Every shape
                       runs N times (the 40 ms sort too): pick shapes with --only
  --only REGEX         run only the shapes whose name or SQL matches REGEX (grep -E, case-insensitive)
  --basalt-root DIR    start Basalt from another checkout (e.g. an older build, for before/after)
  --keep               keep the temp dir (server logs)
Needs: mariadb-server (mariadbd, mariadb-install-db, mariadb, mariadb-dump), awk.
USAGE
}

ROWS=200000 REPEAT=20 WARMUP=200 WARMUP_SECONDS=10 CPU_SECONDS=2 CPU_WARMUP=0 KEEP=0 ONLY= BASALT_ROOT=$ROOT
while (($#)); do
    case $1 in
        --rows) ROWS=$2; shift ;;
        --repeat) REPEAT=$2; shift ;;
        --warmup) WARMUP=$2; shift ;;
        --warmup-seconds) WARMUP_SECONDS=$2; shift ;;
        --cpu-seconds) CPU_SECONDS=$2; shift ;;
        --cpu-warmup) CPU_WARMUP=$2; shift ;;
        --only) ONLY=$2; shift ;;
        --basalt-root) BASALT_ROOT=$(cd "$2" && pwd); shift ;;
        --keep) KEEP=1 ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
    shift
done
for tool in mariadb mariadbd mariadb-install-db mariadb-dump awk; do
    command -v "$tool" >/dev/null || bench_die "'$tool' is needed (Debian: mariadb-server)"
done

WORK=$(mktemp -d /tmp/basalt-bench-planner.XXXXXX)
MARIADB_PID= BASALT_PID=
cleanup() {
    bench_stop_pid "$BASALT_PID" 60
    bench_stop_pid "$MARIADB_PID" 120
    if ((KEEP)); then bench_log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

M_PORT=$(bench_free_port 24500)
bench_log "MariaDB on $M_PORT: loading $ROWS rows"
mariadb_start "$WORK/mariadb" "$M_PORT" || bench_die "MariaDB did not start"
MARIADB_PID=$SERVER_PID
# k: a permutation-like spread of values with a few duplicates; grp: 100 groups; some NULL k
bench_sql "$M_PORT" -e "
    CREATE DATABASE pb;
    CREATE TABLE pb.big (id INT PRIMARY KEY, k INT, grp INT NOT NULL, amount DECIMAL(10,2), pad VARCHAR(60),
        KEY k_idx (k), KEY grp_k (grp, k));
    INSERT INTO pb.big SELECT seq, IF(seq % 997 = 0, NULL, seq * 7919 % $ROWS), seq % 100,
        (seq * 37 % 100000) / 100, REPEAT('x', 60) FROM pb.seq_1_to_$ROWS;
    CREATE TABLE pb.small (id INT PRIMARY KEY, big_id INT NOT NULL, flag INT, KEY big_id (big_id));
    INSERT INTO pb.small SELECT seq, seq * 37 % $ROWS + 1, seq % 50 FROM pb.seq_1_to_$((ROWS / 100));
    CREATE TABLE pb.dim (id INT PRIMARY KEY, cat INT NOT NULL, label VARCHAR(20));
    INSERT INTO pb.dim SELECT seq, seq % 10, CONCAT('dim', seq) FROM pb.seq_1_to_1000;
    CREATE TABLE pb.cat (id INT PRIMARY KEY, name VARCHAR(20));
    INSERT INTO pb.cat SELECT seq, CONCAT('cat', seq) FROM pb.seq_0_to_9;
    ANALYZE TABLE pb.big, pb.small, pb.dim, pb.cat;" >/dev/null

B_PORT=$(bench_free_port 24600)
bench_log "Basalt (from $BASALT_ROOT) on $B_PORT"
mkdir -p "$WORK/basalt"
BASALT_LOG_LEVEL=warn "$BASALT_ROOT/bin/basalt" server --port "$B_PORT" --data-dir "$WORK/basalt/data" \
    --storage lmdb >"$WORK/basalt/basalt.log" 2>&1 &
BASALT_PID=$!
bench_wait_for_log "$WORK/basalt/basalt.log" "ready for connections" "$BASALT_PID" 900 ||
    bench_die "Basalt did not start (log: $WORK/basalt/basalt.log)"
bench_sql "$B_PORT" -e "CREATE DATABASE pb"
t0=$(bench_now)
mariadb-dump --protocol=TCP -h 127.0.0.1 -P "$M_PORT" -u root --skip-lock-tables pb big small dim cat | bench_sql "$B_PORT" pb
bench_log "loaded Basalt in $(bench_sub "$(bench_now)" "$t0") s"
# the same statistics as MariaDB's (its ANALYZE above): join order and index choice read them
bench_sql "$B_PORT" --skip-ssl -e "ANALYZE TABLE pb.big, pb.small, pb.dim, pb.cat" >/dev/null

MID=$((ROWS / 2))
QUERIES=(
    # control: no table read; what every cell also carries (client start, connection, round trip)
    "session and round trip only (control)|DO 1"
    "ORDER BY pk LIMIT|SELECT id, pad FROM pb.big ORDER BY id LIMIT 10"
    "ORDER BY pk DESC LIMIT|SELECT id, pad FROM pb.big ORDER BY id DESC LIMIT 10"
    "ORDER BY k LIMIT|SELECT id, k FROM pb.big ORDER BY k LIMIT 10"
    "ORDER BY k DESC LIMIT|SELECT id, k FROM pb.big ORDER BY k DESC LIMIT 10"
    "equality prefix, ORDER BY DESC LIMIT|SELECT id, k FROM pb.big WHERE grp = 7 ORDER BY k DESC LIMIT 10"
    "range, ORDER BY pk DESC LIMIT|SELECT id, amount FROM pb.big WHERE id < $MID ORDER BY id DESC LIMIT 10"
    "pagination: ORDER BY pk LIMIT 10 OFFSET 5000|SELECT id FROM pb.big ORDER BY id LIMIT 10 OFFSET 5000"
    "ORDER BY k LIMIT 10 OFFSET 1000|SELECT id, k FROM pb.big ORDER BY k LIMIT 1000, 10"
    "MIN/MAX of an indexed column|SELECT MIN(k), MAX(k) FROM pb.big"
    "MAX(pk)|SELECT MAX(id) FROM pb.big"
    "MIN after an equality prefix|SELECT MIN(k) FROM pb.big WHERE grp = 42"
    "OR of equalities|SELECT id, k FROM pb.big WHERE k = 5 OR k = 77 OR k = 12345"
    "OR of ranges|SELECT COUNT(*), SUM(amount) FROM pb.big WHERE id < 100 OR id BETWEEN $MID AND $((MID + 100)) OR id > $((ROWS - 100))"
    "IN list on pk|SELECT SUM(amount) FROM pb.big WHERE id IN (3, 999, $MID, $((ROWS - 1)), 77777)"
    "GROUP BY indexed ORDER BY LIMIT|SELECT k, COUNT(*) FROM pb.big GROUP BY k ORDER BY k DESC LIMIT 10"
    "GROUP BY over a range of a composite index|SELECT grp, MAX(k) FROM pb.big WHERE grp BETWEEN 10 AND 12 GROUP BY grp"
    "LEFT JOIN, filter on the outer table's PK|SELECT a.id, b.pad FROM pb.big a LEFT JOIN pb.big b ON b.id = a.k WHERE a.id = 4321"
    "IN (SELECT ...)|SELECT COUNT(*) FROM pb.big WHERE id IN (SELECT k FROM pb.big WHERE grp = 7 AND k < 2000)"
    "ORDER BY non-indexed LIMIT (sort, control)|SELECT id, amount FROM pb.big ORDER BY amount DESC, id LIMIT 10"
    "range scan on pk|SELECT COUNT(*), SUM(amount) FROM pb.big WHERE id BETWEEN $MID AND $((MID + 10000))"
    "range scan on a secondary index|SELECT COUNT(*) FROM pb.big WHERE k BETWEEN 1000 AND 3000"
    "top-N after an equality on an index|SELECT id, amount FROM pb.big WHERE grp = 7 ORDER BY amount DESC LIMIT 10"
    "GROUP BY an indexed column (all groups)|SELECT grp, COUNT(*), SUM(amount) FROM pb.big GROUP BY grp"
    "GROUP BY a non-indexed column, top groups|SELECT amount, COUNT(*) AS c FROM pb.big GROUP BY amount ORDER BY c DESC, amount LIMIT 5"
    "join of 3 tables, range on the first|SELECT c.name, COUNT(*) FROM pb.big b JOIN pb.dim d ON d.id = b.grp JOIN pb.cat c ON c.id = d.cat WHERE b.id BETWEEN $MID AND $((MID + 2000)) GROUP BY c.name"
    "join of 4 tables from a filtered small table|SELECT SUM(b.amount) FROM pb.small s JOIN pb.big b ON b.id = s.big_id JOIN pb.dim d ON d.id = b.grp JOIN pb.cat c ON c.id = d.cat WHERE s.flag = 3 AND c.id < 5"
    "join of 5 tables|SELECT COUNT(*) FROM pb.small s JOIN pb.big b ON b.id = s.big_id JOIN pb.big b2 ON b2.id = b.k JOIN pb.dim d ON d.id = b2.grp JOIN pb.cat c ON c.id = d.cat WHERE s.flag = 7"
    "correlated EXISTS, inner indexed|SELECT COUNT(*) FROM pb.small s WHERE EXISTS (SELECT 1 FROM pb.big b WHERE b.k = s.big_id)"
    "correlated EXISTS, many outer rows|SELECT COUNT(*) FROM pb.big b WHERE EXISTS (SELECT 1 FROM pb.small s WHERE s.big_id = b.id)"
    "correlated NOT EXISTS, inner not indexed|SELECT COUNT(*) FROM pb.dim d WHERE NOT EXISTS (SELECT 1 FROM pb.small s WHERE s.flag = d.id)"
    "correlated IN|SELECT COUNT(*) FROM pb.small s WHERE s.flag IN (SELECT b.grp FROM pb.big b WHERE b.id = s.big_id)"
    "correlated NOT IN|SELECT COUNT(*) FROM pb.dim d WHERE d.cat NOT IN (SELECT s.flag FROM pb.small s WHERE s.id = d.id)"
    "NOT IN (SELECT ...) uncorrelated|SELECT COUNT(*) FROM pb.dim WHERE id NOT IN (SELECT flag FROM pb.small WHERE flag IS NOT NULL)"
)
if [ -n "$ONLY" ]; then
    SELECTED=()
    for q in "${QUERIES[@]}"; do
        if grep -qiE -- "$ONLY" <<<"$q"; then SELECTED+=("$q"); fi
    done
    ((${#SELECTED[@]})) || bench_die "--only '$ONLY' matches no shape"
    QUERIES=("${SELECTED[@]}")
fi

# Plaintext connections for both: the bench's MariaDB has no certificate, while the mariadb client
# negotiates TLS with Basalt by default, and a TLS handshake (RSA signature, cold JIT) costs far
# more than the small queries measured here (docs/benchmarks.md, "Planner shapes").
bench_plain() { bench_sql "$@" --skip-ssl; }

measure() { # PORT SQL -> ms per run
    local port=$1 sql=$2 script="" i t0 t1
    bench_plain "$port" -e "$sql" >/dev/null # warm-up
    for ((i = 0; i < REPEAT; i++)); do script+="$sql;"; done
    t0=$(bench_now)
    bench_plain "$port" -e "$script" >/dev/null
    t1=$(bench_now)
    awk -v a="$t0" -v b="$t1" -v r="$REPEAT" 'BEGIN { printf "%.2f", (b - a) * 1000 / r }'
}
lower() { awk -v a="$1" -v b="$2" 'BEGIN { print (a < b ? a : b) }'; }

# The server's CPU ms per statement: RUNS runs in one session, CPU (user + system of the whole
# server process, so its connection's share is included) from /proc before and after. Prints that
# and, second, the share of it spent in JIT compiler threads (Basalt still warming up; '-' for
# MariaDB). A compiler thread that exits meanwhile takes its CPU along, hence the floor at 0.
cpu_per_run() { # PORT PID SQL RUNS [jit]
    local port=$1 pid=$2 sql=$3 runs=$4 jit=${5:-} script="" i c0 c1 j0=0 j1=0
    for ((i = 0; i < runs; i++)); do script+="$sql;"; done
    [ -n "$jit" ] && j0=$(bench_jit_cpu_seconds "$pid")
    c0=$(bench_cpu_seconds "$pid")
    bench_plain "$port" <<<"$script" >/dev/null # on stdin: one argument may not exceed 128 KiB
    c1=$(bench_cpu_seconds "$pid")
    [ -n "$jit" ] && j1=$(bench_jit_cpu_seconds "$pid")
    awk -v a="$c0" -v b="$c1" -v ja="$j0" -v jb="$j1" -v r="$runs" -v jit="$jit" \
        'BEGIN { j = jb - ja; if (j < 0) j = 0; printf "%.3f %s", (b - a) * 1000 / r, jit ? sprintf("%.3f", j * 1000 / r) : "-" }'
}
# Runs of one shape on one server in a single session, right before its CPU measurement (--cpu-warmup).
cpu_warm() { # PORT SQL RUNS
    local script="" i
    ((${3} > 0)) || return 0
    for ((i = 0; i < $3; i++)); do script+="$2;"; done
    bench_plain "$1" <<<"$script" >/dev/null
}
# Runs that fill about CPU_SECONDS at MS per run: REPEAT to 2000 (the /proc clock ticks are 10 ms).
cpu_runs() { awk -v ms="$1" -v s="$CPU_SECONDS" -v r="$REPEAT" 'BEGIN { n = int(s * 1000 / (ms > 0 ? ms : 1)); if (n < r) n = r; if (n > 2000) n = 2000; print n }'; }

# Warm-up of one shape on one server: WARMUP runs, in sessions of 10, stopping after WARMUP_SECONDS.
warm() { # PORT SQL
    local port=$1 sql=$2 script="" i ran=0 t0
    for ((i = 0; i < 10; i++)); do script+="$sql;"; done
    t0=$(bench_now)
    while ((ran < WARMUP)); do
        bench_plain "$port" -e "$script" >/dev/null
        ran=$((ran + 10))
        if awk -v a="$t0" -v b="$(bench_now)" -v s="$WARMUP_SECONDS" 'BEGIN { exit !(b - a > s) }'; then break; fi
    done
    return 0
}

# Warm both servers on every shape first (Basalt's JIT compiles the paths they use; MariaDB's buffer
# pool holds the pages), so the table measures steady-state query times.
bench_log "warming up: each shape $WARMUP times (at most $WARMUP_SECONDS s) on each server"
for q in "${QUERIES[@]}"; do
    warm "$B_PORT" "${q#*|}"
    warm "$M_PORT" "${q#*|}"
done

OUT=$ROOT/bench/results/planner-$(date -u +%Y%m%dT%H%M%SZ).md
mkdir -p "$ROOT/bench/results"
{
    echo "Table: $ROWS rows; $REPEAT runs per measurement after $WARMUP warm-up runs of every shape (at most $WARMUP_SECONDS s);"
    echo "the lower of two measurements; times include the mariadb client's start (plaintext), spread over the runs."
    echo "CPU: the server's user + system ms per statement (/proc), over as many runs as fill about $CPU_SECONDS s (runs column),"
    echo "after $CPU_WARMUP more runs of the shape; Basalt JIT ms: the part of Basalt CPU ms spent by its JIT compiler threads."
    echo "Command: bin/bench planner --rows $ROWS --repeat $REPEAT --warmup $WARMUP --warmup-seconds $WARMUP_SECONDS --cpu-seconds $CPU_SECONDS --cpu-warmup $CPU_WARMUP${ONLY:+ --only '$ONLY'}"
    echo "Load at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
    echo "| query | Basalt ms | MariaDB ms | Basalt/MariaDB | Basalt CPU ms | MariaDB CPU ms | CPU Basalt/MariaDB | runs | Basalt JIT ms |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    for q in "${QUERIES[@]}"; do
        name=${q%%|*} sql=${q#*|}
        b1=$(measure "$B_PORT" "$sql"); m1=$(measure "$M_PORT" "$sql")
        m2=$(measure "$M_PORT" "$sql"); b2=$(measure "$B_PORT" "$sql")
        b=$(lower "$b1" "$b2") m=$(lower "$m1" "$m2")
        bc=- mc=- cr=- n=- bj=-
        if [ "$CPU_SECONDS" != 0 ]; then
            n=$(cpu_runs "$(awk -v a="$b" -v c="$m" 'BEGIN { print (a > c ? a : c) }')")
            cpu_warm "$B_PORT" "$sql" "$CPU_WARMUP"
            cpu_warm "$M_PORT" "$sql" "$CPU_WARMUP"
            read -r bc bj <<<"$(cpu_per_run "$B_PORT" "$BASALT_PID" "$sql" "$n" jit)"
            read -r mc _ <<<"$(cpu_per_run "$M_PORT" "$MARIADB_PID" "$sql" "$n")"
            cr=$(bench_div "$bc" "$mc" 2)
        fi
        echo "| $name: \`$sql\` | $b | $m | $(bench_div "$b" "$m" 2) | $bc | $mc | $cr | $n | $bj |"
    done
} | tee "$OUT"
bench_log "wrote $OUT"
"$BENCH_DIR/chart.sh" "$OUT" || true # the PNG under docs/img/ (bin/bench chart)

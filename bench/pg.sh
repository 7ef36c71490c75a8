#!/usr/bin/env bash
# Basalt's PostgreSQL port against a real PostgreSQL 15, with pgbench. See --help.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
. "$BENCH_DIR/lib/common.sh"

usage() {
    cat <<'USAGE'
Usage: bin/bench pg [--time S] [--scale N] [--clients N] [--rounds R] [--quick] [--keep]
PostgreSQL 15 (the Debian package's server, fsync on, synchronous_commit on, everything else at
its defaults) and Basalt (bin/basalt server --pg-port, LMDB, --durability wal, its default: like
PostgreSQL, a commit is acknowledged once its write-ahead-log record is synced) both run on
127.0.0.1 for the whole run. Each gets pgbench -i at the same scale and a discarded warm-up run
of each workload (the JVM compiles its hot code in the first seconds); then R rounds of:
  select-only   pgbench -S -M prepared  (read-only, extended protocol with named statements)
  tpcb          pgbench                 (the default TPC-B-like script, simple protocol)
with N clients (-j 2) for S seconds each, one server at a time, the two servers' runs of a
workload back to back and which goes first alternating by round: on a shared machine whose load
moves by 2x within minutes, a server's runs then see the same load as the other's. Both in clear (PGSSLMODE=disable): Basalt offers TLS by
default, the PostgreSQL started here does not. Reports the median tps of each workload, the ratio
Basalt / PostgreSQL, and the CPU seconds each server used per 1000 transactions (/proc).
Writes bench/results/pg-<time>.md and its chart (docs/img/bench-pg.png; a --quick run's next to
the result).

  --time S      seconds per run (default 20; --quick: 5)
  --scale N     pgbench scale factor (default 10; --quick: 1)
  --clients N   pgbench clients (default 8)
  --rounds R    rounds per server (default 2; --quick: 1)
  --warmup S    seconds of each discarded warm-up run (default 10; --quick: 3)
  --durability D  Basalt's --durability (default wal, as PostgreSQL's own commit: one synced log
                write per group of commits; full = a synced LMDB commit, data pages then meta
                page, each fsynced)
  --keep        keep the temp dir (server logs)
Needs: postgresql (server binaries, run as the `postgres` user when started as root), pgbench.
USAGE
}

SECS=20 SCALE=10 CLIENTS=8 ROUNDS=2 WARMUP=10 KEEP=0 MODE=full DURABILITY=wal
while (($#)); do
    case $1 in
        --time) SECS=$2; shift ;;
        --scale) SCALE=$2; shift ;;
        --clients) CLIENTS=$2; shift ;;
        --rounds) ROUNDS=$2; shift ;;
        --warmup) WARMUP=$2; shift ;;
        --durability) DURABILITY=$2; shift ;;
        --quick) MODE=quick SECS=5 SCALE=1 ROUNDS=1 WARMUP=3 ;;
        --keep) KEEP=1 ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
    shift
done
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -x "$PG_BIN/initdb" ] || bench_die "PostgreSQL's server binaries are needed (apt-get install postgresql)"
for tool in pgbench psql; do command -v "$tool" >/dev/null || bench_die "'$tool' is needed (postgresql-client)"; done

export PGSSLMODE=disable
WORK=$(mktemp -d /tmp/basalt-bench-pg.XXXXXX)
chmod 755 "$WORK" # the postgres user writes its data directory under it
SERVER_PID= PG_PID= BASALT_PID=
cleanup() {
    bench_stop_pid "$PG_PID" 120
    bench_stop_pid "$BASALT_PID" 120
    [ "$SERVER_PID" = "$PG_PID" ] || [ "$SERVER_PID" = "$BASALT_PID" ] || bench_stop_pid "$SERVER_PID" 120 # one that failed to start
    if ((KEEP)); then bench_log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# initdb and postgres refuse to run as root: as root, run them as the `postgres` user.
as_pg() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_server_start() { # PORT
    local dir=$WORK/pg
    mkdir -p "$dir"
    [ "$(id -u)" != 0 ] || chown postgres: "$dir"
    as_pg "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 ||
        { tail -20 "$dir/initdb.log" >&2; return 1; }
    as_pg "$PG_BIN/postgres" -D "$dir/data" -p "$1" -k "$dir" -c listen_addresses=127.0.0.1 \
        -c fsync=on -c synchronous_commit=on -c max_connections=100 >"$dir/postgres.log" 2>&1 &
    SERVER_PID=$!
    bench_wait_for_log "$dir/postgres.log" "ready to accept connections" "$SERVER_PID" 120 ||
        { bench_log "PostgreSQL did not start (log: $dir/postgres.log)"; return 1; }
}

basalt_server_start() { # PORT
    local dir=$WORK/basalt mysql_port
    mkdir -p "$dir"
    mysql_port=$(bench_free_port 24700)
    BASALT_LOG_LEVEL=warn "$ROOT/bin/basalt" server --port "$mysql_port" --pg-port "$1" \
        --data-dir "$dir/data" --storage lmdb --durability "$DURABILITY" >"$dir/basalt.log" 2>&1 &
    SERVER_PID=$!
    # The launcher may build first (a few minutes on a busy machine).
    bench_wait_for_log "$dir/basalt.log" "ready for connections" "$SERVER_PID" 600 ||
        { bench_log "Basalt did not start (log: $dir/basalt.log)"; return 1; }
}

# CPU seconds (user + system) of PID and all its descendants so far, with the children they have
# already reaped: PostgreSQL forks a backend per client, which exits when pgbench disconnects.
tree_cpu_seconds() {
    local pids=("$1") all=() p
    while ((${#pids[@]})); do
        all+=("${pids[@]}")
        mapfile -t pids < <(for p in "${pids[@]}"; do pgrep -P "$p" 2>/dev/null || true; done)
    done
    for p in "${all[@]}"; do cat "/proc/$p/stat" 2>/dev/null || true; done |
        awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); t += $12 + $13 + $14 + $15 } END { printf "%.2f", t / hz }'
}

# pgbench's options for a workload run of SECONDS (-n: no vacuum between runs, on both servers).
workload_args() { # WORKLOAD SECONDS
    echo "-c $CLIENTS -j 2 -T $2 -n"
    [ "$1" = select-only ] && echo "-S -M prepared"
    return 0
}

declare -A TPS=() CPU=() PORTS=() USERS=() PIDS=()
# One server's setup: pgbench -i, the row check, a discarded warm-up run of each workload.
bench_init() { # NAME
    local name=$1 w rows
    local common=(-h 127.0.0.1 -p "${PORTS[$name]}" -U "${USERS[$name]}" postgres)
    bench_log "$name: pgbench -i -s $SCALE"
    pgbench -i -s "$SCALE" "${common[@]}" >"$WORK/$name-init.log" 2>&1 ||
        { tail -20 "$WORK/$name-init.log" >&2; bench_die "$name: pgbench -i failed"; }
    # every account row is there, or the point selects would measure misses
    rows=$(psql -X -A -t "${common[@]:0:6}" -c "SELECT count(*) FROM pgbench_accounts" postgres)
    [ "$rows" = $((SCALE * 100000)) ] || bench_die "$name: pgbench_accounts has $rows rows, not $((SCALE * 100000))"
    for w in select-only tpcb; do
        pgbench $(workload_args "$w" "$WARMUP") "${common[@]}" >"$WORK/$name-$w-warmup.log" 2>&1 || true
    done
}

# One timed run of WORKLOAD on server NAME in ROUND: its tps and server CPU per 1000 transactions.
bench_run() { # NAME WORKLOAD ROUND
    local name=$1 w=$2 r=$3 before after out tps n
    local common=(-h 127.0.0.1 -p "${PORTS[$name]}" -U "${USERS[$name]}" postgres)
    before=$(tree_cpu_seconds "${PIDS[$name]}")
    out=$WORK/$name-$w-$r.log
    pgbench $(workload_args "$w" "$SECS") "${common[@]}" >"$out" 2>&1 || { tail -20 "$out" >&2; bench_die "$name: pgbench $w failed"; }
    after=$(tree_cpu_seconds "${PIDS[$name]}")
    tps=$(awk '/^tps = / { printf "%.1f", $3; exit }' "$out")
    n=$(awk '/^number of transactions actually processed:/ { print $NF; exit }' "$out")
    bench_log "$name $w round $r: $tps tps ($n transactions)"
    # a client that gets an error stops: its run would not be comparable
    ! grep -E 'aborted|^number of failed transactions: [1-9]' "$out" >&2 ||
        bench_die "$name: pgbench $w reported errors (see above)"
    TPS[$name,$w]+="$tps "
    CPU[$name,$w]+="$(awk -v c="$(bench_sub "$after" "$before")" -v n="$n" \
        'BEGIN { if (n > 0) printf "%.3f", c * 1000 / n; else print "n/a" }') "
}

# The median of the numbers on stdin, with DECIMALS decimals.
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk -v d="${1:-1}" '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else printf "%.*f", d, (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

PORTS[postgresql]=$(bench_free_port 25400) USERS[postgresql]=postgres
pg_server_start "${PORTS[postgresql]}" || bench_die "PostgreSQL did not start"
PG_PID=$SERVER_PID PIDS[postgresql]=$SERVER_PID
PG_VERSION=$("$PG_BIN/postgres" --version)
PORTS[basalt]=$(bench_free_port 25500) USERS[basalt]=root
basalt_server_start "${PORTS[basalt]}" || bench_die "Basalt did not start"
BASALT_PID=$SERVER_PID PIDS[basalt]=$SERVER_PID
bench_init postgresql
bench_init basalt
for ((r = 1; r <= ROUNDS; r++)); do
    order="postgresql basalt"
    ((r % 2)) || order="basalt postgresql"
    for w in select-only tpcb; do
        for name in $order; do bench_run "$name" "$w" "$r"; done
    done
done

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
SUFFIX=
[ "$MODE" = quick ] && SUFFIX=-quick
[ "$DURABILITY" = wal ] || SUFFIX=$SUFFIX-$DURABILITY
OUT=$ROOT/bench/results/pg-$STAMP$SUFFIX.md
{
    echo "<!-- bin/bench pg: $STAMP, Basalt $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?') -->"
    echo "# pgbench: Basalt's PostgreSQL port vs $PG_VERSION"
    echo
    echo "Scale $SCALE, $CLIENTS clients (-j 2), ${SECS}s per run, median of $ROUNDS round(s), the servers' runs alternating;"
    echo "PostgreSQL fsync on, synchronous_commit on; Basalt LMDB, --durability $DURABILITY. $(nproc) cores, shared."
    echo
    echo "| workload | PostgreSQL tx/s | Basalt tx/s | Basalt / PostgreSQL | PostgreSQL CPU s per 1000 tx | Basalt CPU s per 1000 tx |"
    echo "|---|---:|---:|---:|---:|---:|"
    for w in select-only tpcb; do
        p=$(median <<<"${TPS[postgresql,$w]}") b=$(median <<<"${TPS[basalt,$w]}")
        case $w in select-only) label='select-only: `pgbench -S -M prepared`' ;; tpcb) label='tpcb: `pgbench` (TPC-B-like, simple protocol)' ;; esac
        echo "| $label | $p | $b | $(bench_div "$b" "$p" 2)x | $(median 3 <<<"${CPU[postgresql,$w]}") | $(median 3 <<<"${CPU[basalt,$w]}") |"
    done
    echo
    echo "Every run's tps: PostgreSQL select-only ${TPS[postgresql,select-only]}, tpcb ${TPS[postgresql,tpcb]};"
    echo "Basalt select-only ${TPS[basalt,select-only]}, tpcb ${TPS[basalt,tpcb]}."
} >"$OUT"
cat "$OUT"
bench_log "wrote $OUT"
"$BENCH_DIR/chart.sh" "$OUT" || true

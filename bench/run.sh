#!/usr/bin/env bash
# Side-by-side benchmark, Basalt vs MariaDB (InnoDB), in one run. See bin/bench --help.
# One server at a time: each is started in its own temp dir on 127.0.0.1, measured, and stopped
# before the next one starts, so the two never compete for the (small, shared) machine.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
. "$BENCH_DIR/lib/common.sh"
. "$BENCH_DIR/lib/servers.sh"
. "$BENCH_DIR/lib/workloads.sh"

usage() {
    cat <<'EOF'
Usage: bin/bench [--quick] [options]
Benchmarks Basalt against MariaDB (InnoDB) on this machine, one server at a time:
  1. bulk load: a mysqldump-style file (CREATE TABLE sbtest + multi-row INSERTs of ~1 MB)
     piped into the mariadb CLI;
  2. data directory size after the load;
  3. sysbench oltp_update_index, oltp_update_non_index, oltp_insert: autocommit single-row
     statements from 8 clients, fsync on every commit on both sides.
Prints a summary and writes bench/results/bench-<time>.json and its chart (bin/bench chart).

  --quick             smoke run: 100,000 rows, 10 s per sysbench test, 2 s warm-up
  --rows N            rows in the bulk-load dump            (default 1000000)
  --rows-per-insert N rows per INSERT statement             (default 5000, ~1 MB)
  --table-size N      rows in the sysbench table            (default 100000)
  --time S            seconds per measured sysbench test    (default 30)
  --warmup S          seconds of discarded warm-up per test (default 5)
  --threads N         sysbench client threads               (default 8)
  --servers LIST      which servers, in order               (default "mariadb basalt")
  --tests LIST        sysbench tests without the oltp_ prefix (default "update_index update_non_index insert";
                      e.g. "point_select read_write update_index insert")
  --no-load           skip the bulk load (sysbench only)
  --sysbench-fresh    run sysbench on a freshly started server with an empty data dir
                      (default: the same server, after the bulk load, data still there)
  --keep              keep the temp dir (dump, data dirs, server logs)
  --aot-sysbench      Basalt starts from a JDK AOT cache trained on sysbench (bench/aot-train.sh --checkout,
                      ~3 min, redone when the build changes): JIT profiles from the start, so a short
                      run measures less warm-up (docs/benchmarks.md)
Environment: BASALT_JAVA_OPTS is passed to Basalt's JVM (e.g. a JFR recording).
Other benchmarks (each with --help): bin/bench remote | vdb-pushdown | vdb-cache | planner | disagg
| pg (the PostgreSQL port against PostgreSQL 15, pgbench) | chart RESULT.
EOF
}

ROWS=1000000 PER_INSERT=5000 TABLE_SIZE=100000 SECS=30 WARMUP=5 THREADS=8
SERVERS="mariadb basalt" KEEP=0 MODE=full FRESH=0 LOAD=1
TESTS="update_index update_non_index insert"
while (($#)); do
    case $1 in
        --quick) MODE=quick ROWS=100000 TABLE_SIZE=10000 SECS=10 WARMUP=2 ;;
        --rows) ROWS=$2; shift ;;
        --rows-per-insert) PER_INSERT=$2; shift ;;
        --table-size) TABLE_SIZE=$2; shift ;;
        --time) SECS=$2; shift ;;
        --warmup) WARMUP=$2; shift ;;
        --threads) THREADS=$2; shift ;;
        --servers) SERVERS=$2; shift ;;
        --tests) TESTS=$2; shift ;;
        --no-load) LOAD=0 ;;
        --keep) KEEP=1 ;;
        --sysbench-fresh) FRESH=1 ;;
        --aot-sysbench) AOT_SYSBENCH=1 ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
    shift
done

if ((${AOT_SYSBENCH:-0})); then # Basalt starts from an AOT cache trained on sysbench (built when stale)
    export BASALT_AOT_DIR=$ROOT/basalt-server/target/aot-sysbench
    "$BENCH_DIR/aot-train.sh" --checkout --if-stale || bench_die "could not train the sysbench AOT cache"
fi

for tool in mariadb mariadbd mariadb-install-db sysbench python3 jq du awk; do
    command -v "$tool" >/dev/null || bench_die "'$tool' is needed (Debian: mariadb-server, sysbench, python3, jq)"
done

WORK=$(mktemp -d /tmp/basalt-bench.XXXXXX)
SERVER_PID=
cleanup() {
    server_stop
    if ((KEEP)); then bench_log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM


STARTED_AT=$(date -u +%Y-%m-%dT%H:%M:%SZ)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
bench_log "mode=$MODE rows=$ROWS per_insert=$PER_INSERT table_size=$TABLE_SIZE time=${SECS}s threads=$THREADS work=$WORK"

DUMP=$WORK/dump.sql DUMP_BYTES=0
if ((LOAD)); then
    bench_log "generating the dump ($ROWS rows)"
    python3 "$BENCH_DIR/gen_dump.py" "$ROWS" "$PER_INSERT" "$DUMP"
    DUMP_BYTES=$(stat -c %s "$DUMP")
fi

run_server() {
    local server=$1 dir=$WORK/$1 port results=$WORK/$1.results
    port=$(bench_free_port $([ "$server" = mariadb ] && echo 33610 || echo 33710))
    bench_log "$server: starting on 127.0.0.1:$port"
    "${server}_start" "$dir" "$port" || return 1
    echo "port=$port" >"$results"
    if [ "$server" = mariadb ]; then # prove the durability settings the comparison relies on
        bench_sql "$port" -N -e "SELECT CONCAT('innodb_flush_log_at_trx_commit=', @@innodb_flush_log_at_trx_commit,
            '\nlog_bin=', @@log_bin, '\ninnodb_doublewrite=', @@innodb_doublewrite,
            '\ninnodb_buffer_pool_size=', @@innodb_buffer_pool_size)" | sed 's/\\n/\n/g' >>"$results"
    fi
    if ((LOAD)); then
        bench_log "$server: bulk load"
        bulk_load "$port" "$DUMP" "$ROWS" "$SERVER_DATA" >>"$results" || return 1
        # What takes the space in the data dir (InnoDB preallocates its redo log and system tablespace).
        (cd "$SERVER_DATA" && du -ab . | sort -rn | head -8) >"$WORK/$server.files"
    fi
    if ((FRESH)); then
        bench_log "$server: restarting with an empty data dir for sysbench"
        server_stop
        rm -rf "$dir"
        "${server}_start" "$dir" "$port" || return 1
    fi
    bench_log "$server: sysbench prepare ($TABLE_SIZE rows)"
    sysbench_prepare "$port" "$TABLE_SIZE" || return 1
    local test
    for test in $TESTS; do
        bench_log "$server: sysbench oltp_$test (${WARMUP}s warm-up + ${SECS}s, $THREADS threads)"
        sysbench_run "$port" "oltp_$test" "$test" "$TABLE_SIZE" "$THREADS" "$SECS" "$WARMUP" >>"$results" || return 1
    done
    server_stop
    bench_log "$server: done"
}

FAILED=
for server in $SERVERS; do
    run_server "$server" || { FAILED="$FAILED $server"; server_stop; }
done

# --- results --------------------------------------------------------------------------------
get() { sed -n "s/^$2=//p" "$WORK/$1.results" 2>/dev/null | tail -1; }

mkdir -p "$ROOT/bench/results"
RESULT_FILE=$ROOT/bench/results/bench-$(date -u +%Y%m%dT%H%M%SZ)-$MODE.json
{
    for server in $SERVERS; do
        [ -f "$WORK/$server.results" ] || continue
        jq -Rn --arg server "$server" '[inputs | select(contains("=")) | capture("^(?<k>[^=]+)=(?<v>.*)$")]
            | map({(.k): (.v | tonumber? // .)}) | add | {($server): .}' <"$WORK/$server.results"
    done
} | jq -s --arg started "$STARTED_AT" --arg mode "$MODE" --argjson rows "$ROWS" \
    --argjson per_insert "$PER_INSERT" --argjson table_size "$TABLE_SIZE" --argjson secs "$SECS" \
    --argjson warmup "$WARMUP" --argjson threads "$THREADS" --argjson fresh "$FRESH" --argjson dump_bytes "$DUMP_BYTES" \
    --arg cpu "$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)" --arg cores "$(nproc)" \
    --arg mem "$(free -g | awk '/Mem:/ { print $2 " GB" }')" --arg kernel "$(uname -r)" \
    --arg fs "$(findmnt -n -T "$WORK" -o SOURCE,FSTYPE 2>/dev/null | tr -s ' ')" \
    --arg java "$(. "$ROOT/bin/lib/find-java.sh" && basalt_find_java && "$BASALT_JAVA_HOME/bin/java" -version 2>&1 | head -1)" \
    --arg load_before "$LOAD_BEFORE" --arg load_after "$(cut -d' ' -f1-3 /proc/loadavg)" \
    --arg mariadb "$(mariadbd --version | sed 's/^.*Ver //')" --arg sysbench "$(sysbench --version)" \
    --arg basalt_commit "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)" \
    --arg failed "${FAILED# }" \
    '{started: $started, mode: $mode, failed: $failed,
      config: {rows: $rows, rows_per_insert: $per_insert, dump_bytes: $dump_bytes,
               sysbench_table_size: $table_size, seconds: $secs, warmup_seconds: $warmup, threads: $threads,
               sysbench_on_fresh_server: ($fresh == 1)},
      machine: {cpu: $cpu, cores: $cores, memory: $mem, kernel: $kernel, tmp_filesystem: $fs,
                loadavg_before: $load_before, loadavg_after: $load_after},
      versions: {mariadb: $mariadb, basalt_java: $java, sysbench: $sysbench, basalt_commit: $basalt_commit},
      results: add}' >"$RESULT_FILE"

ratio() { # Basalt / MariaDB of KEY
    local b m
    b=$(get basalt "$1"); m=$(get mariadb "$1")
    [ -n "$b" ] && [ -n "$m" ] && bench_div "$b" "$m" 2 || echo "n/a"
}
row() { printf '%-52s %14s %14s %16s\n' "$1" "$(get mariadb "$2")" "$(get basalt "$2")" "$(ratio "$2")"; }
mib() { local v; v=$(get "$1" "$2"); [ -n "$v" ] && bench_div "$v" 1048576 1 || echo ""; }
mib_row() {
    local m b r="n/a"
    m=$(mib mariadb "$2"); b=$(mib basalt "$2")
    [ -n "$m" ] && [ -n "$b" ] && r=$(bench_div "$b" "$m" 2)
    printf '%-52s %14s %14s %16s\n' "$1" "$m" "$b" "$r"
}

echo
echo "Basalt vs MariaDB ($MODE: $ROWS rows bulk load, sysbench $THREADS threads x ${SECS}s, table $TABLE_SIZE rows)"
printf '%-52s %14s %14s %16s\n' "metric" "MariaDB" "Basalt" "Basalt/MariaDB"
row "bulk load seconds (lower=better)" load_seconds
row "bulk load rows/s" load_rows_per_s
row "bulk load server CPU s (lower=better)" load_server_cpu_seconds
for test in $TESTS; do
    row "oltp_$test tx/s" "${test}_tps"
    row "oltp_$test p95 ms (lower=better)" "${test}_p95_ms"
    row "oltp_$test server CPU us/tx (lower=better)" "${test}_server_cpu_us_per_tx"
done
mib_row "data dir MiB after load" size_after_load_bytes
mib_row "data dir MiB growth by the load" size_growth_bytes
echo
for server in $SERVERS; do
    [ -f "$WORK/$server.files" ] && { echo "$server: largest files in the data dir after the bulk load (bytes)"; cat "$WORK/$server.files"; }
done
echo
echo "results: $RESULT_FILE"
"$BENCH_DIR/chart.sh" "$RESULT_FILE" || true # a full run's PNG goes to docs/img/, a quick one's next to the JSON
[ -z "$FAILED" ] || bench_die "failed:$FAILED (see the messages above)"

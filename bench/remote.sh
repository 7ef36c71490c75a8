#!/usr/bin/env bash
# Passthrough benchmark: what Basalt costs in front of one MariaDB. See bin/bench remote --help.
# One MariaDB (the remote) and every proxy stay up for the whole run; the configurations are
# measured interleaved (round-robin, order rotated each round) so that the noise of the shared
# machine falls on all of them alike. Only ratios measured in the same run mean anything.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
. "$BENCH_DIR/lib/common.sh"
. "$BENCH_DIR/lib/servers.sh"

usage() {
    cat <<'EOF'
Usage: bin/bench remote [--quick] [options]
Measures Basalt's passthrough mode (--storage mysql) against the same MariaDB reached directly,
through a plain TCP relay (socat: the floor of any proxy on this machine), through Basalt with its
result cache, and against Basalt on its own lmdb storage. Configurations:
  direct       sysbench -> MariaDB
  relay        sysbench -> socat TCP relay -> MariaDB
  passthrough  sysbench -> Basalt --storage mysql -> MariaDB
  multiplex    sysbench -> Basalt --storage mysql --mysql-multiplex N -> MariaDB (not in the default list)
  socket       sysbench -> Basalt --storage mysql --mysql-socket (MariaDB's Unix socket) -> MariaDB
               (not in the default list; compare its CPU per statement with passthrough's)
  threads, socket-threads
               passthrough and socket with the event loop off (-Dbasalt.passthrough.loopThreads=0):
               a thread per connection forwards every command, as before the loop (not in the default list)
  cache        sysbench -> Basalt --storage mysql --remote-cache-size 256M -> MariaDB
  cache-threads
               cache with the event loop off: a thread per connection answers hits, as before the
               loop served them (not in the default list)
  lmdb         sysbench -> Basalt on local lmdb (its own table, its own temp data dir)
Workloads: sysbench oltp_point_select, oltp_read_only, oltp_read_write, oltp_insert (text
protocol). Each measured run has a discarded warm-up first. Per run: tx/s, queries/s, p95 latency,
and the CPU seconds (user+system, /proc) each server process used in the measured window, as CPU
microseconds per statement for MariaDB and for the proxy (the Basalt JVM, or socat and its
per-connection children). Per configuration and workload the median over the rounds is reported
(with 2 rounds that is their mean).
Writes bench/results/remote-<time>.json, bench/results/remote-<time>.md (ratio table for the
docs) and docs/img/bench-remote.png (throughput normalized to direct = 1.0).

  --quick            smoke run: 10,000 rows, 5 s per test, 1 s warm-up
  --time S           seconds per measured sysbench run  (default 20)
  --warmup S         seconds of discarded warm-up        (default 3)
  --threads N        sysbench client threads             (default 8)
  --table-size N     rows in sbtest1                     (default 100000)
  --rounds R         rounds over all configurations      (default 2)
  --configs LIST     which configurations, in order      (default "direct relay passthrough cache lmdb")
  --workloads LIST   which workloads                     (default "point_select read_only read_write insert")
  --cache-size SIZE  --remote-cache-size for "cache"     (default 256M)
  --multiplex N      --mysql-multiplex for "multiplex"   (default 8)
  --cache-ttl S      --remote-cache-ttl for "cache"      (default 10, the server's default)
  --ps-mode MODE      sysbench --db-ps-mode: disable (text protocol, default) or auto (server-side
                     prepared statements, binary protocol)
  --no-chart         do not draw the PNG
  --keep             keep the temp dir (sysbench outputs, server logs)
Needs: mariadb-server, sysbench, socat, jq, python3; the chart is drawn by bin/bench chart (JDK 25).
Environment: BASALT_JAVA_OPTS is passed to the Basalt JVMs.
EOF
}

TABLE_SIZE=100000 SECS=20 WARMUP=3 THREADS=8 ROUNDS=2 MODE=full KEEP=0 CHART=1
CONFIGS="direct relay passthrough cache lmdb"
WORKLOADS="point_select read_only read_write insert"
CACHE_SIZE=256M CACHE_TTL=10 PS_MODE=disable MULTIPLEX=8
while (($#)); do
    case $1 in
        --quick) MODE=quick TABLE_SIZE=10000 SECS=5 WARMUP=1 ;;
        --time) SECS=$2; shift ;;
        --warmup) WARMUP=$2; shift ;;
        --threads) THREADS=$2; shift ;;
        --table-size) TABLE_SIZE=$2; shift ;;
        --rounds) ROUNDS=$2; shift ;;
        --configs) CONFIGS=$2; shift ;;
        --multiplex) MULTIPLEX=$2; shift ;;
        --workloads) WORKLOADS=$2; shift ;;
        --cache-size) CACHE_SIZE=$2; shift ;;
        --cache-ttl) CACHE_TTL=$2; shift ;;
        --ps-mode) PS_MODE=$2; shift ;;
        --no-chart) CHART=0 ;;
        --keep) KEEP=1 ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
    shift
done

for tool in mariadb mariadbd mariadb-install-db sysbench socat python3 jq awk ps; do
    command -v "$tool" >/dev/null ||
        bench_die "'$tool' is needed (Debian: mariadb-server, sysbench, socat, python3, jq, procps)"
done

WORK=$(mktemp -d /tmp/basalt-bench-remote.XXXXXX)
mkdir -p "$WORK/runs"
RUNS=$WORK/runs.jsonl
: >"$RUNS"

# PIDs of everything we start; stopped by PID, nothing else.
MARIADB_PID= RELAY_PID=
declare -A BASALT_PIDS=() PORTS=()
cleanup() {
    local c
    for c in "${!BASALT_PIDS[@]}"; do bench_stop_pid "${BASALT_PIDS[$c]}" 60; done
    bench_stop_pid "$RELAY_PID" 10
    bench_stop_pid "$MARIADB_PID" 120
    if ((KEEP)); then bench_log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM


wait_for_port() { # PORT PID SECONDS
    local waited=0
    until (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; do
        kill -0 "$2" 2>/dev/null || return 1
        ((waited++ >= $3 * 5)) && return 1
        sleep 0.2
    done
}

# CPU seconds used so far by PID and its children: its own user+system time, that of children it
# has reaped (cutime+cstime), and that of children still there (socat forks one per connection).
tree_cpu_seconds() {
    local pid=$1 kids
    [ -n "$pid" ] || { echo 0; return; }
    kids=$(ps --ppid "$pid" -o pid= 2>/dev/null | tr -s ' \n' ' ')
    {
        awk '{ print $14 + $15 + $16 + $17 }' "/proc/$pid/stat" 2>/dev/null || echo 0
        for k in $kids; do awk '{ print $14 + $15 }' "/proc/$k/stat" 2>/dev/null || true; done
    } | awk -v tck="$(getconf CLK_TCK)" '{ s += $1 } END { printf "%.3f", s / tck }'
}

# The process that forwards statements for CONFIG (empty for direct).
proxy_pid() {
    case $1 in
        direct) echo "" ;;
        relay) echo "$RELAY_PID" ;;
        *) echo "${BASALT_PIDS[$1]}" ;;
    esac
}

basalt_remote_start() { # CONFIG PORT [extra args]
    local config=$1 port=$2 dir=$WORK/$1; shift 2
    mkdir -p "$dir"
    BASALT_LOG_LEVEL=warn "$ROOT/bin/basalt" server --port "$port" --storage mysql \
        --mysql-host 127.0.0.1 --mysql-port "${PORTS[mariadb]}" --mysql-user root "$@" \
        >"$dir/basalt.log" 2>&1 &
    BASALT_PIDS[$config]=$!
    bench_wait_for_log "$dir/basalt.log" "ready for connections" "${BASALT_PIDS[$config]}" 600 ||
        bench_die "Basalt ($config) did not start (log: $dir/basalt.log)"
}

sb() { # PORT TEST SEED [sysbench args]
    local port=$1 test=$2 seed=$3; shift 3
    sysbench "oltp_$test" --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="$port" \
        --mysql-user=root --mysql-db=sbtest --db-ps-mode="$PS_MODE" --tables=1 \
        --table-size="$TABLE_SIZE" --rand-seed="$seed" "$@"
}

cache_status() { # PORT -> "hits misses" through Basalt
    bench_sql "$1" -N -e "SHOW GLOBAL STATUS LIKE 'Basalt_remote_cache%'" 2>/dev/null |
        awk '$1 == "Basalt_remote_cache_hits" { h = $2 } $1 == "Basalt_remote_cache_misses" { m = $2 }
             END { print (h == "" ? "null" : h), (m == "" ? "null" : m) }'
}

# Jiffies of all CPUs as "busy total" (/proc/stat), to show how loaded the machine was.
machine_jiffies() { awk '/^cpu / { t = 0; for (i = 2; i <= NF; i++) t += $i; print t - $5 - $6, t }' /proc/stat; }

num() { [[ $1 =~ ^-?[0-9]+(\.[0-9]+)?$ ]] && echo "$1" || echo null; }

FAILED=()
# One measured run: warm-up (other seed, discarded), CPU and cache counters before, the run, after.
run_one() {
    local round=$1 config=$2 test=$3 seed=$4 port=${PORTS[$2]} ppid out
    ppid=$(proxy_pid "$config")
    out=$WORK/runs/r$round-$config-$test.txt
    if ((WARMUP > 0)); then
        sb "$port" "$test" $((seed + 7919)) --threads="$THREADS" --time="$WARMUP" run \
            >"$out.warmup" 2>&1 || bench_log "$config $test: warm-up failed (see --keep: $out.warmup)"
    fi
    local m0 p0 c0=(null null) m1 p1 c1=(null null) rc=0
    [[ $config = cache* ]] && read -r -a c0 <<<"$(cache_status "$port")"
    local j0 j1
    read -r -a j0 <<<"$(machine_jiffies)"
    m0=$(tree_cpu_seconds "$MARIADB_PID"); p0=$(tree_cpu_seconds "$ppid")
    sb "$port" "$test" "$seed" --threads="$THREADS" --time="$SECS" --percentile=95 run >"$out" 2>&1 || rc=$?
    # socat's per-connection children must have exited (and been reaped) to be counted in full.
    if [ "$config" = relay ]; then
        local w=0
        while [ -n "$(ps --ppid "$RELAY_PID" -o pid= 2>/dev/null)" ] && ((w++ < 50)); do sleep 0.1; done
    fi
    m1=$(tree_cpu_seconds "$MARIADB_PID"); p1=$(tree_cpu_seconds "$ppid")
    read -r -a j1 <<<"$(machine_jiffies)"
    [[ $config = cache* ]] && read -r -a c1 <<<"$(cache_status "$port")"
    local fatal
    fatal=$(grep -c -E 'FATAL|error [0-9]+|Lost connection' "$out" || true)
    if ((rc != 0)) || ((fatal > 0)); then
        bench_log "$config $test round $round: sysbench rc=$rc, $fatal error lines:"
        grep -E 'FATAL|error|Lost connection' "$out" | head -5 >&2 || true
        FAILED+=("$config/$test/r$round")
        mkdir -p "$WORK/failed" && cp "$out" "$WORK/failed/"
    fi
    local tps qps p95 avg tx queries errors reconnects
    tps=$(awk '/transactions:/ { gsub(/\(/, "", $3); print $3 }' "$out")
    qps=$(awk '/queries:/ && !/performed/ { gsub(/\(/, "", $3); print $3 }' "$out")
    tx=$(awk '/transactions:/ { print $2 }' "$out")
    queries=$(awk '/^ *queries:/ { print $2 }' "$out")
    p95=$(awk '/95th percentile:/ { print $3 }' "$out")
    avg=$(awk '/avg:/ { print $2; exit }' "$out")
    errors=$(awk '/ignored errors:/ { print $3 }' "$out")
    reconnects=$(awk '/reconnects:/ { print $2 }' "$out")
    jq -nc --argjson round "$round" --arg config "$config" --arg workload "$test" --argjson seed "$seed" \
        --argjson tps "$(num "$tps")" --argjson qps "$(num "$qps")" --argjson p95 "$(num "$p95")" \
        --argjson avg "$(num "$avg")" --argjson tx "$(num "$tx")" --argjson queries "$(num "$queries")" \
        --argjson errors "$(num "$errors")" --argjson reconnects "$(num "$reconnects")" \
        --argjson mcpu "$(bench_sub "$m1" "$m0")" --argjson pcpu "$([ -n "$ppid" ] && bench_sub "$p1" "$p0" || echo null)" \
        --argjson h0 "${c0[0]}" --argjson m0c "${c0[1]}" --argjson h1 "${c1[0]}" --argjson m1c "${c1[1]}" \
        --argjson rc "$rc" --argjson fatal "$fatal" \
        --argjson busy "$(bench_div $((j1[0] - j0[0])) $((j1[1] - j0[1])) 3)" \
        '{round: $round, config: $config, workload: $workload, seed: $seed, tps: $tps, qps: $qps,
          p95_ms: $p95, avg_ms: $avg, transactions: $tx, queries: $queries, ignored_errors: $errors,
          reconnects: $reconnects, mariadb_cpu_s: $mcpu, proxy_cpu_s: $pcpu, sysbench_rc: $rc,
          error_lines: $fatal, machine_cpu_busy: $busy}
         + (if $h0 != null and $h1 != null then {cache_hits: ($h1 - $h0), cache_misses: ($m1c - $m0c)} else {} end)' \
        >>"$RUNS"
    bench_log "$(printf '%-11s %-12s r%s: %9s tx/s %10s q/s p95 %7s ms  MariaDB %6ss  proxy %6ss  busy %s%s' \
        "$config" "$test" "$round" "$tps" "$qps" "$p95" "$(bench_sub "$m1" "$m0")" \
        "$([ -n "$ppid" ] && bench_sub "$p1" "$p0" || echo -)" "$(bench_div $((j1[0] - j0[0])) $((j1[1] - j0[1])) 2)" \
        "$([[ $config = cache* ]] && [ "${c1[0]}" != null ] && echo "  hits $((c1[0] - c0[0])) misses $((c1[1] - c0[1]))")")"
}

STARTED_AT=$(date -u +%Y-%m-%dT%H:%M:%SZ)
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
bench_log "mode=$MODE table_size=$TABLE_SIZE time=${SECS}s warmup=${WARMUP}s threads=$THREADS rounds=$ROUNDS configs=[$CONFIGS] work=$WORK"

# --- the remote: one MariaDB, sysbench's table prepared on it directly --------------------------
PORTS[mariadb]=$(bench_free_port 34610)
bench_log "MariaDB (the remote): starting on 127.0.0.1:${PORTS[mariadb]}"
mariadb_start "$WORK/mariadb" "${PORTS[mariadb]}" || bench_die "MariaDB did not start"
MARIADB_PID=$SERVER_PID SERVER_PID=
MARIADB_SETTINGS=$(bench_sql "${PORTS[mariadb]}" -N -e "SELECT CONCAT('innodb_flush_log_at_trx_commit=',
    @@innodb_flush_log_at_trx_commit, ' log_bin=', @@log_bin, ' innodb_buffer_pool_size=', @@innodb_buffer_pool_size)")
bench_log "MariaDB: $MARIADB_SETTINGS; sysbench prepare ($TABLE_SIZE rows)"
bench_sql "${PORTS[mariadb]}" -e "CREATE DATABASE sbtest"
sb "${PORTS[mariadb]}" insert 1 prepare >"$WORK/prepare-mariadb.txt" 2>&1 ||
    { cat "$WORK/prepare-mariadb.txt" >&2; bench_die "sysbench prepare on MariaDB failed"; }

# --- the front ends, each started once ------------------------------------------------------
for config in $CONFIGS; do
    case $config in
        direct) PORTS[direct]=${PORTS[mariadb]} ;;
        relay)
            PORTS[relay]=$(bench_free_port 34710)
            # nodelay (TCP_NODELAY) on both sides, as MariaDB and Basalt set it on theirs: without it
            # Nagle's algorithm meets delayed ACKs on multi-packet results and oltp_read_only ran at
            # 0.03x direct, a floor no real proxy would be held to.
            socat "TCP-LISTEN:${PORTS[relay]},fork,reuseaddr,bind=127.0.0.1,nodelay" "TCP:127.0.0.1:${PORTS[mariadb]},nodelay" \
                2>"$WORK/socat.log" &
            RELAY_PID=$!
            wait_for_port "${PORTS[relay]}" "$RELAY_PID" 10 || bench_die "socat did not start"
            bench_log "relay: socat on 127.0.0.1:${PORTS[relay]} (pid $RELAY_PID)" ;;
        passthrough)
            PORTS[passthrough]=$(bench_free_port 34810)
            basalt_remote_start passthrough "${PORTS[passthrough]}"
            bench_log "passthrough: Basalt --storage mysql on 127.0.0.1:${PORTS[passthrough]} (pid ${BASALT_PIDS[passthrough]})" ;;
        threads | socket-threads) # before the event loop: a thread per connection forwards every command
            PORTS[$config]=$(bench_free_port $([ "$config" = threads ] && echo 35310 || echo 35410))
            extra=()
            [ "$config" = socket-threads ] && extra=(--mysql-socket "$WORK/mariadb/mariadb.sock")
            BASALT_JAVA_OPTS="${BASALT_JAVA_OPTS:-} -Dbasalt.passthrough.loopThreads=0" \
                basalt_remote_start "$config" "${PORTS[$config]}" "${extra[@]}"
            bench_log "$config: Basalt --storage mysql ${extra[*]}, event loop off, on 127.0.0.1:${PORTS[$config]} (pid ${BASALT_PIDS[$config]})" ;;
        multiplex)
            PORTS[multiplex]=$(bench_free_port 35110)
            basalt_remote_start multiplex "${PORTS[multiplex]}" --mysql-multiplex "$MULTIPLEX"
            bench_log "multiplex: Basalt --storage mysql --mysql-multiplex $MULTIPLEX on 127.0.0.1:${PORTS[multiplex]} (pid ${BASALT_PIDS[multiplex]})" ;;
        socket)
            PORTS[socket]=$(bench_free_port 35210)
            basalt_remote_start socket "${PORTS[socket]}" --mysql-socket "$WORK/mariadb/mariadb.sock"
            bench_log "socket: Basalt --storage mysql --mysql-socket on 127.0.0.1:${PORTS[socket]} (pid ${BASALT_PIDS[socket]})" ;;
        cache)
            PORTS[cache]=$(bench_free_port 34910)
            basalt_remote_start cache "${PORTS[cache]}" --remote-cache-size "$CACHE_SIZE" --remote-cache-ttl "$CACHE_TTL"
            bench_log "cache: Basalt --storage mysql --remote-cache-size $CACHE_SIZE --remote-cache-ttl $CACHE_TTL on 127.0.0.1:${PORTS[cache]} (pid ${BASALT_PIDS[cache]})" ;;
        cache-threads)
            PORTS[$config]=$(bench_free_port 35510)
            BASALT_JAVA_OPTS="${BASALT_JAVA_OPTS:-} -Dbasalt.passthrough.loopThreads=0" \
                basalt_remote_start "$config" "${PORTS[$config]}" --remote-cache-size "$CACHE_SIZE" --remote-cache-ttl "$CACHE_TTL"
            bench_log "$config: Basalt --storage mysql --remote-cache-size $CACHE_SIZE, event loop off, on 127.0.0.1:${PORTS[$config]} (pid ${BASALT_PIDS[$config]})" ;;
        lmdb)
            PORTS[lmdb]=$(bench_free_port 35010)
            basalt_start "$WORK/lmdb" "${PORTS[lmdb]}" || bench_die "Basalt (lmdb) did not start"
            BASALT_PIDS[lmdb]=$SERVER_PID SERVER_PID=
            bench_log "lmdb: Basalt on local lmdb on 127.0.0.1:${PORTS[lmdb]} (pid ${BASALT_PIDS[lmdb]}); sysbench prepare ($TABLE_SIZE rows)"
            bench_sql "${PORTS[lmdb]}" -e "CREATE DATABASE sbtest"
            sb "${PORTS[lmdb]}" insert 1 prepare >"$WORK/prepare-lmdb.txt" 2>&1 ||
                { cat "$WORK/prepare-lmdb.txt" >&2; bench_die "sysbench prepare on Basalt (lmdb) failed"; } ;;
        *) bench_die "unknown configuration '$config' (direct relay passthrough threads multiplex socket socket-threads cache cache-threads lmdb)" ;;
    esac
    # Every path answers before anything is measured.
    n=$(bench_sql "${PORTS[$config]}" -N -e "SELECT COUNT(*) FROM sbtest.sbtest1") ||
        bench_die "$config: cannot query sbtest.sbtest1 on port ${PORTS[$config]}"
    [ "$n" = "$TABLE_SIZE" ] || bench_die "$config: sbtest1 has $n rows, expected $TABLE_SIZE"
done

# --- the measurements: round-robin, configuration order rotated each round ---------------------
read -r -a CONFIG_LIST <<<"$CONFIGS"
NCONF=${#CONFIG_LIST[@]}
for ((round = 1; round <= ROUNDS; round++)); do
    widx=0
    for test in $WORKLOADS; do
        widx=$((widx + 1))
        seed=$((round * 100 + widx)) # the same query stream for every configuration in a round
        for ((i = 0; i < NCONF; i++)); do
            config=${CONFIG_LIST[$(((i + round - 1) % NCONF))]}
            run_one "$round" "$config" "$test" "$seed"
        done
    done
done

# Basalt's own complaints, for the report.
: >"$WORK/basalt-problems.txt"
for config in "${!BASALT_PIDS[@]}"; do
    kill -0 "${BASALT_PIDS[$config]}" 2>/dev/null || echo "$config: Basalt (pid ${BASALT_PIDS[$config]}) is no longer running" >>"$WORK/basalt-problems.txt"
    log=$WORK/$config/basalt.log
    grep -E 'ERROR|WARN|Exception|SEVERE' "$log" 2>/dev/null | head -20 | sed "s/^/$config: /" >>"$WORK/basalt-problems.txt" || true
done
kill -0 "$MARIADB_PID" 2>/dev/null || echo "MariaDB is no longer running" >>"$WORK/basalt-problems.txt"

# --- results ------------------------------------------------------------------------------------
mkdir -p "$ROOT/bench/results" "$ROOT/docs/img"
PS_TAG=
[ "$PS_MODE" = disable ] || PS_TAG=-ps # prepared-statement runs keep their own files and chart
RESULT_JSON=$ROOT/bench/results/remote-$STAMP-$MODE$PS_TAG.json
RESULT_MD=$ROOT/bench/results/remote-$STAMP-$MODE$PS_TAG.md
CHART_PNG=
((CHART)) && CHART_PNG=$ROOT/docs/img/bench-remote$PS_TAG.png
# A smoke run does not replace the docs' chart: its PNG goes next to its results.
[ "$MODE" = quick ] && ((CHART)) && CHART_PNG=${RESULT_JSON%.json}.png

jq -n --arg started "$STARTED_AT" --arg finished "$(date -u +%Y-%m-%dT%H:%M:%SZ)" --arg mode "$MODE" \
    --argjson table_size "$TABLE_SIZE" --argjson secs "$SECS" --argjson warmup "$WARMUP" \
    --argjson threads "$THREADS" --argjson rounds "$ROUNDS" --arg configs "$CONFIGS" --arg workloads "$WORKLOADS" \
    --arg cache_size "$CACHE_SIZE" --argjson cache_ttl "$CACHE_TTL" --arg mariadb_settings "$MARIADB_SETTINGS" \
    --arg cpu "$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)" --arg cores "$(nproc)" \
    --arg mem "$(free -g | awk '/Mem:/ { print $2 " GB" }')" --arg kernel "$(uname -r)" \
    --arg load_before "$LOAD_BEFORE" --arg load_after "$(cut -d' ' -f1-3 /proc/loadavg)" \
    --arg java "$(. "$ROOT/bin/lib/find-java.sh" && basalt_find_java && "$BASALT_JAVA_HOME/bin/java" -version 2>&1 | head -1)" \
    --arg mariadb "$(mariadbd --version | sed 's/^.*Ver //')" --arg sysbench "$(sysbench --version)" \
    --arg socat "$(socat -V 2>/dev/null | sed -n 's/^socat version \([^ ]*\).*/\1/p' | head -1)" \
    --arg basalt_commit "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)" \
    --arg ps_mode "$PS_MODE" --arg failed "${FAILED[*]:-}" --rawfile problems "$WORK/basalt-problems.txt" --slurpfile runs "$RUNS" \
    '{started: $started, finished: $finished, mode: $mode,
      config: {sysbench_table_size: $table_size, seconds: $secs, warmup_seconds: $warmup, threads: $threads,
               rounds: $rounds, configurations: ($configs | split(" ")), workloads: ($workloads | split(" ")),
               cache_size: $cache_size, cache_ttl_seconds: $cache_ttl, mariadb: $mariadb_settings,
               aggregate: "median over rounds (with 2 rounds: the mean of the two)",
               sysbench: "--db-ps-mode=\($ps_mode), 1 table, warm-up with another --rand-seed, measured runs of one round share a seed across configurations"},
      machine: {cpu: $cpu, cores: $cores, memory: $mem, kernel: $kernel,
                loadavg_before: $load_before, loadavg_after: $load_after},
      versions: {mariadb: $mariadb, basalt_java: $java, sysbench: $sysbench, socat: $socat, basalt_commit: $basalt_commit},
      failed_runs: ($failed | split(" ") | map(select(. != ""))),
      server_problems: ($problems | split("\n") | map(select(. != ""))),
      runs: $runs}' >"$RESULT_JSON"

python3 "$BENCH_DIR/remote_report.py" "$RESULT_JSON" "$RESULT_MD"
[ -z "$CHART_PNG" ] || "$BENCH_DIR/chart.sh" "$RESULT_JSON" "$CHART_PNG"
if [ -s "$WORK/basalt-problems.txt" ]; then
    echo; echo "Server problems seen (logs in $WORK with --keep):"; cat "$WORK/basalt-problems.txt"
fi
echo
echo "results: $RESULT_JSON"
echo "         $RESULT_MD"
if [ -n "$CHART_PNG" ]; then echo "chart:   $CHART_PNG"; fi
((${#FAILED[@]} == 0)) || bench_die "runs with sysbench errors: ${FAILED[*]} (outputs kept in $WORK/failed with --keep)"

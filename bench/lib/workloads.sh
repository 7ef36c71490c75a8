# The measured workloads (sourced). Each prints its results as "key=value" lines on stdout,
# which run.sh stores per server; progress goes to stderr.

# Bulk load: the dump piped through the mariadb CLI, as a user restores a mysqldump.
# Prints load_seconds, load_rows_per_s, and the data directory size before and after.
bulk_load() {
    local port=$1 dump=$2 rows=$3 data_dir=$4 start end secs count cpu_start cpu_end
    bench_sql "$port" -e "CREATE DATABASE bench" || return 1
    read -r before_apparent before_alloc <<<"$(bench_sizes "$data_dir")"
    cpu_start=$(bench_cpu_seconds "$SERVER_PID")
    start=$(bench_now)
    bench_sql "$port" bench <"$dump" || { bench_log "bulk load failed"; return 1; }
    end=$(bench_now)
    cpu_end=$(bench_cpu_seconds "$SERVER_PID")
    secs=$(bench_sub "$end" "$start")
    count=$(bench_sql "$port" -N bench -e "SELECT COUNT(*) FROM sbtest")
    [ "$count" = "$rows" ] || { bench_log "bulk load: expected $rows rows, found $count"; return 1; }
    read -r after_apparent after_alloc <<<"$(bench_sizes "$data_dir")"
    echo "load_seconds=$secs"
    echo "load_rows_per_s=$(bench_div "$rows" "$secs" 0)"
    echo "load_server_cpu_seconds=$(bench_sub "$cpu_end" "$cpu_start")"
    echo "size_empty_bytes=$before_apparent"
    echo "size_after_load_bytes=$after_apparent"
    echo "size_after_load_allocated_bytes=$after_alloc"
    echo "size_growth_bytes=$((after_apparent - before_apparent))"
    # InnoDB: the table's own tablespace file, without the shared redo log and system tablespace.
    [ -f "$data_dir/bench/sbtest.ibd" ] && echo "table_file_bytes=$(stat -c %s "$data_dir/bench/sbtest.ibd")"
    return 0
}

# sysbench against 127.0.0.1:PORT, database sbtest. Text protocol (--db-ps-mode=disable), so both
# servers get the same statements and the figures stay comparable with earlier runs;
# BENCH_PS_MODE=auto measures server-side prepared statements instead (sysbench's own default).
sysbench_cmd() {
    local port=$1 test=$2; shift 2
    sysbench "$test" --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="$port" \
        --mysql-user=root --mysql-db=sbtest --db-ps-mode="${BENCH_PS_MODE:-disable}" --tables=1 --rand-seed=42 "$@"
}

# Creates sbtest.sbtest1 with TABLE_SIZE rows (sysbench's own prepare: bulk INSERTs, index on k).
sysbench_prepare() {
    local port=$1 table_size=$2
    bench_sql "$port" -e "CREATE DATABASE sbtest" || return 1
    sysbench_cmd "$port" oltp_insert --table-size="$table_size" prepare >&2 ||
        { bench_log "sysbench prepare failed"; return 1; }
}

# One sysbench test: a discarded warm-up run, then the measured run with 8 (THREADS) clients.
# Prints <name>_tps, <name>_p95_ms, <name>_errors.
sysbench_run() {
    local port=$1 test=$2 name=$3 table_size=$4 threads=$5 secs=$6 warmup=$7 out cpu_start cpu events
    if ((warmup > 0)); then
        sysbench_cmd "$port" "$test" --table-size="$table_size" --threads="$threads" \
            --time="$warmup" run >/dev/null 2>&1 || true
    fi
    cpu_start=$(bench_cpu_seconds "$SERVER_PID")
    out=$(sysbench_cmd "$port" "$test" --table-size="$table_size" --threads="$threads" \
        --time="$secs" --percentile=95 run 2>&1) || { echo "$out" >&2; bench_log "sysbench $test failed"; return 1; }
    cpu=$(bench_sub "$(bench_cpu_seconds "$SERVER_PID")" "$cpu_start")
    if grep -q FATAL <<<"$out"; then echo "$out" >&2; bench_log "sysbench $test failed"; return 1; fi
    events=$(awk '/total number of events:/ { print $5 }' <<<"$out")
    echo "${name}_tps=$(awk '/transactions:/ { gsub(/\(/, "", $3); print $3 }' <<<"$out")"
    echo "${name}_p95_ms=$(awk '/95th percentile:/ { print $3 }' <<<"$out")"
    echo "${name}_avg_ms=$(awk '/avg:/ { print $2; exit }' <<<"$out")"
    echo "${name}_server_cpu_us_per_tx=$(bench_div "$(awk -v c="$cpu" 'BEGIN { print c * 1e6 }')" "$events" 0)"
    echo "${name}_errors=$(awk '/ignored errors:/ { print $3 }' <<<"$out")"
}

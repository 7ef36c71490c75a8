# Starting and stopping the two servers under test (sourced). Each start function sets
# SERVER_PID and SERVER_DATA (the directory whose size we report) and returns when the server
# accepts connections on 127.0.0.1:PORT.

# MariaDB (InnoDB) with fsync on every commit, no binary log, a 1 GB buffer pool, everything else
# at its defaults; --no-defaults so no system my.cnf leaks in. BENCH_MARIADB_ARGS: extra options.
mariadb_start() {
    local dir=$1 port=$2
    local user_args=()
    [ "$(id -u)" = 0 ] && user_args=(--user=root) # mariadbd refuses to run as root without it
    mkdir -p "$dir/data"
    # Seen failing now and then on the busy shared machine: retry on a clean directory, and show
    # the server's own messages rather than the installer's boilerplate.
    local attempt
    for attempt in 1 2 3; do
        mariadb-install-db --no-defaults "${user_args[@]}" --datadir="$dir/data" \
            --auth-root-authentication-method=normal --skip-test-db >"$dir/install.log" 2>&1 && break
        grep -E 'ERROR|error|Error|failed' "$dir/install.log" | head -20 >&2
        ((attempt < 3)) || return 1
        bench_log "mariadb-install-db failed (attempt $attempt), retrying"
        rm -rf "$dir/data" && mkdir -p "$dir/data"
        sleep 2
    done
    mariadbd --no-defaults "${user_args[@]}" --datadir="$dir/data" --socket="$dir/mariadb.sock" \
        --pid-file="$dir/mariadb.pid" --port="$port" --bind-address=127.0.0.1 --skip-grant-tables \
        --skip-name-resolve --innodb-flush-log-at-trx-commit=1 --innodb-buffer-pool-size=1G \
        --max-connections=200 --max-allowed-packet=64M --log-error="$dir/mariadb.err" \
        ${BENCH_MARIADB_ARGS:-} >"$dir/mariadb.out" 2>&1 &
    SERVER_PID=$!
    SERVER_DATA=$dir/data
    bench_wait_for_log "$dir/mariadb.err" "ready for connections" "$SERVER_PID" 120 ||
        { bench_log "MariaDB did not start (log: $dir/mariadb.err)"; return 1; }
}

# Basalt through its launcher: lmdb storage, every commit synced before it is acknowledged
# (BENCH_BASALT_DURABILITY=relaxed for diagnosis only: not comparable with MariaDB's settings).
basalt_start() {
    local dir=$1 port=$2 root
    root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
    mkdir -p "$dir"
    BASALT_LOG_LEVEL=warn "$root/bin/basalt" server --port "$port" --data-dir "$dir/data" \
        --storage lmdb --durability "${BENCH_BASALT_DURABILITY:-wal}" >"$dir/basalt.log" 2>&1 &
    SERVER_PID=$!
    SERVER_DATA=$dir/data
    # The launcher may build first (a few minutes on a busy machine).
    bench_wait_for_log "$dir/basalt.log" "ready for connections" "$SERVER_PID" 600 ||
        { bench_log "Basalt did not start (log: $dir/basalt.log)"; return 1; }
}

server_stop() { bench_stop_pid "$SERVER_PID" 120; SERVER_PID=; }

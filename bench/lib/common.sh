# Shared helpers for the benchmark scripts (sourced, not run).

bench_log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
bench_die() { bench_log "ERROR: $*"; exit 1; }

# A port nobody listens on among the 80 from FIRST (scripts pick ranges away from 3306 and each other).
bench_free_port() {
    local port
    for port in $(seq "$1" $(($1 + 80))); do
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return 0; }
    done
    bench_die "no free port near $1"
}

# Seconds since the epoch with nanoseconds, for timing whole client runs.
bench_now() { date +%s.%N; }

# a - b, a / b and a * 100 with a fixed number of decimals (awk: bash has no floats).
bench_sub() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a - b }'; }
bench_div() { awk -v a="$1" -v b="$2" -v d="${3:-3}" 'BEGIN { if (b == 0) print "n/a"; else printf "%.*f", d, a / b }'; }

# Waits until LOG_FILE contains PATTERN, or fails when PID dies or TIMEOUT seconds pass.
bench_wait_for_log() {
    local log=$1 pattern=$2 pid=$3 timeout=$4 waited=0
    while ! grep -q "$pattern" "$log" 2>/dev/null; do
        kill -0 "$pid" 2>/dev/null || { tail -20 "$log" >&2; return 1; }
        ((waited++ >= timeout * 5)) && { tail -20 "$log" >&2; return 1; }
        sleep 0.2
    done
}

# Stops PID with SIGTERM, then SIGKILL after TIMEOUT seconds; only the process we started.
bench_stop_pid() {
    local pid=$1 timeout=${2:-60} waited=0
    [ -n "$pid" ] || return 0
    kill -TERM "$pid" 2>/dev/null || return 0
    while kill -0 "$pid" 2>/dev/null; do
        if ((waited++ >= timeout * 5)); then
            bench_log "pid $pid did not stop in ${timeout}s: SIGKILL"
            kill -KILL "$pid" 2>/dev/null
            break
        fi
        sleep 0.2
    done
    wait "$pid" 2>/dev/null || true
}

# Client on 127.0.0.1:PORT as root; further arguments go to the mariadb CLI.
bench_sql() { local port=$1; shift; mariadb --protocol=TCP -h 127.0.0.1 -P "$port" -u root "$@"; }

# Apparent bytes (du -sb) and allocated bytes (du -sk * 1024) of a path, as "apparent allocated".
bench_sizes() {
    local apparent allocated
    apparent=$(du -sb "$1" | cut -f1)
    allocated=$(( $(du -sk "$1" | cut -f1) * 1024 ))
    echo "$apparent $allocated"
}

# CPU seconds (user + system) PID has used so far: the cost per row or transaction that the
# server itself paid, which other work on a shared machine disturbs less than wall-clock time.
bench_cpu_seconds() {
    awk -v tck="$(getconf CLK_TCK)" '{ printf "%.3f", ($14 + $15) / tck }' "/proc/$1/stat"
}

# Seconds of user + system CPU of a JVM's JIT compiler threads (C1/C2 CompilerThread; the kernel's
# thread name is cut to 15 characters): the part of bench_cpu_seconds that is warm-up, not the work.
bench_jit_cpu_seconds() {
    local t ticks=0
    for t in /proc/"$1"/task/*; do
        case $(cat "$t/comm" 2>/dev/null) in
            C[12]\ CompilerThre*) ticks=$((ticks + $(awk '{ print $14 + $15 }' "$t/stat" 2>/dev/null || echo 0))) ;;
        esac
    done
    awk -v n="$ticks" -v tck="$(getconf CLK_TCK)" 'BEGIN { printf "%.3f", n / tck }'
}

# Milliseconds from starting a --storage memory server (bin/basalt, data and log under DIR) to its
# first answer: the baseline of the cold-start figures (launcher and JVM start, no storage work).
bench_memory_first_query_ms() {
    local dir=$1 port pid t0 ms
    port=$(bench_free_port 24900)
    t0=$(date +%s%3N)
    BASALT_LOG_LEVEL=warn "$ROOT/bin/basalt" server --storage memory --port "$port" --data-dir "$dir/mem" >"$dir/mem.log" 2>&1 &
    pid=$!
    until bench_sql "$port" -N -e "SELECT 1" >/dev/null 2>&1; do sleep 0.02; done
    ms=$(($(date +%s%3N) - t0))
    bench_stop_pid "$pid" 30 >&2
    echo "$ms"
}

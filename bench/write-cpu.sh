#!/usr/bin/env bash
# Server CPU per sysbench transaction on the write tests, Basalt and MariaDB in one run, one server
# at a time, optionally with a JFR recording of Basalt around each measured run only.
#   bench/write-cpu.sh [--servers "mariadb basalt"] [--tests "update_index delete ..."]
#                      [--table-size N] [--time S] [--warmup S] [--repeat N] [--jfr DIR]
# BENCH_PS_MODE=auto for server-side prepared statements (sysbench's default), else text.
# Per test and measured run (--repeat N: N runs back to back after one warm-up, so run 2 shows the
# server warmer than run 1) it prints: server, test, run, tx/s, errors, CPU us/tx (utime+stime of the
# server process from /proc/PID/stat around the measured run, divided by sysbench's transaction
# count), the user and system parts of it, and the load average. With --jfr DIR, Basalt's recording of test T is DIR/T.jfr (jcmd JFR.start/stop around
# the measured run; jdk.ExecutionSample every 2 ms). THREAD_CPU=1 also prints the server's CPU per
# transaction by thread group (from /proc/PID/task/*/stat; digits in thread names folded), user and
# system time apart: what JFR's Java samples do not show (GC, JIT, kernel time of socket I/O).
# BASALT_BUILD=DIR runs a saved build (a copy of basalt-server/target's jar and lib/) instead of
# bin/basalt, for before/after runs of two builds side by side; or name saved builds as servers,
# --servers "mariadb basalt@/tmp/before basalt@/tmp/after", to run them all in one invocation. The JVM compiles the write path
# for tens of seconds after start: --warmup below ~20 s leaves C2 compiler threads in the measured
# run (see docs/benchmarks.md).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$BENCH_DIR/lib/common.sh"
. "$BENCH_DIR/lib/servers.sh"
. "$BENCH_DIR/lib/workloads.sh"

SERVERS="mariadb basalt" TESTS="update_index update_non_index write_only delete insert"
TABLE_SIZE=100000 SECS=10 WARMUP=3 THREADS=8 JFR_DIR= REPEAT=1
while (($#)); do
    case $1 in
        --servers) SERVERS=$2; shift ;;
        --tests) TESTS=$2; shift ;;
        --table-size) TABLE_SIZE=$2; shift ;;
        --time) SECS=$2; shift ;;
        --warmup) WARMUP=$2; shift ;;
        --repeat) REPEAT=$2; shift ;;
        --jfr) JFR_DIR=$(mkdir -p "$2" && cd "$2" && pwd); shift ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
JCMD=${JCMD:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/jcmd}
JFR_TOOL=${JFR_TOOL:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr}

WORK=$(mktemp -d /tmp/basalt-write-cpu.XXXXXX)
SERVER_PID=
trap 'server_stop; rm -rf "$WORK"' EXIT
if [ -n "$JFR_DIR" ]; then
    "$JFR_TOOL" configure --input profile jdk.ExecutionSample#period=2ms --output "$WORK/fast.jfc" >/dev/null
fi

# tid utime stime group-name, per thread of PID (the name is field 2, in parentheses, may hold spaces).
thread_cpu() {
    local t line name rest
    for t in /proc/"$1"/task/*/stat; do
        line=$(cat "$t" 2>/dev/null) || continue
        name=${line#*(}; name=${name%)*}; rest=${line##*) }
        read -r -a f <<<"$rest"
        name=$(tr -d '0-9 ' <<<"$name")
        echo "${t//[^0-9]/} ${f[11]} ${f[12]} ${name:-?}"
    done
}

saved_build_start() { # BUILD DIR PORT: as servers.sh's basalt_start, from a saved build (JVM flags as bin/basalt's)
    mkdir -p "$2"
    BASALT_LOG_LEVEL=warn /usr/lib/jvm/temurin-25-jdk-amd64/bin/java --add-opens java.base/java.nio=ALL-UNNAMED \
        --add-opens java.base/sun.nio.ch=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
        --add-opens jdk.httpserver/sun.net.httpserver=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
        -cp "$(echo "$1"/basalt-server-*.jar):$1/lib/*" dev.basalt.server.Main server \
        --port "$3" --data-dir "$2/data" --storage lmdb --durability wal >"$2/basalt.log" 2>&1 &
    SERVER_PID=$!
    SERVER_DATA=$2/data
    bench_wait_for_log "$2/basalt.log" "ready for connections" "$SERVER_PID" 600
}
if [ -n "${BASALT_BUILD:-}" ]; then
    basalt_start() { saved_build_start "$BASALT_BUILD" "$@"; }
fi

echo "server test mode run tps errors cpu_us_per_tx user_us sys_us load"
nth=0
for entry in $SERVERS; do
    port=$(bench_free_port $((33850 + RANDOM % 400))) # a random start: other benchmarks on the machine race for the same ports
    server=${entry%%@*} nth=$((nth + 1))
    if [ "$entry" != "$server" ]; then # basalt@DIR: a saved build, reported as basalt@<DIR's name>
        saved_build_start "${entry#*@}" "$WORK/$nth-$server" "$port"
        server=basalt@$(basename "${entry#*@}")
    else
        "${server}_start" "$WORK/$nth-$server" "$port"
    fi
    sysbench_prepare "$port" "$TABLE_SIZE"
    for test in $TESTS; do
        sysbench_cmd "$port" "oltp_$test" --table-size="$TABLE_SIZE" --threads="$THREADS" \
            --time="$WARMUP" run >/dev/null 2>&1 || true
        for run in $(seq "$REPEAT"); do
            recording=
            if [ "${server%%@*}" = basalt ] && [ -n "$JFR_DIR" ]; then
                recording=$JFR_DIR/${server//[@\/]/_}-$test-$run.jfr
                "$JCMD" "$SERVER_PID" JFR.start name=w settings="$WORK/fast.jfc" >/dev/null
            fi
            [ -n "${THREAD_CPU:-}" ] && thread_cpu "$SERVER_PID" >"$WORK/threads.before"
            read -r u0 s0 < <(awk '{ print $14, $15 }' "/proc/$SERVER_PID/stat")
            out=$(sysbench_cmd "$port" "oltp_$test" --table-size="$TABLE_SIZE" --threads="$THREADS" \
                --time="$SECS" run 2>&1) || { echo "$out" >&2; exit 1; }
            read -r u1 s1 < <(awk '{ print $14, $15 }' "/proc/$SERVER_PID/stat")
            [ -n "$recording" ] && "$JCMD" "$SERVER_PID" JFR.stop name=w filename="$recording" >/dev/null
            [ -n "${THREAD_CPU:-}" ] && thread_cpu "$SERVER_PID" >"$WORK/threads.after"
            # write_only's transactions are several statements: divide by transactions, not queries.
            tx=$(awk '/transactions:/ { print $2 }' <<<"$out")
            tps=$(awk '/transactions:/ { gsub(/\(/, "", $3); print $3 }' <<<"$out")
            errors=$(awk '/ignored errors:/ { print $3 }' <<<"$out")
            awk -v tx="$tx" -v tck="$(getconf CLK_TCK)" -v u=$((u1 - u0)) -v s=$((s1 - s0)) \
                -v head="$server $test ${BENCH_PS_MODE:-disable} $run $tps $errors" -v loadavg="$(cut -d' ' -f1 /proc/loadavg)" \
                'BEGIN { f = 1e6 / tck / tx; printf "%s %.0f %.0f %.0f %s\n", head, (u + s) * f, u * f, s * f, loadavg }'
            if [ -n "${THREAD_CPU:-}" ]; then
                # threads that ended during the run (the clients' connections) are missing here
                awk -v tx="$tx" -v tck="$(getconf CLK_TCK)" '
                    FNR == NR { u0[$1] = $2; s0[$1] = $3; next }
                    { g = $4; u[g] += $2 - u0[$1]; s[g] += $3 - s0[$1] }
                    END { for (g in u) if (u[g] + s[g] > 0)
                              printf "  thread %-28s user %5.1f sys %5.1f us/tx\n", g, u[g] * 1e6 / tck / tx, s[g] * 1e6 / tck / tx }
                ' "$WORK/threads.before" "$WORK/threads.after" | sort -k4 -rn
            fi
        done
    done
    server_stop
done

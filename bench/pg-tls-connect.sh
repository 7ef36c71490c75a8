#!/usr/bin/env bash
# Server CPU per TLS connection on the PostgreSQL port, --tls-library jdk against boringssl, two
# Basalts side by side in the same run. Each connection is one `psql sslmode=require -c 'SELECT 1'`.
# CPU is the server process's utime+stime from /proc/PID/stat over the measured connections.
#   bin/bench pg-tls-connect [CONNECTIONS per round, default 200] [ROUNDS, default 3] [WARMUP, default 300]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N=${1:-200}; ROUNDS=${2:-3}; WARMUP=${3:-300}
WORK=$(mktemp -d /tmp/basalt-pg-tls-bench.XXXXXX)
declare -A PID PG
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cleanup() { for l in "${!PID[@]}"; do kill "${PID[$l]}" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
for lib in jdk boringssl; do
    PG[$lib]=$(port)
    "$ROOT/bin/basalt" server --port "$(port)" --pg-port "${PG[$lib]}" --data-dir "$WORK/$lib" --storage memory \
        --tls-library "$lib" >"$WORK/$lib.log" 2>&1 &
    PID[$lib]=$!
done
for lib in jdk boringssl; do
    for _ in $(seq 600); do grep -qs "ready for connections" "$WORK/$lib.log" && break; sleep 0.2; done
    grep "TLS on the PostgreSQL port" "$WORK/$lib.log"
done
# the java process is the launcher's exec'd child or the launcher itself
jpid() { pgrep -P "${PID[$1]}" java || echo "${PID[$1]}"; }
cpu() { awk '{print $14 + $15}' "/proc/$(jpid "$1")/stat"; }
conn() { psql "host=127.0.0.1 port=${PG[$1]} user=root dbname=root sslmode=require" -tAc 'SELECT 1' >/dev/null; }
for lib in jdk boringssl; do for _ in $(seq "$WARMUP"); do conn "$lib"; done; done
declare -A TICKS
for r in $(seq "$ROUNDS"); do
    for lib in jdk boringssl; do
        a=$(cpu "$lib"); for _ in $(seq "$N"); do conn "$lib"; done; b=$(cpu "$lib")
        TICKS[$lib]=$(( ${TICKS[$lib]:-0} + b - a ))
    done
done
HZ=$(getconf CLK_TCK)
for lib in jdk boringssl; do
    awk -v t="${TICKS[$lib]}" -v n=$((N * ROUNDS)) -v hz="$HZ" -v l="$lib" \
        'BEGIN { printf "%-10s server CPU per TLS connection: %.2f ms (%d connections)\n", l, t * 1000 / hz / n, n }'
done
awk -v j="${TICKS[jdk]}" -v b="${TICKS[boringssl]}" 'BEGIN { printf "boringssl/jdk: %.2f\n", b / j }'
echo "Command: bin/bench pg-tls-connect $N $ROUNDS $WARMUP (load: $(cut -d' ' -f1-3 /proc/loadavg))"

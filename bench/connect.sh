#!/usr/bin/env bash
# Connection churn: what one short-lived client connection costs the server (CPU from /proc) and
# the client (wall time), Basalt against MariaDB, in plaintext and over TLS with the same
# certificate (Basalt's generated RSA 2048 pair, handed to MariaDB too; --cert ecdsa: an ECDSA P-256
# pair made with openssl for both). Each connection is a
# `mariadb -e "DO 1"`, as a script or a PHP request would connect, run one statement and leave.
# --tls-libraries "jdk boringssl" runs one Basalt per TLS library (--tls-library) in the same run.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
. "$BENCH_DIR/lib/common.sh"
. "$BENCH_DIR/lib/servers.sh"

usage() {
    cat <<'EOF2'
Usage: bin/bench connect [options]
Opens N connections one after another (mariadb -e "DO 1") to MariaDB and to Basalt, plaintext and
TLS, ROUNDS times interleaved, after WARMUP discarded connections per server and mode (Basalt's JIT
needs a few thousand to settle). Reports server CPU and client wall time per connection.
  --connections N      measured connections per server, mode and round   (default 300)
  --warmup N           discarded connections per server and mode         (default 1000)
  --rounds N           rounds                                            (default 2)
  --thread-handling M  Basalt's --thread-handling                        (default: its own)
  --cert rsa|ecdsa     the servers' certificate: Basalt's generated RSA 2048 one, or an
                       ECDSA P-256 one made with openssl                  (default rsa)
  --tls-libraries L    one Basalt per --tls-library value, measured side by side,
                       e.g. "jdk boringssl"                               (default auto)
  --baseline DIR       one more Basalt ("basalt-baseline", the first TLS library) run from
                       another build's basalt-server jar and lib/ copied to DIR, for before/after
Needs: mariadb-server, mariadb-client (and openssl for --cert ecdsa).
EOF2
}

CONNS=300 WARMUP=1000 ROUNDS=2 THREAD_HANDLING= CERT=rsa LIBS=auto BASELINE=
while (($#)); do
    case $1 in
        --connections) CONNS=$2; shift ;;
        --warmup) WARMUP=$2; shift ;;
        --rounds) ROUNDS=$2; shift ;;
        --thread-handling) THREAD_HANDLING=$2; shift ;;
        --cert) CERT=$2; shift ;;
        --tls-libraries) LIBS=$2; shift ;;
        --baseline) BASELINE=$(cd "$2" && pwd); shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
    shift
done
for tool in mariadbd mariadb; do command -v "$tool" >/dev/null || bench_die "'$tool' is needed"; done

WORK=$(mktemp -d /tmp/basalt-connect.XXXXXX)
MARIADB_PID= SERVER_PID=
declare -A B_PID=() B_PORT=()
read -r -a LIB_LIST <<<"$LIBS"
stop_all() {
    local l
    for l in "${LIB_LIST[@]}"; do bench_stop_pid "${B_PID[$l]:-}" 120; done
    bench_stop_pid "$MARIADB_PID" 120; bench_stop_pid "$SERVER_PID" 120; bench_stop_pid "${BASELINE_PID:-}" 120
    rm -rf "$WORK"
}
trap stop_all EXIT
M_PORT=$(bench_free_port 25100)
next_port=$((M_PORT + 1))

extra=()
[ -n "$THREAD_HANDLING" ] && extra=(--thread-handling "$THREAD_HANDLING")
FIRST=${LIB_LIST[0]}
case $CERT in
    # every Basalt and MariaDB present the first Basalt's generated pair
    rsa) CERT_PEM=$WORK/basalt-$FIRST/server-cert.pem KEY_PEM=$WORK/basalt-$FIRST/server-key.pem CA_PEM=$WORK/basalt-$FIRST/ca.pem ;;
    ecdsa)
        command -v openssl >/dev/null || bench_die "'openssl' is needed for --cert ecdsa"
        CERT_PEM=$WORK/ec-cert.pem KEY_PEM=$WORK/ec-key.pem CA_PEM=$WORK/ec-cert.pem
        openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 30 -subj /CN=localhost \
            -keyout "$KEY_PEM" -out "$CERT_PEM" 2>/dev/null || bench_die "openssl could not make an ECDSA pair"
        extra+=(--ssl-cert "$CERT_PEM" --ssl-key "$KEY_PEM") ;;
    *) usage >&2; exit 2 ;;
esac
for lib in "${LIB_LIST[@]}"; do
    port=$(bench_free_port "$next_port"); next_port=$((port + 1))
    certs=("${extra[@]}")
    if [ "$CERT" = rsa ] && [ "$lib" != "$FIRST" ]; then certs+=(--ssl-cert "$CERT_PEM" --ssl-key "$KEY_PEM"); fi
    BASALT_LOG_LEVEL=info "$ROOT/bin/basalt" server --port "$port" --data-dir "$WORK/basalt-$lib" --storage lmdb \
        --tls-library "$lib" "${certs[@]}" >"$WORK/basalt-$lib.log" 2>&1 &
    B_PID[$lib]=$! B_PORT[$lib]=$port
    bench_wait_for_log "$WORK/basalt-$lib.log" "ready for connections" "${B_PID[$lib]}" 600 || bench_die "Basalt ($lib) did not start"
done
BASELINE_PID= BASELINE_PORT=
if [ -n "$BASELINE" ]; then
    jar=$(ls "$BASELINE"/basalt-server-*.jar | grep -v -e -sources -e -tests | head -1) || bench_die "no basalt-server jar in $BASELINE"
    BASELINE_PORT=$(bench_free_port "$next_port"); next_port=$((BASELINE_PORT + 1))
    certs=("${extra[@]}")
    [ "$CERT" = rsa ] && certs+=(--ssl-cert "$CERT_PEM" --ssl-key "$KEY_PEM")
    # the JVM options bin/basalt passes, on the other build's classpath
    BASALT_LOG_LEVEL=info "${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java" --enable-native-access=ALL-UNNAMED \
        --sun-misc-unsafe-memory-access=allow --add-opens jdk.httpserver/sun.net.httpserver=ALL-UNNAMED \
        --add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED \
        -cp "$jar:$BASELINE/lib/*" dev.basalt.server.Main server --port "$BASELINE_PORT" --data-dir "$WORK/basalt-baseline" \
        --storage lmdb --tls-library "$FIRST" "${certs[@]}" >"$WORK/basalt-baseline.log" 2>&1 &
    BASELINE_PID=$!
    bench_wait_for_log "$WORK/basalt-baseline.log" "ready for connections" "$BASELINE_PID" 600 || bench_die "the baseline Basalt did not start"
fi
BENCH_MARIADB_ARGS="--ssl-cert=$CERT_PEM --ssl-key=$KEY_PEM --ssl-ca=$CA_PEM" \
    mariadb_start "$WORK/mariadb" "$M_PORT" || bench_die "MariaDB did not start"
MARIADB_PID=$SERVER_PID SERVER_PID=

connect_loop() { # PORT SSLFLAG COUNT
    local i
    for ((i = 0; i < $3; i++)); do
        mariadb --protocol=TCP -h 127.0.0.1 -P "$1" -u root "$2" -e "DO 1" || bench_die "connection to $1 failed"
    done
}

# "cpu_us_per_connection wall_us_per_connection" for COUNT connections to PORT (server PID)
measure() { # PORT PID SSLFLAG
    local c0 c1 t0 t1
    c0=$(bench_cpu_seconds "$2"); t0=$(bench_now)
    connect_loop "$1" "$3" "$CONNS"
    c1=$(bench_cpu_seconds "$2"); t1=$(bench_now)
    echo "$(awk -v a="$c1" -v b="$c0" -v n="$CONNS" 'BEGIN { printf "%.0f", (a - b) * 1e6 / n }')" \
        "$(awk -v a="$t1" -v b="$t0" -v n="$CONNS" 'BEGIN { printf "%.0f", (a - b) * 1e6 / n }')"
}

# the TLS the client negotiated, to show every server really ran TLS, and which library served it
cipher() { mariadb --protocol=TCP -h 127.0.0.1 -P "$1" -u root --ssl -N -e "SHOW STATUS LIKE 'Ssl_cipher'" | cut -f2; }
library() { mariadb --protocol=TCP -h 127.0.0.1 -P "$1" -u root --skip-ssl -N -e "SHOW STATUS LIKE 'Ssl_library'" | cut -f2; }
bench_log "TLS: MariaDB $(cipher "$M_PORT")"
for lib in "${LIB_LIST[@]}"; do bench_log "TLS: Basalt --tls-library $lib: $(cipher "${B_PORT[$lib]}") in $(library "${B_PORT[$lib]}")"; done
SERVERS=(mariadb)
[ -n "$BASELINE" ] && SERVERS+=(basalt-baseline)
for lib in "${LIB_LIST[@]}"; do SERVERS+=("basalt-$lib"); done

MODES=("plain --skip-ssl" "tls --ssl")
for m in "${MODES[@]}"; do
    set -- $m
    bench_log "warm-up: $WARMUP $1 connections to each server"
    connect_loop "$M_PORT" "$2" "$WARMUP"
    [ -n "$BASELINE" ] && connect_loop "$BASELINE_PORT" "$2" "$WARMUP"
    for lib in "${LIB_LIST[@]}"; do connect_loop "${B_PORT[$lib]}" "$2" "$WARMUP"; done
done
declare -A CPU=() WALL=()
for r in $(seq 1 "$ROUNDS"); do
    for m in "${MODES[@]}"; do
        set -- $m
        for server in "${SERVERS[@]}"; do
            if [ $server = mariadb ]; then port=$M_PORT pid=$MARIADB_PID
            elif [ $server = basalt-baseline ]; then port=$BASELINE_PORT pid=$BASELINE_PID
            else lib=${server#basalt-}; port=${B_PORT[$lib]} pid=${B_PID[$lib]}; fi
            read -r c w < <(measure "$port" "$pid" "$2")
            CPU[$1|$server]=$(( ${CPU[$1|$server]:-0} + c )); WALL[$1|$server]=$(( ${WALL[$1|$server]:-0} + w ))
            bench_log "round $r, $1, $server: $c us CPU, $w us wall per connection"
        done
    done
done

echo "Command: bin/bench connect --connections $CONNS --warmup $WARMUP --rounds $ROUNDS${THREAD_HANDLING:+ --thread-handling $THREAD_HANDLING} --cert $CERT --tls-libraries \"$LIBS\"${BASELINE:+ --baseline $BASELINE} (load at the end: $(cut -d' ' -f1-3 /proc/loadavg))"
echo
echo "| connection | server | CPU us | CPU / MariaDB's | wall us | wall / MariaDB's |"
echo "|---|---|---:|---:|---:|---:|"
for m in "${MODES[@]}"; do
    set -- $m
    mc=$((CPU[$1|mariadb] / ROUNDS)) mw=$((WALL[$1|mariadb] / ROUNDS))
    for server in "${SERVERS[@]}"; do
        c=$((CPU[$1|$server] / ROUNDS)) w=$((WALL[$1|$server] / ROUNDS))
        echo "| $1 | $server | $c | $(bench_div "$c" "$mc" 2)x | $w | $(bench_div "$w" "$mw" 2)x |"
    done
done

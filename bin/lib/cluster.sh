#!/usr/bin/env bash
# A complete local disaggregated-storage cluster on free loopback ports (docs/disaggregated.md,
# "Running a cluster"): s3proxy (filesystem backend), three safekeepers, the page server, one compute.
#   bin/basalt cluster start --dir D [--branch NAME]   start everything, print the endpoints, write D/cluster.json
#   bin/basalt cluster stop --dir D [--grace SECONDS]  SIGTERM every process, SIGKILL after the grace period (default 10)
#   bin/basalt cluster restart --dir D ID              start process ID again with its recorded command line
#   bin/basalt cluster status --dir D                  which processes are alive
# Every process runs detached (setsid), logs to D/logs/ID.log, keeps its data in D/ID. D/cluster.json
# has, per process, its role, id, pid, ports, data dir, log and the exact command line that started it;
# D/run/ID.cmd holds the same command as a shell line, so a script can kill and restart any one process.
# Called by bin/basalt (which has built the server); BASALT_ROOT is the checkout.
set -euo pipefail

ROOT=${BASALT_ROOT:?run through bin/basalt cluster}
BASALT=$ROOT/bin/basalt
S3_ACCESS=${BASALT_S3_ACCESS_KEY:-basalt}
S3_SECRET=${BASALT_S3_SECRET_KEY:-basalt-secret}
# Start-up waits are long on purpose: a loaded 2-core machine can take a minute to start a JVM service.
READY_TIMEOUT=${BASALT_CLUSTER_READY_TIMEOUT:-180}

die() { echo "basalt cluster: $*" >&2; exit 1; }
usage() { sed -n '4,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }

# True when something listens on 127.0.0.1:$1.
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

TAKEN=" "
# Sets PORT to a loopback port nobody listens on and this run has not handed out yet. Not called as
# $(free_port): a command substitution's subshell would record the port in its own copy of TAKEN, so
# two roles could get the same port (the compute and s3proxy did, and the compute could not listen).
free_port() {
    local p
    for _ in $(seq 1 200); do
        p=$((20000 + RANDOM % 40000))
        case $TAKEN in *" $p "*) continue ;; esac
        if ! listening "$p"; then
            TAKEN="$TAKEN$p "
            PORT=$p
            return 0
        fi
    done
    die "no free loopback port found"
}

# Quotes each argument for a shell line (printf %q).
shell_line() { local out="" a; for a in "$@"; do out+="$(printf '%q' "$a") "; done; echo "${out% }"; }

json_string() { local s=${1//\\/\\\\}; s=${s//\"/\\\"}; printf '"%s"' "$s"; }

json_array() {
    local out="[" first=1 a
    for a in "$@"; do
        [ $first = 1 ] || out+=", "
        out+=$(json_string "$a")
        first=0
    done
    echo "$out]"
}

# launch ID ROLE PORTS-JSON DATA-DIR COMMAND...: starts it detached, records pid, command and JSON line.
launch() {
    local id=$1 role=$2 ports=$3 data=$4
    shift 4
    mkdir -p "$DIR/logs" "$DIR/run" "$data"
    shell_line "$@" >"$DIR/run/$id.cmd"
    echo "$role" >"$DIR/run/$id.role"
    echo "$ports" >"$DIR/run/$id.ports"
    echo "$data" >"$DIR/run/$id.data"
    json_array "$@" >"$DIR/run/$id.argv"
    start_recorded "$id"
}

# Starts process ID from D/run/ID.cmd (setsid: a Ctrl-C in the caller's terminal does not reach it;
# the launchers exec java, so the pid recorded is the JVM's own).
start_recorded() {
    local id=$1
    # exec all the way down: the background subshell becomes setsid, which becomes the launcher
    (eval "exec setsid $(cat "$DIR/run/$id.cmd")") >>"$DIR/logs/$id.log" 2>&1 </dev/null &
    echo $! >"$DIR/run/$id.pid"
}

# wait_port ID PORT: until the port answers; fails when the process died or the time is up.
wait_port() {
    local id=$1 port=$2 pid deadline=$((SECONDS + READY_TIMEOUT))
    pid=$(cat "$DIR/run/$id.pid")
    until listening "$port"; do
        kill -0 "$pid" 2>/dev/null || { tail -n 20 "$DIR/logs/$id.log" >&2; die "$id exited during start-up (log: $DIR/logs/$id.log)"; }
        [ $SECONDS -lt $deadline ] || die "$id did not listen on port $port within ${READY_TIMEOUT}s (log: $DIR/logs/$id.log)"
        sleep 0.2
    done
}

write_json() {
    local tmp=$DIR/cluster.json.tmp id first=1
    {
        echo "{"
        echo "  \"dir\": $(json_string "$DIR"),"
        echo "  \"mysql\": $(json_string "127.0.0.1:$(cat "$DIR/run/mysql.port")"),"
        echo "  \"safekeepers\": $(json_string "$(cat "$DIR/run/peers")"),"
        echo "  \"pageserver\": $(json_string "127.0.0.1:$(cat "$DIR/run/pageserver.port")"),"
        echo "  \"s3_endpoint\": $(json_string "http://127.0.0.1:$(cat "$DIR/run/s3.port")"),"
        echo "  \"processes\": ["
        for id in $(cat "$DIR/run/order"); do
            [ -f "$DIR/run/$id.cmd" ] || continue # not launched yet
            [ $first = 1 ] || echo ","
            first=0
            printf '    {"role": %s, "id": %s, "pid": %s, "ports": %s, "data_dir": %s, "log": %s, "command": %s, "command_line": %s}' \
                "$(json_string "$(cat "$DIR/run/$id.role")")" "$(json_string "$id")" "$(cat "$DIR/run/$id.pid")" \
                "$(cat "$DIR/run/$id.ports")" "$(json_string "$(cat "$DIR/run/$id.data")")" \
                "$(json_string "$DIR/logs/$id.log")" "$(cat "$DIR/run/$id.argv")" "$(json_string "$(cat "$DIR/run/$id.cmd")")"
        done
        echo
        echo "  ]"
        echo "}"
    } >"$tmp"
    mv "$tmp" "$DIR/cluster.json"
}

# True while process ID runs (a zombie nobody reaped yet counts as gone).
alive() {
    local pid state
    [ -f "$DIR/run/$1.pid" ] || return 1
    pid=$(cat "$DIR/run/$1.pid")
    state=$(ps -o stat= -p "$pid" 2>/dev/null) || return 1
    case $state in Z*) return 1 ;; esac
    return 0
}

start() {
    [ ! -f "$DIR/run/order" ] || ! alive compute-1 || die "a cluster is already running in $DIR (bin/basalt cluster stop --dir $DIR)"
    mkdir -p "$DIR/run" "$DIR/logs"
    local s3 ps mysql sk1 sk2 sk3 peers
    free_port; s3=$PORT; free_port; ps=$PORT; free_port; mysql=$PORT
    free_port; sk1=$PORT; free_port; sk2=$PORT; free_port; sk3=$PORT
    peers=127.0.0.1:$sk1,127.0.0.1:$sk2,127.0.0.1:$sk3
    echo "$s3" >"$DIR/run/s3.port"; echo "$ps" >"$DIR/run/pageserver.port"; echo "$mysql" >"$DIR/run/mysql.port"
    echo "$peers" >"$DIR/run/peers"
    echo "s3proxy safekeeper-1 safekeeper-2 safekeeper-3 pageserver compute-1" >"$DIR/run/order"

    # the compute starts from the ahead-of-time class cache (bin/basalt aot-cache): built now, beside the
    # other processes' start, when this build has none yet (once per build; BASALT_AOT=off skips it)
    "$BASALT" aot-cache --if-stale &
    local aot_pid=$!
    launch s3proxy s3proxy "{\"s3\": $s3}" "$DIR/s3" \
        env "BASALT_S3_ACCESS_KEY=$S3_ACCESS" "BASALT_S3_SECRET_KEY=$S3_SECRET" \
        "S3PROXY_PROPERTIES_FILE=$DIR/run/s3proxy.properties" "$ROOT/bin/s3proxy-local" "$DIR/s3" "$s3"
    local i port
    for i in 1 2 3; do
        port=$(echo "$peers" | cut -d, -f$i | cut -d: -f2)
        launch "safekeeper-$i" safekeeper "{\"raft\": $port}" "$DIR/safekeeper-$i" \
            "$BASALT" safekeeper --id "$i" --port "$port" --data-dir "$DIR/safekeeper-$i" --peers "$peers"
    done
    write_json
    wait_port s3proxy "$s3"
    for i in 1 2 3; do wait_port "safekeeper-$i" "$(echo "$peers" | cut -d, -f$i | cut -d: -f2)"; done
    launch pageserver pageserver "{\"grpc\": $ps}" "$DIR/pageserver" \
        env "BASALT_S3_ACCESS_KEY=$S3_ACCESS" "BASALT_S3_SECRET_KEY=$S3_SECRET" \
        "$BASALT" pageserver --port "$ps" --data-dir "$DIR/pageserver" --safekeepers "$peers" \
        --s3-endpoint "http://127.0.0.1:$s3" --s3-bucket basalt
    write_json
    wait_port pageserver "$ps"
    wait "$aot_pid" || true
    launch compute-1 compute "{\"mysql\": $mysql}" "$DIR/compute-1" \
        "$BASALT" server --storage neon --safekeepers "$peers" --pageserver "127.0.0.1:$ps" --branch "$BRANCH" \
        --port "$mysql" --data-dir "$DIR/compute-1"
    write_json
    wait_port compute-1 "$mysql"
    cat <<EOF
Basalt cluster running in $DIR
  MySQL (compute-1):  127.0.0.1:$mysql   e.g. mariadb -h 127.0.0.1 -P $mysql -u root
  page server (gRPC): 127.0.0.1:$ps
  safekeepers:        $peers
  object storage:     http://127.0.0.1:$s3 (s3proxy, bucket basalt, data in $DIR/s3)
  processes, pids and command lines: $DIR/cluster.json; logs in $DIR/logs
Stop it with: bin/basalt cluster stop --dir $DIR
EOF
}

stop() {
    [ -f "$DIR/run/order" ] || die "no cluster in $DIR"
    local ids id pid deadline
    # the compute first, object storage last: nothing is left writing to a stopped dependency
    ids=$(tr ' ' '\n' <"$DIR/run/order" | tac | tr '\n' ' ')
    for id in $ids; do
        alive "$id" && kill -TERM "$(cat "$DIR/run/$id.pid")" 2>/dev/null || true
    done
    deadline=$((SECONDS + GRACE))
    for id in $ids; do
        while alive "$id" && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
        if alive "$id"; then
            pid=$(cat "$DIR/run/$id.pid")
            echo "basalt cluster: $id (pid $pid) still running after ${GRACE}s: SIGKILL" >&2
            kill -KILL "$pid" 2>/dev/null || true
        fi
    done
    echo "Basalt cluster in $DIR stopped."
}

restart() {
    local id=$1
    [ -f "$DIR/run/$id.cmd" ] || die "no process $id in $DIR"
    # a process just SIGKILLed may take a moment to go
    local deadline=$((SECONDS + 10))
    while alive "$id" && [ $SECONDS -lt $deadline ]; do sleep 0.1; done
    alive "$id" && die "$id is running (pid $(cat "$DIR/run/$id.pid"))"
    start_recorded "$id"
    write_json
    echo "$id started again (pid $(cat "$DIR/run/$id.pid"))"
}

status() {
    [ -f "$DIR/run/order" ] || die "no cluster in $DIR"
    local id
    for id in $(cat "$DIR/run/order"); do
        if alive "$id"; then echo "$id running (pid $(cat "$DIR/run/$id.pid"))"; else echo "$id stopped"; fi
    done
}

[ $# -ge 1 ] || usage
ACTION=$1
shift
DIR="" BRANCH=main GRACE=10 TARGET=""
while [ $# -gt 0 ]; do
    case $1 in
        --dir) DIR=$2; shift 2 ;;
        --branch) BRANCH=$2; shift 2 ;;
        --grace) GRACE=$2; shift 2 ;;
        -h | --help) usage ;;
        -*) echo "basalt cluster: unknown option $1" >&2; usage ;;
        *) TARGET=$1; shift ;;
    esac
done
[ -n "$DIR" ] || usage
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
case $ACTION in
    start) start ;;
    stop) stop ;;
    restart) [ -n "$TARGET" ] || usage; restart "$TARGET" ;;
    status) status ;;
    *) usage ;;
esac

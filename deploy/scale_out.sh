#!/usr/bin/env bash
# Loopback-only scale-out demo: two Streamlit replicas (127.0.0.1:8601, :8602) behind nginx
# on 127.0.0.1:8600 with cookie-based session affinity (deploy/nginx.conf).
#   deploy/scale_out.sh start   start everything, wait until healthy, return
#   deploy/scale_out.sh stop    stop exactly the processes `start` recorded
# Logs and pid files go to $RUN_DIR (default /tmp/atlas-scale-out). ATLAS_DATA_DIR is passed on.
set -euo pipefail
cd "$(dirname "$0")/.."
RUN_DIR=${RUN_DIR:-/tmp/atlas-scale-out}
PORTS=(8601 8602)
PROXY=127.0.0.1:8600

wait_healthy() {  # $1 = host:port; Streamlit answers "ok" once the server is ready
    for _ in $(seq 60); do
        curl -fsS "http://$1/_stcore/health" >/dev/null 2>&1 && return 0
        sleep 1
    done
    echo "no health answer from $1 (see $RUN_DIR)" >&2
    return 1
}

stop() {  # only the pids this script recorded, one by one
    for pidfile in "$RUN_DIR"/*.pid; do
        [ -e "$pidfile" ] || continue
        pid=$(cat "$pidfile")
        # A stale pid may have been reused by another program: only stop ours.
        if grep -qa -e dashboard.serve -e nginx "/proc/$pid/cmdline" 2>/dev/null; then
            kill "$pid" && echo "stopped $(basename "$pidfile" .pid) (pid $pid)"
        fi
        rm -f "$pidfile"
    done
}

start() {
    [ -x .venv/bin/streamlit ] || make .venv/.app
    command -v nginx >/dev/null || make /usr/sbin/nginx
    mkdir -p "$RUN_DIR/tmp"
    stop  # a previous run's leftovers would hold the ports
    # Same cookie secret on every replica, as Streamlit asks for replicated deployments (XSRF
    # cookies signed by one replica must verify on another).
    secret=$(.venv/bin/python -c 'import secrets; print(secrets.token_hex(32))')
    for port in "${PORTS[@]}"; do
        STREAMLIT_SERVER_COOKIE_SECRET=$secret STREAMLIT_SERVER_FILE_WATCHER_TYPE=none \
            nohup .venv/bin/python -m dashboard.serve --server.address=127.0.0.1 \
            --server.port="$port" >"$RUN_DIR/replica-$port.log" 2>&1 &
        echo $! >"$RUN_DIR/replica-$port.pid"
    done
    nohup nginx -p "$RUN_DIR" -c "$PWD/deploy/nginx.conf" -g 'daemon off;' \
        >"$RUN_DIR/nginx.log" 2>&1 &
    echo $! >"$RUN_DIR/nginx.pid"
    for port in "${PORTS[@]}"; do
        wait_healthy "127.0.0.1:$port"
        # Another process on the port would answer the health check in our replica's place.
        kill -0 "$(cat "$RUN_DIR/replica-$port.pid")" 2>/dev/null \
            || { echo "replica on $port exited (port taken? see $RUN_DIR)" >&2; return 1; }
    done
    wait_healthy "$PROXY"
    echo "replicas on ${PORTS[*]}, proxy on http://$PROXY (pids and logs in $RUN_DIR)"
}

case "${1:-start}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 [start|stop]" >&2; exit 2 ;;
esac

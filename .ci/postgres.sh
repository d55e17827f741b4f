#!/usr/bin/env bash
# A throwaway PostgreSQL for the store tests, from Debian's `postgresql` package, on 127.0.0.1.
#   eval "$(bash .ci/postgres.sh start)"   # prints `export RASID_TEST_PG=postgresql://...`
#   bash .ci/postgres.sh stop
# Needs root (apt-get, and initdb runs as the `postgres` user). Without root, or when the server
# cannot start, it prints nothing and the PostgreSQL tests skip.
set -euo pipefail
STATE=/tmp/rasid-ci-pg
log() { echo "postgres.sh: $*" >&2; }

start() {
    if [ "$(id -u)" != 0 ]; then log "not root: PostgreSQL tests will skip"; return 0; fi
    if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
        log "installing postgresql from Debian's packages"
        apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    fi
    local bin port
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    stop_quietly
    mkdir -p "$STATE" && chown postgres "$STATE"
    su postgres -s /bin/sh -c "$bin/initdb -D $STATE/data -U postgres -A trust -E UTF8 --locale=C.UTF-8" >/dev/null
    su postgres -s /bin/sh -c "$bin/pg_ctl -D $STATE/data -l $STATE/log -w -t 60 \
        -o '-c listen_addresses=127.0.0.1 -p $port -k $STATE -c fsync=off' start" >&2
    echo "$bin" > "$STATE/bin"
    psql -h 127.0.0.1 -p "$port" -U postgres -q -v ON_ERROR_STOP=1 \
        -c "CREATE ROLE rasid LOGIN PASSWORD 'rasid'" -c "CREATE DATABASE rasid_test OWNER rasid" >&2
    log "PostgreSQL $(basename "$(dirname "$bin")") on 127.0.0.1:$port"
    echo "export RASID_TEST_PG=postgresql://rasid:rasid@127.0.0.1:$port/rasid_test"
}

stop_quietly() {
    if [ -f "$STATE/bin" ] && [ -d "$STATE/data" ]; then
        su postgres -s /bin/sh -c "$(cat "$STATE/bin")/pg_ctl -D $STATE/data -m immediate stop" >/dev/null 2>&1 || true
    fi
    rm -rf "$STATE"
}

case "${1:-}" in
    start) start ;;
    stop) stop_quietly ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac

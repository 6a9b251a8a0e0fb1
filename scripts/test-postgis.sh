#!/usr/bin/env bash
# Start or stop a throwaway PostgreSQL + PostGIS cluster for the tests, on loopback only, on a
# non-default port, with its data in a temporary folder. Prints the database URL on start.
#
#   scripts/test-postgis.sh start [DIR]   # DIR defaults to var/test-postgis
#   scripts/test-postgis.sh stop  [DIR]
#
# initdb refuses to run as root, so as root the cluster belongs to the `postgres` user.
set -euo pipefail

ACTION=${1:?usage: test-postgis.sh start|stop [DIR]}
DIR=$(realpath -m "${2:-var/test-postgis}")
# Below 32768, where Linux's ephemeral ports begin (net.ipv4.ip_local_port_range): a port in
# that range can be held for a while by any outgoing connection, and the cluster then fails to
# start.
PORT=${CAMWALK_TEST_PG_PORT:-25432}
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}

if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
  echo "PostgreSQL server binaries not found (Debian package postgresql-15)." >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$ACTION" in
start)
  if [ -f "$DIR/data/postmaster.pid" ] && as_owner "$PG_BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
    echo "postgresql://camwalk:camwalk@127.0.0.1:$PORT/camwalk"
    exit 0
  fi
  rm -rf "$DIR"
  mkdir -p "$DIR"
  [ "$(id -u)" = 0 ] && chown postgres "$DIR"
  as_owner "$PG_BIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --no-locale >"$DIR/initdb.log"
  # fsync off: a test cluster that dies is thrown away anyway, and it makes tests faster.
  if ! as_owner "$PG_BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w start \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null; then
    echo "The test PostGIS did not start on 127.0.0.1:$PORT (another CAMWALK_TEST_PG_PORT may help):" >&2
    tail -n 5 "$DIR/server.log" >&2
    exit 1
  fi
  psql_cmd=(psql -h 127.0.0.1 -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -q)
  "${psql_cmd[@]}" -d postgres -c "CREATE ROLE camwalk LOGIN SUPERUSER PASSWORD 'camwalk'"
  "${psql_cmd[@]}" -d postgres -c "CREATE DATABASE camwalk OWNER camwalk"
  "${psql_cmd[@]}" -d camwalk -c "CREATE EXTENSION postgis" >/dev/null
  echo "postgresql://camwalk:camwalk@127.0.0.1:$PORT/camwalk"
  ;;
stop)
  if [ -d "$DIR/data" ]; then
    as_owner "$PG_BIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null 2>&1 || true
  fi
  ;;
*)
  echo "usage: test-postgis.sh start|stop [DIR]" >&2
  exit 2
  ;;
esac

#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests, from Debian's packages (installed when missing):
#   scripts/postgres.sh start DIR   initdb into DIR (as the postgres user), start it on a free loopback port,
#                                   print its URL (postgres://starling@127.0.0.1:PORT/postgres)
#   scripts/postgres.sh stop DIR    stop it and remove DIR
#   scripts/postgres.sh halt DIR    stop it, keeping DIR (a database that goes away, for the fault tests)
#   scripts/postgres.sh resume DIR  start a halted one again on its port
#   scripts/postgres.sh database URL [TEMPLATE]
#                                   make a new database on the server at URL (empty, or a copy of the
#                                   database named TEMPLATE) and print its URL
# STARLING_POSTGRES_SETTINGS replaces the cluster's settings (default "-c fsync=off": tests need no durability).
set -euo pipefail
command_name=${1:?start, stop, halt, resume or database}
dir=${2:?a directory or URL}

bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

as_postgres() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}

start_cluster() {
  as_postgres "'$1/pg_ctl' -D '$dir/data' -l '$dir/log' -w -o \"-p $2 -k '$dir' -c listen_addresses=127.0.0.1 -c max_connections=2000 $(cat "$dir/settings")\" start" >/dev/null
}

case "$command_name" in
  start)
    if [ -z "$(bin_dir)" ]; then
      echo "Installing postgresql from Debian..." >&2
      apt-get update -qq >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
    bin=$(bin_dir)
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_postgres "'$bin/initdb' -D '$dir/data' -U starling --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
    echo "$port" > "$dir/port"
    echo "${STARLING_POSTGRES_SETTINGS--c fsync=off}" > "$dir/settings"
    start_cluster "$bin" "$port"
    echo "postgres://starling@127.0.0.1:$port/postgres?sslmode=disable"
    ;;
  stop)
    bin=$(bin_dir)
    if [ -d "$dir/data" ]; then as_postgres "'$bin/pg_ctl' -D '$dir/data' -m immediate -w stop" >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    ;;
  halt)
    as_postgres "'$(bin_dir)/pg_ctl' -D '$dir/data' -m fast -w stop" >/dev/null
    ;;
  resume)
    start_cluster "$(bin_dir)" "$(cat "$dir/port")"
    ;;
  database)
    name="starling_$(python3 -c 'import uuid; print(uuid.uuid4().hex)')"
    "$(bin_dir)/psql" "$dir" -qAt -c "CREATE DATABASE $name${3:+ TEMPLATE $3}" >/dev/null
    echo "${dir%%/postgres\?*}/$name?sslmode=disable"
    ;;
  *)
    echo "usage: $0 start|stop|halt|resume DIR, or $0 database URL [TEMPLATE]" >&2
    exit 2
    ;;
esac

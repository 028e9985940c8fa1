#!/usr/bin/env bash
# Helpers to run a throw-away PostgreSQL cluster on loopback for the test suite.
# Sourced by scripts/test.sh; sets GATEHOUSE_TEST_POSTGRES_URL.

pg_bin_dir() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; fi
  done | sort -V | tail -n 1
}

ensure_postgres_installed() {
  if [ -z "$(pg_bin_dir)" ]; then
    echo "test: PostgreSQL not found; installing Debian's postgresql package" >&2
    if [ "$(id -u)" -ne 0 ]; then
      echo "test: need root to install postgresql (apt-get install -y postgresql)" >&2
      return 1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Runs a command as the cluster's owner (postgres refuses to run as root).
as_pg_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    su postgres -s /bin/bash -c "$*"
  else
    bash -c "$*"
  fi
}

start_test_postgres() {
  if [ -n "${GATEHOUSE_TEST_POSTGRES_URL:-}" ]; then
    echo "test: using PostgreSQL at $GATEHOUSE_TEST_POSTGRES_URL" >&2
    return 0
  fi
  ensure_postgres_installed
  local bin port
  bin="$(pg_bin_dir)"
  port="$(free_port)"
  PG_TEST_DIR="$(mktemp -d /tmp/gatehouse-pg.XXXXXX)"
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$PG_TEST_DIR"; fi
  as_pg_owner "'$bin/initdb' -D '$PG_TEST_DIR/data' -A trust -U gatehouse --no-sync -E UTF8" >/dev/null
  as_pg_owner "'$bin/pg_ctl' -D '$PG_TEST_DIR/data' -l '$PG_TEST_DIR/log' -w -t 60 \
    -o \"-p $port -k '$PG_TEST_DIR' -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200\" start" >/dev/null
  PG_TEST_BIN="$bin"
  export GATEHOUSE_TEST_POSTGRES_URL="jdbc:postgresql://127.0.0.1:$port/postgres?user=gatehouse"
  echo "test: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2
}

stop_test_postgres() {
  if [ -n "${PG_TEST_DIR:-}" ]; then
    as_pg_owner "'$PG_TEST_BIN/pg_ctl' -D '$PG_TEST_DIR/data' -m immediate stop" >/dev/null 2>&1 || true
    rm -rf "$PG_TEST_DIR"
  fi
}

#!/usr/bin/env bash
# Finds (or installs, as Debian's nats-server package) the nats-server binary the cluster tests
# start on free loopback ports of their own. Sourced by scripts/test.sh; sets
# GATEHOUSE_TEST_NATS_SERVER.

nats_server_bin() {
  local b
  for b in "$(command -v nats-server 2>/dev/null)" /usr/sbin/nats-server /usr/bin/nats-server; do
    if [ -n "$b" ] && [ -x "$b" ]; then echo "$b"; return; fi
  done
}

ensure_nats_installed() {
  if [ -z "$(nats_server_bin)" ]; then
    echo "test: nats-server not found; installing Debian's nats-server package" >&2
    if [ "$(id -u)" -ne 0 ]; then
      echo "test: need root to install nats-server (apt-get install -y nats-server)" >&2
      return 1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nats-server >&2
  fi
  GATEHOUSE_TEST_NATS_SERVER="$(nats_server_bin)"
  export GATEHOUSE_TEST_NATS_SERVER
  echo "test: $("$GATEHOUSE_TEST_NATS_SERVER" --version) for the cluster tests" >&2
}

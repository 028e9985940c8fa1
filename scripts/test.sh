#!/usr/bin/env bash
# The whole test suite. It starts a private PostgreSQL server (installing Debian's
# `postgresql` package first when it is missing) so that the store tests run on H2 and on
# PostgreSQL alike, and stops it again when the suite ends. It finds nats-server (installing
# Debian's `nats-server` package when it is missing); the cluster tests start their own. It
# finds headless Chromium and its driver (installing Debian's `chromium` and `chromium-driver`
# when missing) for the browser tests.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

source scripts/postgres.sh
source scripts/nats.sh
source scripts/chromium.sh
ensure_nats_installed
ensure_chromium_installed
start_test_postgres
trap stop_test_postgres EXIT

export GATEHOUSE_REQUIRE_POSTGRES=1
export GATEHOUSE_REQUIRE_NATS=1
export GATEHOUSE_REQUIRE_BROWSER=1
mvn -B -ntp -Dstyle.color=never install "$@"

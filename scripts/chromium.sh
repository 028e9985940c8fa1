#!/usr/bin/env bash
# Finds (or installs, as Debian's chromium and chromium-driver packages) the headless browser
# the end-to-end tests drive with Selenium. Sourced by scripts/test.sh; sets
# GATEHOUSE_TEST_CHROMIUM and GATEHOUSE_TEST_CHROMEDRIVER.

ensure_chromium_installed() {
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    echo "test: chromium or chromedriver not found; installing Debian's chromium and chromium-driver packages" >&2
    if [ "$(id -u)" -ne 0 ]; then
      echo "test: need root to install them (apt-get install -y chromium chromium-driver)" >&2
      return 1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >&2
  fi
  GATEHOUSE_TEST_CHROMIUM=/usr/bin/chromium
  GATEHOUSE_TEST_CHROMEDRIVER=/usr/bin/chromedriver
  export GATEHOUSE_TEST_CHROMIUM GATEHOUSE_TEST_CHROMEDRIVER
  echo "test: $("$GATEHOUSE_TEST_CHROMEDRIVER" --version | head -n 1) for the browser tests" >&2
}

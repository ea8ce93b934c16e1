#!/usr/bin/env bash
# Runs every test Starling has, installing what they need on a fresh machine:
#   1. Swift Testing: domain, store (real SQLite files) and live-HTTP tests on 127.0.0.1.
#   2. End-to-end tests of the real binary: its command line, the web UI in headless Chromium
#      from Debian driven by Selenium from PyPI, published Mastodon clients (also over HTTPS).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== Swift tests"
swift build --build-tests
swift test

echo "== End-to-end tests (command line, browser)"
# Debian's packages: the browser and its driver, Debian's toot 0.34 (HTTPS only), openssl and curl (the HTTPS tests).
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || [ ! -x /usr/bin/toot ] \
   || ! command -v openssl >/dev/null || ! command -v curl >/dev/null; then
  echo "Installing chromium, chromium-driver, toot, openssl and curl from Debian..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver toot openssl curl >/dev/null
fi
if [ ! -x .venv-tests/bin/pytest ] || ! cmp -s tests/e2e/requirements.txt .venv-tests/requirements.txt; then
  python3 -m venv .venv-tests
  .venv-tests/bin/pip install -q --disable-pip-version-check -r tests/e2e/requirements.txt
  cp tests/e2e/requirements.txt .venv-tests/requirements.txt
fi
STARLING_BINARY="$(swift build --show-bin-path)/starling" .venv-tests/bin/python -m pytest tests/e2e -q -p no:cacheprovider

#!/usr/bin/env bash
# Runs every test Starling has, installing what they need on a fresh machine:
#   1. Swift Testing: domain, store and live-HTTP tests on 127.0.0.1, run twice: on SQLite files, then on a
#      PostgreSQL cluster from Debian's packages started here on a free loopback port.
#   2. End-to-end tests of the real binary: its command line, the web UI in headless Chromium
#      from Debian driven by Selenium from PyPI, published Mastodon clients (also over HTTPS), two nodes on one
#      PostgreSQL database behind Debian's nginx (a node killed, the database stopped and started),
#      single sign-on against real peers (an OpenID provider from PyPI, Debian's OpenLDAP), email through
#      an SMTP server from PyPI (aiosmtpd).
set -euo pipefail
cd "$(dirname "$0")/.."

# Building needs OpenLDAP's client library (libldap-dev) and libcurl (SMTP); the LDAP tests need slapd and ldapadd.
if [ ! -f /usr/include/ldap.h ] || ! dpkg -s libcurl4-openssl-dev >/dev/null 2>&1 \
   || ! command -v slapd >/dev/null || ! command -v ldapadd >/dev/null; then
  echo "Installing libldap-dev, libcurl4-openssl-dev, slapd and ldap-utils from Debian..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libldap-dev libcurl4-openssl-dev slapd ldap-utils >/dev/null
fi

echo "== Swift tests"
swift build --build-tests
# A throwaway PostgreSQL cluster (installed from Debian when missing), stopped and removed at the end.
postgres_dir=$(mktemp -d /tmp/starling-postgres-XXXXXX)
trap 'scripts/postgres.sh stop "$postgres_dir"' EXIT
STARLING_TEST_POSTGRES_URL=$(scripts/postgres.sh start "$postgres_dir")
export STARLING_TEST_POSTGRES_URL
# At most 16 tests at a time: on a small machine more only make the timing-sensitive ones wait on each other.
export SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH=16
# The whole suite once per storage engine: every world (TestWorld) is on the engine named here.
for engine in sqlite postgres; do
  echo "-- on $engine (${SECONDS} s so far)"
  STARLING_TEST_ENGINE=$engine swift test
done

echo "== End-to-end tests (command line, browser) (${SECONDS} s so far)"
# Debian's packages: the browser and its driver, Debian's toot 0.34 (HTTPS only), openssl and curl (the HTTPS tests),
# nginx (in front of two nodes, with deploy/nginx/starling-two-nodes.conf).
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || [ ! -x /usr/bin/toot ] \
   || ! command -v openssl >/dev/null || ! command -v curl >/dev/null || [ ! -x /usr/sbin/nginx ]; then
  echo "Installing chromium, chromium-driver, toot, openssl, curl and nginx from Debian..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver toot openssl curl nginx >/dev/null
fi
if [ ! -x .venv-tests/bin/pytest ] || ! cmp -s tests/e2e/requirements.txt .venv-tests/requirements.txt; then
  python3 -m venv .venv-tests
  .venv-tests/bin/pip install -q --disable-pip-version-check -r tests/e2e/requirements.txt
  cp tests/e2e/requirements.txt .venv-tests/requirements.txt
fi
# The OpenID provider the single sign-on tests run has dependencies of its own: a venv of its own.
if [ ! -x .venv-oidc/bin/python ] || ! cmp -s tests/e2e/requirements-oidc.txt .venv-oidc/requirements.txt; then
  python3 -m venv .venv-oidc
  .venv-oidc/bin/pip install -q --disable-pip-version-check -r tests/e2e/requirements-oidc.txt
  cp tests/e2e/requirements-oidc.txt .venv-oidc/requirements.txt
fi
# The third-party ActivityPub peers (bovine-herd, fediverse-pasture) too.
if [ ! -x .venv-fediverse/bin/python ] || ! cmp -s tests/e2e/requirements-fediverse.txt .venv-fediverse/requirements.txt; then
  python3 -m venv .venv-fediverse
  .venv-fediverse/bin/pip install -q --disable-pip-version-check -r tests/e2e/requirements-fediverse.txt
  cp tests/e2e/requirements-fediverse.txt .venv-fediverse/requirements.txt
fi
# The slowest tests are listed at the end (where the suite's time goes).
STARLING_BINARY="$(swift build --show-bin-path)/starling" .venv-tests/bin/python -m pytest tests/e2e -q -p no:cacheprovider --durations=20
echo "== End-to-end tests on PostgreSQL (Mastodon clients, the API schemas, the web UI)"
STARLING_E2E_POSTGRES_URL=$STARLING_TEST_POSTGRES_URL STARLING_BINARY="$(swift build --show-bin-path)/starling" \
  .venv-tests/bin/python -m pytest -q -p no:cacheprovider \
  tests/e2e/test_mastodon_clients.py tests/e2e/test_api_schemas.py tests/e2e/test_end_to_end.py

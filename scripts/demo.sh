#!/usr/bin/env bash
# Runs Starling with a demo organization on a fresh machine: installs the C libraries the build needs
# that Debian does not ship by default (OpenLDAP's client for directory sign-in, libcurl's headers for SMTP),
# then builds and serves.
# Extra arguments go to `starling serve` (e.g. --port 9000).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f /usr/include/ldap.h ] || ! dpkg -s libcurl4-openssl-dev >/dev/null 2>&1; then
  echo "Installing libldap-dev and libcurl4-openssl-dev from Debian..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libldap-dev libcurl4-openssl-dev >/dev/null
fi
exec swift run starling serve --demo "$@"

#!/usr/bin/env bash
# Installs what the whole test suite needs on a Debian machine with Node 20 and runs it:
# Debian packages (PostgreSQL, Chromium, dcmtk and tcpdump for real DICOM traffic), npm packages, a PostgreSQL server on loopback, then
# `npm test` (typecheck, lint, format check, build, every test on SQLite and PostgreSQL, browser).
set -euo pipefail
cd "$(dirname "$0")/.."

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

packages=(postgresql chromium dcmtk tcpdump)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

npm ci --no-audit --no-fund

WARDLINE_TEST_DATABASE_URL=$(sudo_if_needed bash scripts/start-postgres.sh | tail -1)
export WARDLINE_TEST_DATABASE_URL
export WARDLINE_CHROMIUM="${WARDLINE_CHROMIUM:-/usr/bin/chromium}"

npm test

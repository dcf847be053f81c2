#!/usr/bin/env bash
# Starts Debian's PostgreSQL cluster on loopback and makes a `wardline` role and a `wardline_test`
# database for the store tests. Prints the URL to use as WARDLINE_TEST_DATABASE_URL.
set -euo pipefail
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | grep -q "^$version main"; then
  pg_createcluster "$version" main >/dev/null
fi
pg_ctlcluster "$version" main start 2>/dev/null || true
for _ in $(seq 1 30); do
  pg_isready -q -h localhost && break
  sleep 1
done
as_postgres() { runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qAt "$@"; }
if [ "$(as_postgres -c "select 1 from pg_roles where rolname = 'wardline'")" != "1" ]; then
  as_postgres -c "create role wardline login password 'wardline-test' createdb"
fi
if [ "$(as_postgres -c "select 1 from pg_database where datname = 'wardline_test'")" != "1" ]; then
  as_postgres -c "create database wardline_test owner wardline"
fi
echo "postgres://wardline:wardline-test@localhost:5432/wardline_test"

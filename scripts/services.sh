#!/usr/bin/env bash
# Installs (if missing) and starts the engines the distributed backend runs on, on 127.0.0.1:
# Debian's PostgreSQL (cluster on 5432, role and database "tasklane") and redis-server (6379).
# Used by .ci/run and for local development; safe to run again.
set -euo pipefail

need=()
command -v redis-server >/dev/null || need+=(redis-server)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update
  # No init system here: the packages' own start attempts fail harmlessly; we start them below.
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${need[@]}"
fi

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --save "" --appendonly no \
    --logfile /tmp/tasklane-redis.log
fi

version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | grep -q "^$version main"; then
  pg_createcluster "$version" main
fi
if ! pg_lsclusters -h | grep -q "^$version main .* online"; then
  pg_ctlcluster "$version" main start
fi
for _ in $(seq 1 50); do
  pg_isready -h 127.0.0.1 -p 5432 -q && break
  sleep 0.2
done

# A superuser, so that each test suite can create and drop its own database.
su postgres -c "psql -q -v ON_ERROR_STOP=1" <<'SQL'
SELECT 'CREATE ROLE tasklane LOGIN SUPERUSER PASSWORD ''tasklane'''
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tasklane')\gexec
SELECT 'CREATE DATABASE tasklane OWNER tasklane'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'tasklane')\gexec
SQL

for _ in $(seq 1 50); do
  redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break
  sleep 0.2
done
echo "PostgreSQL: postgres://tasklane:tasklane@127.0.0.1:5432/tasklane"
echo "Redis:      redis://127.0.0.1:6379"

#!/usr/bin/env bash
# PostGIS for the nearby benchmark (`make bench`): makes sure PostgreSQL runs (postgres.sh)
# and that the PostGIS package matching the server's major version is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
.ci/postgres.sh
major=$(psql "${NAHBAR_TEST_POSTGRES_URL:-postgres://postgres:postgres@127.0.0.1:5432/postgres}" \
  -tAc "SELECT current_setting('server_version_num')::int / 10000")
if ! ls "/usr/share/postgresql/${major}/extension/postgis.control" >/dev/null 2>&1; then
  echo "==> installing PostGIS for PostgreSQL ${major} from apt"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "postgresql-${major}-postgis-3" >/dev/null
fi

#!/usr/bin/env bash
# A production-like start without Docker, on this host: the local PostgreSQL and Redis,
# DEBUG off, migrations and collectstatic, then gunicorn (deploy/start.sh), as the
# container does. The benchmark (bench/run.py) and the fault tests start the app with it.
#
#   SECRET_KEY=… scripts/serve-production.sh            # serves http://127.0.0.1:8000/
#
# Environment (defaults in brackets):
#   DATABASE_URL    [postgres://postgres@127.0.0.1:5432/pavilion]  created when missing
#   REDIS_URL       [redis://127.0.0.1:6379/0]  a local redis-server is started if none answers
#   SECRET_KEY      required
#   BIND [127.0.0.1:8000]  WEB_CONCURRENCY [2]  ALLOWED_HOSTS [localhost,127.0.0.1]
#   PAVILION_VAR_DIR [./var/production]  (collected static files and media)
#   SECURE_SSL_REDIRECT [false]: TLS ends at the reverse proxy; there is none here.
set -euo pipefail
cd "$(dirname "$0")/.."

export DEBUG=false
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/pavilion}"
export REDIS_URL="${REDIS_URL-redis://127.0.0.1:6379/0}"
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-localhost,127.0.0.1}"
export SECURE_SSL_REDIRECT="${SECURE_SSL_REDIRECT:-false}"
export PAVILION_VAR_DIR="${PAVILION_VAR_DIR:-$PWD/var/production}"
export BIND="${BIND:-127.0.0.1:8000}"
export WEB_CONCURRENCY="${WEB_CONCURRENCY:-2}"
export PYTHON="${PYTHON:-$PWD/.venv/bin/python}"
: "${SECRET_KEY:?set SECRET_KEY (a long random string) for a production-like start}"

case "$DATABASE_URL" in
  postgres://* | postgresql://*) ;;
  *) echo "serve-production.sh: DATABASE_URL must be a postgres:// URL" >&2; exit 2 ;;
esac

# The database: create it when the server answers and it is missing.
read -r db_host db_port db_user db_name < <("$PYTHON" - <<'PY'
import os
from urllib.parse import urlsplit
url = urlsplit(os.environ["DATABASE_URL"])
print(url.hostname or "127.0.0.1", url.port or 5432, url.username or "postgres", url.path.lstrip("/"))
PY
)
if ! pg_isready -q -h "$db_host" -p "$db_port"; then
  echo "serve-production.sh: PostgreSQL does not answer on $db_host:$db_port" >&2
  exit 1
fi
if [ "${PAVILION_CREATE_DB:-true}" = true ] && \
   ! psql -h "$db_host" -p "$db_port" -U "$db_user" -d "$db_name" -Atqc "select 1" >/dev/null 2>&1; then
  createdb -h "$db_host" -p "$db_port" -U "$db_user" "$db_name"
fi

# Redis: start a local one (no persistence: it only holds caches) if none answers.
if [ -n "$REDIS_URL" ]; then
  redis_port=$("$PYTHON" -c "import os; from urllib.parse import urlsplit; print(urlsplit(os.environ['REDIS_URL']).port or 6379)")
  if ! redis-cli -p "$redis_port" ping >/dev/null 2>&1; then
    redis-server --daemonize yes --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no
  fi
fi

mkdir -p "$PAVILION_VAR_DIR"
exec sh deploy/start.sh

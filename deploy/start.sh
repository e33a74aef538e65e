#!/usr/bin/env sh
# Production start: apply migrations, collect static files, then serve with gunicorn.
# Used by the Docker image and by a plain host (after `uv sync --frozen --no-dev`).
set -eu
PYTHON="${PYTHON:-python}"
"$PYTHON" manage.py migrate --no-input
"$PYTHON" manage.py collectstatic --no-input --verbosity 0
# New code may show content differently: nothing the previous release cached is served.
"$PYTHON" manage.py refresh_public_cache
exec "$PYTHON" -m gunicorn pavilion.wsgi \
  --bind "${BIND:-0.0.0.0:8000}" \
  --workers "${WEB_CONCURRENCY:-2}" \
  --timeout "${GUNICORN_TIMEOUT:-30}" \
  --forwarded-allow-ips "${FORWARDED_ALLOW_IPS:-127.0.0.1}" \
  --access-logfile -

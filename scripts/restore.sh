#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into an EMPTY PostgreSQL database and media
# folder (it refuses to overwrite anything).
#
#   DATABASE_URL=postgres://… [MEDIA_ROOT=…] scripts/restore.sh backups/backup-<time>
#
# Create the database first (createdb NAME). The checksums are verified before anything
# is written; the database is restored in one transaction (all or nothing). Start the
# app afterwards: its migrations run on start and find nothing to do.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-$PWD/.venv/bin/python}"
backup="${1:?usage: scripts/restore.sh BACKUP_DIR}"
: "${DATABASE_URL:?set DATABASE_URL (postgres://user@host:5432/name) of an empty database}"
for tool in pg_restore psql tar sha256sum; do
  command -v "$tool" >/dev/null || { echo "restore.sh: $tool is not installed" >&2; exit 2; }
done
[ -f "$backup/database.dump" ] || { echo "restore.sh: $backup/database.dump not found" >&2; exit 2; }

(cd "$backup" && sha256sum --check --quiet SHA256SUMS) || {
  echo "restore.sh: checksums do not match: the backup is damaged" >&2; exit 1; }

tables=$(psql --dbname="$DATABASE_URL" -Atqc \
  "select count(*) from pg_tables where schemaname not in ('pg_catalog', 'information_schema')")
if [ "$tables" != 0 ]; then
  echo "restore.sh: the database already has $tables tables: restore into an empty one" >&2
  exit 1
fi

media_root=""
if [ -f "$backup/media.tar.gz" ]; then
  media_root="${MEDIA_ROOT:-$("$PYTHON" manage.py shell -v 0 -c "from django.conf import settings; print(settings.MEDIA_ROOT)" 2>/dev/null | tail -n 1)}"
  if [ -d "$media_root" ] && [ -n "$(ls -A "$media_root")" ]; then
    echo "restore.sh: $media_root is not empty: restore media into an empty folder" >&2
    exit 1
  fi
fi

pg_restore --dbname="$DATABASE_URL" --no-owner --no-acl --exit-on-error --single-transaction \
  "$backup/database.dump"
if [ -n "$media_root" ]; then
  mkdir -p "$media_root"
  tar -C "$media_root" -xzf "$backup/media.tar.gz"
fi
echo "restored $backup into the database${media_root:+ and $media_root}"

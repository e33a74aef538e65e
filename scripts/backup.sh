#!/usr/bin/env bash
# Back up Pavilion: the PostgreSQL database (pg_dump, custom format) and the uploaded
# media (a tar of MEDIA_ROOT), with a checksum manifest, into one new folder.
#
#   DATABASE_URL=postgres://… scripts/backup.sh [PARENT_DIR]     # default ./backups
#
# Prints the folder it made (backup-<UTC time>/: database.dump, media.tar.gz, SHA256SUMS).
# MEDIA_ROOT defaults to the app's own setting. With media on S3-compatible storage
# (AWS_STORAGE_BUCKET_NAME set) the bucket is not copied: use the bucket's versioning or
# replication, and this script backs up the database only. Restore with scripts/restore.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-$PWD/.venv/bin/python}"
: "${DATABASE_URL:?set DATABASE_URL (postgres://user@host:5432/name)}"
case "$DATABASE_URL" in
  postgres://* | postgresql://*) ;;
  *) echo "backup.sh: DATABASE_URL must be a postgres:// URL (SQLite: copy the file)" >&2; exit 2 ;;
esac
for tool in pg_dump tar sha256sum; do
  command -v "$tool" >/dev/null || { echo "backup.sh: $tool is not installed" >&2; exit 2; }
done

parent="${1:-backups}"
target="$parent/backup-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$parent"
mkdir "$target"  # fails rather than mixing two backups in one folder

# A consistent snapshot of the database (pg_dump runs in one transaction).
pg_dump --dbname="$DATABASE_URL" --format=custom --no-owner --no-acl --file="$target/database.dump"

if [ -n "${AWS_STORAGE_BUCKET_NAME:-}" ]; then
  echo "backup.sh: media are on S3 ($AWS_STORAGE_BUCKET_NAME): not copied" >&2
else
  media_root="${MEDIA_ROOT:-$("$PYTHON" manage.py shell -v 0 -c "from django.conf import settings; print(settings.MEDIA_ROOT)" 2>/dev/null | tail -n 1)}"
  mkdir -p "$media_root"
  tar -C "$media_root" -czf "$target/media.tar.gz" .
fi

(cd "$target" && sha256sum -- * > SHA256SUMS)
echo "$target"

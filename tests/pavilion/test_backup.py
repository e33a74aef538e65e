"""Backup and restore (scripts/backup.sh, scripts/restore.sh): a backup restored into an
empty database and an empty media folder holds every exhibit and every image file.

PostgreSQL, pg_dump and pg_restore only: skipped without them (a failure under CI). The
data must be committed for pg_dump to see it, hence ``transactional_db``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from exhibits.models import Exhibit, ExhibitImage
from tests import factories
from tests.conftest import require

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def postgres(transactional_db):
    require(connection.vendor == "postgresql", "needs PostgreSQL (set DATABASE_URL=postgres://…)")
    require(
        all(shutil.which(tool) for tool in ("pg_dump", "pg_restore", "psql")),
        "needs pg_dump, pg_restore and psql (Debian: postgresql-client)",
    )
    return connection.settings_dict


def url_for(settings_dict: dict, name: str) -> str:
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    host = settings_dict["HOST"] or "127.0.0.1"
    port = settings_dict["PORT"] or 5432
    return f"postgres://{settings_dict['USER']}{password}@{host}:{port}/{name}"


@pytest.fixture
def empty_database(postgres):
    """A new, empty database beside the test database; dropped afterwards."""
    name = f"{postgres['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield url_for(postgres, name)
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_script(script: str, *args: str, **environment: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        ["/bin/bash", str(ROOT / "scripts" / script), *args],
        cwd=ROOT,
        env={**os.environ, **environment},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def seed() -> dict[str, list[str]]:
    """Three published exhibits with images, a draft with one; slug → stored file names."""
    edition = factories.EditionFactory(is_current=True)
    zone = factories.ZoneFactory(edition=edition, slug="smart-living")
    exhibits = [
        factories.PublishedExhibitFactory(edition=edition, zone=zone, slug=f"exhibit-{i}")
        for i in range(3)
    ]
    exhibits.append(factories.ExhibitFactory(edition=edition, slug="a-draft"))
    for number, exhibit in enumerate(exhibits):
        for _ in range(1 + number % 2):
            factories.ExhibitImageFactory(exhibit=exhibit)
    factories.RecognitionFactory(exhibit=exhibits[0], award=factories.AwardFactory())
    return {
        exhibit.slug: sorted(name for image in exhibit.images.all() for name in stored_names(image))
        for exhibit in exhibits
    }


def stored_names(image: ExhibitImage) -> list[str]:
    renditions = [name for formats in image.renditions.values() for name in formats.values()]
    return [image.image.name, *renditions]


def test_backup_restores_into_an_empty_database_with_every_exhibit_and_image(
    postgres, empty_database, media_root, tmp_path
):
    files = seed()
    assert len(files) == Exhibit.objects.count() == 4
    source_url = url_for(postgres, postgres["NAME"])

    backup = run_script(
        "backup.sh", str(tmp_path / "backups"), DATABASE_URL=source_url, MEDIA_ROOT=str(media_root)
    )
    assert backup.returncode == 0, backup.stderr
    folder = Path(backup.stdout.strip().splitlines()[-1])
    assert sorted(p.name for p in folder.iterdir()) == [
        "SHA256SUMS",
        "database.dump",
        "media.tar.gz",
    ]

    restored_media = tmp_path / "restored-media"
    restore = run_script(
        "restore.sh", str(folder), DATABASE_URL=empty_database, MEDIA_ROOT=str(restored_media)
    )
    assert restore.returncode == 0, restore.stderr

    with psycopg.connect(empty_database) as restored:
        rows = restored.execute(
            "select e.slug, i.image, i.renditions from exhibits_exhibit e "
            "left join exhibits_exhibitimage i on i.exhibit_id = e.id"
        ).fetchall()
        recognitions = restored.execute("select count(*) from awards_recognition").fetchone()[0]
    found: dict[str, list[str]] = {}
    for slug, image, renditions in rows:
        names = [image, *(n for formats in renditions.values() for n in formats.values())]
        found.setdefault(slug, []).extend(names)
    assert {slug: sorted(names) for slug, names in found.items()} == files
    assert recognitions == 1
    for names in files.values():
        for name in names:
            assert (restored_media / name).read_bytes() == (media_root / name).read_bytes()


def test_restore_refuses_a_database_that_is_not_empty(postgres, media_root, tmp_path):
    seed()
    source_url = url_for(postgres, postgres["NAME"])
    backup = run_script(
        "backup.sh", str(tmp_path), DATABASE_URL=source_url, MEDIA_ROOT=str(media_root)
    )
    assert backup.returncode == 0, backup.stderr
    folder = backup.stdout.strip().splitlines()[-1]
    restore = run_script(
        "restore.sh", folder, DATABASE_URL=source_url, MEDIA_ROOT=str(tmp_path / "elsewhere")
    )
    assert restore.returncode == 1
    assert "restore into an empty one" in restore.stderr
    assert not (tmp_path / "elsewhere").exists()
    assert Exhibit.objects.count() == 4


def test_restore_refuses_a_damaged_backup(postgres, empty_database, media_root, tmp_path):
    seed()
    backup = run_script(
        "backup.sh",
        str(tmp_path),
        DATABASE_URL=url_for(postgres, postgres["NAME"]),
        MEDIA_ROOT=str(media_root),
    )
    folder = Path(backup.stdout.strip().splitlines()[-1])
    with (folder / "database.dump").open("ab") as dump:
        dump.write(b"tampered")
    restore = run_script(
        "restore.sh",
        str(folder),
        DATABASE_URL=empty_database,
        MEDIA_ROOT=str(tmp_path / "restored"),
    )
    assert restore.returncode == 1
    assert "checksums do not match" in restore.stderr
    with psycopg.connect(empty_database) as restored:
        tables = restored.execute(
            "select count(*) from pg_tables where schemaname = 'public'"
        ).fetchone()[0]
    assert tables == 0

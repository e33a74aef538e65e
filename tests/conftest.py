"""Shared fixtures and the rules for tests that need a part a fresh machine may lack.

Tests needing PostgreSQL, Redis, pg_dump or Chromium skip with a clear reason when the
part is absent; under CI (CI=true) a missing part fails the run instead.
"""

from __future__ import annotations

import os
import shutil

import pytest

from tests import factories

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def require(available: bool, reason: str) -> None:
    """Skip (or, under CI, fail) a test whose outside part is missing."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"CI requires it: {reason}")
    pytest.skip(reason)


def chromium_available() -> bool:
    return os.path.exists(CHROMIUM) or shutil.which("chromium") is not None


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite, a test database in a file (of this run, and of this xdist worker).

    Django's default SQLite test database lives in memory in shared-cache mode, where
    another thread's connection meets table locks that SQLite's busy timeout does not wait
    for: tests that send simultaneous requests from real threads need a file, as production
    has. pytest keeps the last three runs' folders and removes older ones.
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3" and not database.get("TEST", {}).get(
        "NAME"
    ):
        folder = tmp_path_factory.mktemp("database")
        database.setdefault("TEST", {})["NAME"] = str(folder / "test.sqlite3")


@pytest.fixture(autouse=True, scope="session")
def _static_root_exists():
    """whitenoise warns on every request when STATIC_ROOT is missing (before collectstatic)."""
    from django.conf import settings

    os.makedirs(settings.STATIC_ROOT, exist_ok=True)


@pytest.fixture(autouse=True)
def _english_by_default():
    """A request in Chinese leaves its language active in the thread: reset it per test."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Every test writes uploads into its own folder, so 'nothing left on disk' is checkable."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _empty_cache(settings):
    """Every test starts with an empty cache, the public page/API cache and the data cache
    (pavilion/cache.py) off, locally and under CI alike: a pinned query count measures the
    uncached path, the cost of a miss. Tests of the caches turn them on (``page_cache``);
    PAVILION_TEST_PAGE_CACHE=true runs the whole suite with both on."""
    from django.core.cache import cache

    settings.PAVILION_PAGE_CACHE = os.environ.get("PAVILION_TEST_PAGE_CACHE") == "true"
    settings.PAVILION_DATA_CACHE = settings.PAVILION_PAGE_CACHE
    backend = settings.CACHES["default"]
    if "redis" in backend["BACKEND"].lower() and os.environ.get("PYTEST_XDIST_WORKER"):
        # Parallel workers each get a Redis database of their own: clearing the cache and
        # bumping the content version must not reach another worker's tests.
        settings.CACHES = {
            "default": {**backend, "LOCATION": redis_url_for_worker(backend["LOCATION"])}
        }
    cache.clear()


def redis_url_for_worker(url: str) -> str:
    """``url`` with its database number moved down by the pytest-xdist worker's number."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker.startswith("gw"):
        return url
    base, _slash, number = url.rpartition("/")
    return f"{base}/{(int(number or 0) - int(worker[2:])) % 16}"


@pytest.fixture
def page_cache(settings):
    """The public page and API cache on, and the data cache, as in production with Redis."""
    settings.PAVILION_PAGE_CACHE = True
    settings.PAVILION_DATA_CACHE = True


@pytest.fixture
def media_root(_media_root):
    return _media_root


@pytest.fixture
def edition(db):
    return factories.EditionFactory(is_current=True)


@pytest.fixture
def zones(edition):
    return [
        factories.ZoneFactory(edition=edition, slug=slug, name_en=name, order=i)
        for i, (slug, name) in enumerate(
            [("smart-living", "Smart Living"), ("smart-mobility", "Smart Mobility")]
        )
    ]


@pytest.fixture
def department(db):
    return factories.DepartmentFactory()


@pytest.fixture
def curator(db):
    return factories.CuratorFactory()


@pytest.fixture
def coordinator(department):
    return factories.MembershipFactory(department=department, role="coordinator").user


@pytest.fixture
def editor(department):
    return factories.MembershipFactory(department=department, role="editor").user

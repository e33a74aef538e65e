"""The cache across real workers: gunicorn with two workers (DEBUG off, Redis, PostgreSQL,
started by scripts/serve-production.sh) serves cached pages; a curator publishes and
unpublishes in another process, and every following request, whichever worker answers
it, shows the change. Needs PostgreSQL and Redis: skipped without (a failure under CI).
"""

from __future__ import annotations

import json
import os

import pytest
from django.core.cache import cache
from django.db import connection

from exhibits.workflow import exhibit_transition
from tests import factories
from tests.conftest import require
from tests.pavilion.test_cache import redis_reachable
from tests.production import fetch, production_server

pytestmark = pytest.mark.postgres


@pytest.fixture
def shared_redis(settings):
    base = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"
    url = base.rsplit("/", 1)[0] + "/12"
    require(redis_reachable(url), f"needs Redis at {url} (set REDIS_URL)")
    # The same server, database and key prefix as the app's workers.
    settings.CACHES = {
        "default": {
            "BACKEND": "pavilion.redis_cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "pavilion",
        }
    }
    settings.PAVILION_PAGE_CACHE = True
    cache.clear()
    yield url
    cache.clear()


def test_cache_change_reaches_every_gunicorn_worker(transactional_db, shared_redis, tmp_path):
    require(connection.vendor == "postgresql", "needs PostgreSQL (set DATABASE_URL=postgres://…)")
    edition = factories.EditionFactory(is_current=True)
    zone = factories.ZoneFactory(edition=edition, slug="smart-living")
    factories.PublishedExhibitFactory(edition=edition, zone=zone, slug="iam-smart")
    lamppost = factories.ExhibitFactory(
        edition=edition,
        zone=zone,
        slug="smart-lamppost",
        title_en="Multi-functional Smart Lampposts",
        status="approved",
    )
    curator = factories.CuratorFactory()
    settings_dict = connection.settings_dict
    url = (
        f"postgres://{settings_dict['USER']}@{settings_dict['HOST'] or '127.0.0.1'}:"
        f"{settings_dict['PORT'] or 5432}/{settings_dict['NAME']}"
    )
    with production_server(
        database_url=url, var_dir=tmp_path, workers=2, redis_url=shared_redis
    ) as base:
        before = [fetch(f"{base}/exhibits/?zone=smart-living") for _ in range(12)]
        api_before = [fetch(f"{base}/api/v1/exhibits/?zone=smart-living") for _ in range(6)]
        assert {answer.headers["X-Cache"] for answer in before[1:]} == {"hit"}
        assert all("Multi-functional Smart Lampposts" not in a.body for a in before)
        assert {json.loads(a.body)["count"] for a in api_before} == {1}

        exhibit_transition(exhibit=lamppost, action="publish", user=curator)
        after = [fetch(f"{base}/exhibits/?zone=smart-living") for _ in range(12)]
        api_after = [fetch(f"{base}/api/v1/exhibits/?zone=smart-living") for _ in range(6)]
        assert all("Multi-functional Smart Lampposts" in a.body for a in after)
        assert {json.loads(a.body)["count"] for a in api_after} == {2}

        lamppost.refresh_from_db()
        exhibit_transition(
            exhibit=lamppost, action="unpublish", user=curator, message="Booth closed."
        )
        details = [fetch(f"{base}/exhibits/smart-lamppost/").status for _ in range(8)]
        assert details == [404] * 8

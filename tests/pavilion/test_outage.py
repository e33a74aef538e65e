"""PostgreSQL goes away and comes back: the app, under gunicorn with DEBUG off as in
production, answers 503 (a friendly page, JSON under /api/, /healthz says which part is
down), never 500, and recovers by itself when the database returns.

The outage is a TCP proxy between the app and PostgreSQL that the test cuts (the server is
shared, and initdb refuses to run as root). PostgreSQL only: skipped on SQLite (a failure
under CI).
"""

from __future__ import annotations

import json
import time

import pytest
from django.db import connection

from bench.tcpproxy import TcpProxy
from tests import factories
from tests.conftest import require
from tests.production import fetch, production_server

pytestmark = pytest.mark.postgres


@pytest.fixture
def postgres(transactional_db):
    require(connection.vendor == "postgresql", "needs PostgreSQL (set DATABASE_URL=postgres://…)")
    return connection.settings_dict


@pytest.fixture
def proxy(postgres):
    proxy = TcpProxy((postgres["HOST"] or "127.0.0.1", int(postgres["PORT"] or 5432))).start()
    yield proxy
    proxy.stop()


def database_url(settings_dict: dict, port: int) -> str:
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    return f"postgres://{settings_dict['USER']}{password}@127.0.0.1:{port}/{settings_dict['NAME']}"


def test_outage_gives_503_then_recovers_by_itself(postgres, proxy, tmp_path):
    edition = factories.EditionFactory(is_current=True)
    factories.PublishedExhibitFactory(
        edition=edition, slug="iam-smart", title_en="iAM Smart", title_zh_hant="智方便"
    )
    url = database_url(postgres, proxy.port)
    with production_server(database_url=url, var_dir=tmp_path) as base:
        before = fetch(f"{base}/exhibits/iam-smart/")
        assert before.status == 200
        assert "iAM Smart" in before.body

        proxy.cut()
        page = fetch(f"{base}/exhibits/iam-smart/")
        api = fetch(f"{base}/api/v1/exhibits/iam-smart/")
        health = fetch(f"{base}/healthz")
        again = fetch(f"{base}/zh-hant/exhibits/iam-smart/")

        assert (page.status, page.headers["Retry-After"]) == (503, "10")
        assert "<h1>Back in a moment</h1>" in page.body
        assert "Traceback" not in page.body
        assert (api.status, json.loads(api.body)["code"]) == (503, "unavailable")
        assert (health.status, json.loads(health.body)) == (
            503,
            {"status": "unavailable", "checks": {"database": "unavailable", "cache": "ok"}},
        )
        assert again.status == 503
        assert "<h1>稍候片刻</h1>" in again.body

        proxy.restore()
        started = time.monotonic()
        statuses = []
        while time.monotonic() - started < 10:
            answer = fetch(f"{base}/exhibits/iam-smart/")
            statuses.append(answer.status)
            if answer.status == 200:
                break
            time.sleep(0.2)
        assert statuses[-1] == 200, statuses
        assert 500 not in statuses
        assert fetch(f"{base}/healthz").status == 200
    log = (tmp_path / "server.log").read_text()
    assert " 500 " not in log

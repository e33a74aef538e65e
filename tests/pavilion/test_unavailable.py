"""The 503 answer when the database cannot be reached: a friendly, translated page (JSON
under /api/) with Retry-After, whether the error meets a view or a lazy response.

The errors here are Django's own exceptions raised by test views (tests/pavilion/
urls_unavailable.py); tests/pavilion/test_outage.py cuts a real PostgreSQL connection.
"""

from __future__ import annotations

import json

import pytest
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.pavilion.urls_unavailable")]

PAGES = [
    ("", "en", "Back in a moment"),
    ("/zh-hant", "zh-Hant", "稍候片刻"),
    ("/zh-hans", "zh-Hans", "稍候片刻"),
]


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


@pytest.fixture(autouse=True)
def _debug_off(settings):
    settings.DEBUG = False


@pytest.mark.parametrize(("prefix", "lang", "heading"), PAGES)
@pytest.mark.parametrize("page", ["refused", "lost", "lazy"])
def test_unavailable_database_gives_friendly_503_page(client, prefix, lang, heading, page):
    response = client.get(f"{prefix}/{page}/")
    assert (response.status_code, response["Retry-After"], response["Cache-Control"]) == (
        503,
        "10",
        "no-store",
    )
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert f"<h1>{heading}</h1>" in html
    assert "OperationalError" not in html
    assert "InterfaceError" not in html
    assert "Traceback" not in html


def test_unavailable_database_under_api_gives_json_503(client):
    response = client.get("/api/v1/refused/")
    assert (response.status_code, response["Content-Type"], response["Retry-After"]) == (
        503,
        "application/json",
        "10",
    )
    assert json.loads(response.content) == {
        "code": "unavailable",
        "detail": "The service is briefly unavailable. Please try again in a moment.",
    }


def test_other_errors_still_give_the_500_page(client):
    response = client.get("/broken/")
    assert response.status_code == 500
    assert "<h1>Something went wrong</h1>" in response.content.decode()
    assert "Retry-After" not in response

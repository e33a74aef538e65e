"""Friendly 404 and 500 pages in every language, with DEBUG off."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

LANGUAGES = [
    ("", "en", "Page not found", "Something went wrong", "/"),
    ("/zh-hant", "zh-Hant", "找不到網頁", "出現問題", "/zh-hant/"),
    ("/zh-hans", "zh-Hans", "找不到网页", "出现问题", "/zh-hans/"),
]


@pytest.fixture(autouse=True)
def _debug_off(settings):
    settings.DEBUG = False


@pytest.mark.parametrize(("prefix", "lang", "not_found", "_error", "home"), LANGUAGES)
def test_404_page_is_friendly_in_every_language(
    client, catalogue, prefix, lang, not_found, _error, home
):
    response = client.get(f"{prefix}/exhibits/draft-kiosk/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert f"<h1>{not_found}</h1>" in html
    assert f'<li><a href="{home}">' in html
    assert "Cookie" not in response.get("Vary", "")


@pytest.mark.urls("tests.public.urls_500")
@pytest.mark.parametrize(("prefix", "lang", "_not_found", "error", "home"), LANGUAGES)
def test_500_page_is_friendly_in_every_language(db, prefix, lang, _not_found, error, home):
    client = Client(raise_request_exception=False)
    response = client.get(f"{prefix}/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert f"<h1>{error}</h1>" in html
    assert f'<p><a href="{home}">' in html
    assert "RuntimeError" not in html

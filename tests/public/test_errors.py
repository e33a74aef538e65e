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


BAD_REQUEST = [
    ("", "en", "What you sent could not be read", "/"),
    ("/zh-hant", "zh-Hant", "無法讀取你傳送的內容", "/zh-hant/"),
    ("/zh-hans", "zh-Hans", "无法读取你发送的内容", "/zh-hans/"),
]


@pytest.mark.parametrize(("prefix", "lang", "heading", "home"), BAD_REQUEST)
@pytest.mark.parametrize("too_much", ["large", "fields"])
def test_too_large_or_too_many_fields_in_a_portal_form_is_a_friendly_400(
    coordinator, edition, settings, prefix, lang, heading, home, too_much
):
    # As a browser sends it: with the form's CSRF token, which the middleware reads first.
    client = Client(raise_request_exception=False, enforce_csrf_checks=True)
    client.force_login(coordinator)
    assert client.get(f"{prefix}/portal/exhibits/new/").status_code == 200
    if too_much == "large":
        data = {"title_en": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)}
    else:
        data = {f"field{i}": "x" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    data["csrfmiddlewaretoken"] = client.cookies["csrftoken"].value

    response = client.post(f"{prefix}/portal/exhibits/new/", data)

    assert response.status_code == 400
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert f"<h1>{heading}</h1>" in html
    assert f'<p><a href="{home}">' in html


def test_deeply_nested_json_posted_to_a_portal_form_shows_the_form_again(coordinator, edition):
    # A form reads no JSON: the body is no form data, so the form answers "required".
    from exhibits.models import Exhibit

    client = Client(raise_request_exception=False)
    client.force_login(coordinator)

    response = client.post("/portal/exhibits/new/", "[" * 100_000, content_type="application/json")

    assert response.status_code == 400
    assert response.context["form"].errors["title_en"] == [
        "An English title is needed, even for a draft."
    ]
    assert Exhibit.objects.count() == 0

"""Browser tests: Debian's Chromium driven by Playwright against Django's live server.

Missing Chromium skips these tests with a reason on a developer's machine and fails
them under CI (tests.conftest.require). The ORM is used from the test thread while
Playwright's sync API runs its own event loop there, hence DJANGO_ALLOW_ASYNC_UNSAFE.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.conftest import CHROMIUM, chromium_available, require
from tests.factories import ExhibitImageFactory
from tests.public.conftest import build_catalogue

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    require(chromium_available(), f"Chromium is not installed at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    playwright.stop()


def _serve_media(route):
    """Answer /media/ requests from MEDIA_ROOT (the live server only serves static files)."""
    from django.conf import settings

    name = unquote(urlsplit(route.request.url).path.removeprefix(settings.MEDIA_URL))
    path = (Path(settings.MEDIA_ROOT) / name).resolve()
    if not path.is_file() or Path(settings.MEDIA_ROOT).resolve() not in path.parents:
        route.fulfill(status=404, body="")
        return
    types = {".jpg": "image/jpeg", ".webp": "image/webp", ".png": "image/png"}
    route.fulfill(status=200, body=path.read_bytes(), content_type=types.get(path.suffix, ""))


def _page(chromium, viewport, **options):
    context = chromium.new_context(viewport=viewport, **options)
    context.route("**/media/**", _serve_media)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


@pytest.fixture
def phone(chromium):
    context, page = _page(chromium, PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    yield page
    context.close()


@pytest.fixture
def desktop(chromium):
    context, page = _page(chromium, DESKTOP)
    yield page
    context.close()


@pytest.fixture
def no_script(chromium):
    context, page = _page(chromium, PHONE, java_script_enabled=False)
    yield page
    context.close()


COLOURS = [(11, 83, 148), (106, 27, 154), (27, 94, 32), (142, 36, 0)]


@pytest.fixture
def site(live_server, transactional_db, settings):
    """The public catalogue on a live server, every published exhibit with a real image."""
    settings.PAVILION_SITE_URL = live_server.url
    catalogue = build_catalogue()
    for slug in sorted(catalogue.published_slugs):
        ExhibitImageFactory(exhibit=catalogue.exhibits[slug], width=1200, height=675)
    catalogue.url = live_server.url
    return catalogue

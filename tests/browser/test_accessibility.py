"""axe-core finds no WCAG 2.2 AA violation on the public pages, in every language."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGES = [
    "/",
    "/exhibits/",
    "/exhibits/?zone=smart-living&q=weather",
    "/exhibits/?zone=nowhere",
    "/exhibits/railway-digital-twin/",
    "/zones/smart-living/",
    "/departments/",
    "/departments/mtr/",
    "/awards/",
    "/exhibits/not-published/",
]
LANGUAGES = ["", "/zh-hant", "/zh-hans"]

_axe = Axe()


@pytest.mark.parametrize("prefix", LANGUAGES, ids=["en", "zh-hant", "zh-hans"])
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_public_pages_have_no_axe_violations(site, request, prefix, viewport):
    page = request.getfixturevalue(viewport)
    failures = {}
    for path in PAGES:
        page.goto(f"{site.url}{prefix}{path}")
        page.wait_for_load_state("load")
        results = _axe.run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
        if results.violations_count:
            failures[path] = results.generate_report()
    assert failures == {}


SHOTS = Path(os.environ.get("PAVILION_SHOTS_DIR") or Path(tempfile.gettempdir()) / "shots")


@pytest.mark.parametrize("prefix", LANGUAGES, ids=["en", "zh-hant", "zh-hans"])
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_public_pages_fit_the_screen_without_horizontal_scrolling(site, request, prefix, viewport):
    """Every page fits a 390 px phone; screenshots are kept for people to look at."""
    page = request.getfixturevalue(viewport)
    SHOTS.mkdir(parents=True, exist_ok=True)
    overflowing = []
    for name, path in [
        ("home", "/"),
        ("list", "/exhibits/"),
        ("list-filtered", "/exhibits/?zone=smart-living&zone=smart-mobility&q=digital"),
        ("detail", "/exhibits/railway-digital-twin/"),
        ("zone", "/zones/smart-living/"),
        ("departments", "/departments/"),
        ("awards", "/awards/"),
        ("404", "/exhibits/not-published/"),
    ]:
        page.goto(f"{site.url}{prefix}{path}")
        page.wait_for_load_state("load")
        fits = page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        )
        if not fits:
            overflowing.append(path)
        language = prefix.strip("/") or "en"
        page.screenshot(path=SHOTS / f"{viewport}-{language}-{name}.png", full_page=True)
    assert overflowing == []

# Chinese text uses full-width punctuation on purpose.
# ruff: noqa: RUF001
"""At the fair, in Chromium: the floor plan and What's on have no axe WCAG 2.2 AA
violation in any language, fit a phone, and a visitor finds a booth from its exhibit."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests import factories
from tests.browser.test_accessibility import LANGUAGES, SHOTS, TAGS
from tests.factories import hkt

PAGES = [
    "/floor-plan/",
    "/floor-plan/?booth=M01#booth-M01",
    "/floor-plan/?booth=Z99",
    "/whats-on/",
    "/exhibits/railway-digital-twin/",
]

_axe = Axe()


@pytest.fixture
def fair_site(site):
    """The browser catalogue with booths in two zones (one free, one demo) and
    demonstrations on two days."""
    edition, zones, exhibits = site.edition, site.zones, site.exhibits
    living = factories.BoothFactory(
        zone=zones["smart-living"], edition=edition, code="L01", is_demo=True
    )
    factories.BoothFactory(zone=zones["smart-living"], edition=edition, code="L02")
    exhibits["iam-smart"].booth = living
    exhibits["iam-smart"].save(update_fields=["booth"])
    for exhibit, starts in (
        (exhibits["iam-smart"], hkt(2025, 4, 13, 10, 30)),
        (exhibits["railway-digital-twin"], hkt(2025, 4, 13, 11, 0)),
        (exhibits["tumbler-inspection-robot"], hkt(2025, 4, 15, 14, 0)),
    ):
        factories.DemoSessionFactory(
            exhibit=exhibit,
            starts_at=starts,
            title_en=f"Live demonstration: {exhibit.title_en}",
            title_zh_hant=f"現場示範：{exhibit.title_zh_hant}",
        )
    return site


@pytest.mark.parametrize("prefix", LANGUAGES, ids=["en", "zh-hant", "zh-hans"])
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_fair_pages_have_no_axe_violations_and_fit_the_screen(fair_site, request, prefix, viewport):
    page = request.getfixturevalue(viewport)
    SHOTS.mkdir(parents=True, exist_ok=True)
    failures = {}
    overflowing = []
    for index, path in enumerate(PAGES):
        page.goto(f"{fair_site.url}{prefix}{path}")
        page.wait_for_load_state("load")
        results = _axe.run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
        if results.violations_count:
            failures[path] = results.generate_report()
        if not page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        ):
            overflowing.append(path)
        language = prefix.strip("/") or "en"
        page.screenshot(path=SHOTS / f"{viewport}-{language}-fair-{index}.png", full_page=True)
    assert failures == {}
    assert overflowing == []


def test_visitor_goes_from_an_exhibit_to_its_booth_on_the_floor_plan(fair_site, phone):
    phone.goto(f"{fair_site.url}/exhibits/railway-digital-twin/")
    assert phone.get_by_text("You are looking for booth M01").is_visible()

    phone.get_by_role("link", name="See it on the full floor plan").click()
    phone.wait_for_url("**/floor-plan/?booth=M01#booth-M01")

    booth = phone.locator("#booth-M01")
    assert booth.get_attribute("aria-current") == "location"
    # Highlighted by a thick outline, not by colour alone.
    assert booth.locator("rect").evaluate("r => getComputedStyle(r).strokeWidth") == "5px"
    assert phone.get_by_text("Demo site: these booth positions are a sample layout").is_visible()

    phone.get_by_role("link", name="Booth L01: iAM Smart").click()
    phone.wait_for_url("**/exhibits/iam-smart/")
    assert phone.get_by_role("heading", level=1).inner_text() == "iAM Smart"


def test_keyboard_reaches_each_booth_link_with_a_visible_focus(fair_site, desktop):
    desktop.goto(f"{fair_site.url}/floor-plan/")
    booth = desktop.get_by_role("link", name="Booth M01: Railway digital twin")

    booth.focus()

    assert desktop.evaluate("document.activeElement.id") == "booth-M01"
    assert booth.locator("rect").evaluate("r => getComputedStyle(r).strokeWidth") == "5px"


def test_whats_on_links_each_demonstration_to_its_exhibit_and_booth(fair_site, phone):
    phone.goto(f"{fair_site.url}/zh-hant/whats-on/")

    phone.get_by_role("link", name="鐵路數碼孿生").first.click()

    phone.wait_for_url("**/zh-hant/exhibits/railway-digital-twin/")
    phone.go_back()
    phone.get_by_role("link", name="展位 M01").first.click()
    phone.wait_for_url("**/zh-hant/floor-plan/?booth=M01#booth-M01")

"""axe-core finds no WCAG 2.2 AA violation on the portal's pages, in every language; and
the exhibit form stacks its language columns on a phone without horizontal scrolling."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from exhibits.models import ExhibitComment
from tests import factories
from tests.browser.test_portal_flow import PASSWORD

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
LANGUAGES = ["", "/zh-hant", "/zh-hans"]
_axe = Axe()


@pytest.fixture
def portal(live_server, transactional_db, settings):
    settings.PAVILION_SITE_URL = live_server.url
    edition = factories.EditionFactory(slug="innoex-2025", is_current=True)
    zone = factories.ZoneFactory(edition=edition, slug="smart-living", name_en="Smart Living")
    department = factories.DepartmentFactory(name_en="Drainage Services Department")
    coordinator = factories.MembershipFactory(
        department=department, role="coordinator", user__username="dsd.coordinator"
    ).user
    curator = factories.CuratorFactory()
    exhibit = factories.ExhibitFactory(
        edition=edition,
        lead_department=department,
        proposed_zone=zone,
        title_en="Smart Drainage Monitoring",
        title_zh_hant="智慧渠務監測",
        summary_zh_hant=None,
    )
    factories.ExhibitLinkFactory(exhibit=exhibit)
    factories.ExhibitImageFactory(exhibit=exhibit)
    ExhibitComment.objects.create(exhibit=exhibit, author=curator, body="Hi", by_curator=True)
    return {"url": live_server.url, "exhibit": exhibit, "coordinator": coordinator}


def sign_in(page, base):
    page.goto(f"{base}/portal/login/")
    page.get_by_label("Username").fill("dsd.coordinator")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/portal/")


@pytest.mark.parametrize("prefix", LANGUAGES, ids=["en", "zh-hant", "zh-hans"])
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_portal_pages_have_no_axe_violations_and_fit_the_screen(portal, request, prefix, viewport):
    page = request.getfixturevalue(viewport)
    base, pk = portal["url"], portal["exhibit"].pk
    sign_in(page, base)
    failures, overflowing = {}, []
    for name, path in [
        ("login", "/portal/login/?next=/portal/"),
        ("dashboard", "/portal/"),
        ("new", "/portal/exhibits/new/"),
        ("detail", f"/portal/exhibits/{pk}/"),
        ("edit", f"/portal/exhibits/{pk}/edit/"),
        ("preview", f"/portal/exhibits/{pk}/preview/"),
        ("withdraw", f"/portal/exhibits/{pk}/withdraw/"),
        ("delete", f"/portal/exhibits/{pk}/delete/"),
    ]:
        page.goto(f"{base}{prefix}{path}")
        page.wait_for_load_state("load")
        results = _axe.run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
        if results.violations_count:
            failures[name] = results.generate_report()
        if not page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        ):
            overflowing.append(name)
    # A refused save shows its errors accessibly too.
    page.goto(f"{base}{prefix}/portal/exhibits/new/")
    page.locator("form.exhibit-form button[type=submit]").click()
    page.wait_for_load_state("load")
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
    if results.violations_count:
        failures["new-with-errors"] = results.generate_report()

    assert failures == {}
    assert overflowing == []


def test_exhibit_form_columns_side_by_side_on_desktop_stacked_on_phone(portal, desktop, phone):
    boxes = {}
    for name, page in [("desktop", desktop), ("phone", phone)]:
        sign_in(page, portal["url"])
        page.goto(f"{portal['url']}/portal/exhibits/{portal['exhibit'].pk}/edit/")
        en = page.locator("#id_title_en").bounding_box()
        hant = page.locator("#id_title_zh_hant").bounding_box()
        boxes[name] = (en, hant)

    en, hant = boxes["desktop"]
    assert hant["x"] > en["x"] + en["width"] and abs(hant["y"] - en["y"]) < 5
    en, hant = boxes["phone"]
    assert abs(hant["x"] - en["x"]) < 5 and hant["y"] > en["y"] + en["height"]

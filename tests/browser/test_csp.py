"""The Content-Security-Policy in a real browser: the API documentation (Redoc, Swagger UI)
and the Django admin (change form, autocomplete, calendar) work, and Chromium reports no
violation but the one expected (Redoc's footer logo, an image on a CDN).
"""

from __future__ import annotations

import pytest

from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""
PASSWORD = "a-long-curator-password-2025"


@pytest.fixture
def watched(desktop):
    desktop.add_init_script(RECORD_VIOLATIONS)
    return desktop


def violations(page) -> list[str]:
    return page.evaluate("window.__violations")


def test_csp_redoc_renders_with_its_styles(live_server, watched):
    watched.goto(f"{live_server.url}/api/redoc/")
    heading = watched.locator("h1", has_text="Smart Hong Kong Pavilion API")
    heading.wait_for()
    # Redoc's styled components applied: the menu is laid out beside the content.
    menu = watched.locator(".menu-content").bounding_box()
    assert menu is not None
    assert menu["x"] == 0
    assert violations(watched) == ["img-src https://cdn.redoc.ly/redoc/logo-mini.svg"]


def test_csp_swagger_ui_renders(live_server, watched):
    watched.goto(f"{live_server.url}/api/docs/")
    watched.locator(".swagger-ui .info .title", has_text="Smart Hong Kong Pavilion API").wait_for()
    watched.locator(".opblock-summary-path", has_text="/api/v1/exhibits/").first.wait_for()
    assert violations(watched) == []


def test_csp_admin_change_form_autocomplete_and_calendar_work(live_server, watched):
    edition = factories.EditionFactory(is_current=True)
    zone = factories.ZoneFactory(edition=edition, slug="smart-living")
    exhibit = factories.PublishedExhibitFactory(edition=edition, zone=zone, slug="iam-smart")
    factories.DepartmentFactory(name_en="Hong Kong Observatory")
    curator = factories.CuratorFactory(is_superuser=True, is_staff=True)
    curator.set_password(PASSWORD)
    curator.save()

    watched.goto(f"{live_server.url}/admin/login/?next=/admin/")
    watched.fill("#id_username", curator.username)
    watched.fill("#id_password", PASSWORD)
    watched.click("input[type=submit]")
    watched.wait_for_url(f"{live_server.url}/admin/")

    watched.goto(f"{live_server.url}/admin/exhibits/exhibit/{exhibit.pk}/change/")
    watched.click("#select2-id_lead_department-container")
    option = watched.locator(".select2-results__option", has_text="Hong Kong Observatory")
    option.wait_for()

    watched.goto(f"{live_server.url}/admin/pavilion/edition/{edition.pk}/change/")
    watched.locator(".datetimeshortcuts a").nth(1).click()  # the calendar icon
    assert watched.locator(".calendarbox").first.is_visible()
    assert violations(watched) == []

"""What a curator sees in the back-office, in Chromium on a 1366 x 768 laptop screen: the
review queue with both kinds of waiting items and no sideways scrolling, the exhibit's
change form without sideways scrolling, "View on site" only where the public can look,
and a sentence after each workflow button."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from exhibits.models import Exhibit, ExhibitRevision
from tests import factories
from tests.browser.test_portal_flow import (  # noqa: F401  (browser_for is a fixture)
    admin_sign_in,
    browser_for,
)

LAPTOP = {"width": 1366, "height": 768}


@pytest.fixture
def review(live_server, transactional_db, settings):
    settings.PAVILION_SITE_URL = live_server.url
    edition = factories.EditionFactory(slug="innoex-2025", is_current=True)
    living = factories.ZoneFactory(edition=edition, slug="smart-living", name_en="Smart Living")
    department = factories.DepartmentFactory(
        slug="emsd", name_en="Electrical and Mechanical Services Department", abbreviation="EMSD"
    )
    now = timezone.now()
    waiting = factories.ExhibitFactory(
        edition=edition,
        lead_department=department,
        proposed_zone=living,
        status="in_review",
        slug="lift-monitoring",
        title_en="Lift and escalator monitoring with a long title that wraps on a laptop screen",
        title_zh_hant="升降機及自動梯監察",
        summary_en="Sensors " * 60,
        status_changed_at=now - dt.timedelta(days=2),
    )
    waiting.partner_departments.set(factories.DepartmentFactory.create_batch(3))
    # A row in each tabular inline: links, prizes and demonstrations have a column per
    # language, and these rows made the form wider than a laptop screen.
    factories.ExhibitLinkFactory(exhibit=waiting, url="https://www.emsd.gov.hk/en/" + "x" * 80)
    factories.RecognitionFactory(exhibit=waiting)
    factories.DemoSessionFactory(exhibit=waiting)
    published = factories.PublishedExhibitFactory(
        edition=edition, lead_department=department, zone=living, title_en="Chiller plant twin"
    )
    changes = ExhibitRevision.objects.create(
        exhibit=published,
        number=1,
        status="submitted",
        base_version=published.version,
        submitted_at=now - dt.timedelta(days=4),
    )
    factories.CuratorFactory(username="dpo.curator")
    return {"url": live_server.url, "waiting": waiting, "changes": changes, "zone": living}


SIDEWAYS_SCROLLERS = """() => {
  const found = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) found.push("page");
  for (const el of document.querySelectorAll("body *")) {
    const style = getComputedStyle(el);
    const scrolls = ["auto", "scroll"].includes(style.overflowX);
    if (scrolls && el.scrollWidth > el.clientWidth + 1) {
      const classes = typeof el.className === "string" ? el.className.trim() : "";
      found.push(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
        + (classes ? "." + classes.split(/ +/).join(".") : ""));
    }
  }
  return found;
}"""


def sideways_scrolling(page) -> list[str]:
    """The page, or the boxes on it, that scroll sideways (a person must scroll to read)."""
    return page.evaluate(SIDEWAYS_SCROLLERS)


def test_review_queue_lists_exhibits_and_changes_without_sideways_scrolling(
    review,
    browser_for,  # noqa: F811
):
    curator = browser_for(LAPTOP)
    admin_sign_in(curator, review["url"], "dpo.curator")

    curator.get_by_role("link", name="Review queue: 2 wait for a decision").click()

    rows = curator.locator(".review-queue-table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Chiller plant twin")
    expect(rows.nth(0)).to_contain_text("Changes #1 submitted")
    expect(rows.nth(1)).to_contain_text("Lift and escalator monitoring")
    expect(rows.nth(1)).to_contain_text("In review")
    assert sideways_scrolling(curator) == []

    rows.nth(0).get_by_role("link").click()
    expect(curator.locator(".field-exhibit_link")).to_contain_text("Chiller plant twin")


def test_exhibit_change_form_fits_a_laptop_and_hides_view_on_site_until_published(
    review,
    browser_for,  # noqa: F811
):
    base, exhibit = review["url"], review["waiting"]
    curator = browser_for(LAPTOP)
    admin_sign_in(curator, base, "dpo.curator")

    curator.goto(f"{base}/admin/exhibits/exhibit/{exhibit.pk}/change/")

    expect(curator.locator("#exhibit_form")).to_be_visible()
    assert sideways_scrolling(curator) == []
    expect(curator.get_by_role("link", name="View on site")).to_have_count(0)

    # Approve, then publish: the proposed zone carries over; a sentence says what happened.
    curator.locator(".review-actions").get_by_role("button", name="Approve").click()
    expect(curator.locator(".messagelist .success")).to_have_text(
        f"“{exhibit.title_en}” is approved. Its zone is Smart Living, as its department proposed."
    )
    curator.locator(".review-actions").get_by_role("button", name="Publish").click()
    expect(curator.locator(".messagelist .success")).to_have_text(
        f"“{exhibit.title_en}” is published."
    )
    assert sideways_scrolling(curator) == []

    view = curator.get_by_role("link", name="View on site")
    expect(view).to_have_attribute("href", "/exhibits/lift-monitoring/")
    view.click()
    expect(curator.locator("h1")).to_have_text(exhibit.title_en)
    assert Exhibit.objects.get(pk=exhibit.pk).zone == review["zone"]

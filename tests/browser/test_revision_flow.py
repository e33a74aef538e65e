"""The round trip of a change to a published exhibit, in Chromium: the coordinator edits it
in the portal and submits the changes, the public page stays as published, a curator
approves them in the admin, and a visitor then sees the change."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from exhibits.models import Exhibit, ExhibitRevision
from tests import factories
from tests.browser.test_portal_flow import (  # noqa: F401  (browser_for is a fixture)
    admin_sign_in,
    browser_for,
    portal_sign_in,
)
from tests.exhibits.revision_scene import build_scene
from tests.factories import EditionFactory

NEW_SUMMARY = "Sensors in the drains warn three hours before floods."


@pytest.fixture
def published(live_server, transactional_db, settings):
    settings.PAVILION_SITE_URL = live_server.url
    edition = EditionFactory(slug="innoex-2025", is_current=True)
    scene = build_scene(edition=edition)
    scene.url = live_server.url
    return scene


def test_change_to_a_published_exhibit_round_trip(published, browser_for):  # noqa: F811
    base = published.url
    exhibit = published.exhibit
    public = f"{base}/exhibits/{exhibit.slug}/"

    visitor = browser_for()
    visitor.goto(public)
    expect(visitor.locator(".exhibit-summary")).to_have_text(exhibit.summary_en)
    live_html = visitor.content()

    # The coordinator proposes changes: a new summary and a new first image.
    coordinator = browser_for()
    portal_sign_in(coordinator, base, "dsd.coordinator")
    coordinator.get_by_role("link", name="Propose changes").first.click()
    expect(coordinator.locator("#changes")).to_be_visible()
    coordinator.locator("#changes").get_by_role("link", name="Propose changes").click()
    expect(coordinator.locator("#revision-banner")).to_contain_text(
        "Changes to a published exhibit go live only after the pavilion team approves them."
    )
    coordinator.get_by_label("Summary (English)").fill(NEW_SUMMARY)
    # The first new row (the others wait under "Add another image").
    new_image = coordinator.locator("#images > .image-subform").last
    new_image.get_by_label("Image file").set_input_files(
        files=[
            {
                "name": "warning.jpg",
                "mimeType": "image/jpeg",
                "buffer": factories.jpeg_bytes(640, 400, (180, 40, 40)),
            }
        ]
    )
    new_image.get_by_label("Alternative text (English)").fill("A flood warning on a phone.")
    new_image.get_by_label("Alternative text (Traditional Chinese)").fill("手機上的水浸警告。")
    new_image.get_by_label("Order").fill("0")
    coordinator.get_by_role("button", name="Save changes").click()
    expect(coordinator.locator(".portal-message-success")).to_contain_text(
        "Your changes were saved."
    )
    diff = coordinator.locator("#changes .revision-diff")
    expect(diff.locator("ins").first).to_have_text(NEW_SUMMARY)
    expect(diff).to_contain_text("Image added (position 1)")
    coordinator.get_by_label("What changed and why (optional, for the pavilion team)").fill(
        "Earlier warnings since March."
    )
    coordinator.get_by_role("button", name="Submit changes for review").click()
    expect(coordinator.locator(".portal-message-success")).to_have_text(
        "Your changes were sent to the pavilion team for review."
    )
    revision = ExhibitRevision.objects.get()
    assert revision.status == ExhibitRevision.Status.SUBMITTED

    # Nothing changes for the public while the changes wait.
    visitor.goto(public)
    expect(visitor.locator(".exhibit-summary")).to_have_text(exhibit.summary_en)
    assert visitor.content() == live_html

    # A curator finds them from the exhibit's page and approves them.
    curator = browser_for()
    admin_sign_in(curator, base, "dpo.curator")
    curator.goto(f"{base}/admin/exhibits/exhibit/{exhibit.pk}/change/")
    curator.get_by_role("link", name="See the proposed changes").click()
    expect(curator.locator("#revision-diff")).to_contain_text(NEW_SUMMARY)
    expect(curator.locator("#revision-diff")).to_contain_text("A flood warning on a phone.")
    expect(
        curator.locator(".readonly").filter(has_text="Earlier warnings since March.")
    ).to_be_visible()
    curator.get_by_label("Message to the department").fill("Thank you, published.")
    curator.get_by_role("button", name="Approve and publish the changes").click()
    expect(curator.locator(".messagelist .success")).to_contain_text("Changes #1 approved")

    # The visitor now sees the change, the new image first.
    visitor.goto(public)
    expect(visitor.locator(".exhibit-summary")).to_have_text(NEW_SUMMARY)
    expect(visitor.locator("article.exhibit .gallery img").first).to_have_attribute(
        "alt", "A flood warning on a phone."
    )
    exhibit = Exhibit.objects.get(pk=exhibit.pk)
    assert (exhibit.summary_en, exhibit.images.count()) == (NEW_SUMMARY, 3)

    # The department reads the decision in the portal.
    coordinator.reload()
    expect(coordinator.locator(".revision-decision")).to_contain_text(
        "The pavilion team approved changes #1"
    )
    expect(coordinator.locator(".revision-decision")).to_contain_text("Thank you, published.")


@pytest.mark.parametrize("prefix", ["", "/zh-hant", "/zh-hans"], ids=["en", "zh-hant", "zh-hans"])
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_revision_pages_have_no_axe_violations_and_fit_the_screen(
    published, request, prefix, viewport
):
    from axe_playwright_python.sync_playwright import Axe

    from exhibits.revisions import revision_start, revision_update
    from tests.browser.test_portal_accessibility import TAGS

    exhibit = published.exhibit
    revision = revision_start(exhibit=exhibit, user=published.editor)
    revision_update(
        revision=revision,
        user=published.editor,
        data={"summary_en": NEW_SUMMARY},
        technologies=[published.technologies["ai"]],
    )
    page = request.getfixturevalue(viewport)
    portal_sign_in(page, published.url, "dsd.coordinator")
    axe = Axe()
    failures, overflowing = {}, []
    for name, path in [
        ("detail", f"/portal/exhibits/{exhibit.pk}/"),
        ("edit", f"/portal/exhibits/{exhibit.pk}/edit/"),
        ("preview", f"/portal/exhibits/{exhibit.pk}/preview/"),
        ("history", f"/portal/exhibits/{exhibit.pk}/history/"),
    ]:
        page.goto(f"{published.url}{prefix}{path}")
        page.wait_for_load_state("load")
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
        if results.violations_count:
            failures[name] = results.generate_report()
        if not page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        ):
            overflowing.append(name)

    assert failures == {}
    assert overflowing == []

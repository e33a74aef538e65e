"""The round trip in Chromium: a department drafts and submits, a curator reviews in the
admin, the department revises, the curator publishes, a visitor finds it under its zone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from exhibits.models import Exhibit
from tests import factories
from tests.browser.conftest import DESKTOP, PHONE, _page

PASSWORD = "correct horse battery"  # tests.factories.UserFactory's password
S = Exhibit.Status


@pytest.fixture
def pavilion(live_server, transactional_db, settings):
    settings.PAVILION_SITE_URL = live_server.url
    edition = factories.EditionFactory(slug="innoex-2025", is_current=True)
    zone = factories.ZoneFactory(
        edition=edition, slug="smart-living", name_en="Smart Living", name_zh_hant="智慧生活"
    )
    factories.ZoneFactory(edition=edition, slug="smart-mobility", name_en="Smart Mobility")
    department = factories.DepartmentFactory(
        slug="dsd", name_en="Drainage Services Department", name_zh_hant="渠務署"
    )
    factories.TechnologyFactory(slug="iot", name_en="Internet of Things")
    people = {
        "editor": factories.MembershipFactory(
            department=department, role="editor", user__username="dsd.editor"
        ).user,
        "coordinator": factories.MembershipFactory(
            department=department, role="coordinator", user__username="dsd.coordinator"
        ).user,
        "curator": factories.CuratorFactory(username="dpo.curator"),
    }
    return {"url": live_server.url, "zone": zone, "department": department, **people}


@pytest.fixture
def browser_for(chromium):
    """A separate browser (context) per person, so sessions never mix."""
    contexts = []

    def open_for(viewport=DESKTOP, **options):
        context, page = _page(chromium, viewport, **options)
        contexts.append(context)
        return page

    yield open_for
    for context in contexts:
        context.close()


def portal_sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/portal/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("h1")).to_have_text("Exhibits of Drainage Services Department")


def admin_sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#site-name")).to_be_visible()


def admin_action(page, base: str, exhibit: Exhibit, button: str, message: str = "") -> None:
    """Press a workflow button on the exhibit's admin page (confirming with a message)."""
    page.goto(f"{base}/admin/exhibits/exhibit/{exhibit.pk}/change/")
    page.locator(".review-actions").get_by_role("button", name=button).click()
    if message:
        page.get_by_label("Message to the department").fill(message)
        page.locator(".submit-row input[type=submit]").click()
    expect(page.locator(".messagelist .success")).to_contain_text(f"“{exhibit.title_en}”")


def test_exhibit_round_trip_from_draft_to_the_public_zone(pavilion, browser_for):
    base = pavilion["url"]

    # An editor drafts the exhibit in English and Traditional Chinese, with an image.
    editor = browser_for()
    portal_sign_in(editor, base, "dsd.editor")
    editor.get_by_role("link", name="New exhibit").click()
    editor.get_by_label("Title (English)").fill("Smart Drainage Monitoring")
    editor.get_by_label("Title (Traditional Chinese)").fill("智慧渠務監測")
    editor.get_by_label("Summary (English)").fill("Sensors in the drains warn before floods.")
    editor.get_by_label("Summary (Traditional Chinese)").fill("渠道感應器在水浸前發出警告。")
    editor.get_by_label("Description (English)").fill("Water levels are reported every minute.")
    editor.get_by_label("Description (Traditional Chinese)").fill("水位每分鐘回報一次。")
    editor.get_by_label("Proposed zone").select_option(label="Smart Living")
    editor.get_by_label("Internet of Things").check()
    new_image = editor.locator("#images > .image-subform").first
    new_image.get_by_label("Image file").set_input_files(
        files=[
            {
                "name": "sensor.jpg",
                "mimeType": "image/jpeg",
                "buffer": factories.jpeg_bytes(1200, 800),
            }
        ]
    )
    new_image.get_by_label("Alternative text (English)").fill("A water level sensor in a drain.")
    new_image.get_by_label("Alternative text (Traditional Chinese)").fill("渠道內的水位感應器。")
    new_image.get_by_label("Credit").fill("Drainage Services Department")
    editor.get_by_role("button", name="Save draft").click()
    expect(editor.locator(".portal-message-success")).to_have_text("The draft was created.")
    expect(editor.locator(".status-badge").first).to_have_text("Draft")
    # Editors prepare; only the coordinator submits.
    expect(editor.get_by_role("button", name="Submit")).to_have_count(0)
    exhibit = Exhibit.objects.get()
    assert (exhibit.title_zh_hant, exhibit.images.count()) == ("智慧渠務監測", 1)

    # The coordinator previews it as the public will see it, then submits.
    coordinator = browser_for(PHONE, is_mobile=True, has_touch=True)
    portal_sign_in(coordinator, base, "dsd.coordinator")
    coordinator.get_by_role("link", name="Smart Drainage Monitoring", exact=True).click()
    coordinator.get_by_role("link", name="Preview the public page").click()
    expect(coordinator.locator(".preview-banner")).to_contain_text("It is not public")
    expect(coordinator.locator("article.exhibit h1")).to_have_text("Smart Drainage Monitoring")
    expect(coordinator.locator("article.exhibit .gallery img")).to_have_attribute(
        "alt", "A water level sensor in a drain."
    )
    coordinator.get_by_role("link", name="繁體中文").click()
    expect(coordinator.locator("article.exhibit h1")).to_have_text("智慧渠務監測")
    coordinator.get_by_role("link", name="返回入口網站的展品").click()
    coordinator.get_by_role("link", name="English").click()
    coordinator.get_by_role("button", name="Submit").click()
    expect(coordinator.locator(".portal-message-success")).to_have_text(
        "The exhibit was submitted to the pavilion team."
    )
    exhibit.refresh_from_db()
    assert exhibit.status == S.SUBMITTED

    # A curator starts the review and requests changes in the admin.
    curator = browser_for()
    admin_sign_in(curator, base, "dpo.curator")
    admin_action(curator, base, exhibit, "Start review")
    admin_action(
        curator,
        base,
        exhibit,
        "Request changes…",
        message="Please say when the live demonstrations run.",
    )
    exhibit.refresh_from_db()
    assert exhibit.status == S.CHANGES_REQUESTED

    # The coordinator reads the request, revises and resubmits.
    coordinator.reload()
    expect(coordinator.locator(".change-request")).to_contain_text(
        "Please say when the live demonstrations run."
    )
    coordinator.get_by_role("link", name="Edit", exact=True).click()
    coordinator.locator("#row-demo_notes").get_by_label("Demonstration notes (English)").fill(
        "Live demonstrations at 11:00 and 15:00 every day."
    )
    coordinator.locator("#row-demo_notes").get_by_label(
        "Demonstration notes (Traditional Chinese)"
    ).fill("每日 11:00 及 15:00 現場示範。")
    coordinator.get_by_role("button", name="Save", exact=True).click()
    expect(coordinator.locator(".portal-message-success")).to_have_text("Your changes were saved.")
    coordinator.get_by_label("What did you change? (optional, for the pavilion team)").fill(
        "Added the demonstration times."
    )
    coordinator.get_by_role("button", name="Resubmit").click()
    expect(coordinator.locator(".portal-message-success")).to_have_text(
        "The exhibit was submitted again to the pavilion team."
    )

    # The curator sets the zone, approves and publishes.
    admin_action(curator, base, exhibit, "Start review")
    admin_action(curator, base, exhibit, "Approve")
    curator.goto(f"{base}/admin/exhibits/exhibit/{exhibit.pk}/change/")
    curator.locator("#id_zone").select_option(value=str(pavilion["zone"].pk))
    curator.get_by_role("button", name="Save and continue editing").click()
    expect(curator.locator(".messagelist .success")).to_be_visible()
    admin_action(curator, base, exhibit, "Publish")
    exhibit.refresh_from_db()
    assert (exhibit.status, exhibit.zone) == (S.PUBLISHED, pavilion["zone"])

    # A visitor finds it under its zone, with the revised text.
    visitor = browser_for(PHONE, is_mobile=True, has_touch=True)
    visitor.goto(f"{base}/zones/smart-living/")
    visitor.get_by_role("link", name="Smart Drainage Monitoring").click()
    expect(visitor).to_have_url(f"{base}/exhibits/smart-drainage-monitoring/")
    expect(visitor.locator("h1")).to_have_text("Smart Drainage Monitoring")
    expect(visitor.locator("article.exhibit")).to_contain_text(
        "Live demonstrations at 11:00 and 15:00 every day."
    )
    history = [
        (r.status, r.history_user.username if r.history_user else None)
        for r in (exhibit.history.order_by("history_id"))
    ]
    assert [status for status, _user in history] == [
        S.DRAFT,
        S.SUBMITTED,
        S.IN_REVIEW,
        S.CHANGES_REQUESTED,
        S.CHANGES_REQUESTED,
        S.SUBMITTED,
        S.IN_REVIEW,
        S.APPROVED,
        S.APPROVED,
        S.PUBLISHED,
    ]

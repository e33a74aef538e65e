"""The portal's forms as a coordinator meets them, in Chromium without JavaScript: a
refused save keeps what was typed and says once, where focus lands, what to do (the photo
must be chosen again); several links and images per save; partners ticked, not
Ctrl-clicked; withdrawing and deleting ask first."""

from __future__ import annotations

from playwright.sync_api import expect

from exhibits.models import Exhibit
from tests import factories
from tests.browser.conftest import DESKTOP
from tests.browser.test_portal_flow import (  # noqa: F401  (fixtures)
    browser_for,
    pavilion,
    portal_sign_in,
)

S = Exhibit.Status


def photo(name: str) -> dict:
    return {"name": name, "mimeType": "image/jpeg", "buffer": factories.jpeg_bytes(800, 600)}


def test_refused_new_exhibit_keeps_entries_and_asks_for_the_photo_again(
    pavilion,  # noqa: F811
    browser_for,  # noqa: F811
):
    base = pavilion["url"]
    factories.DepartmentFactory(name_en="Hong Kong Observatory", abbreviation="HKO")
    page = browser_for(DESKTOP, java_script_enabled=False)
    portal_sign_in(page, base, "dsd.coordinator")
    page.get_by_role("link", name="New exhibit").click()

    # Optional rows carry no "(required)"; partners are ticked.
    expect(page.locator("#links .required")).to_have_count(0)
    expect(page.locator("#images .required")).to_have_count(0)
    page.get_by_label("Title (Traditional Chinese)").fill("智慧渠務監測")
    page.get_by_label("Hong Kong Observatory (HKO)").check()
    page.locator("#id_links-0-url").fill("https://www.dsd.gov.hk/")
    page.locator("#id_links-0-label_en").fill("Drainage Services Department")
    page.locator("#links").get_by_text("Add another link").first.click()
    page.locator("#id_links-1-url").fill("https://www.hko.gov.hk/")
    page.locator("#id_links-1-label_en").fill("Hong Kong Observatory")
    page.locator("#id_images-0-upload").set_input_files(files=[photo("sensor.jpg")])
    page.locator("#id_images-0-alt_text_en").fill("A sensor in a drain.")
    page.get_by_role("button", name="Save draft").click()  # no English title: refused

    summary = page.locator("#form-errors")
    expect(summary).to_be_focused()
    expect(page.locator(".notice-error, .portal-message-error")).to_have_count(1)
    expect(summary).to_contain_text("Nothing was saved: 1 field needs attention")
    expect(summary).to_contain_text(
        "The image file you chose (sensor.jpg) was not kept: choose it again before saving."
    )
    expect(summary).not_to_contain_text("reload the page")
    expect(page.get_by_label("Title (Traditional Chinese)")).to_have_value("智慧渠務監測")
    expect(page.get_by_label("Hong Kong Observatory (HKO)")).to_be_checked()
    expect(page.locator("#id_links-1-url")).to_have_value("https://www.hko.gov.hk/")
    expect(page.locator("#id_images-0-alt_text_en")).to_have_value("A sensor in a drain.")

    page.get_by_label("Title (English)").fill("Smart Drainage Monitoring")
    page.locator("#id_images-0-upload").set_input_files(files=[photo("sensor.jpg")])
    page.get_by_role("button", name="Save draft").click()

    expect(page.locator(".portal-message-success")).to_have_text("The draft was created.")
    exhibit = Exhibit.objects.get()
    assert sorted(exhibit.links.values_list("label_en", flat=True)) == [
        "Drainage Services Department",
        "Hong Kong Observatory",
    ]
    assert list(exhibit.partner_departments.values_list("abbreviation", flat=True)) == ["HKO"]
    assert exhibit.images.count() == 1


def test_withdraw_and_delete_ask_first(pavilion, browser_for):  # noqa: F811
    base = pavilion["url"]
    exhibit = factories.ExhibitFactory(
        edition=pavilion["zone"].edition,
        lead_department=pavilion["department"],
        title_en="Made by mistake",
    )
    page = browser_for(DESKTOP, java_script_enabled=False)
    portal_sign_in(page, base, "dsd.coordinator")
    page.get_by_role("link", name="Made by mistake", exact=True).click()

    page.get_by_role("link", name="Withdraw…").click()
    expect(page.locator("h1")).to_have_text("Withdraw “Made by mistake”?")
    page.get_by_role("link", name="No, keep it").click()
    exhibit.refresh_from_db()
    assert exhibit.status == S.DRAFT

    page.get_by_role("link", name="Delete draft…").click()
    expect(page.locator("h1")).to_have_text("Delete the draft “Made by mistake”?")
    page.get_by_role("button", name="Yes, delete the draft").click()

    expect(page.locator(".portal-message-success")).to_have_text(
        "The draft “Made by mistake” was deleted."
    )
    assert not Exhibit.objects.filter(pk=exhibit.pk).exists()

"""What a visitor sees at the edges: 200 % text on a phone, the first screen of the exhibit
list, card and main images, the site icon, and Chinese pages' QR codes."""

from __future__ import annotations

import io

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect

from tests import factories

LANGUAGES = ["", "/zh-hant", "/zh-hans"]
PAGES = ["/", "/exhibits/", "/exhibits/railway-digital-twin/"]

# What sticks out past the right edge of the screen (named, so a failure says what).
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  return Array.from(document.querySelectorAll("body *"))
    .filter((el) => el.getBoundingClientRect().right > width + 0.5)
    .filter((el) => !el.closest(".visually-hidden, .skip-link"))
    .map((el) => [el.parentElement.className, el.tagName.toLowerCase(), el.className,
                  el.textContent.trim().slice(0, 30)].join(" "));
}"""
# How many lines each language name takes.
LANGUAGE_NAME_LINES = """() => Array.from(
  document.querySelectorAll(".language-switch a")
).map((a) => {
  const range = document.createRange();
  range.selectNodeContents(a);
  return new Set(Array.from(range.getClientRects()).map((rect) => Math.round(rect.top))).size;
})"""


def double_text_size(page) -> None:
    """Text at 200 %, as a browser's text-size setting makes it (the root font size; the
    stylesheet sizes everything in rem and em). Set through the CSSOM: the CSP forbids
    inline style."""
    page.evaluate("document.documentElement.style.fontSize = '200%'")


@pytest.mark.parametrize("prefix", LANGUAGES)
@pytest.mark.parametrize("path", PAGES)
def test_no_horizontal_scroll_at_200_percent_text_on_a_phone(site, phone, prefix, path):
    page = phone
    page.goto(f"{site.url}{prefix}{path}")
    page.wait_for_load_state("load")
    double_text_size(page)

    assert page.evaluate(OVERFLOWING) == []
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    assert page.evaluate(LANGUAGE_NAME_LINES) == [1, 1, 1]


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_exhibit_list_first_result_is_on_the_first_screen_of_a_phone(site, phone, prefix):
    page = phone
    page.goto(f"{site.url}{prefix}/exhibits/")
    page.wait_for_load_state("load")

    first = page.locator("#results .card").first.bounding_box()
    assert first["y"] + first["height"] <= 844  # the whole first card
    # The filters are one tap away, zones first.
    panel = page.locator("details.filter-panel")
    expect(panel).not_to_have_attribute("open", "")
    panel.locator("> summary").click()
    expect(panel.locator("input").first).to_have_attribute("name", "zone")
    expect(panel.locator("input").first).to_be_visible()


def test_exhibit_list_filters_stay_open_on_a_wide_screen(site, desktop):
    page = desktop
    page.goto(f"{site.url}/exhibits/")

    expect(page.locator("details.filter-panel")).to_have_attribute("open", "")
    expect(page.locator("details.filter-panel > summary")).to_be_hidden()
    expect(page.get_by_label("Smart Living")).to_be_visible()


@pytest.mark.parametrize("browser_page", ["phone", "desktop"])
def test_card_images_show_the_whole_cover(site, request, browser_page):
    page = request.getfixturevalue(browser_page)
    page.goto(f"{site.url}/exhibits/")
    page.wait_for_load_state("load")

    shapes = page.locator("#results .card-media img").evaluate_all(
        """imgs => imgs.map((img) => [
          Math.round(100 * img.clientWidth / img.clientHeight),
          Math.round(100 * img.naturalWidth / img.naturalHeight),
        ])"""
    )
    assert len(shapes) == 4
    assert all(abs(shown - natural) <= 2 for shown, natural in shapes), shapes


def test_exhibit_main_image_is_loaded_first(site, phone):
    page = phone
    page.goto(f"{site.url}/exhibits/railway-digital-twin/")
    page.wait_for_load_state("load")

    image = page.locator(".gallery img").first
    expect(image).to_have_attribute("loading", "eager")
    expect(image).to_have_attribute("fetchpriority", "high")
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")


def test_site_icon_answers_and_is_linked(site, desktop):
    page = desktop
    page.goto(f"{site.url}/exhibits/")

    hrefs = page.locator('link[rel="icon"], link[rel="apple-touch-icon"]').evaluate_all(
        "links => links.map((link) => link.href)"
    )
    answers = [page.request.get(href) for href in [f"{site.url}/favicon.ico", *hrefs]]
    assert [a.status for a in answers] == [200, 200, 200, 200]
    assert [a.headers["content-type"].split(";")[0] for a in answers[2:]] == [
        "image/svg+xml",
        "image/png",
    ]


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_exhibit_qr_code_opens_the_page_in_its_language(site, desktop, prefix):
    page = desktop
    factories.DemoSessionFactory(exhibit=site.exhibits["railway-digital-twin"])
    page.goto(f"{site.url}{prefix}/exhibits/railway-digital-twin/")

    png = page.locator("svg.qr").screenshot()
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    address = f"{site.url}{prefix}/exhibits/railway-digital-twin/"
    assert [r.text for r in results] == [address]
    expect(page.locator(".qr-url")).to_have_text(address)
    expect(page.locator('a[type="text/calendar"]')).to_have_attribute(
        "href", f"{prefix}/exhibits/railway-digital-twin/demos.ics"
    )

"""A visitor on a phone: filters, opens an exhibit, switches language; and the keyboard."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect


def card_titles(page) -> list[str]:
    return page.locator("#results .card-title a").all_inner_texts()


def no_horizontal_scroll(page) -> bool:
    page.wait_for_load_state("load")  # measured with the stylesheet applied
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_visitor_filters_opens_an_exhibit_and_switches_language_on_a_phone(site, phone):
    page = phone
    page.goto(f"{site.url}/exhibits/")
    expect(page.locator("#results-heading")).to_have_text("4 exhibits")
    assert no_horizontal_scroll(page)

    # Open the filters (closed on a phone), filter by zone: the results update in place
    # and the address follows.
    page.get_by_text("Filter exhibits", exact=True).click()
    page.get_by_label("Smart Living").check()
    expect(page.locator("#results-heading")).to_have_text("2 exhibits")
    assert sorted(card_titles(page)) == ["AI weather prediction models", "iAM Smart"]
    expect(page).to_have_url(f"{site.url}/exhibits/?zone=smart-living")

    # Combine with a text search.
    page.get_by_label("Search titles, summaries and departments").fill("weather")
    expect(page.locator("#results-heading")).to_have_text("1 exhibit")
    assert card_titles(page) == ["AI weather prediction models"]
    expect(page).to_have_url(f"{site.url}/exhibits/?zone=smart-living&q=weather")
    expect(page.locator("#results-status")).to_have_text("1 exhibit")

    # Remove the search filter: back to the zone's two exhibits.
    page.get_by_role("link", name="Remove filter Search: weather").click()
    expect(page.locator("#results-heading")).to_have_text("2 exhibits")
    expect(page).to_have_url(f"{site.url}/exhibits/?zone=smart-living")
    expect(page.get_by_label("Search titles, summaries and departments")).to_have_value("")
    expect(page.get_by_label("Smart Living")).to_be_checked()

    # Open an exhibit.
    page.get_by_role("link", name="AI weather prediction models").click()
    expect(page).to_have_url(f"{site.url}/exhibits/ai-weather/")
    expect(page.locator("h1")).to_have_text("AI weather prediction models")
    assert no_horizontal_scroll(page)

    # Traditional Chinese, same page.
    page.get_by_role("link", name="繁體中文").click()
    expect(page).to_have_url(f"{site.url}/zh-hant/exhibits/ai-weather/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hant")
    expect(page.locator("h1")).to_have_text("人工智能天氣預測模型")
    assert no_horizontal_scroll(page)

    # Simplified Chinese, same page, converted and marked so.
    page.get_by_role("link", name="简体中文").click()
    expect(page).to_have_url(f"{site.url}/zh-hans/exhibits/ai-weather/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(page.locator("h1")).to_have_text("人工智能天气预测模型")
    expect(page.locator(".converted-note")).to_have_text(re.compile("繁体中文自动转换"))
    assert no_horizontal_scroll(page)


def test_filters_work_by_keyboard_alone(site, desktop):
    page = desktop
    page.goto(f"{site.url}/exhibits/")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    living = page.get_by_label("Smart Living")
    expect(living).to_be_focused()
    # A visible focus indicator on the control.
    outline = living.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Space")
    expect(page.locator("#results-heading")).to_have_text("2 exhibits")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Smart Mobility")).to_be_focused()
    page.keyboard.press("Space")
    expect(page.locator("#results-heading")).to_have_text("3 exhibits")

    # On to the search box (past the two other zones), type and press Enter.
    for _ in range(3):
        page.keyboard.press("Tab")
    search = page.get_by_label("Search titles, summaries and departments")
    expect(search).to_be_focused()
    page.keyboard.type("digital")
    page.keyboard.press("Enter")
    expect(page).to_have_url(
        f"{site.url}/exhibits/?zone=smart-living&zone=smart-mobility&q=digital"
    )
    assert sorted(card_titles(page)) == ["Railway digital twin", "iAM Smart"]

    # Open "More filters" and choose a department with the keyboard.
    page.keyboard.press("Tab")
    expect(page.locator(".more-filters summary")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    department = page.get_by_label("Department", exact=True)
    expect(department).to_be_focused()
    department.press("ArrowDown")  # "Digital Policy Office", the first department
    expect(page.locator("#results-heading")).to_have_text("1 exhibit")
    assert card_titles(page) == ["iAM Smart"]

    # Remove a filter from the results with the keyboard: focus lands on the heading.
    chip = page.get_by_role("link", name="Remove filter Department: Digital Policy Office")
    chip.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#results-heading")).to_have_text("2 exhibits")
    expect(page.locator("#results-heading")).to_be_focused()
    expect(page.get_by_label("Department", exact=True)).to_have_value("")


def test_filters_work_without_javascript(site, no_script):
    page = no_script
    page.goto(f"{site.url}/exhibits/")
    page.get_by_text("Filter exhibits", exact=True).click()  # a <details>: no script needed
    page.get_by_label("Smart Mobility").check()
    page.get_by_role("button", name="Show exhibits").click()
    expect(page.locator("#results-heading")).to_have_text("1 exhibit")
    assert card_titles(page) == ["Railway digital twin"]
    assert "zone=smart-mobility" in page.url
    page.get_by_role("link", name="Remove filter Zone: Smart Mobility").click()
    expect(page.locator("#results-heading")).to_have_text("4 exhibits")


@pytest.mark.parametrize("prefix", ["", "/zh-hant", "/zh-hans"])
def test_images_load_from_renditions(site, phone, prefix):
    page = phone
    page.goto(f"{site.url}{prefix}/exhibits/railway-digital-twin/")
    image = page.locator(".gallery img").first
    expect(image).to_have_attribute("loading", "eager")  # the main image, above the fold
    assert image.get_attribute("alt")
    current = image.evaluate("img => img.currentSrc")
    assert "/media/" in current and current.endswith(".webp")

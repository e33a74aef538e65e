"""My list and the site on the fair floor's weak signal, in Chromium.

The "Add to my list" toggles keep a list in the browser; /my-list/ shows it as a route and
shares it. The service worker keeps what a visitor opened readable with the network off,
and a content change reaches the kept copies on the next online visit.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.test_accessibility import LANGUAGES, TAGS

WORKER_READY = """async () => {
  const registration = await navigator.serviceWorker.ready;
  return registration.active ? registration.active.scriptURL : null;
}"""

# Resolves once the page is controlled by an activated worker whose caches hold ``version``.
CACHES_OF = """async (version) => {
  for (let i = 0; i < 100; i++) {
    const names = await caches.keys();
    if (names.includes("pavilion-pages-" + version) &&
        !names.some((n) => n.startsWith("pavilion-pages-") && n !== "pavilion-pages-" + version) &&
        navigator.serviceWorker.controller) {
      return names.sort();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return await caches.keys();
}"""

STORED = "() => JSON.parse(localStorage.getItem('pavilion:my-list') || '[]').map((i) => i.s)"


def toggle(page, title, label="Add to my list"):
    # The card's button names its exhibit (visually hidden): "Add to my list: <title>", with
    # the colon of the page's language (full-width on Chinese pages).
    colon = "[:\uff1a]"
    return page.get_by_role("button", name=re.compile(rf"^{label}\s*{colon}\s*{re.escape(title)}$"))


def route(page) -> list[str]:
    return page.locator("#my-list .card-title a").all_inner_texts()


def worker_version(page) -> str:
    from pavilion.cache import content_version

    return str(content_version())


def test_toggle_keeps_exhibits_and_my_list_shows_them_as_a_route(site, phone):
    page = phone
    page.goto(f"{site.url}/exhibits/")
    button = toggle(page, "Tumbler Inspection Ball Robot")
    expect(button).to_be_visible()
    expect(button).to_have_attribute("aria-pressed", "false")
    button.click()
    # The button is a toggle on the card: the page stays, the state changes.
    expect(page).to_have_url(f"{site.url}/exhibits/")
    expect(button).to_have_attribute("aria-pressed", "true")
    assert page.evaluate(STORED) == ["tumbler-inspection-robot"]

    # By keyboard, on an exhibit's own page.
    page.goto(f"{site.url}/exhibits/iam-smart/")
    header_toggle = page.locator(".exhibit-header .list-toggle")
    expect(header_toggle).to_have_accessible_name("Add to my list")
    header_toggle.focus()
    page.keyboard.press("Space")
    expect(header_toggle).to_have_attribute("aria-pressed", "true")
    page.goto(f"{site.url}/exhibits/railway-digital-twin/")
    page.locator(".exhibit-header .list-toggle").click()
    assert page.evaluate(STORED) == [
        "tumbler-inspection-robot",
        "iam-smart",
        "railway-digital-twin",
    ]

    # My list: the route through the zones (Smart Living, Smart Mobility, Smart People).
    page.get_by_role("link", name="See my list").click()
    expect(page).to_have_url(f"{site.url}/my-list/")
    expect(page.locator("#my-list .card")).to_have_count(3)
    assert route(page) == [
        "iAM Smart",
        "Railway digital twin",
        "Tumbler Inspection Ball Robot",
    ]
    share = f"{site.url}/my-list/?e=iam-smart,railway-digital-twin,tumbler-inspection-robot"
    expect(page.locator(".share-link a")).to_have_attribute("href", share)
    expect(page.locator("svg.qr")).to_be_visible()
    # Every card's toggle is pressed; a press takes the exhibit off the list.
    toggle(page, "iAM Smart").click()
    expect(toggle(page, "iAM Smart")).to_have_attribute("aria-pressed", "false")
    assert page.evaluate(STORED) == ["tumbler-inspection-robot", "railway-digital-twin"]
    page.reload()
    expect(page.locator("#my-list .card")).to_have_count(2)
    assert route(page) == ["Railway digital twin", "Tumbler Inspection Ball Robot"]

    # The shared link opens the same list on another phone, which may keep it.
    other = page.context.browser.new_context(viewport={"width": 390, "height": 844})
    try:
        friend = other.new_page()
        friend.goto(share)
        assert route(friend) == [
            "iAM Smart",
            "Railway digital twin",
            "Tumbler Inspection Ball Robot",
        ]
        friend.get_by_role("button", name="Keep this list on my phone").click()
        expect(friend.locator(".js-save-status")).to_have_text(
            "Kept: these exhibits are on your list."
        )
        assert friend.evaluate(STORED) == [
            "iam-smart",
            "railway-digital-twin",
            "tumbler-inspection-robot",
        ]
    finally:
        other.close()


def test_my_list_in_chinese_shares_the_chinese_page(site, phone):
    page = phone
    page.goto(f"{site.url}/zh-hant/exhibits/")
    toggle(page, "鐵路數碼孿生", label="加入我的清單").click()
    page.goto(f"{site.url}/zh-hant/my-list/")
    expect(page.locator("#my-list .card")).to_have_count(1)
    expect(page.locator(".share-link a")).to_have_attribute(
        "href", f"{site.url}/zh-hant/my-list/?e=railway-digital-twin"
    )


def test_my_list_without_javascript_shows_a_shared_list_and_no_toggles(site, no_script):
    page = no_script
    page.goto(f"{site.url}/my-list/?e=tumbler-inspection-robot,ai-weather")
    assert route(page) == ["AI weather prediction models", "Tumbler Inspection Ball Robot"]
    expect(page.locator(".list-toggle").first).to_be_hidden()
    page.goto(f"{site.url}/my-list/")
    # Playwright turns scripts off after parsing, so Chromium keeps <noscript> as text.
    assert "Keeping a list on this phone needs JavaScript." in (
        page.locator("#my-list noscript").inner_html()
    )


def test_offline_after_one_visit_the_list_an_exhibit_and_the_plan_are_readable(site, phone):
    page = phone
    context = page.context
    page.goto(f"{site.url}/")
    assert page.evaluate(WORKER_READY) == f"{site.url}/sw.js?lang=en"
    page.goto(f"{site.url}/exhibits/railway-digital-twin/")
    page.locator(".exhibit-header .list-toggle").click()
    page.goto(f"{site.url}/my-list/")
    expect(page.locator("#my-list .card")).to_have_count(1)

    context.set_offline(True)
    try:
        # The list: the page and its route, from the worker's copies.
        response = page.goto(f"{site.url}/my-list/")
        assert response.from_service_worker
        expect(page.locator("#my-list .card")).to_have_count(1)
        assert route(page) == ["Railway digital twin"]
        # The exhibit opened before.
        page.goto(f"{site.url}/exhibits/railway-digital-twin/")
        expect(page.locator("h1")).to_have_text("Railway digital twin")
        # The exhibit list, kept at install though only the home page was opened.
        page.goto(f"{site.url}/exhibits/")
        expect(page.locator("h1")).to_have_text("Exhibits")
        # An exhibit never opened: the offline page.
        page.goto(f"{site.url}/exhibits/ai-weather/")
        expect(page.locator("h1")).to_have_text("You are offline")
        # A list changed while offline: its exhibits as links, from the stored titles.
        toggle_state = page.evaluate(
            "localStorage.setItem('pavilion:my-list', JSON.stringify(["
            "{s: 'railway-digital-twin', t: 'Railway digital twin'},"
            "{s: 'ai-weather', t: 'AI weather prediction models'}]))"
        )
        assert toggle_state is None
        page.goto(f"{site.url}/my-list/")
        offline_list = page.locator(".js-offline-list")
        expect(offline_list).to_be_visible()
        assert offline_list.locator("a").all_inner_texts() == [
            "Railway digital twin",
            "AI weather prediction models",
        ]
    finally:
        context.set_offline(False)


@pytest.mark.parametrize("path", ["/floor-plan/", "/whats-on/"])
def test_offline_the_floor_plan_and_whats_on_are_kept_at_install(site, phone, path):
    page = phone
    if page.request.get(f"{site.url}{path}").status == 404:
        # To complete once the page exists here: h-fair builds it at this address.
        pytest.skip(f"{path} is not built on this branch yet (h-fair adds it)")
    page.goto(f"{site.url}/")
    page.evaluate(WORKER_READY)
    heading = page.request.get(f"{site.url}{path}").text().split("<h1", 1)[1]
    heading = re.sub(r"<[^>]+>", "", heading.split(">", 1)[1].split("</h1>", 1)[0]).strip()
    page.context.set_offline(True)
    try:
        response = page.goto(f"{site.url}{path}")
        assert response.from_service_worker
        expect(page.locator("h1")).to_have_text(heading)
    finally:
        page.context.set_offline(False)


def test_a_content_change_reaches_the_kept_pages_on_the_next_online_visit(site, phone):
    page = phone
    context = page.context
    page.goto(f"{site.url}/")
    page.evaluate(WORKER_READY)
    page.goto(f"{site.url}/exhibits/ai-weather/")
    expect(page.locator("h1")).to_have_text("AI weather prediction models")
    names = page.evaluate(CACHES_OF, worker_version(page))
    assert f"pavilion-pages-{worker_version(page)}" in names

    exhibit = site.exhibits["ai-weather"]
    exhibit.title_en = "AI weather and climate models"
    exhibit.save()  # commits on the live server's database: the version moves on

    # One online visit to any page: the browser finds a new worker, which fetches again
    # what the old one kept and drops the old copies.
    page.goto(f"{site.url}/awards/")
    names = page.evaluate(CACHES_OF, worker_version(page))
    assert [n for n in names if n.startswith("pavilion-pages-")] == [
        f"pavilion-pages-{worker_version(page)}"
    ]

    context.set_offline(True)
    try:
        page.goto(f"{site.url}/exhibits/ai-weather/")
        expect(page.locator("h1")).to_have_text("AI weather and climate models")
    finally:
        context.set_offline(False)


def test_service_worker_never_keeps_the_portal_or_the_admin(site, phone):
    page = phone
    page.goto(f"{site.url}/")
    page.evaluate(WORKER_READY)
    page.goto(f"{site.url}/portal/")
    page.goto(f"{site.url}/admin/login/")
    page.goto(f"{site.url}/exhibits/")
    kept = page.evaluate(
        """async () => {
          const urls = [];
          for (const name of await caches.keys()) {
            const cache = await caches.open(name);
            for (const request of await cache.keys()) urls.push(new URL(request.url).pathname);
          }
          return urls;
        }"""
    )
    assert "/exhibits/" in kept
    assert [url for url in kept if url.startswith(("/admin/", "/portal/", "/api/"))] == []


_axe = Axe()


@pytest.mark.parametrize("prefix", LANGUAGES, ids=["en", "zh-hant", "zh-hans"])
def test_my_list_pages_have_no_axe_violations(site, phone, prefix):
    page = phone
    failures = {}
    for path in [
        "/my-list/",
        "/my-list/?e=iam-smart,railway-digital-twin,tumbler-inspection-robot,gone",
        "/offline/",
        "/exhibits/iam-smart/",
    ]:
        page.goto(f"{site.url}{prefix}{path}")
        page.wait_for_load_state("load")
        results = _axe.run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
        if results.violations_count:
            failures[path] = results.generate_report()
    # The stored list, shown in place, with pressed toggles.
    page.goto(f"{site.url}{prefix}/exhibits/")
    page.locator(".list-toggle").first.click()
    page.goto(f"{site.url}{prefix}/my-list/")
    expect(page.locator("#my-list .card")).to_have_count(1)
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
    if results.violations_count:
        failures["stored list"] = results.generate_report()
    assert failures == {}

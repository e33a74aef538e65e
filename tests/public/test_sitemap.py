"""/sitemap.xml and /robots.txt."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
SITE = "https://pavilion.example.hk"


@pytest.fixture
def sitemap(client, catalogue, settings):
    settings.PAVILION_SITE_URL = SITE
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    entries = {}
    for url in root.findall("s:url", NS):
        loc = url.find("s:loc", NS).text
        entries[loc] = {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
    return entries


def test_sitemap_lists_public_pages_in_every_language(sitemap):
    paths = {loc.removeprefix(SITE) for loc in sitemap}
    pages = [
        "/",
        "/exhibits/",
        "/floor-plan/",
        "/whats-on/",
        "/departments/",
        "/awards/",
        "/zones/smart-living/",
        "/zones/smart-mobility/",
        "/zones/smart-environment/",
        "/zones/smart-people/",
        "/exhibits/ai-weather/",
        "/exhibits/iam-smart/",
        "/exhibits/railway-digital-twin/",
        "/exhibits/tumbler-inspection-robot/",
        "/departments/dpo/",
        "/departments/dsd/",
        "/departments/hko/",
        "/departments/hkust/",
        "/departments/mtr/",
    ]
    expected = set()
    for page in pages:
        expected |= {page, f"/zh-hant{page}", f"/zh-hans{page}"}
    assert paths == expected


def test_sitemap_entries_carry_hreflang_alternates(sitemap):
    assert sitemap[f"{SITE}/zh-hans/exhibits/iam-smart/"] == {
        "en": f"{SITE}/exhibits/iam-smart/",
        "zh-hant": f"{SITE}/zh-hant/exhibits/iam-smart/",
        "zh-hans": f"{SITE}/zh-hans/exhibits/iam-smart/",
        "x-default": f"{SITE}/exhibits/iam-smart/",
    }


def test_sitemap_never_lists_unpublished_or_earlier_edition_exhibits(sitemap):
    text = " ".join(sitemap)
    for slug in ["draft-kiosk", "submitted-kiosk", "approved-kiosk", "legacy-kiosk", "old-draft"]:
        assert slug not in text
    assert "/editions/" not in text


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_back_office(client, settings):
    settings.PAVILION_SITE_URL = SITE
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "User-agent: *\n"
        "Disallow: /admin/\n"
        "Disallow: /portal/\n"
        "Disallow: /zh-hant/portal/\n"
        "Disallow: /zh-hans/portal/\n"
        "\n"
        f"Sitemap: {SITE}/sitemap.xml\n"
    )

"""Booth signs printed by Chromium: one A4 page per sign, each QR code readable.

The zone's print job is printed to PDF (Playwright's page.pdf, as "Save as PDF" would),
rasterised with pdftoppm (poppler-utils) and every page's QR code decoded with zxing-cpp.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
import zxingcpp
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from PIL import Image

from tests import factories
from tests.conftest import require


@pytest.fixture
def signed_in(live_server, transactional_db, chromium):
    """A browser page signed in as a curator (session cookie from Django's test client)."""
    from pavilion.groups import ensure_groups

    ensure_groups()  # transactional tests flush the groups (TRAPS.md)
    client = Client()
    client.force_login(factories.CuratorFactory())
    context = chromium.new_context()
    context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_zone_signs_print_one_a4_page_each_with_a_readable_qr(
    signed_in, live_server, settings, tmp_path
):
    require(shutil.which("pdftoppm") is not None, "pdftoppm (poppler-utils) is not installed")
    settings.PAVILION_SITE_URL = "https://pavilion.example.hk"
    edition = factories.EditionFactory(is_current=True)
    zone = factories.ZoneFactory(
        edition=edition, slug="smart-mobility", name_en="Smart Mobility", name_zh_hant="智慧出行"
    )
    titles = [
        ("iAM Smart", "智方便"),
        ("Railway digital twin calibrated with big data to simulate disruptions", "鐵路數碼孿生"),
        ("Tumbler Inspection Ball Robot", "不倒翁檢測球機械人"),
    ]
    slugs = []
    for i, (title_en, title_zh) in enumerate(titles):
        exhibit = factories.PublishedExhibitFactory(
            edition=edition,
            zone=zone,
            booth=factories.BoothFactory(zone=zone, edition=edition, code=f"M0{i + 1}"),
            slug=f"sign-{i}",
            title_en=title_en,
            title_zh_hant=title_zh,
        )
        slugs.append(exhibit.slug)

    signed_in.goto(live_server.url + reverse("admin_tools:zone_signs", args=[zone.pk]))
    pdf = tmp_path / "signs.pdf"
    signed_in.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    subprocess.run(  # noqa: S603 - fixed arguments
        ["pdftoppm", "-r", "110", "-png", str(pdf), str(tmp_path / "page")],  # noqa: S607
        check=True,
    )
    pages = sorted(tmp_path.glob("page-*.png"))

    assert len(pages) == 3
    decoded = []
    for png in pages:
        image = Image.open(png)
        # A4 at 110 dpi: 210 x 297 mm is 909 x 1286 px (portrait).
        assert (abs(image.width - 909) <= 2, abs(image.height - 1286) <= 2) == (True, True)
        decoded.append([r.text for r in zxingcpp.read_barcodes(image)])
    assert decoded == [[f"https://pavilion.example.hk/exhibits/{slug}/"] for slug in slugs]

"""Booth signs: who may open them, what they show, and that the QR code reads back.

The QR is checked twice: the page's SVG must be exactly segno's drawing of the exhibit's
address (decoded here from segno's PNG of the same code), and a browser test prints the
zone's signs to PDF in Chromium, rasterises the pages with pdftoppm and decodes each QR.
"""

from __future__ import annotations

import io
import re

import pytest
import zxingcpp
from django.urls import reverse
from PIL import Image

from curation.signs import sign_qr, sign_qr_svg
from exhibits.qr import exhibit_public_url
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def zone(edition):
    return factories.ZoneFactory(
        edition=edition, slug="smart-mobility", name_en="Smart Mobility", name_zh_hant="智慧出行"
    )


@pytest.fixture
def exhibit(edition, zone):
    booth = factories.BoothFactory(zone=zone, edition=edition, code="M01")
    return factories.PublishedExhibitFactory(
        edition=edition,
        zone=zone,
        booth=booth,
        slug="railway-digital-twin",
        title_en="Railway digital twin",
        title_zh_hant="鐵路數碼孿生",
        lead_department=factories.DepartmentFactory(
            name_en="MTR Corporation Limited", name_zh_hant="香港鐵路有限公司"
        ),
    )


def decode_png(png: bytes) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def test_exhibit_sign_shows_both_titles_department_zone_booth_and_qr(
    client, curator, exhibit, settings
):
    settings.PAVILION_SITE_URL = "https://pavilion.example.hk"
    client.force_login(curator)

    response = client.get(reverse("admin_tools:exhibit_sign", args=[exhibit.pk]))

    html = response.content.decode()
    url = "https://pavilion.example.hk/exhibits/railway-digital-twin/"
    assert (response.status_code, exhibit_public_url(exhibit)) == (200, url)
    (sign,) = response.context["signs"]
    assert (
        sign.title_en,
        sign.title_zh,
        sign.department_en,
        sign.department_zh,
        sign.zone_en,
        sign.zone_zh,
        sign.booth,
        sign.url,
    ) == (
        "Railway digital twin",
        "鐵路數碼孿生",
        "MTR Corporation Limited",
        "香港鐵路有限公司",
        "Smart Mobility",
        "智慧出行",
        "M01",
        url,
    )
    assert '<h2 class="sign-title" lang="en">Railway digital twin</h2>' in html
    assert 'lang="zh-Hant">鐵路數碼孿生</p>' in html
    assert '<span class="sign-booth-code">M01</span>' in html
    assert html.count('<article class="sign"') == 1
    # The page draws exactly segno's code for the address, and that code reads back.
    assert str(sign_qr_svg(url, label=f"QR code: {url}")) in html
    buffer = io.BytesIO()
    sign_qr(url).save(buffer, kind="png", scale=8, border=4)
    assert decode_png(buffer.getvalue()) == [url]
    # Print CSS from a file (the CSP allows no inline style).
    assert 'href="/static/pavilion/signs.css"' in html
    assert "<style" not in html and "style=" not in html and "<script" not in html


def test_exhibit_sign_of_an_unpublished_exhibit_warns_on_screen(client, curator, edition, zone):
    draft = factories.ExhibitFactory(edition=edition, zone=zone, status="approved")
    client.force_login(curator)

    html = client.get(reverse("admin_tools:exhibit_sign", args=[draft.pk])).content.decode()

    assert "Not published yet (Approved)" in html


def test_zone_signs_print_approved_and_published_exhibits_by_booth(client, curator, edition, zone):
    b1 = factories.BoothFactory(zone=zone, edition=edition, code="M02")
    b2 = factories.BoothFactory(zone=zone, edition=edition, code="M01")
    second = factories.PublishedExhibitFactory(edition=edition, zone=zone, booth=b1)
    first = factories.ExhibitFactory(edition=edition, zone=zone, booth=b2, status="approved")
    unbooked = factories.PublishedExhibitFactory(edition=edition, zone=zone, title_en="Zzz")
    factories.ExhibitFactory(edition=edition, zone=zone, status="in_review")
    factories.PublishedExhibitFactory(edition=edition)  # another zone
    client.force_login(curator)

    response = client.get(reverse("admin_tools:zone_signs", args=[zone.pk]))

    assert [s.exhibit for s in response.context["signs"]] == [first, second, unbooked]
    assert response.content.decode().count('<article class="sign"') == 3


@pytest.mark.parametrize("extra", [0, 15])
def test_zone_signs_query_count_is_fixed(
    client, curator, edition, zone, django_assert_num_queries, extra
):
    for _ in range(3 + extra):
        factories.PublishedExhibitFactory(
            edition=edition, zone=zone, booth=factories.BoothFactory(zone=zone, edition=edition)
        )
    client.force_login(curator)

    # session, user, curator group, zone (with edition), exhibits (with their relations)
    with django_assert_num_queries(5):
        response = client.get(reverse("admin_tools:zone_signs", args=[zone.pk]))

    assert len(response.context["signs"]) == 3 + extra


@pytest.mark.parametrize("view", ["exhibit_sign", "zone_signs"])
def test_signs_send_visitors_and_submitters_to_sign_in(client, exhibit, coordinator, view):
    pk = exhibit.pk if view == "exhibit_sign" else exhibit.zone_id
    url = reverse(f"admin_tools:{view}", args=[pk])

    anonymous = client.get(url)
    client.force_login(coordinator)
    submitter = client.get(url)

    for response in (anonymous, submitter):
        assert (response.status_code, response["Location"]) == (
            302,
            f"{reverse('admin:login')}?next={url}",
        )


@pytest.mark.parametrize("view", ["exhibit_sign", "zone_signs"])
def test_signs_refuse_staff_outside_curators(client, exhibit, view):
    pk = exhibit.pk if view == "exhibit_sign" else exhibit.zone_id
    client.force_login(factories.UserFactory(is_staff=True))

    assert client.get(reverse(f"admin_tools:{view}", args=[pk])).status_code == 403


def test_signs_of_unknown_things_are_404(client, curator):
    client.force_login(curator)

    assert [
        client.get(reverse(f"admin_tools:{view}", args=[999999])).status_code
        for view in ("exhibit_sign", "zone_signs")
    ] == [404, 404]


def test_sign_qr_svg_names_itself_and_has_no_size(db):
    svg = str(sign_qr_svg("https://pavilion.example.hk/exhibits/x/", label='A "quoted" label'))

    assert svg.startswith('<svg role="img" aria-label="A &quot;quoted&quot; label" ')
    assert re.search(r"<svg[^>]*\swidth=", svg) is None
    assert 'class="sign-qr"' in svg

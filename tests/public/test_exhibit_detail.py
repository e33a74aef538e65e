"""One exhibit's public page: what it shows, who may see it, its QR code and its ETag."""

from __future__ import annotations

import re

import pytest
import zxingcpp
from PIL import Image, ImageDraw

from exhibits.models import Exhibit
from tests import factories
from tests.public.conftest import add_image

pytestmark = pytest.mark.django_db

NOT_PUBLIC = [
    "draft-kiosk",
    "submitted-kiosk",
    "in-review-kiosk",
    "approved-kiosk",
    "changes-requested-kiosk",
    "declined-kiosk",
    "withdrawn-kiosk",
]


def test_exhibit_detail_shows_the_exhibit(client, catalogue):
    response = client.get("/exhibits/railway-digital-twin/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Railway digital twin</h1>" in html
    assert '<a href="/departments/mtr/">MTR Corporation Limited</a>' in html
    assert (
        '<a href="/departments/hkust/">The Hong Kong University of Science and Technology</a>'
        in html
    )
    assert '<a href="/zones/smart-mobility/">Smart Mobility</a>' in html
    assert "<dd>M01</dd>" in html
    assert '<a href="/exhibits/?technology=digital-twin">Digital twin</a>' in html
    assert (
        '<span class="badge badge-award"><span>Hong Kong ICT Awards</span> 2024: '
        "<span>Award of the Year</span></span>" in html
    )


@pytest.mark.parametrize("slug", NOT_PUBLIC)
@pytest.mark.parametrize("prefix", ["", "/zh-hant", "/zh-hans"])
def test_exhibit_detail_of_unpublished_exhibit_is_404(client, catalogue, slug, prefix):
    assert catalogue.exhibits[slug].status != Exhibit.Status.PUBLISHED
    response = client.get(f"{prefix}/exhibits/{slug}/")
    assert response.status_code == 404


@pytest.mark.parametrize("slug", NOT_PUBLIC)
def test_unpublished_exhibits_are_never_listed(client, catalogue, slug):
    exhibit = catalogue.exhibits[slug]
    for url in [
        "/",
        "/exhibits/",
        "/exhibits/?q=kiosk",
        "/zones/smart-living/",
        "/departments/dpo/",
        "/awards/",
        "/sitemap.xml",
    ]:
        html = client.get(url).content.decode()
        assert f"/exhibits/{slug}/" not in html, url
        assert exhibit.title_en not in html, url


def test_exhibit_detail_of_earlier_edition_redirects_to_its_archive_page(client, catalogue):
    response = client.get("/exhibits/legacy-kiosk/")
    assert response.status_code == 302
    assert response["Location"] == "/editions/innoex-2024/exhibits/legacy-kiosk/"
    archived = client.get(response["Location"])
    assert archived.status_code == 200
    html = archived.content.decode()
    assert "<h1>Legacy weather kiosk</h1>" in html
    assert "an earlier edition of the pavilion" in html


def test_exhibit_detail_redirect_keeps_the_language(client, catalogue):
    response = client.get("/zh-hant/exhibits/legacy-kiosk/")
    assert response.status_code == 302
    assert response["Location"] == "/zh-hant/editions/innoex-2024/exhibits/legacy-kiosk/"


def test_exhibit_detail_slug_in_both_editions_shows_the_current_one(client, catalogue):
    response = client.get("/exhibits/iam-smart/")
    assert response.status_code == 200
    assert response.context["exhibit"] == catalogue.exhibits["iam-smart"]


def test_edition_exhibit_detail_of_current_edition_redirects_to_its_address(client, catalogue):
    response = client.get("/editions/innoex-2025/exhibits/iam-smart/")
    assert response.status_code == 301
    assert response["Location"] == "/exhibits/iam-smart/"


@pytest.mark.parametrize(
    "url",
    [
        "/editions/innoex-2024/exhibits/old-draft/",
        "/editions/innoex-1999/exhibits/legacy-kiosk/",
        "/exhibits/old-draft/",
        "/exhibits/no-such-thing/",
    ],
)
def test_edition_exhibit_detail_of_unpublished_or_unknown_is_404(client, catalogue, url):
    assert client.get(url).status_code == 404


def test_exhibit_detail_images_use_renditions_with_alt_text(client, catalogue):
    exhibit = catalogue.exhibits["iam-smart"]
    image = add_image(exhibit)
    response = client.get("/zh-hant/exhibits/iam-smart/")
    html = response.content.decode()
    webp = ", ".join(f"{image.rendition_url(w, 'webp')} {w}w" for w in image.rendition_widths)
    jpeg = ", ".join(f"{image.rendition_url(w, 'jpeg')} {w}w" for w in image.rendition_widths)
    assert f'<source type="image/webp" srcset="{webp}"' in html
    assert f'srcset="{jpeg}"' in html
    assert 'alt="參觀者在展位用手機試用服務。"' in html
    # An 800x600 original has renditions 320, 640 and 800 wide; the default is the widest.
    assert image.rendition_widths == [320, 640, 800]
    assert f'<img src="{image.rendition_url(800, "jpeg")}"' in html
    assert 'width="800" height="600"' in html
    assert image.image.url not in html  # the original is never sent


def test_exhibit_detail_main_image_loads_first_and_the_others_lazily(client, catalogue):
    exhibit = catalogue.exhibits["iam-smart"]
    first = add_image(exhibit)
    second = add_image(exhibit, like=first)
    second.order = 1
    second.save()

    html = client.get("/exhibits/iam-smart/").content.decode()

    gallery = html.split('<section class="gallery"', 1)[1].split("</section>", 1)[0]
    loading = re.findall(
        r'<img [^>]*?(loading="\w+"(?: fetchpriority="high"| decoding="async"))', gallery
    )
    assert loading == ['loading="eager" fetchpriority="high"', 'loading="lazy" decoding="async"']


def test_exhibit_detail_open_graph_and_canonical(client, catalogue, settings):
    settings.PAVILION_SITE_URL = "https://pavilion.example.hk"
    exhibit = catalogue.exhibits["iam-smart"]
    image = add_image(exhibit)
    html = client.get("/zh-hant/exhibits/iam-smart/").content.decode()
    assert "<title>智方便 · " in html
    assert '<meta name="description" content="一站式個人化數碼服務平台。">' in html
    assert '<meta property="og:title" content="智方便">' in html
    assert (
        '<link rel="canonical" href="https://pavilion.example.hk/zh-hant/exhibits/iam-smart/">'
        in html
    )
    assert (
        f'<meta property="og:image" content="https://pavilion.example.hk{image.largest_url("jpeg")}">'
        in html
    )
    for hreflang, path in [
        ("en", "/exhibits/iam-smart/"),
        ("zh-hant", "/zh-hant/exhibits/iam-smart/"),
        ("zh-hans", "/zh-hans/exhibits/iam-smart/"),
        ("x-default", "/exhibits/iam-smart/"),
    ]:
        assert (
            f'<link rel="alternate" hreflang="{hreflang}" href="https://pavilion.example.hk{path}">'
            in html
        )
    assert '<meta property="og:locale" content="zh_HK">' in html


def test_exhibit_detail_more_in_the_same_zone(client, catalogue):
    response = client.get("/exhibits/iam-smart/")
    assert [e.slug for e in response.context["nearby"]] == ["ai-weather"]
    assert '<a href="/exhibits/ai-weather/">AI weather prediction models</a>' in (
        response.content.decode()
    )


def _rasterise_segno_svg(svg: str, module_px: int = 8) -> Image.Image:
    """Draw the modules of segno's path (M/m moves, h runs) as a black-on-white image."""
    size = int(re.search(r'd="M0 0h(\d+)v', svg).group(1))
    path = re.search(r'<path[^>]*stroke="#000"[^>]*d="([^"]+)"', svg).group(1)
    image = Image.new("L", (size * module_px, size * module_px), 255)
    draw = ImageDraw.Draw(image)
    x = y = 0.0
    for command, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?", path):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:
            length = float(a)
            row = int(y - 0.5)
            draw.rectangle(
                [
                    x * module_px,
                    row * module_px,
                    (x + length) * module_px - 1,
                    (row + 1) * module_px - 1,
                ],
                fill=0,
            )
            x += length
    return image


@pytest.mark.parametrize("prefix", ["", "/zh-hant", "/zh-hans"])
def test_exhibit_detail_qr_code_decodes_to_the_page_in_its_language(
    client, catalogue, settings, prefix
):
    settings.PAVILION_SITE_URL = "https://pavilion.example.hk"
    html = client.get(f"{prefix}/exhibits/railway-digital-twin/").content.decode()
    svg = re.search(r'<svg role="img"[^>]*class="qr">.*?</svg>', html, re.S).group(0)
    assert "<title>" in svg
    results = zxingcpp.read_barcodes(_rasterise_segno_svg(svg))
    # A Chinese page's code opens the Chinese page (booth signs print the neutral one).
    address = f"https://pavilion.example.hk{prefix}/exhibits/railway-digital-twin/"
    assert [r.text for r in results] == [address]
    assert f'<span class="qr-url">{address}</span>' in html


def test_exhibit_detail_answers_conditional_get_with_304(client, catalogue):
    first = client.get("/exhibits/iam-smart/")
    etag = first["ETag"]
    assert etag.startswith('W/"')
    again = client.get("/exhibits/iam-smart/", headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""
    # Another language is another representation.
    chinese = client.get("/zh-hant/exhibits/iam-smart/", headers={"if-none-match": etag})
    assert chinese.status_code == 200
    assert chinese["ETag"] != etag


@pytest.mark.parametrize(
    "change",
    ["exhibit", "image", "recognition", "department", "nearby", "unpublish_nearby"],
)
def test_exhibit_detail_etag_changes_when_the_page_would(client, catalogue, change):
    etag = client.get("/exhibits/iam-smart/")["ETag"]
    exhibit = catalogue.exhibits["iam-smart"]
    if change == "exhibit":
        exhibit.summary_en = "A new summary."
        exhibit.save()
    elif change == "image":
        add_image(exhibit)
    elif change == "recognition":
        factories.RecognitionFactory(exhibit=exhibit, award=catalogue.awards["apicta"])
    elif change == "department":
        department = catalogue.departments["dpo"]
        department.name_en = "Digital Policy Office (DPO)"
        department.save()
    elif change == "nearby":
        factories.PublishedExhibitFactory(
            edition=catalogue.edition, zone=catalogue.zones["smart-living"], slug="new-one"
        )
    else:
        Exhibit.objects.filter(slug="ai-weather").update(status=Exhibit.Status.APPROVED)
    response = client.get("/exhibits/iam-smart/", headers={"if-none-match": etag})
    assert response.status_code == 200
    assert response["ETag"] != etag

"""My list (exhibits.shortlist): /my-list/?e=slug1,slug2 renders a route, shares a link and
a QR code, ignores what it cannot show, survives hostile input and costs fixed queries."""

from __future__ import annotations

import re

import pytest
import zxingcpp

from exhibits.shortlist import MAX_EXHIBITS, MAX_QUERY_LENGTH, requested_slugs
from tests import factories
from tests.public.conftest import add_image
from tests.public.test_exhibit_detail import _rasterise_segno_svg

pytestmark = pytest.mark.django_db


def listed(response) -> list[str]:
    """Slugs of the exhibits the list shows, in order (one toggle button per card)."""
    html = response.content.decode()
    part = html.split('id="my-list"', 1)[1]
    return re.findall(r'class="list-toggle" data-slug="([^"]+)"', part)


def zone_headings(response) -> list[str]:
    html = response.content.decode()
    headings = re.findall(r'<h2 id="route-zone-\d+" class="zone-title">(.*?)</h2>', html, re.S)
    return [re.sub(r"<[^>]+>", "", heading).strip() for heading in headings]


@pytest.fixture
def placed(catalogue):
    """Booths in Smart Living: ai-weather at L02, a new exhibit at L01; iam-smart has none."""
    zone = catalogue.zones["smart-living"]
    edition = catalogue.edition
    weather = catalogue.exhibits["ai-weather"]
    weather.booth = factories.BoothFactory(zone=zone, edition=edition, code="L02")
    weather.save()
    factories.PublishedExhibitFactory(
        edition=edition,
        slug="smart-lamppost",
        zone=zone,
        lead_department=catalogue.departments["dpo"],
        booth=factories.BoothFactory(zone=zone, edition=edition, code="L01"),
        title_en="Multi-functional smart lampposts",
        title_zh_hant="多功能智慧燈柱",
    )
    return catalogue


def test_shortlist_is_a_route_by_zone_order_then_booth_then_unplaced(client, placed):
    response = client.get(
        "/my-list/?e=tumbler-inspection-robot,iam-smart,railway-digital-twin,ai-weather,"
        "smart-lamppost"
    )
    assert response.status_code == 200
    assert listed(response) == [
        "smart-lamppost",  # Smart Living, booth L01
        "ai-weather",  # Smart Living, booth L02
        "iam-smart",  # Smart Living, no booth yet
        "railway-digital-twin",  # Smart Mobility, M01
        "tumbler-inspection-robot",  # Smart People
    ]
    assert zone_headings(response) == ["Smart Living", "Smart Mobility", "Smart People"]
    html = response.content.decode()
    # One numbered route across the zones.
    assert re.findall(r'<ol class="cards route" start="(\d+)">', html) == ["1", "4", "5"]
    assert "5 exhibits, in the order you meet them walking through the zones." in html


def test_shortlist_leaves_out_unknown_unpublished_and_other_editions_and_says_so(client, catalogue):
    response = client.get(
        "/my-list/?e=iam-smart,no-such-exhibit,draft-kiosk,approved-kiosk,legacy-kiosk,iam-smart"
    )
    assert response.status_code == 200
    # iam-smart is the current edition's (not 2024's), and listed once.
    assert listed(response) == ["iam-smart"]
    html = response.content.decode()
    assert "4 exhibits in this link are not shown at the pavilion now and are left out." in html
    assert 'href="/exhibits/iam-smart/"' in html


def test_shortlist_without_exhibits_explains_and_links_to_the_catalogue(client, catalogue):
    response = client.get("/my-list/")
    assert response.status_code == 200
    assert listed(response) == []
    html = response.content.decode()
    assert "Your list is empty." in html
    assert "<noscript>" in html
    assert 'data-list-url="/my-list/"' in html
    assert "data-shared" not in html
    assert 'class="qr"' not in html


def test_shortlist_of_nothing_known_says_none_is_shown(client, catalogue):
    response = client.get("/my-list/?e=gone,also-gone")
    assert listed(response) == []
    assert "None of the exhibits in this link is shown at the pavilion now." in (
        response.content.decode()
    )


HOSTILE = [
    "e=" + "a" * 100_000,
    "e=" + ",".join(["iam-smart"] * 5000),
    "e=%00iam-smart%00,iam-smart",
    "e=<script>alert(1)</script>,iam-smart",
    "e=../../etc/passwd,iam-smart",
    "e=' OR 1=1 --,iam-smart",
    "e=,,,,,,iam-smart,,,",
    "e=%E6%99%BA%E6%96%B9%E4%BE%BF,iam-smart",
    "e=IAM-SMART",
    "e=iam-smart&e=ai-weather&e=",
    "e[]=iam-smart&e=iam-smart",
    "e=%ff%fe,iam-smart",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_shortlist_survives_hostile_input(client, catalogue, query):
    response = client.get(f"/my-list/?{query}")
    assert response.status_code == 200
    shown = listed(response)
    assert set(shown) <= {"iam-smart", "ai-weather"}
    assert "<script>alert" not in response.content.decode()
    qr = client.get(f"/my-list/qr.svg?{query}")
    assert qr.status_code == 200


def test_shortlist_reads_every_repeated_parameter(client, catalogue):
    response = client.get("/my-list/?e=iam-smart&e=ai-weather&e=")
    # Both in Smart Living without a booth: by title.
    assert listed(response) == ["ai-weather", "iam-smart"]


def test_requested_slugs_caps_count_and_length():
    many = [f"exhibit-{i:03d}" for i in range(150)]
    capped = requested_slugs([",".join(many)])
    assert capped.slugs == many[:MAX_EXHIBITS]
    assert capped.truncated is True
    long = requested_slugs(["x" * 50 + "," + "y" * (MAX_QUERY_LENGTH)])
    # The part cut by the length cap is dropped, not read as a shorter slug.
    assert long.slugs == ["x" * 50]
    assert long.truncated is True
    assert requested_slugs(["A-b,a-b, c ,d!"]).slugs == ["a-b", "c"]
    assert requested_slugs([]).slugs == []


def test_shortlist_over_the_cap_says_the_rest_is_left_out(client, catalogue):
    slugs = ",".join(["iam-smart"] + [f"gone-{i}" for i in range(120)])
    html = client.get(f"/my-list/?e={slugs}").content.decode()
    assert "A list holds at most 100 exhibits: the rest of this link is left out." in html


def _qr_text(svg: str) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(_rasterise_segno_svg(svg))]


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [("", "/my-list/"), ("/zh-hant", "/zh-hant/my-list/"), ("/zh-hans", "/zh-hans/my-list/")],
)
def test_shortlist_shares_a_link_and_qr_code_in_the_page_language(
    client, catalogue, settings, prefix, expected
):
    settings.PAVILION_SITE_URL = "https://pavilion.example.hk"
    response = client.get(f"{prefix}/my-list/?e=tumbler-inspection-robot,nope,iam-smart")
    html = response.content.decode()
    # The shared link lists the shown exhibits in route order.
    link = f"https://pavilion.example.hk{expected}?e=iam-smart,tumbler-inspection-robot"
    assert f'<p class="share-link"><a href="{link}">{link}</a></p>' in html
    svg = re.search(r'<svg role="img"[^>]*class="qr">.*?</svg>', html, re.S).group(0)
    assert _qr_text(svg) == [link]
    download = f'href="{expected}qr.svg?e=iam-smart,tumbler-inspection-robot"'
    assert download in html


def test_shortlist_qr_view_serves_an_svg_of_the_absolute_link(client, catalogue, settings):
    settings.PAVILION_SITE_URL = "https://pavilion.example.hk"
    response = client.get("/zh-hant/my-list/qr.svg?e=railway-digital-twin,iam-smart,gone")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    svg = response.content.decode()
    assert svg.startswith('<?xml version="1.0" encoding="utf-8"?>\n<svg xmlns=')
    assert _qr_text(svg) == [
        "https://pavilion.example.hk/zh-hant/my-list/?e=iam-smart,railway-digital-twin"
    ]


def test_shortlist_page_is_public_and_cacheable(client, catalogue, page_cache):
    url = "/zh-hans/my-list/?e=iam-smart,ai-weather"
    first = client.get(url)
    second = client.get(url)
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert not first.cookies
    assert "cookie" not in first.get("Vary", "").lower()
    assert "csrfmiddlewaretoken" not in first.content.decode()
    qr = [client.get("/my-list/qr.svg?e=iam-smart")["X-Cache"] for _ in range(2)]
    assert qr == ["miss", "hit"]


def test_shortlist_cache_follows_content_changes(
    client, catalogue, page_cache, django_capture_on_commit_callbacks
):
    url = "/my-list/?e=iam-smart"
    client.get(url)
    exhibit = catalogue.exhibits["iam-smart"]
    exhibit.title_en = "iAM Smart+"
    with django_capture_on_commit_callbacks(execute=True):
        exhibit.save()
    response = client.get(url)
    assert response["X-Cache"] == "miss"
    assert "iAM Smart+" in response.content.decode()


def test_shortlist_refuses_post(client, catalogue):
    assert client.post("/my-list/?e=iam-smart").status_code == 405


def test_shortlist_without_a_current_edition_is_404(client, db):
    assert client.get("/my-list/").status_code == 404


@pytest.fixture(params=[3, 50], ids=["3-exhibits", "50-exhibits"])
def long_list(request, catalogue):
    zone = catalogue.zones["smart-environment"]
    slugs = []
    first_image = None
    for i in range(request.param):
        exhibit = factories.PublishedExhibitFactory(
            edition=catalogue.edition,
            zone=zone,
            slug=f"sensor-{i:02d}",
            title_en=f"Sensor network {i:02d}",
            title_zh_hant=f"感應網絡 {i:02d}",
            lead_department=catalogue.departments["dpo"],
            booth=factories.BoothFactory(zone=zone, edition=catalogue.edition, code=f"E{i:02d}"),
        )
        factories.RecognitionFactory(exhibit=exhibit, award=catalogue.awards["apicta"])
        image = add_image(exhibit, like=first_image)
        first_image = first_image or image
        slugs.append(exhibit.slug)
    return slugs


@pytest.mark.parametrize(
    ("prefix", "with_list", "queries"),
    [
        # edition
        ("", False, 1),
        # edition, the route (exhibits with zones), then the cards: exhibits, images, awards
        ("", True, 5),
        ("/zh-hans", True, 5),
        # edition, the route (to the slugs in route order)
        ("qr", True, 2),
    ],
)
def test_shortlist_query_count_is_fixed(
    client, long_list, django_assert_num_queries, prefix, with_list, queries
):
    query = f"?e={','.join(reversed(long_list))}" if with_list else ""
    url = f"/my-list/qr.svg{query}" if prefix == "qr" else f"{prefix}/my-list/{query}"
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
    if prefix != "qr" and with_list:
        assert listed(response) == long_list


def test_shortlist_query_count_with_the_data_cache_is_two_when_cards_are_kept(
    client, long_list, page_cache, settings, django_assert_num_queries
):
    settings.PAVILION_PAGE_CACHE = False  # the page itself is built; its cards are kept
    url = f"/my-list/?e={','.join(long_list)}"
    client.get(url)
    with django_assert_num_queries(2):
        response = client.get(url)
    assert listed(response) == long_list


def test_exhibit_page_and_cards_carry_the_toggle_hidden_until_the_script_runs(client, catalogue):
    html = client.get("/zh-hant/exhibits/railway-digital-twin/").content.decode()
    header = html.split('<header class="exhibit-header">', 1)[1].split("</header>", 1)[0]
    assert (
        '<p class="list-actions" hidden><button type="button" class="list-toggle" '
        'data-slug="railway-digital-twin" data-title="鐵路數碼孿生" aria-pressed="false">'
        '加入我的清單</button> <a href="/zh-hant/my-list/">查看我的清單</a></p>'
    ) in header
    cards = client.get("/exhibits/").content.decode()
    assert re.findall(r'<button type="button" class="list-toggle" data-slug="([^"]+)"', cards) == [
        "ai-weather",
        "iam-smart",
        "railway-digital-twin",
        "tumbler-inspection-robot",
    ]
    assert 'aria-pressed="false" hidden>Add to my list' in cards


def test_archived_exhibit_page_has_no_toggle(client, catalogue):
    html = client.get("/editions/innoex-2024/exhibits/legacy-kiosk/").content.decode()
    assert "list-toggle" not in html

"""The fair in the API: /api/v1/booths/, /api/v1/demonstrations/, /api/v1/floor-plan/."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from tests import factories
from tests.factories import hkt

pytestmark = pytest.mark.django_db


@pytest.fixture
def fair(catalogue):
    """Booths L2 (alpha), L10 (the draft), M1 (free, demo layout); demonstrations of beta,
    alpha and the draft."""
    living, mobility = catalogue.zones
    booths = {
        "L10": factories.BoothFactory(zone=living, edition=catalogue.edition, code="L10"),
        "L2": factories.BoothFactory(zone=living, edition=catalogue.edition, code="L2"),
        "M1": factories.BoothFactory(
            zone=mobility, edition=catalogue.edition, code="M1", is_demo=True
        ),
    }
    catalogue.alpha.booth = booths["L2"]
    catalogue.alpha.save(update_fields=["booth"])
    catalogue.draft.booth = booths["L10"]
    catalogue.draft.save(update_fields=["booth"])
    factories.DemoSessionFactory(
        exhibit=catalogue.beta,
        starts_at=hkt(2025, 4, 13, 10, 0),
        title_en="Live demonstration",
        title_zh_hant="現場示範",
    )
    factories.DemoSessionFactory(
        exhibit=catalogue.alpha,
        starts_at=hkt(2025, 4, 14, 15, 0),
        title_en="Forecast desk",
        title_zh_hant="預報台",
        note_en="At the front",
        note_zh_hant="在前方",
    )
    factories.DemoSessionFactory(
        exhibit=catalogue.draft, starts_at=hkt(2025, 4, 13, 9, 0), title_en="Secret"
    )
    catalogue.booths = booths
    return catalogue


def test_booths_list_every_booth_in_floor_order_with_public_exhibits_only(client, fair):
    response = client.get("/api/v1/booths/")

    assert response.status_code == 200
    assert response.json() == [
        {
            "code": "L2",
            "zone": "smart-living",
            "is_demo": False,
            "exhibit": {
                "slug": "alpha",
                "title": "Alpha weather models",
                "url": "http://testserver/exhibits/alpha/",
                "converted": [],
            },
            "plan_url": "http://testserver/floor-plan/?booth=L2",
        },
        {
            "code": "L10",
            "zone": "smart-living",
            "is_demo": False,
            "exhibit": None,
            "plan_url": "http://testserver/floor-plan/?booth=L10",
        },
        {
            "code": "M1",
            "zone": "smart-mobility",
            "is_demo": True,
            "exhibit": None,
            "plan_url": "http://testserver/floor-plan/?booth=M1",
        },
    ]


def test_booths_in_simplified_chinese_mark_converted_titles(client, fair):
    first = client.get("/api/v1/booths/?lang=zh-hans").json()[0]

    assert first["exhibit"]["title"] == "阿尔法天气模型"
    assert first["exhibit"]["converted"] == ["title"]
    assert first["plan_url"] == "http://testserver/zh-hans/floor-plan/?booth=L2"


def test_booths_of_an_unknown_edition_are_an_empty_list(client, fair):
    response = client.get("/api/v1/booths/?edition=innoex-1999")

    assert (response.status_code, response.json()) == (200, [])


def test_demonstrations_of_published_exhibits_in_hong_kong_time(client, fair):
    response = client.get("/api/v1/demonstrations/?lang=zh-hant")

    assert response.status_code == 200
    body = response.json()
    for item in body:
        item.pop("id")
    assert body == [
        {
            "title": "現場示範",
            "note": "",
            "starts_at": "2025-04-13T10:00:00+08:00",
            "ends_at": "2025-04-13T10:30:00+08:00",
            "exhibit": {
                "slug": "beta",
                "title": "貝塔鐵路數碼孿生",
                "url": "http://testserver/zh-hant/exhibits/beta/",
                "converted": [],
            },
            "zone": "smart-mobility",
            "booth": None,
            "converted": [],
        },
        {
            "title": "預報台",
            "note": "在前方",
            "starts_at": "2025-04-14T15:00:00+08:00",
            "ends_at": "2025-04-14T15:30:00+08:00",
            "exhibit": {
                "slug": "alpha",
                "title": "阿爾法天氣模型",
                "url": "http://testserver/zh-hant/exhibits/alpha/",
                "converted": [],
            },
            "zone": "smart-living",
            "booth": "L2",
            "converted": [],
        },
    ]


def test_floor_plan_places_zones_and_booths_as_the_public_plan(client, fair):
    response = client.get("/api/v1/floor-plan/?lang=all")

    assert response.status_code == 200
    plan = response.json()
    assert (plan["edition"], plan["demo_layout"], plan["url"]) == (
        fair.edition.slug,
        True,
        "http://testserver/floor-plan/",
    )
    assert (plan["width"], plan["height"]) == (822, 104)
    assert [(zone["slug"], zone["x"], zone["y"]) for zone in plan["zones"]] == [
        ("smart-living", 0, 0),
        ("smart-mobility", 416, 0),
    ]
    living = plan["zones"][0]
    zh = fair.zones[0].name_zh_hant
    assert living["name"] == {
        "en": "Smart Living",
        "zh-hant": zh,
        "zh-hans": zh.replace("區", "区"),
    }
    assert [(b["code"], b["x"], b["y"], b["width"], b["height"]) for b in living["booths"]] == [
        ("L2", 12, 40, 88, 52),
        ("L10", 110, 40, 88, 52),
    ]
    assert living["booths"][0]["exhibit"]["slug"] == "alpha"
    assert living["booths"][1]["exhibit"] is None


def test_floor_plan_of_an_unknown_edition_is_404(client, fair):
    response = client.get("/api/v1/floor-plan/?edition=innoex-1999")

    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "detail": "No such edition."}


def test_floor_plan_of_an_earlier_edition_has_no_public_page(client, fair):
    plan = client.get(f"/api/v1/floor-plan/?edition={fair.old_edition.slug}").json()

    assert (plan["edition"], plan["url"], plan["demo_layout"]) == (
        fair.old_edition.slug,
        None,
        False,
    )


@pytest.mark.parametrize(
    "path", ["/api/v1/booths/", "/api/v1/demonstrations/", "/api/v1/floor-plan/"]
)
def test_fair_endpoints_answer_304_to_their_etag(client, fair, path):
    etag = client.get(path)["ETag"]

    again = client.get(path, headers={"If-None-Match": etag})

    assert again.status_code == 304


@pytest.mark.parametrize(
    "path", ["/api/v1/booths/", "/api/v1/demonstrations/", "/api/v1/floor-plan/"]
)
def test_fair_endpoints_refuse_bad_parameters_with_400(client, fair, path):
    response = client.get(f"{path}?lang=fr")

    assert response.status_code == 400
    assert list(response.json()) == ["lang"]


@pytest.mark.parametrize(
    "path", ["/api/v1/booths/", "/api/v1/demonstrations/", "/api/v1/floor-plan/"]
)
def test_fair_endpoints_are_throttled(client, fair, settings, path):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/min", "user": "600/min"},
    }
    statuses = [client.get(path).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


@pytest.mark.parametrize("path", ["/api/v1/booths/", "/api/v1/floor-plan/"])
def test_fair_endpoints_are_cached(client, fair, settings, path):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.PAVILION_PAGE_CACHE = True
    cache.clear()

    first, second = client.get(path), client.get(path)

    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert second.content == first.content


@pytest.mark.parametrize("count", [3, 50])
@pytest.mark.parametrize(
    ("path", "queries"),
    [
        # edition, booths (zone and public exhibit joined)
        ("/api/v1/booths/?lang=all", 2),
        # edition, demonstrations (exhibit, zone and booth joined)
        ("/api/v1/demonstrations/?lang=all", 2),
        # edition, zones, booths (public exhibit joined)
        ("/api/v1/floor-plan/?lang=all", 3),
    ],
)
def test_fair_endpoint_query_count_is_fixed(
    client, fair, count, path, queries, django_assert_num_queries
):
    living = fair.zones[0]
    for i in range(count):
        booth = factories.BoothFactory(zone=living, edition=fair.edition, code=f"X{i}")
        exhibit = factories.PublishedExhibitFactory(edition=fair.edition, zone=living, booth=booth)
        factories.DemoSessionFactory(exhibit=exhibit)

    with django_assert_num_queries(queries):
        response = client.get(path)

    assert response.status_code == 200

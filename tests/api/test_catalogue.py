"""The public catalogue: published-only, every filter's exact result, pages, editions."""

from __future__ import annotations

import pytest

from exhibits.models import ExhibitStatus
from tests import factories

pytestmark = pytest.mark.django_db

LIST = "/api/v1/exhibits/"


def slugs(response) -> list[str]:
    return [item["slug"] for item in response.json()["results"]]


def test_exhibit_list_shows_only_published_exhibits_of_the_current_edition(client, catalogue):
    for status in ExhibitStatus.values:
        if status != ExhibitStatus.PUBLISHED:
            factories.ExhibitFactory(
                edition=catalogue.edition, status=status, zone=catalogue.zones[0]
            )

    response = client.get(LIST)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["count"] == 3
    assert slugs(response) == ["alpha", "gamma", "beta"]


def test_exhibit_detail_of_a_draft_is_not_found(client, catalogue):
    response = client.get("/api/v1/exhibits/draft/")

    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "detail": "No published exhibit has this slug."}


def test_exhibit_detail_of_an_unpublished_exhibit_is_not_found(client, catalogue):
    catalogue.alpha.status = ExhibitStatus.APPROVED
    catalogue.alpha.save(update_fields=["status"])

    assert client.get("/api/v1/exhibits/alpha/").status_code == 404
    assert slugs(client.get(LIST)) == ["gamma", "beta"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("zone=smart-living", ["alpha", "gamma"]),
        ("zone=smart-mobility", ["beta"]),
        ("zone=smart-living&zone=smart-mobility", ["alpha", "gamma", "beta"]),
        ("zone=no-such-zone", []),
        ("department=dpo", ["gamma", "beta"]),
        ("department=hko", ["alpha"]),
        ("department=no-such-department", []),
        ("technology=ai", ["alpha", "gamma"]),
        ("technology=robotics", ["gamma", "beta"]),
        ("technology=no-such-technology", []),
        ("award=hkicta", ["alpha"]),
        ("award=no-such-award", []),
        ("awarded=true", ["alpha"]),
        ("awarded=false", ["gamma", "beta"]),
        ("q=weather", ["alpha"]),
        ("q=Observatory", ["alpha"]),
        ("q=MTR", ["beta"]),
        ("q=Digital Policy", ["gamma", "beta"]),
        ("q=天氣", ["alpha"]),
        ("q=天气", ["alpha"]),
        ("q=nothing matches this", []),
        ("ordering=title", ["alpha", "beta", "gamma"]),
        ("ordering=-title", ["gamma", "beta", "alpha"]),
        ("ordering=newest", ["beta", "gamma", "alpha"]),
        ("ordering=zone", ["alpha", "gamma", "beta"]),
        ("zone=smart-living&technology=robotics", ["gamma"]),
        ("department=dpo&awarded=true", []),
        ("edition=innoex-2024", ["old"]),
        ("edition=innoex-2024&zone=smart-living", ["old"]),
        ("edition=no-such-edition", []),
    ],
)
def test_exhibit_list_filter_gives_exact_result(client, catalogue, query, expected):
    response = client.get(f"{LIST}?{query}")

    assert response.status_code == 200
    assert slugs(response) == expected
    assert response.json()["count"] == len(expected)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("awarded=yes", "awarded"),
        ("ordering=popular", "ordering"),
        ("lang=fr", "lang"),
        ("lang=", "lang"),
        ("page=0", "page"),
        ("page=abc", "page"),
        ("page_size=101", "page_size"),
        ("page_size=0", "page_size"),
        ("page_size=ten", "page_size"),
        ("page_size=1.5", "page_size"),
        ("zone=smart-living,smart-mobility", "zone"),
        ("q=" + "x" * 101, "q"),
        ("department=" + "d" * 81, "department"),
        ("q=%00", "q"),
    ],
)
def test_exhibit_list_malformed_parameter_is_a_400_naming_it(client, catalogue, query, field):
    response = client.get(f"{LIST}?{query}")

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert all(isinstance(message, str) for message in response.json()[field])


def test_exhibit_list_page_size_over_100_is_refused_not_clamped(client, catalogue):
    response = client.get(f"{LIST}?page_size=101")

    assert response.status_code == 400
    assert response.json() == {"page_size": ["Enter a number of at most 100."]}


def test_exhibit_list_pages_with_count_and_links(client, catalogue):
    first = client.get(f"{LIST}?page_size=2").json()
    second = client.get(f"{LIST}?page_size=2&page=2").json()

    assert first["count"] == 3
    assert [e["slug"] for e in first["results"]] == ["alpha", "gamma"]
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/exhibits/?page=2&page_size=2"
    assert [e["slug"] for e in second["results"]] == ["beta"]
    assert second["next"] is None


def test_exhibit_list_page_after_the_last_is_a_json_404(client, catalogue):
    response = client.get(f"{LIST}?page=3")

    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "detail": "Invalid page."}


def test_exhibit_list_page_size_100_is_accepted(client, catalogue):
    response = client.get(f"{LIST}?page_size=100")

    assert response.status_code == 200
    assert response.json()["count"] == 3


def test_exhibit_list_without_current_edition_is_empty(client, catalogue):
    catalogue.edition.is_current = False
    catalogue.edition.save(update_fields=["is_current"])

    response = client.get(LIST)

    assert response.status_code == 200
    assert response.json() == {"count": 0, "next": None, "previous": None, "results": []}


def test_exhibit_detail_embeds_zone_departments_awards_technologies(client, catalogue):
    factories.ExhibitLinkFactory(exhibit=catalogue.alpha, url="https://www.hko.gov.hk/")

    data = client.get("/api/v1/exhibits/alpha/").json()

    assert data["slug"] == "alpha"
    assert data["edition"] == catalogue.edition.slug
    assert data["url"] == "http://testserver/exhibits/alpha/"
    assert data["api_url"] == "http://testserver/api/v1/exhibits/alpha/"
    assert data["zone"] == {
        "slug": "smart-living",
        "name": "Smart Living",
        "description": "",
        "colour": "#0b5394",
        "order": 0,
        "converted": [],
    }
    assert data["lead_department"] == {
        "slug": "hko",
        "name": "Hong Kong Observatory",
        "abbreviation": "HKO",
        "kind": "government",
        "website": "",
        "url": "http://testserver/departments/hko/",
        "converted": [],
    }
    assert data["partner_departments"] == []
    assert data["technologies"] == [
        {"slug": "ai", "name": "Artificial intelligence", "is_key_area": True, "converted": []}
    ]
    assert data["awards"] == [
        {
            "slug": "hkicta",
            "name": "Hong Kong ICT Awards",
            "year": 2024,
            "prize": "Gold Medal",
            "converted": [],
        }
    ]
    assert data["links"] == [{"url": "https://www.hko.gov.hk/", "label": "GovHK", "converted": []}]


def test_exhibit_detail_gives_absolute_rendition_urls(client, catalogue):
    image = factories.ExhibitImageFactory(exhibit=catalogue.alpha, width=1600, height=900)

    data = client.get("/api/v1/exhibits/alpha/").json()

    [shown] = data["images"]
    base = "http://testserver/media/"
    assert shown["width"] == 1600
    assert shown["alt_text"] == "A visitor tries the service on a phone at the booth."
    assert shown["url"] == base + image.renditions["1280"]["jpeg"]
    assert shown["thumbnail"] == base + image.renditions["640"]["jpeg"]
    assert [r["width"] for r in shown["renditions"]] == [320, 640, 1280]
    assert shown["renditions"][0] == {
        "width": 320,
        "jpeg": base + image.renditions["320"]["jpeg"],
        "webp": base + image.renditions["320"]["webp"],
    }


def test_exhibit_detail_of_an_old_edition_needs_the_edition_parameter(client, catalogue):
    assert client.get("/api/v1/exhibits/old/").status_code == 404

    data = client.get("/api/v1/exhibits/old/?edition=innoex-2024").json()

    assert data["edition"] == "innoex-2024"
    assert data["url"] == "http://testserver/editions/innoex-2024/exhibits/old/"
    assert data["api_url"] == "http://testserver/api/v1/exhibits/old/?edition=innoex-2024"


def test_exhibit_detail_malformed_slug_is_a_json_404(client, catalogue):
    response = client.get("/api/v1/exhibits/not%20a%20slug/")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize("path", ["/api/v1/", "/api/v1/nothing/here/"])
def test_unknown_api_path_is_a_json_404(client, db, path):
    response = client.get(path)

    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "detail": "No API endpoint at this address."}


def test_api_path_without_its_slash_is_redirected(client, db):
    response = client.get("/api/v1/zones")

    assert response.status_code == 301
    assert response["Location"] == "/api/v1/zones/"


def test_zone_list_counts_published_exhibits(client, catalogue):
    response = client.get("/api/v1/zones/")

    assert response.status_code == 200
    assert [(z["slug"], z["published_count"], z["url"]) for z in response.json()] == [
        ("smart-living", 2, "http://testserver/zones/smart-living/"),
        ("smart-mobility", 1, "http://testserver/zones/smart-mobility/"),
    ]


def test_zone_list_of_an_old_edition_has_no_zone_pages(client, catalogue):
    response = client.get("/api/v1/zones/?edition=innoex-2024")

    assert [(z["slug"], z["published_count"], z["url"]) for z in response.json()] == [
        ("smart-living", 1, None)
    ]


def test_department_list_shows_departments_with_published_exhibits(client, catalogue):
    factories.DepartmentFactory(slug="idle")

    response = client.get("/api/v1/departments/")

    assert [(d["slug"], d["lead_count"], d["partner_count"]) for d in response.json()] == [
        ("dpo", 1, 1),
        ("hko", 1, 0),
        ("mtr", 1, 0),
    ]


def test_award_list_shows_winners_of_the_edition(client, catalogue):
    response = client.get("/api/v1/awards/")

    assert response.json() == [
        {
            "slug": "hkicta",
            "name": "Hong Kong ICT Awards",
            "description": "",
            "website": "",
            "winners": [
                {
                    "exhibit": "alpha",
                    "exhibit_title": "Alpha weather models",
                    "year": 2024,
                    "prize": "Gold Medal",
                    "converted": [],
                }
            ],
            "converted": [],
        }
    ]


def test_edition_list_marks_the_current_edition(client, catalogue):
    current = catalogue.edition.slug

    response = client.get("/api/v1/editions/")

    assert [(e["slug"], e["is_current"], e["exhibits_url"]) for e in response.json()] == [
        (current, True, f"http://testserver/api/v1/exhibits/?edition={current}"),
        ("innoex-2024", False, "http://testserver/api/v1/exhibits/?edition=innoex-2024"),
    ]


@pytest.mark.parametrize("path", ["zones", "departments", "awards"])
def test_reference_list_of_an_unknown_edition_is_empty(client, catalogue, path):
    response = client.get(f"/api/v1/{path}/?edition=no-such-edition")

    assert response.status_code == 200
    assert response.json() == []

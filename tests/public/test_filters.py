"""The exhibit list's filters over HTTP: the exact set of exhibits each one returns."""

from __future__ import annotations

import pytest

from exhibits.filters import ExhibitFilter
from exhibits.models import Exhibit
from exhibits.selectors import published_exhibits
from tests import factories

pytestmark = pytest.mark.django_db

ALL_PUBLISHED = {"iam-smart", "ai-weather", "railway-digital-twin", "tumbler-inspection-robot"}


def slugs(response) -> list[str]:
    return [card.slug for card in response.context["cards"]]


def result(client, query: str = "", *, language: str = "") -> tuple[set[str], list[str]]:
    prefix = f"/{language}" if language else ""
    response = client.get(f"{prefix}/exhibits/{query}")
    assert response.status_code == 200
    return set(slugs(response)), response.context["problems"]


def test_exhibit_list_unfiltered_shows_every_published_exhibit_of_the_current_edition(
    client, catalogue
):
    found, problems = result(client)
    assert found == ALL_PUBLISHED == catalogue.published_slugs
    assert problems == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?zone=smart-living", {"iam-smart", "ai-weather"}),
        ("?zone=smart-mobility", {"railway-digital-twin"}),
        (
            "?zone=smart-living&zone=smart-mobility",
            {"iam-smart", "ai-weather", "railway-digital-twin"},
        ),
        (
            "?zone=smart-living,smart-people",
            {"iam-smart", "ai-weather", "tumbler-inspection-robot"},
        ),
        ("?zone=smart-environment", set()),
        ("?department=mtr", {"railway-digital-twin"}),
        ("?department=hkust", {"railway-digital-twin"}),
        ("?department=dpo", {"iam-smart"}),
        ("?technology=ai", {"ai-weather", "tumbler-inspection-robot"}),
        ("?technology=digital-twin", {"railway-digital-twin"}),
        ("?award=hkicta", {"railway-digital-twin"}),
        ("?award=geneva", {"tumbler-inspection-robot"}),
        ("?awarded=true", {"railway-digital-twin", "tumbler-inspection-robot"}),
        ("?awarded=on", {"railway-digital-twin", "tumbler-inspection-robot"}),
        ("?awarded=false", {"iam-smart", "ai-weather"}),
        ("?awarded=", ALL_PUBLISHED),
        ("?q=weather", {"ai-weather"}),
        ("?q=WEATHER", {"ai-weather"}),
        ("?q=天氣", {"ai-weather"}),
        ("?q=digital", {"iam-smart", "railway-digital-twin"}),
        ("?q=Observatory", {"ai-weather"}),
        ("?q=香港天文台", {"ai-weather"}),
        ("?q=MTR", {"railway-digital-twin"}),
        ("?q=科技大學", {"railway-digital-twin"}),
        ("?q=HKUST", {"railway-digital-twin"}),
        ("?q=机器人", {"tumbler-inspection-robot"}),
        ("?q=kiosk", set()),
        ("?q=", ALL_PUBLISHED),
        ("?zone=smart-living&q=weather", {"ai-weather"}),
        ("?zone=smart-living&q=railway", set()),
        ("?zone=smart-mobility&department=hkust&awarded=true", {"railway-digital-twin"}),
        ("?technology=ai&award=geneva", {"tumbler-inspection-robot"}),
        ("?technology=ai&awarded=false", {"ai-weather"}),
    ],
)
def test_exhibit_list_filter_returns_exact_set(client, catalogue, query, expected):
    found, problems = result(client, query)
    assert found == expected
    assert problems == []


def test_exhibit_list_simplified_query_also_matches_traditional_text(client, catalogue):
    # 天气 (Simplified) is stored only as 天氣 (Traditional): the query is converted too.
    assert result(client, "?q=天气预测", language="zh-hans") == ({"ai-weather"}, [])
    found, _ = result(client, "?q=铁路", language="zh-hans")
    assert found == {"railway-digital-twin"}
    found, _ = result(client, "?q=香港科技大学")
    assert found == {"railway-digital-twin"}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?zone=smart-cities", "There is no zone “smart-cities” in this edition."),
        ("?department=nobody", "No department “nobody” shows exhibits in this edition."),
        ("?technology=telepathy", "No exhibit in this edition uses a technology “telepathy”."),
        ("?award=nobel", "No exhibit in this edition has an award “nobel”."),
        ("?awarded=maybe", "Award winners only: Use true or false."),
        (
            "?ordering=price",
            "Sort by: Select a valid choice. price is not one of the available choices.",
        ),
        ("?page=99", "There is no page 99 of these results."),
        ("?page=two", "“two” is not a page number."),
        ("?zone=%3Cscript%3E", "There is no zone “<script>” in this edition."),
    ],
)
def test_exhibit_list_unknown_value_gives_empty_result_with_message(
    client, catalogue, query, message
):
    response = client.get(f"/exhibits/{query}")
    assert response.status_code == 200
    assert slugs(response) == []
    assert response.context["problems"] == [message]
    assert response.context["total"] == 0
    html = response.content.decode()
    assert "<script>" not in html.split("<main", 1)[1]
    assert "0 exhibits" in html


def test_exhibit_list_known_slug_without_exhibits_says_so(client, catalogue):
    # Cybersecurity and APICTA exist, but no published exhibit of the edition has them.
    assert result(client, "?technology=cybersecurity") == (
        set(),
        ["No exhibit in this edition uses a technology “cybersecurity”."],
    )
    assert result(client, "?award=apicta") == (
        set(),
        ["No exhibit in this edition has an award “apicta”."],
    )


def test_exhibit_list_known_and_unknown_zone_together_shows_known_and_says_so(client, catalogue):
    found, problems = result(client, "?zone=smart-mobility&zone=smart-cities")
    assert found == {"railway-digital-twin"}
    assert problems == ["There is no zone “smart-cities” in this edition."]


def test_exhibit_list_zone_of_earlier_edition_only_matches_current_edition(client, catalogue):
    # Both editions have a "smart-living" zone; only the current one's exhibits show.
    found, _ = result(client, "?zone=smart-living")
    assert found == {"iam-smart", "ai-weather"}
    assert "legacy-kiosk" not in found


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        # Zone order, then title without regard to case ("AI weather" before "iAM Smart").
        ("", ["ai-weather", "iam-smart", "railway-digital-twin", "tumbler-inspection-robot"]),
        ("zone", ["ai-weather", "iam-smart", "railway-digital-twin", "tumbler-inspection-robot"]),
        ("title", ["ai-weather", "iam-smart", "railway-digital-twin", "tumbler-inspection-robot"]),
        ("-title", ["tumbler-inspection-robot", "railway-digital-twin", "iam-smart", "ai-weather"]),
        ("newest", ["tumbler-inspection-robot", "railway-digital-twin", "ai-weather", "iam-smart"]),
    ],
)
def test_exhibit_list_ordering_orders_exactly(client, catalogue, ordering, expected):
    response = client.get(f"/exhibits/?ordering={ordering}")
    assert slugs(response) == expected


def test_exhibit_list_title_ordering_follows_the_page_language(client, catalogue):
    # In Traditional Chinese, titles sort by their Traditional text (code point order).
    response = client.get("/zh-hant/exhibits/?ordering=title")
    shown = Exhibit.objects.in_bulk([card.pk for card in response.context["cards"]])
    titles = [shown[card.pk].title_zh_hant for card in response.context["cards"]]
    assert titles == sorted(titles)


def test_exhibit_list_paginates_24_per_page(client, catalogue):
    zone = catalogue.zones["smart-environment"]
    for n in range(30):
        factories.PublishedExhibitFactory(
            edition=catalogue.edition, zone=zone, slug=f"sensor-{n:02d}", title_en=f"Sensor {n:02d}"
        )
    first = client.get("/exhibits/?zone=smart-environment&ordering=title")
    second = client.get("/exhibits/?zone=smart-environment&ordering=title&page=2")
    assert first.context["total"] == 30
    assert slugs(first) == [f"sensor-{n:02d}" for n in range(24)]
    assert slugs(second) == [f"sensor-{n:02d}" for n in range(24, 30)]
    html = first.content.decode()
    assert 'href="?zone=smart-environment&amp;ordering=title&amp;page=2"' in html
    assert "Page 1 of 2" in html


def test_exhibit_list_active_filters_each_removable_and_clear_all(client, catalogue):
    response = client.get("/exhibits/?zone=smart-living&zone=smart-mobility&q=weather&awarded=true")
    removals = {(f["kind"], f["label"]): f["remove"] for f in response.context["active_filters"]}
    assert removals == {
        ("Zone", "Smart Living"): "?zone=smart-mobility&q=weather&awarded=true",
        ("Zone", "Smart Mobility"): "?zone=smart-living&q=weather&awarded=true",
        ("Search", "weather"): "?zone=smart-living&zone=smart-mobility&awarded=true",
        ("Awards", "Award winners only"): "?zone=smart-living&zone=smart-mobility&q=weather",
    }
    html = response.content.decode()
    assert '<a class="chip chip-clear js-refine" href="/exhibits/">Clear all</a>' in html
    # Following a removal link gives the result without that filter.
    found, _ = result(client, removals[("Search", "weather")])
    assert found == {"railway-digital-twin"}


def test_exhibit_list_form_keeps_chosen_values(client, catalogue):
    response = client.get("/exhibits/?zone=smart-living&department=hko&q=AI&ordering=title")
    html = response.content.decode()
    assert '<input type="checkbox" name="zone" value="smart-living" checked>' in html
    assert '<input type="checkbox" name="zone" value="smart-mobility">' in html
    assert '<option value="hko" selected>' in html
    assert 'name="q" value="AI"' in html
    assert '<option value="title" selected>' in html
    assert '<details class="more-filters" open>' in html
    assert 'method="get" action="/exhibits/"' in html


def test_exhibit_filter_scopes_to_the_queryset_edition(catalogue):
    # The FilterSet is shared with the API: given the earlier edition's exhibits, a zone
    # slug that both editions use matches only that edition's exhibits.
    filterset = ExhibitFilter(
        {"zone": "smart-living"}, queryset=published_exhibits(edition=catalogue.old_edition)
    )
    assert filterset.is_valid()
    assert {e.slug for e in filterset.qs} == {"legacy-kiosk", "iam-smart"}
    assert {e.edition_id for e in filterset.qs} == {catalogue.old_edition.pk}


def test_exhibit_filter_partner_and_lead_give_no_duplicates(catalogue):
    railway = catalogue.exhibits["railway-digital-twin"]
    railway.partner_departments.add(catalogue.departments["mtr"], catalogue.departments["dpo"])
    filterset = ExhibitFilter(
        {"department": "mtr", "q": "digital"},
        queryset=published_exhibits(edition=catalogue.edition),
    )
    assert [e.slug for e in filterset.qs] == ["railway-digital-twin"]


def test_exhibit_filter_too_many_zones_is_refused(catalogue):
    filterset = ExhibitFilter(
        {"zone": ",".join(f"z{n}" for n in range(21))},
        queryset=published_exhibits(edition=catalogue.edition),
    )
    assert not filterset.is_valid()
    assert filterset.errors["zone"] == ["Choose at most 20 values."]

"""iCal feeds of demonstrations: they parse, hold the right times in Hong Kong time, keep
their UIDs across languages, show only published exhibits, and run a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from tests import factories
from tests.factories import hkt

pytestmark = pytest.mark.django_db

HKT = ZoneInfo("Asia/Hong_Kong")


@pytest.fixture
def fair(edition, zones):
    """Two published exhibits in Smart Living (one with a booth), a draft, one elsewhere."""
    living, mobility = zones
    booth = factories.BoothFactory(zone=living, edition=edition, code="L01")
    iam = factories.PublishedExhibitFactory(
        edition=edition,
        zone=living,
        booth=booth,
        slug="iam-smart",
        title_en="iAM Smart",
        title_zh_hant="智方便",
    )
    robot = factories.PublishedExhibitFactory(
        edition=edition, zone=living, slug="robot", title_en="Inspection robot"
    )
    draft = factories.ExhibitFactory(edition=edition, zone=living, slug="draft-kiosk")
    train = factories.PublishedExhibitFactory(edition=edition, zone=mobility, slug="train")
    sessions = {
        "iam-1": factories.DemoSessionFactory(
            exhibit=iam,
            starts_at=hkt(2025, 4, 13, 10, 0),
            ends_at=hkt(2025, 4, 13, 10, 30),
            title_en="Sign in with iAM Smart",
            title_zh_hant="以智方便登入",
            note_en="Bring your phone.",
        ),
        "iam-2": factories.DemoSessionFactory(
            exhibit=iam, starts_at=hkt(2025, 4, 15, 14, 0), ends_at=hkt(2025, 4, 15, 15, 0)
        ),
        "robot": factories.DemoSessionFactory(
            exhibit=robot, starts_at=hkt(2025, 4, 14, 11, 0), ends_at=hkt(2025, 4, 14, 11, 20)
        ),
        "draft": factories.DemoSessionFactory(exhibit=draft),
        "train": factories.DemoSessionFactory(exhibit=train),
    }
    return sessions


def parse(response) -> Calendar:
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events(calendar: Calendar) -> list:
    return list(calendar.walk("VEVENT"))


def test_exhibit_feed_parses_with_the_right_times(client, fair):
    response = client.get("/exhibits/iam-smart/demos.ics")

    calendar = parse(response)
    found = events(calendar)
    assert response.status_code == 200
    assert [(e.decoded("dtstart"), e.decoded("dtend")) for e in found] == [
        (hkt(2025, 4, 13, 10, 0), hkt(2025, 4, 13, 10, 30)),
        (hkt(2025, 4, 15, 14, 0), hkt(2025, 4, 15, 15, 0)),
    ]
    first = found[0]
    assert first["dtstart"].params["TZID"] == "Asia/Hong_Kong"
    assert first.decoded("dtstart").utcoffset() == dt.timedelta(hours=8)
    assert str(first["summary"]) == "Sign in with iAM Smart — iAM Smart"
    assert str(first["location"]) == (
        "Booth L01, Smart Living, Hong Kong Convention and Exhibition Centre"
    )
    assert str(first["description"]) == (
        "Bring your phone.\n\nhttp://localhost:8000/exhibits/iam-smart/"
    )
    assert str(first["url"]) == "http://localhost:8000/exhibits/iam-smart/"
    assert str(first["uid"]) == f"demo-session-{fair['iam-1'].pk}@localhost"
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Hong_Kong"]
    assert str(calendar["x-wr-calname"]) == "Demonstrations: iAM Smart"


def test_exhibit_feed_in_chinese_keeps_uids_and_times(client, fair):
    english = events(parse(client.get("/exhibits/iam-smart/demos.ics")))
    chinese = events(parse(client.get("/zh-hant/exhibits/iam-smart/demos.ics")))

    assert [str(e["uid"]) for e in chinese] == [str(e["uid"]) for e in english]
    assert [e.decoded("dtstart") for e in chinese] == [e.decoded("dtstart") for e in english]
    assert str(chinese[0]["summary"]) == "以智方便登入 — 智方便"


@pytest.mark.parametrize(
    ("prefix", "location"),
    [
        ("", "Booth L01, Smart Living, Hong Kong Convention and Exhibition Centre"),
        ("/zh-hant", "展位 L01，智慧生活，香港會議展覽中心"),  # noqa: RUF001
        ("/zh-hans", "展位 L01，智慧生活，香港会议展览中心"),  # noqa: RUF001
    ],
)
def test_exhibit_feed_links_and_places_in_its_language(client, fair, zones, prefix, location):
    zones[0].name_zh_hant = "智慧生活"
    zones[0].save()

    first = events(parse(client.get(f"{prefix}/exhibits/iam-smart/demos.ics")))[0]

    page = f"http://localhost:8000{prefix}/exhibits/iam-smart/"
    assert (str(first["location"]), str(first["url"])) == (location, page)
    assert str(first["description"]).endswith(f"\n\n{page}")


def test_zone_feed_holds_published_exhibits_of_the_zone_in_time_order(client, fair):
    response = client.get("/zones/smart-living/demos.ics")

    found = events(parse(response))
    uids = [str(e["uid"]) for e in found]
    assert uids == [f"demo-session-{fair[key].pk}@localhost" for key in ("iam-1", "robot", "iam-2")]
    assert found[1].decoded("dtstart").astimezone(HKT) == hkt(2025, 4, 14, 11, 0)
    assert str(found[1]["location"]) == ("Smart Living, Hong Kong Convention and Exhibition Centre")


def test_zone_feed_of_a_zone_without_demonstrations_is_an_empty_calendar(client, edition):
    factories.ZoneFactory(edition=edition, slug="smart-people")

    response = client.get("/zones/smart-people/demos.ics")

    assert (response.status_code, events(parse(response))) == (200, [])


@pytest.mark.parametrize(
    "url",
    [
        "/exhibits/draft-kiosk/demos.ics",
        "/exhibits/no-such-exhibit/demos.ics",
        "/zones/no-such-zone/demos.ics",
        "/zh-hans/exhibits/draft-kiosk/demos.ics",
    ],
)
def test_feeds_of_unpublished_or_unknown_things_are_404(client, fair, url):
    assert client.get(url).status_code == 404


def test_feed_of_an_earlier_edition_exhibit_is_404(client, fair):
    old = factories.EditionFactory(
        slug="innoex-2024", starts_on=dt.date(2024, 4, 13), ends_on=dt.date(2024, 4, 16)
    )
    factories.PublishedExhibitFactory(edition=old, slug="legacy")

    assert client.get("/exhibits/legacy/demos.ics").status_code == 404


@pytest.mark.parametrize("extra", [0, 20])
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # edition, exhibit (with zone, booth), its sessions
        ("/exhibits/iam-smart/demos.ics", 3),
        # edition, zone, sessions (with exhibit, zone, booth)
        ("/zones/smart-living/demos.ics", 3),
    ],
)
def test_feed_query_count_is_fixed(client, fair, django_assert_num_queries, url, queries, extra):
    iam = fair["iam-1"].exhibit
    for i in range(extra):
        factories.DemoSessionFactory(exhibit=iam, starts_at=hkt(2025, 4, 16, 9, i))

    with django_assert_num_queries(queries):
        response = client.get(url)

    assert response.status_code == 200

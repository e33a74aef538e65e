"""The visitor at the fair: the floor plan, What's on (now and next), the site-wide feed,
and the exhibit page's zone plan (exhibits.fair)."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from icalendar import Calendar

from exhibits.fair import demonstration_schedule
from pavilion import cache as page_cache
from tests import factories
from tests.factories import hkt

pytestmark = pytest.mark.django_db


@pytest.fixture
def fair(catalogue):
    """Booths in Smart Living (L1 held, L2 free, L10 held by a draft) beside the
    catalogue's M01 (railway), and demonstrations of published exhibits and of a draft."""
    z, e = catalogue.zones, catalogue.exhibits
    edition = catalogue.edition
    living = {
        code: factories.BoothFactory(zone=z["smart-living"], edition=edition, code=code)
        for code in ("L10", "L2", "L1")
    }
    for slug, code in (("iam-smart", "L1"), ("draft-kiosk", "L10")):
        e[slug].booth = living[code]
        e[slug].save(update_fields=["booth"])
    sessions = {
        "iam": (e["iam-smart"], hkt(2025, 4, 13, 10, 30), "Live demonstration", "現場示範"),
        "railway": (
            e["railway-digital-twin"],
            hkt(2025, 4, 13, 10, 45),
            "Disruption drill",
            "演練",
        ),
        "weather": (e["ai-weather"], hkt(2025, 4, 14, 14, 0), "Forecast desk", "預報台"),
        "railway-last": (e["railway-digital-twin"], hkt(2025, 4, 16, 15, 0), "Last run", "最後"),
        "draft": (e["draft-kiosk"], hkt(2025, 4, 13, 10, 30), "Secret preview", "秘密"),
    }
    catalogue.sessions = {
        key: factories.DemoSessionFactory(
            exhibit=exhibit, starts_at=starts, title_en=title_en, title_zh_hant=title_zh
        )
        for key, (exhibit, starts, title_en, title_zh) in sessions.items()
    }
    catalogue.booths = living
    return catalogue


def titles(sessions) -> list[str]:
    return [session.title_en for session in sessions]


# --- What's on: now and next ------------------------------------------------------------------


def test_schedule_during_the_fair_says_what_is_on_now_and_next(fair):
    schedule = demonstration_schedule(edition=fair.edition, now=hkt(2025, 4, 13, 10, 50))

    assert schedule.state == "during"
    assert titles(schedule.now) == ["Live demonstration", "Disruption drill"]
    assert titles(schedule.next) == ["Forecast desk", "Last run"]


def test_schedule_a_demonstration_ends_at_its_end_time(fair):
    schedule = demonstration_schedule(edition=fair.edition, now=hkt(2025, 4, 13, 11, 0))

    assert titles(schedule.now) == ["Disruption drill"]


def test_schedule_lists_every_day_by_zone_and_never_unpublished_exhibits(fair):
    schedule = demonstration_schedule(edition=fair.edition, now=hkt(2025, 4, 13, 10, 50))

    days = [
        (
            str(day.date),
            [(group.zone.slug, titles(group.sessions)) for group in day.zones],
        )
        for day in schedule.days
    ]
    assert days == [
        (
            "2025-04-13",
            [("smart-living", ["Live demonstration"]), ("smart-mobility", ["Disruption drill"])],
        ),
        ("2025-04-14", [("smart-living", ["Forecast desk"])]),
        ("2025-04-15", []),
        ("2025-04-16", [("smart-mobility", ["Last run"])]),
    ]
    assert "Secret preview" not in titles(schedule.sessions)


def test_schedule_before_the_fair_names_the_first_demonstrations(fair):
    schedule = demonstration_schedule(edition=fair.edition, now=hkt(2025, 4, 12, 23, 59))

    assert schedule.state == "before"
    assert schedule.now == []
    assert titles(schedule.next) == [
        "Live demonstration",
        "Disruption drill",
        "Forecast desk",
        "Last run",
    ]


def test_schedule_after_the_fair_has_no_now_and_no_next(fair):
    schedule = demonstration_schedule(edition=fair.edition, now=hkt(2025, 4, 17, 0, 0))

    assert (schedule.state, schedule.now, schedule.next) == ("after", [], [])
    assert len(schedule.days) == 4


def test_schedule_last_day_ends_at_midnight_hong_kong_time(fair):
    assert demonstration_schedule(edition=fair.edition, now=hkt(2025, 4, 16, 23, 59)).state == (
        "during"
    )


def test_whats_on_page_lists_days_links_exhibits_and_feeds(client, fair):
    response = client.get("/whats-on/")
    html = response.content.decode()

    assert response.status_code == 200
    assert "The fair runs from 13 April 2025 to 16 April 2025. Times are Hong Kong time." in html
    # Today is after April 2025: the page still makes sense.
    assert "This fair is over: nothing is on now." in html
    assert re.findall(r'<h3 id="day-([0-9-]+)"', html) == [
        "2025-04-13",
        "2025-04-14",
        "2025-04-15",
        "2025-04-16",
    ]
    assert "No demonstrations on this day." in html
    assert '<a class="schedule-exhibit" href="/exhibits/railway-digital-twin/">' in html
    assert 'href="/floor-plan/?booth=M01#booth-M01">Booth M01</a>' in html
    assert 'href="/demos.ics" type="text/calendar"' in html
    assert 'href="/zones/smart-mobility/demos.ics"' in html
    assert "Secret preview" not in html and "draft-kiosk" not in html
    assert re.findall(r"<time datetime=\"2025-04-13T10:30:00\+08:00\">(.*?)</time>", html) == [
        "10:30"
    ]


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [("/zh-hant", "智方便"), ("/zh-hans", "智方便")],
)
def test_whats_on_page_in_chinese(client, fair, prefix, expected):
    html = client.get(f"{prefix}/whats-on/").content.decode()

    assert f'href="{prefix}/exhibits/iam-smart/"' in html
    assert expected in html
    assert "現場示範" in html or "现场示范" in html
    assert 'lang="zh-H' in html


# --- The floor plan ---------------------------------------------------------------------------


def test_floor_plan_draws_every_zone_and_booth_in_natural_order(client, fair):
    html = client.get("/floor-plan/").content.decode()

    assert re.findall(r'<span class="plan-code">(.*?)</span>', html) == ["L1", "L2", "L10", "M01"]
    assert (
        '<a class="plan-booth" href="/exhibits/iam-smart/" id="booth-L1" '
        'aria-label="Booth L1: iAM Smart">'
    ) in html
    assert 'id="booth-L2" role="img" aria-label="Booth L2, no exhibit"' in html
    # A booth held by a draft shows no exhibit: the public never learns of drafts.
    assert 'id="booth-L10" role="img" aria-label="Booth L10, no exhibit"' in html
    assert "Weather kiosk (draft)" not in html
    assert re.findall(r'class="plan-zone-name" x="\d+" y="\d+"[^>]*>(.*?)</text>', html) == [
        "Smart Living",
        "Smart Mobility",
        "Smart Environment",
        "Smart People",
    ]
    assert "sample layout" not in html


def test_floor_plan_highlights_the_booth_asked_for(client, fair):
    html = client.get("/floor-plan/?booth=m01").content.decode()

    assert "You are looking for booth M01" in html
    assert (
        '<a class="plan-booth is-highlighted" href="/exhibits/railway-digital-twin/" '
        'id="booth-M01" aria-label="Booth M01: Railway digital twin" aria-current="location">'
    ) in html
    assert html.count("is-highlighted") == 2  # the drawing and the list


def test_floor_plan_unknown_booth_says_so_and_highlights_nothing(client, fair):
    response = client.get("/floor-plan/?booth=Z99")
    html = response.content.decode()

    assert response.status_code == 200
    assert "There is no booth Z99 on this plan." in html
    assert "is-highlighted" not in html


def test_floor_plan_marks_a_demo_layout(client, fair):
    fair.booths["L2"].is_demo = True
    fair.booths["L2"].save()

    html = client.get("/floor-plan/").content.decode()

    assert "Demo site: these booth positions are a sample layout" in html


def test_floor_plan_in_traditional_chinese(client, fair):
    html = client.get("/zh-hant/floor-plan/").content.decode()

    assert 'href="/zh-hant/exhibits/iam-smart/"' in html
    assert "智方便" in html and "智慧生活" in html
    assert '<html lang="zh-Hant">' in html


def test_floor_plan_without_current_edition_is_404(client, db):
    assert client.get("/floor-plan/").status_code == 404
    assert client.get("/whats-on/").status_code == 404
    assert client.get("/demos.ics").status_code == 404


def test_site_navigation_and_home_link_the_fair_pages(client, fair):
    html = client.get("/").content.decode()

    assert html.count('href="/floor-plan/"') == 2  # navigation and the home page
    assert html.count('href="/whats-on/"') == 2
    plan = client.get("/floor-plan/").content.decode()
    assert '<a href="/floor-plan/" aria-current="page">Floor plan</a>' in plan


# --- The exhibit page's zone plan -------------------------------------------------------------


def test_exhibit_page_shows_its_booth_on_its_zone_plan(client, fair):
    html = client.get("/exhibits/iam-smart/").content.decode()

    assert "You are looking for booth L1" in html
    assert 'href="/floor-plan/?booth=L1#booth-L1">See it on the full floor plan</a>' in html
    assert 'aria-label="Booth L1: iAM Smart" aria-current="location"' in html
    assert 'aria-label="Booth L10, no exhibit"' in html
    assert 'aria-label="Floor plan of Smart Living"' in html
    # The small plan has no anchors of its own: ids stay unique on the full plan.
    assert 'id="booth-L1"' not in html


def test_exhibit_page_without_booth_has_no_plan(client, fair):
    html = client.get("/exhibits/ai-weather/").content.decode()

    assert "Where to find it" not in html


def test_exhibit_page_etag_changes_when_its_zone_plan_does(client, fair):
    first = client.get("/exhibits/iam-smart/")["ETag"]
    factories.BoothFactory(zone=fair.zones["smart-living"], edition=fair.edition, code="L3")

    assert client.get("/exhibits/iam-smart/")["ETag"] != first


# --- The site-wide feed -----------------------------------------------------------------------


def test_site_wide_feed_has_every_public_demonstration(client, fair):
    response = client.get("/demos.ics")
    calendar = Calendar.from_ical(response.content)
    events = [str(event["summary"]) for event in calendar.walk("VEVENT")]

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert events == [
        "Live demonstration — iAM Smart",
        "Disruption drill — Railway digital twin",
        "Forecast desk — AI weather prediction models",
        "Last run — Railway digital twin",
    ]
    assert str(calendar["x-wr-calname"]) == "Demonstrations: Smart Hong Kong Pavilion"


def test_site_wide_feed_in_chinese_keeps_the_uids(client, fair):
    english = Calendar.from_ical(client.get("/demos.ics").content)
    chinese = Calendar.from_ical(client.get("/zh-hant/demos.ics").content)

    assert [str(e["uid"]) for e in chinese.walk("VEVENT")] == [
        str(e["uid"]) for e in english.walk("VEVENT")
    ]
    assert str(chinese.walk("VEVENT")[0]["summary"]) == "現場示範 — 智方便"
    assert client.get("/zh-hans/demos.ics").status_code == 200


# --- Fixed queries, cached like the other public pages ----------------------------------------


@pytest.fixture(params=[3, 50], ids=["3-exhibits", "50-exhibits"])
def crowded_fair(request, fair):
    zone = fair.zones["smart-environment"]
    for i in range(request.param):
        booth = factories.BoothFactory(zone=zone, edition=fair.edition, code=f"E{i:02d}")
        exhibit = factories.PublishedExhibitFactory(
            edition=fair.edition, zone=zone, booth=booth, slug=f"sensor-{i:02d}"
        )
        factories.DemoSessionFactory(exhibit=exhibit, starts_at=hkt(2025, 4, 14, 9 + i % 8))
    return fair


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # edition, zones, booths (with their public exhibits joined)
        ("/floor-plan/", 3),
        ("/zh-hant/floor-plan/?booth=E01", 3),
        # edition, demonstrations (exhibit, zone and booth joined)
        ("/whats-on/", 2),
        ("/zh-hans/whats-on/", 2),
        ("/demos.ics", 2),
        # the exhibit page's 10, and its zone's booths
        ("/exhibits/sensor-01/", 11),
    ],
)
def test_fair_page_query_count_is_fixed(
    client, crowded_fair, django_assert_num_queries, url, queries
):
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200


@pytest.fixture
def local_page_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.PAVILION_PAGE_CACHE = True
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize("url", ["/floor-plan/", "/whats-on/", "/zh-hant/floor-plan/"])
def test_fair_pages_are_cached_like_other_public_pages(client, fair, local_page_cache, url):
    first = client.get(url)
    second = client.get(url)

    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert second.content == first.content


def test_whats_on_cache_follows_the_clock(client, fair, local_page_cache, monkeypatch):
    client.get("/whats-on/")
    assert client.get("/whats-on/")["X-Cache"] == "hit"

    later = page_cache.time.time() + page_cache.CLOCK_PAGES["whats_on"]
    monkeypatch.setattr(page_cache.time, "time", lambda: later)

    assert client.get("/whats-on/")["X-Cache"] == "miss"
    # The floor plan does not depend on the clock.
    assert client.get("/floor-plan/")["X-Cache"] == "miss"
    assert client.get("/floor-plan/")["X-Cache"] == "hit"


@pytest.mark.parametrize(
    ("now", "expected", "absent"),
    [
        (
            hkt(2025, 4, 13, 10, 50),
            ["Now (10:50)", "Next", "Forecast desk"],
            ["This fair is over", "has not begun"],
        ),
        (hkt(2025, 4, 16, 16, 0), ["No demonstration is under way right now."], ["Coming up"]),
        (hkt(2025, 4, 1, 9, 0), ["Coming up", "The fair has not begun yet."], ["Now ("]),
    ],
)
def test_whats_on_page_at_a_given_moment(rf, fair, now, expected, absent):
    """The page's "now" and "next" as the selector computes them at ``now``."""
    from django.shortcuts import render

    request = rf.get("/whats-on/")
    schedule = demonstration_schedule(edition=fair.edition, now=now)
    html = render(
        request, "exhibits/whats_on.html", {"edition": fair.edition, "schedule": schedule}
    ).content.decode()
    now_section = html.split('class="on-now"')[1].split("</section>")[0]

    assert all(text in now_section for text in expected)
    assert not any(text in now_section for text in absent)

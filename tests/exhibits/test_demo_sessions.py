"""Demonstrations: the fair's dates in Hong Kong time, the end after the start, the
exhibit's public page, and the public page seeing every change."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from exhibits.models import DemoSession, Exhibit
from tests import factories
from tests.factories import hkt

pytestmark = pytest.mark.django_db


@pytest.fixture
def exhibit(edition, zones):
    return factories.PublishedExhibitFactory(
        edition=edition, zone=zones[0], slug="iam-smart", title_en="iAM Smart"
    )


def session(exhibit, starts_at, ends_at, **kwargs) -> DemoSession:
    return DemoSession(
        exhibit=exhibit, starts_at=starts_at, ends_at=ends_at, title_en="Live demo", **kwargs
    )


@pytest.mark.parametrize(
    ("starts_at", "ends_at"),
    [
        # The first minute of the first day and the last minute of the last (13 to 16 April).
        (hkt(2025, 4, 13, 0, 0), hkt(2025, 4, 13, 0, 30)),
        (hkt(2025, 4, 16, 23, 30), hkt(2025, 4, 17, 0, 0)),
        (hkt(2025, 4, 14, 10, 0), hkt(2025, 4, 14, 10, 45)),
    ],
)
def test_demo_session_clean_accepts_times_within_the_fair(exhibit, starts_at, ends_at):
    demo = session(exhibit, starts_at, ends_at)

    demo.full_clean()


@pytest.mark.parametrize(
    ("starts_at", "ends_at"),
    [
        # 23:30 in Hong Kong on the eve is 15:30 UTC on the 12th: before the fair.
        (hkt(2025, 4, 12, 23, 30), hkt(2025, 4, 13, 0, 30)),
        # Ends after midnight of the last day.
        (hkt(2025, 4, 16, 23, 30), hkt(2025, 4, 17, 0, 30)),
        (hkt(2025, 5, 1, 10, 0), hkt(2025, 5, 1, 11, 0)),
    ],
)
def test_demo_session_clean_refuses_times_outside_the_fair(exhibit, starts_at, ends_at):
    demo = session(exhibit, starts_at, ends_at)

    with pytest.raises(ValidationError) as caught:
        demo.full_clean()

    assert caught.value.messages == [
        "A demonstration must take place during the fair, between 2025-04-13 and "
        "2025-04-16 (Hong Kong time)."
    ]


def test_demo_session_clean_uses_hong_kong_days_not_utc(exhibit):
    # 07:30 on 13 April in Hong Kong is 23:30 UTC on the 12th: still within the fair.
    starts_at = dt.datetime(2025, 4, 12, 23, 30, tzinfo=dt.UTC)

    session(exhibit, starts_at, starts_at + dt.timedelta(minutes=30)).full_clean()


def test_demo_session_clean_refuses_an_end_before_the_start(exhibit):
    demo = session(exhibit, hkt(2025, 4, 14, 11, 0), hkt(2025, 4, 14, 10, 0))

    with pytest.raises(ValidationError) as caught:
        demo.full_clean()

    assert caught.value.messages == ["A demonstration must end after it starts."]


def test_demo_session_database_refuses_an_end_at_the_start(exhibit):
    demo = session(exhibit, hkt(2025, 4, 14, 11, 0), hkt(2025, 4, 14, 11, 0))

    with pytest.raises(IntegrityError), transaction.atomic():
        demo.save()

    assert DemoSession.objects.count() == 0


def test_exhibit_page_lists_demonstrations_in_hong_kong_time(client, exhibit):
    factories.DemoSessionFactory(
        exhibit=exhibit,
        # 02:00 UTC is 10:00 in Hong Kong.
        starts_at=dt.datetime(2025, 4, 14, 2, 0, tzinfo=dt.UTC),
        ends_at=dt.datetime(2025, 4, 14, 2, 45, tzinfo=dt.UTC),
        title_en="Robot inspection",
        title_zh_hant="機械人檢測",
        note_en="Meet at the front of the booth.",
    )
    factories.DemoSessionFactory(
        exhibit=exhibit, starts_at=hkt(2025, 4, 13, 15, 0), ends_at=hkt(2025, 4, 13, 15, 30)
    )

    english = client.get("/exhibits/iam-smart/")
    chinese = client.get("/zh-hant/exhibits/iam-smart/")

    html = english.content.decode()
    assert [s.title_en for s in english.context["demo_sessions"]] == [
        "Live demonstration",
        "Robot inspection",
    ]
    assert (
        '<time datetime="2025-04-14T10:00:00+08:00">14 April 2025 10:00</time>\u2013'
        '<time datetime="2025-04-14T10:45:00+08:00">10:45</time>'
    ) in html
    assert "Meet at the front of the booth." in html
    assert 'href="/exhibits/iam-smart/demos.ics"' in html
    assert "機械人檢測" in chinese.content.decode()
    assert 'href="/zh-hant/exhibits/iam-smart/demos.ics"' in chinese.content.decode()


def test_exhibit_page_without_demonstrations_has_no_section(client, exhibit):
    response = client.get("/exhibits/iam-smart/")

    assert (response.status_code, response.context["demo_sessions"]) == (200, [])
    assert "demos-heading" not in response.content.decode()


def test_demo_session_change_moves_the_exhibit_update_time(exhibit):
    before = Exhibit.objects.get(pk=exhibit.pk)

    demo = factories.DemoSessionFactory(exhibit=exhibit)
    added = Exhibit.objects.get(pk=exhibit.pk)
    demo.delete()
    removed = Exhibit.objects.get(pk=exhibit.pk)

    assert before.updated_at < added.updated_at < removed.updated_at
    # No history record and no version bump: it is not an edit of the exhibit's content.
    assert (removed.version, removed.history.count()) == (before.version, before.history.count())


def test_demo_session_change_changes_the_exhibit_page_etag(client, exhibit):
    first = client.get("/exhibits/iam-smart/")
    demo = factories.DemoSessionFactory(exhibit=exhibit)
    added = client.get("/exhibits/iam-smart/", headers={"if-none-match": first["ETag"]})
    demo.title_en = "Moved demonstration"
    demo.save()
    changed = client.get("/exhibits/iam-smart/", headers={"if-none-match": added["ETag"]})
    unchanged = client.get("/exhibits/iam-smart/", headers={"if-none-match": changed["ETag"]})

    assert (added.status_code, changed.status_code, unchanged.status_code) == (200, 200, 304)
    assert "Moved demonstration" in changed.content.decode()


def test_demo_session_change_refreshes_the_cached_public_page(
    client, exhibit, settings, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    settings.PAVILION_PAGE_CACHE = True
    cache.clear()
    client.get("/exhibits/iam-smart/")  # stored
    cached = client.get("/exhibits/iam-smart/")

    with django_capture_on_commit_callbacks(execute=True):
        factories.DemoSessionFactory(exhibit=exhibit, title_en="Freshly scheduled")
    fresh = client.get("/exhibits/iam-smart/")

    assert (cached["X-Cache"], fresh["X-Cache"]) == ("hit", "miss")
    assert "Freshly scheduled" not in cached.content.decode()
    assert "Freshly scheduled" in fresh.content.decode()
    cache.clear()


def test_demo_session_names_itself_in_hong_kong_time(exhibit):
    demo = factories.DemoSessionFactory(
        exhibit=exhibit, starts_at=dt.datetime(2025, 4, 14, 2, 30, tzinfo=dt.UTC)
    )

    assert str(demo) == "Live demonstration (2025-04-14 10:30 HKT)"

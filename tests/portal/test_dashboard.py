"""The portal's dashboard: the acting department's exhibits by status, window, quota."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from exhibits.models import Exhibit, ExhibitComment
from tests import factories
from tests.portal.conftest import url

pytestmark = pytest.mark.django_db
S = Exhibit.Status


def test_dashboard_anonymous_redirects_to_sign_in(client):
    response = client.get(url("dashboard"))

    assert (response.status_code, response["Location"]) == (302, "/portal/login/?next=/portal/")


def test_dashboard_in_chinese_redirects_to_chinese_sign_in(client):
    response = client.get("/zh-hant/portal/")

    assert response["Location"] == "/zh-hant/portal/login/?next=/zh-hant/portal/"


def test_dashboard_groups_exhibits_by_status_with_counts(
    login, coordinator, department, edition, zone
):
    for title, status in [
        ("Alpha", S.DRAFT),
        ("Bravo", S.DRAFT),
        ("Charlie", S.SUBMITTED),
        ("Delta", S.CHANGES_REQUESTED),
    ]:
        factories.ExhibitFactory(
            edition=edition, lead_department=department, title_en=title, status=status
        )
    factories.ExhibitFactory(edition=edition, title_en="Somebody else's")
    factories.ExhibitFactory(lead_department=department, title_en="Last year's")

    response = login(coordinator).get(url("dashboard"))

    assert response.status_code == 200
    board = response.context["board"]
    assert [(g.status, [e.title_en for e in g.exhibits]) for g in board.groups if g.count] == [
        (S.CHANGES_REQUESTED, ["Delta"]),
        (S.DRAFT, ["Alpha", "Bravo"]),
        (S.SUBMITTED, ["Charlie"]),
    ]
    html = response.content.decode()
    assert '<span class="status-count">2</span> Draft' in html
    assert "Somebody else" not in html and "Last year" not in html


def test_dashboard_shows_open_window_with_time_left(login, editor, edition):
    edition.submission_closes_at = timezone.now() + dt.timedelta(days=3, hours=2, minutes=5)
    edition.save()

    html = login(editor).get(url("dashboard")).content.decode()

    assert "Open: 3\xa0days, 2\xa0hours left." in html


def test_dashboard_shows_closed_window(login, editor, edition):
    edition.submission_opens_at = timezone.now() - dt.timedelta(days=30)
    edition.submission_closes_at = timezone.now() - dt.timedelta(days=1)
    edition.save()

    html = login(editor).get(url("dashboard")).content.decode()

    assert "Closed. New exhibits can no longer be submitted" in html


def test_dashboard_shows_window_not_yet_open(login, editor, edition):
    edition.submission_opens_at = timezone.now() + dt.timedelta(days=2)
    edition.submission_closes_at = timezone.now() + dt.timedelta(days=30)
    edition.save()

    html = login(editor).get(url("dashboard")).content.decode()

    assert "Not open yet: it opens in 1\xa0day, 23\xa0hours." in html


def test_dashboard_shows_quota_used_and_left(login, editor, edition, department):
    factories.QuotaFactory(edition=edition, department=department, limit=4)
    for status in [S.SUBMITTED, S.CHANGES_REQUESTED, S.DRAFT, S.WITHDRAWN, S.DECLINED]:
        factories.ExhibitFactory(edition=edition, lead_department=department, status=status)
    factories.PublishedExhibitFactory(edition=edition, lead_department=department)

    html = login(editor).get(url("dashboard")).content.decode()

    assert "<strong>3 of 4 used</strong>" in html
    assert "1 more can be submitted." in html


def test_dashboard_without_quota_says_so(login, editor):
    html = login(editor).get(url("dashboard")).content.decode()

    assert "the pavilion team has not set a quota yet" in html


def test_dashboard_curator_without_department_gets_pointer_to_admin(login, curator):
    response = login(curator).get(url("dashboard"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "You are not a member of any department" in html
    assert 'href="/admin/"' in html


def test_exhibit_page_for_person_without_department_is_403(login, curator):
    exhibit = factories.ExhibitFactory()

    response = login(curator).get(url("exhibit_detail", exhibit.pk))

    assert response.status_code == 403


def test_dashboard_person_in_two_departments_must_choose(
    client, coordinator, department, other_department
):
    factories.MembershipFactory(user=coordinator, department=other_department)
    client.force_login(coordinator)

    response = client.get(url("dashboard"))

    assert (response.status_code, response["Location"]) == (
        302,
        url("choose_department") + "?next=%2Fportal%2F",
    )


def make_exhibits(n, *, edition, department, zone, curator):
    for i in range(n):
        exhibit = factories.ExhibitFactory(
            edition=edition,
            lead_department=department,
            proposed_zone=zone,
            zone=zone if i % 3 == 0 else None,
            status=[S.DRAFT, S.SUBMITTED, S.CHANGES_REQUESTED][i % 3],
        )
        ExhibitComment.objects.create(exhibit=exhibit, author=curator, body="Hi")
        partnered = factories.ExhibitFactory(edition=edition, status=S.SUBMITTED)
        partnered.partner_departments.add(department)


@pytest.mark.parametrize("n", [3, 20])
def test_dashboard_query_count_does_not_grow(
    n, client, coordinator, department, edition, zone, curator, django_assert_num_queries
):
    factories.QuotaFactory(edition=edition, department=department, limit=30)
    make_exhibits(n, edition=edition, department=department, zone=zone, curator=curator)
    client.force_login(coordinator)

    # Session, user, memberships (acting one), memberships (switch link), edition,
    # exhibits with comment counts, quota, partner exhibits.
    with django_assert_num_queries(8):
        response = client.get(url("dashboard"))

    assert response.status_code == 200
    assert sum(group.count for group in response.context["board"].groups) == n
    assert len(response.context["board"].partner_exhibits) == n


@pytest.mark.parametrize(
    ("prefix", "lang", "texts"),
    [
        ("", "en", ["Submission window", "New exhibit", "Draft"]),
        ("/zh-hant", "zh-Hant", ["提交期", "新增展品", "部門入口網站", "草稿"]),
        ("/zh-hans", "zh-Hans", ["提交期", "新增展品", "部门门户网站", "草稿"]),
    ],
)
def test_dashboard_in_three_languages(login, editor, prefix, lang, texts):
    response = login(editor).get(prefix + url("dashboard"))

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in html
    for text in texts:
        assert text in html


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("", "From 12 May 2026 09:00 to 12 June 2099 17:03 (Hong Kong time)."),
        ("/zh-hant", "由 2026年5月12日 09:00 至 2099年6月12日 17:03（香港時間）。"),  # noqa: RUF001
    ],
)
def test_dashboard_gives_the_window_in_hong_kong_format(login, editor, edition, prefix, expected):
    edition.submission_opens_at = factories.hkt(2026, 5, 12, 9, 0)
    edition.submission_closes_at = factories.hkt(2099, 6, 12, 17, 3)
    edition.save()

    html = login(editor).get(f"{prefix}{url('dashboard')}").content.decode()

    assert expected in html
    assert "p.m." not in html and "05/12/2026" not in html

"""The curators' dashboard: the right numbers, each linking to the admin list that shows
exactly what it counts; accessible SVG charts; a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from curation.dashboard import curator_dashboard
from exhibits.models import Exhibit, ExhibitImage, ExhibitRevision
from tests import factories
from tests.factories import hkt

pytestmark = pytest.mark.django_db


@pytest.fixture
def fair(edition, zones):
    living, mobility = zones
    edition.submission_opens_at = hkt(2025, 2, 1, 9)
    edition.submission_closes_at = hkt(2025, 3, 10, 18)
    edition.save()
    dpo = factories.DepartmentFactory(slug="dpo", name_en="Digital Policy Office")
    hko = factories.DepartmentFactory(slug="hko", name_en="Hong Kong Observatory")
    dsd = factories.DepartmentFactory(slug="dsd", name_en="Drainage Services Department")
    factories.QuotaFactory(edition=edition, department=dsd)  # expected, nothing yet
    factories.DepartmentFactory(slug="idle")  # not expected: no quota, exhibit or members
    submitted = factories.ExhibitFactory(
        edition=edition,
        zone=living,
        lead_department=dpo,
        status="submitted",
        # 23:30 UTC on 1 March is 07:30 on 2 March in Hong Kong.
        submitted_at=dt.datetime(2025, 3, 1, 23, 30, tzinfo=dt.UTC),
    )
    published = factories.PublishedExhibitFactory(
        edition=edition,
        zone=living,
        lead_department=dpo,
        submitted_at=hkt(2025, 3, 2, 15),
        title_zh_hans="展品简体",
        summary_zh_hans="简体",
        description_zh_hans="简体",
    )
    in_review = factories.ExhibitFactory(
        edition=edition,
        zone=mobility,
        lead_department=dpo,
        status="in_review",
        submitted_at=hkt(2025, 3, 5, 9),
        summary_zh_hant=None,
    )
    draft = factories.ExhibitFactory(edition=edition, lead_department=hko, description_zh_hant="")
    declined = factories.ExhibitFactory(
        edition=edition, lead_department=dpo, status="declined", title_zh_hant=None
    )
    image = factories.ExhibitImageFactory(exhibit=published)
    ExhibitImage.objects.filter(pk=image.pk).update(alt_text_zh_hant="")
    factories.ExhibitImageFactory(exhibit=submitted)  # has Chinese alt text
    gone_image = factories.ExhibitImageFactory(exhibit=declined)
    ExhibitImage.objects.filter(pk=gone_image.pk).update(alt_text_zh_hant=None)
    other = factories.EditionFactory(slug="innoex-2019")
    factories.ExhibitFactory(edition=other, lead_department=hko, status="submitted")
    return {
        "submitted": submitted,
        "published": published,
        "in_review": in_review,
        "draft": draft,
        "declined": declined,
        "image": image,
        "dpo": dpo,
        "hko": hko,
        "dsd": dsd,
    }


def counts(items) -> dict:
    return {count.key: count.value for count in items}


def test_dashboard_counts_by_zone_and_status(fair, edition):
    board = curator_dashboard()

    assert (board.edition, board.total) == (edition, 5)
    assert counts(board.by_zone) == {"smart-living": 2, "smart-mobility": 1, "none": 2}
    assert counts(board.by_status) == {
        "draft": 1,
        "submitted": 1,
        "in_review": 1,
        "changes_requested": 0,
        "approved": 0,
        "published": 1,
        "declined": 1,
        "withdrawn": 0,
    }


def test_dashboard_submissions_by_hong_kong_day_against_the_deadline(fair):
    board = curator_dashboard()

    assert [(d.day, d.submitted, d.total) for d in board.submissions] == [
        (dt.date(2025, 3, 2), 2, 2),
        (dt.date(2025, 3, 5), 1, 3),
    ]
    assert board.deadline == dt.date(2025, 3, 10)


def test_dashboard_departments_not_yet_submitted(fair):
    board = curator_dashboard()

    assert counts(board.departments) == {"waiting": 2, "submitted": 1}
    assert [d.label for d in board.departments_waiting] == [
        "Drainage Services Department",
        "Hong Kong Observatory",
    ]


def test_dashboard_translations_and_alt_text_missing_leave_out_declined(fair):
    board = curator_dashboard()

    # Traditional: the in-review one (no summary) and the draft (empty description).
    # Simplified: everyone at the fair but the published one.
    assert counts(board.translations) == {"zh-hant": 2, "zh-hans": 3}
    assert counts(board.images) == {"images": 1, "exhibits": 1}


def listed(client, url) -> list:
    response = client.get(url)
    assert response.status_code == 200, url
    return sorted(obj.pk for obj in response.context["cl"].queryset)


def test_dashboard_numbers_link_to_admin_lists_of_exactly_those_rows(client, curator, fair):
    client.force_login(curator)
    board = curator_dashboard()

    for count in [*board.by_zone, *board.by_status, *board.translations]:
        shown = listed(client, count.url)
        assert len(shown) == count.value, (count.label, count.url)
    assert listed(client, board.translations[0].url) == sorted(
        [fair["in_review"].pk, fair["draft"].pk]
    )
    (images, exhibits) = board.images
    assert listed(client, images.url) == [fair["image"].pk]
    assert listed(client, exhibits.url) == [fair["published"].pk]
    waiting, submitted = board.departments
    assert listed(client, waiting.url) == sorted([fair["dsd"].pk, fair["hko"].pk])
    assert listed(client, submitted.url) == [fair["dpo"].pk]
    first, second = board.submissions
    assert listed(client, first.url) == sorted([fair["submitted"].pk, fair["published"].pk])
    assert len(listed(client, second.url)) == 3
    hko = next(d for d in board.departments_waiting if d.key == "hko")
    assert listed(client, hko.url) == [fair["draft"].pk]


def test_dashboard_empty_sets_link_to_empty_lists(client, curator, edition):
    client.force_login(curator)

    board = curator_dashboard()

    assert parse_qs(urlsplit(board.images[0].url).query) == {"id__in": ["0"]}
    assert listed(client, board.images[0].url) == []


def test_dashboard_page_draws_accessible_charts_with_linked_numbers(client, curator, fair):
    client.force_login(curator)

    response = client.get(reverse("admin_tools:dashboard"))

    html = response.content.decode()
    assert response.status_code == 200
    svgs = re.findall(r"<svg class=\"chart\"[^>]*>", html)
    assert len(svgs) == 6
    for svg in svgs:
        chart_id = re.search(r'id="([^"]+)"', svg).group(1)
        assert 'role="img"' in svg
        assert f'aria-labelledby="{chart_id}-title {chart_id}-desc"' in svg
        assert f'<title id="{chart_id}-title">' in html
        assert f'<desc id="{chart_id}-desc">' in html
    assert (
        '<desc id="chart-zones-desc">Smart Living: 2, Smart Mobility: 1, No zone yet: 2</desc>'
        in html
    )
    assert "Deadline 10 Mar" in html
    living, edition_id = fair["published"].zone_id, fair["published"].edition_id
    href = f"/admin/exhibits/exhibit/?edition__id__exact={edition_id}&amp;zone__id__exact={living}"
    assert f'<a href="{href}">2</a>' in html
    # No inline style or script (the CSP forbids them); colours as fill attributes only.
    assert "style=" not in html.split("<body")[1].split('id="content-main"')[1]
    assert "<script" not in html.split('id="content-main"')[1]


def test_admin_dashboard_tag_shows_nothing_to_others(client, fair):
    client.force_login(factories.UserFactory(is_staff=True))

    assert client.get(reverse("admin_tools:dashboard")).status_code == 403


@pytest.mark.parametrize("extra", [0, 20])
def test_dashboard_query_count_is_fixed(fair, edition, django_assert_num_queries, extra):
    for i in range(extra):
        exhibit = factories.ExhibitFactory(
            edition=edition,
            lead_department=factories.DepartmentFactory(),
            status="submitted",
            submitted_at=hkt(2025, 3, 1 + i % 9, 10),
        )
        factories.QuotaFactory(edition=edition, department=factories.DepartmentFactory())
        Exhibit.objects.filter(pk=exhibit.pk).update(title_zh_hant="")

    # edition, exhibits, zones, departments, images
    with django_assert_num_queries(5):
        board = curator_dashboard()

    assert board.total == 5 + extra


def test_admin_index_shows_the_dashboard_to_curators_only(client, curator, fair):
    client.force_login(curator)
    curators_index = client.get(reverse("admin:index")).content.decode()
    client.force_login(factories.UserFactory(is_staff=True))
    staff_index = client.get(reverse("admin:index")).content.decode()

    assert curators_index.count('<svg class="chart"') == 6
    assert 'href="/admin/tools/dashboard/"' in curators_index
    assert "dashboard-heading" not in staff_index


def test_dashboard_waiting_counts_exhibits_and_submitted_changes_of_this_edition(
    client, curator, fair, edition
):
    def revision(exhibit, status):
        return ExhibitRevision.objects.create(
            exhibit=exhibit, number=1, status=status, base_version=1, submitted_at=hkt(2025, 3, 6)
        )

    changes = revision(fair["published"], "submitted")
    revision(factories.PublishedExhibitFactory(edition=edition), "draft")
    revision(factories.PublishedExhibitFactory(), "submitted")  # another edition
    client.force_login(curator)

    exhibits, revisions = curator_dashboard().waiting

    assert (counts([exhibits, revisions])) == {"exhibits": 2, "revisions": 1}
    assert listed(client, exhibits.url) == sorted([fair["submitted"].pk, fair["in_review"].pk])
    shown = client.get(revisions.url).context["cl"].queryset
    assert list(shown.values_list("pk", flat=True)) == [changes.pk]

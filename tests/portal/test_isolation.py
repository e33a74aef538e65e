"""Isolation over HTTP: another department's exhibit is a 404, a partner reads only (403 on
writes), a submitted exhibit is read-only to its own department (409)."""

from __future__ import annotations

import pytest

from exhibits.models import Exhibit, ExhibitComment
from tests import factories
from tests.portal.conftest import url
from tests.portal.helpers import exhibit_post

pytestmark = pytest.mark.django_db
S = Exhibit.Status


@pytest.fixture
def exhibit(edition, department, other_department, zone):
    """Led by ``department``, with ``other_department`` as a partner."""
    exhibit = factories.ExhibitFactory(
        edition=edition, lead_department=department, proposed_zone=zone, title_en="Lead's own"
    )
    exhibit.partner_departments.add(other_department)
    return exhibit


@pytest.fixture
def stranger(db, edition):
    """A coordinator of a third department, unrelated to the exhibit."""
    return factories.MembershipFactory(role="coordinator").user


def put(exhibit, status):
    zone = exhibit.proposed_zone if status == S.PUBLISHED else exhibit.zone
    Exhibit.objects.filter(pk=exhibit.pk).update(status=status, zone=zone)
    exhibit.refresh_from_db()


GETS = ["exhibit_detail", "exhibit_edit", "exhibit_preview"]


@pytest.mark.parametrize("name", GETS)
@pytest.mark.parametrize("status", [S.DRAFT, S.SUBMITTED, S.PUBLISHED])
def test_another_departments_exhibit_is_404(login, stranger, exhibit, name, status):
    put(exhibit, status)

    response = login(stranger).get(url(name, exhibit.pk))

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("exhibit_edit", {"title_en": "Taken over"}),
        ("exhibit_action", {"action": "withdraw", "version": "1"}),
        ("exhibit_comment", {"body": "Hello"}),
    ],
)
def test_another_departments_exhibit_writes_are_404_and_change_nothing(
    login, stranger, exhibit, name, data
):
    response = login(stranger).post(url(name, exhibit.pk), data)

    assert response.status_code == 404
    exhibit.refresh_from_db()
    assert (exhibit.title_en, exhibit.status, exhibit.version) == ("Lead's own", S.DRAFT, 1)
    assert ExhibitComment.objects.count() == 0


def test_another_departments_exhibit_not_on_dashboard(login, stranger, exhibit):
    html = login(stranger).get(url("dashboard")).content.decode()

    assert "Lead&#x27;s own" not in html and "Lead's own" not in html


@pytest.mark.parametrize("status", [S.DRAFT, S.WITHDRAWN])
def test_partner_cannot_see_draft(login, other_coordinator, exhibit, status):
    put(exhibit, status)

    response = login(other_coordinator).get(url("exhibit_detail", exhibit.pk))

    assert response.status_code == 404


def test_partner_reads_submitted_exhibit_without_edit_or_actions(login, other_coordinator, exhibit):
    put(exhibit, S.SUBMITTED)

    response = login(other_coordinator).get(url("exhibit_detail", exhibit.pk))

    assert response.status_code == 200
    html = response.content.decode()
    assert "your department is a partner, so you can read it but not change it" in html
    assert url("exhibit_edit", exhibit.pk) not in html
    assert url("exhibit_action", exhibit.pk) not in html
    assert url("exhibit_comment", exhibit.pk) not in html
    assert login(other_coordinator).get(url("exhibit_preview", exhibit.pk)).status_code == 200


def test_partner_sees_submitted_exhibit_on_dashboard(login, other_coordinator, exhibit):
    put(exhibit, S.SUBMITTED)

    html = login(other_coordinator).get(url("dashboard")).content.decode()

    assert "Exhibits your department partners in" in html
    assert url("exhibit_detail", exhibit.pk) in html


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("exhibit_edit", None),
        ("exhibit_action", {"action": "withdraw", "version": "1"}),
        ("exhibit_comment", {"body": "We partners want a word."}),
    ],
)
def test_partner_write_is_403_and_changes_nothing(login, other_coordinator, exhibit, name, data):
    put(exhibit, S.SUBMITTED)
    if data is None:
        data = exhibit_post(exhibit, title_en="Partner's title")

    response = login(other_coordinator).post(url(name, exhibit.pk), data)

    assert response.status_code == 403
    assert "partner" in response.content.decode() or "lead department" in (
        response.content.decode()
    )
    exhibit.refresh_from_db()
    assert (exhibit.title_en, exhibit.status, exhibit.version) == ("Lead's own", S.SUBMITTED, 1)
    assert ExhibitComment.objects.count() == 0


def test_partner_get_edit_page_is_403(login, other_coordinator, exhibit):
    put(exhibit, S.SUBMITTED)

    assert login(other_coordinator).get(url("exhibit_edit", exhibit.pk)).status_code == 403


# A published exhibit is edited through a revision instead (tests/portal/test_revisions.py).
@pytest.mark.parametrize("status", [S.SUBMITTED, S.IN_REVIEW, S.APPROVED])
def test_submitted_exhibit_is_read_only_to_its_department(login, coordinator, exhibit, status):
    put(exhibit, status)
    client = login(coordinator)

    page = client.get(url("exhibit_detail", exhibit.pk)).content.decode()
    get_edit = client.get(url("exhibit_edit", exhibit.pk))
    post_edit = client.post(
        url("exhibit_edit", exhibit.pk), exhibit_post(exhibit, title_en="Changed after submit")
    )

    assert url("exhibit_edit", exhibit.pk) not in page
    assert (get_edit.status_code, get_edit["Location"]) == (302, url("exhibit_detail", exhibit.pk))
    assert post_edit.status_code == 409
    assert "read-only" in post_edit.content.decode()
    exhibit.refresh_from_db()
    assert (exhibit.title_en, exhibit.version) == ("Lead's own", 1)


def test_changes_requested_exhibit_is_editable_again(login, editor, exhibit):
    put(exhibit, S.CHANGES_REQUESTED)

    response = login(editor).post(
        url("exhibit_edit", exhibit.pk), exhibit_post(exhibit, title_en="Revised")
    )

    assert response.status_code == 302
    exhibit.refresh_from_db()
    assert (exhibit.title_en, exhibit.status, exhibit.version) == (
        "Revised",
        S.CHANGES_REQUESTED,
        2,
    )


def test_person_in_both_departments_acts_only_for_the_chosen_one(
    client, coordinator, department, other_department, exhibit
):
    """Also a member of the partner: while acting for it, the exhibit stays read-only."""
    factories.MembershipFactory(user=coordinator, department=other_department, role="editor")
    put(exhibit, S.SUBMITTED)
    client.force_login(coordinator)
    client.post(url("choose_department"), {"department": other_department.pk})

    page = client.get(url("exhibit_detail", exhibit.pk))
    comment = client.post(url("exhibit_comment", exhibit.pk), {"body": "As the partner"})

    assert page.status_code == 200
    assert "your department is a partner" in page.content.decode()
    assert comment.status_code == 403

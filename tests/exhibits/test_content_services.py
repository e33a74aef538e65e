"""exhibit_create, exhibit_update and exhibit_comment_add: the writes behind the portal."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from exhibits.models import Exhibit, ExhibitComment
from exhibits.services import exhibit_comment_add, exhibit_create, exhibit_update
from exhibits.workflow import Conflict, ExhibitNotFound, NotAllowed, StaleVersion
from tests import factories

pytestmark = pytest.mark.django_db
S = Exhibit.Status


@pytest.fixture
def zone(edition):
    return factories.ZoneFactory(edition=edition)


@pytest.fixture
def draft(edition, department):
    return factories.ExhibitFactory(edition=edition, lead_department=department)


def test_exhibit_create_makes_a_draft_with_slug_and_history(edition, department, editor, zone):
    technology = factories.TechnologyFactory()
    partner = factories.DepartmentFactory()

    exhibit = exhibit_create(
        edition=edition,
        department=department,
        user=editor,
        data={"title_en": "  Flood Watch: Live! ", "summary_zh_hant": "", "proposed_zone": zone},
        technologies=[technology],
        partner_departments=[partner],
    )

    exhibit.refresh_from_db()
    assert (exhibit.slug, exhibit.title_en, exhibit.summary_zh_hant) == (
        "flood-watch-live",
        "Flood Watch: Live!",
        None,
    )
    assert (exhibit.status, exhibit.version, exhibit.created_by) == (S.DRAFT, 1, editor)
    assert list(exhibit.technologies.all()) == [technology]
    assert list(exhibit.partner_departments.all()) == [partner]
    record = exhibit.history.get()
    assert (record.history_user, record.history_change_reason) == (
        editor,
        "create: Created in the portal",
    )


def test_exhibit_create_unique_slug_in_edition(edition, department, editor):
    factories.ExhibitFactory(edition=edition, slug="flood-watch")
    factories.ExhibitFactory(edition=edition, slug="flood-watch-2")
    factories.ExhibitFactory(slug="flood-watch-3")  # another edition: no clash

    exhibit = exhibit_create(
        edition=edition, department=department, user=editor, data={"title_en": "Flood Watch"}
    )

    assert exhibit.slug == "flood-watch-3"


def test_exhibit_create_title_without_latin_letters_gets_a_slug(edition, department, editor):
    exhibit = exhibit_create(
        edition=edition, department=department, user=editor, data={"title_en": "!!!"}
    )

    assert exhibit.slug == "exhibit"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title_en": ""}, "title_en"),
        ({"title_en": "T", "summary_en": "x" * 601}, "summary_en"),
        ({"title_en": "T", "proposed_zone": "other-edition"}, "proposed_zone"),
    ],
)
def test_exhibit_create_invalid_refused_and_nothing_saved(edition, department, editor, data, field):
    if data.get("proposed_zone") == "other-edition":
        data["proposed_zone"] = factories.ZoneFactory()

    with pytest.raises(ValidationError) as caught:
        exhibit_create(edition=edition, department=department, user=editor, data=data)

    assert list(caught.value.error_dict) == [field]
    assert Exhibit.objects.count() == 0


def test_exhibit_create_unknown_field_refused(edition, department, editor):
    with pytest.raises(ValidationError, match="Unknown exhibit fields: status"):
        exhibit_create(
            edition=edition,
            department=department,
            user=editor,
            data={"title_en": "T", "status": "published"},
        )


def test_exhibit_create_lead_as_partner_refused(edition, department, editor):
    with pytest.raises(ValidationError) as caught:
        exhibit_create(
            edition=edition,
            department=department,
            user=editor,
            data={"title_en": "T"},
            partner_departments=[department],
        )

    assert caught.value.message_dict == {
        "partner_departments": ["The lead department cannot also be a partner."]
    }


def test_exhibit_create_by_non_member_refused(edition, department, other_user):
    with pytest.raises(NotAllowed):
        exhibit_create(
            edition=edition, department=department, user=other_user, data={"title_en": "T"}
        )

    assert Exhibit.objects.count() == 0


@pytest.fixture
def other_user(db):
    return factories.MembershipFactory().user


def test_exhibit_update_saves_raises_version_and_records_user(draft, editor, zone):
    saved = exhibit_update(
        exhibit=draft,
        user=editor,
        expected_version=1,
        data={
            "title_en": "Renamed Exhibit",
            "demo_notes_zh_hant": "攤位示範",
            "proposed_zone": zone,
        },
    )

    draft.refresh_from_db()
    assert (saved.version, draft.version, draft.slug) == (2, 2, "renamed-exhibit")
    assert (draft.demo_notes_zh_hant, draft.proposed_zone) == ("攤位示範", zone)
    record = draft.history.latest()
    assert (record.history_user, record.version, record.title_en) == (editor, 2, "Renamed Exhibit")


def test_exhibit_update_only_given_fields_change(draft, editor):
    exhibit_update(exhibit=draft, user=editor, expected_version=1, data={"summary_en": "New"})

    draft.refresh_from_db()
    assert (draft.summary_en, draft.title_en, draft.description_zh_hant) == (
        "New",
        draft.title_en,
        "每天幫助市民。",
    )


def test_exhibit_update_keeps_slug_once_published(draft, editor):
    Exhibit.objects.filter(pk=draft.pk).update(
        status=S.CHANGES_REQUESTED, published_at="2025-04-13T10:00:00+08:00"
    )
    draft.refresh_from_db()
    slug = draft.slug

    exhibit_update(exhibit=draft, user=editor, expected_version=1, data={"title_en": "Renamed"})

    draft.refresh_from_db()
    assert (draft.title_en, draft.slug) == ("Renamed", slug)


def test_exhibit_update_stale_version_refused_and_nothing_changes(draft, editor):
    with pytest.raises(StaleVersion) as caught:
        exhibit_update(exhibit=draft, user=editor, expected_version=0, data={"title_en": "Lost"})

    assert caught.value.status == 409
    draft.refresh_from_db()
    assert (draft.title_en, draft.version) != ("Lost", 1)
    assert draft.version == 1


@pytest.mark.parametrize("status", [S.SUBMITTED, S.IN_REVIEW, S.APPROVED, S.PUBLISHED, S.WITHDRAWN])
def test_exhibit_update_refused_outside_draft_and_changes_requested(draft, editor, status, zone):
    Exhibit.objects.filter(pk=draft.pk).update(status=status, zone=zone)
    draft.refresh_from_db()

    with pytest.raises(Conflict) as caught:
        exhibit_update(exhibit=draft, user=editor, expected_version=1, data={"title_en": "X"})

    assert caught.value.code == "read_only"


def test_exhibit_update_by_partner_refused_403(draft, zone):
    partner = factories.DepartmentFactory()
    draft.partner_departments.add(partner)
    Exhibit.objects.filter(pk=draft.pk).update(status=S.SUBMITTED)
    draft.refresh_from_db()
    partner_editor = factories.MembershipFactory(department=partner).user

    with pytest.raises(NotAllowed):
        exhibit_update(
            exhibit=draft, user=partner_editor, expected_version=1, data={"title_en": "X"}
        )


def test_exhibit_update_by_stranger_refused_404(draft, other_user):
    with pytest.raises(ExhibitNotFound):
        exhibit_update(exhibit=draft, user=other_user, expected_version=1, data={"title_en": "X"})


def test_exhibit_update_replaces_technologies_and_partners(draft, editor):
    old, new = factories.TechnologyFactory(), factories.TechnologyFactory()
    draft.technologies.add(old)

    exhibit_update(
        exhibit=draft,
        user=editor,
        expected_version=1,
        data={},
        technologies=[new],
        partner_departments=[],
    )

    assert list(draft.technologies.all()) == [new]
    assert list(draft.partner_departments.all()) == []


def test_exhibit_comment_add_by_member_and_curator(draft, editor, curator):
    first = exhibit_comment_add(exhibit=draft, user=editor, body="  Is the zone right? ")
    second = exhibit_comment_add(exhibit=draft, user=curator, body="Yes.")

    assert [(c.author, c.body, c.by_curator) for c in ExhibitComment.objects.all()] == [
        (editor, "Is the zone right?", False),
        (curator, "Yes.", True),
    ]
    assert (first.exhibit, second.exhibit) == (draft, draft)


@pytest.mark.parametrize(
    ("body", "message"),
    [("   ", "Write a message first."), ("x" * 5001, "Keep the message under 5000 characters")],
)
def test_exhibit_comment_add_invalid_refused(draft, editor, body, message):
    with pytest.raises(ValidationError, match=message):
        exhibit_comment_add(exhibit=draft, user=editor, body=body)

    assert ExhibitComment.objects.count() == 0


def test_exhibit_comment_add_by_partner_403_and_stranger_404(draft, other_user):
    partner = factories.DepartmentFactory()
    draft.partner_departments.add(partner)
    Exhibit.objects.filter(pk=draft.pk).update(status=S.SUBMITTED)
    draft.refresh_from_db()
    partner_editor = factories.MembershipFactory(department=partner).user

    with pytest.raises(NotAllowed):
        exhibit_comment_add(exhibit=draft, user=partner_editor, body="Hi")
    with pytest.raises(ExhibitNotFound):
        exhibit_comment_add(exhibit=draft, user=other_user, body="Hi")
    assert ExhibitComment.objects.count() == 0

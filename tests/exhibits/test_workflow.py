"""The workflow table: one test per allowed transition and one per kind of refusal."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from exhibits.models import Exhibit, ExhibitImage
from exhibits.workflow import (
    TRANSITIONS,
    Conflict,
    ExhibitNotFound,
    InvalidRequest,
    NotAllowed,
    StaleVersion,
    available_transitions,
    exhibit_transition,
    missing_for_submission,
)
from tests import factories

pytestmark = pytest.mark.django_db
S = Exhibit.Status


def complete_exhibit(edition, department, zone, **kwargs) -> Exhibit:
    """A draft with everything a submission needs (image row stands in for an upload)."""
    exhibit = factories.ExhibitFactory(
        edition=edition, lead_department=department, proposed_zone=zone, **kwargs
    )
    ExhibitImage.objects.create(
        exhibit=exhibit,
        image="exhibits/test/original.jpg",
        width=640,
        height=480,
        alt_text_en="A robot on a wall",
        alt_text_zh_hant="爬牆機械人",
    )
    return exhibit


@pytest.fixture
def zone(edition):
    return factories.ZoneFactory(edition=edition)


@pytest.fixture
def exhibit(edition, department, zone):
    return complete_exhibit(edition, department, zone)


def put(exhibit: Exhibit, status: str, **fields) -> Exhibit:
    """Place an exhibit in a state directly (test set-up only)."""
    if status == S.PUBLISHED and "zone" not in fields and exhibit.zone_id is None:
        fields["zone"] = exhibit.proposed_zone
    Exhibit.objects.filter(pk=exhibit.pk).update(status=status, **fields)
    exhibit.refresh_from_db()
    return exhibit


ALLOWED = [
    # (action, from, to, actor, needs message)
    ("submit", S.DRAFT, S.SUBMITTED, "coordinator", False),
    ("start_review", S.SUBMITTED, S.IN_REVIEW, "curator", False),
    ("request_changes", S.SUBMITTED, S.CHANGES_REQUESTED, "curator", True),
    ("request_changes", S.IN_REVIEW, S.CHANGES_REQUESTED, "curator", True),
    ("request_changes", S.APPROVED, S.CHANGES_REQUESTED, "curator", True),
    ("resubmit", S.CHANGES_REQUESTED, S.SUBMITTED, "coordinator", False),
    ("decline", S.SUBMITTED, S.DECLINED, "curator", True),
    ("decline", S.IN_REVIEW, S.DECLINED, "curator", True),
    ("decline", S.APPROVED, S.DECLINED, "curator", True),
    ("approve", S.IN_REVIEW, S.APPROVED, "curator", False),
    ("publish", S.APPROVED, S.PUBLISHED, "curator", False),
    ("unpublish", S.PUBLISHED, S.APPROVED, "curator", True),
    ("withdraw", S.DRAFT, S.WITHDRAWN, "coordinator", False),
    ("withdraw", S.SUBMITTED, S.WITHDRAWN, "coordinator", False),
    ("withdraw", S.IN_REVIEW, S.WITHDRAWN, "coordinator", False),
    ("withdraw", S.CHANGES_REQUESTED, S.WITHDRAWN, "coordinator", False),
    ("withdraw", S.APPROVED, S.WITHDRAWN, "coordinator", False),
    ("reopen", S.WITHDRAWN, S.DRAFT, "coordinator", False),
    ("reopen", S.WITHDRAWN, S.DRAFT, "curator", False),
]


def test_workflow_table_matches_design():
    covered = {(action, source) for action, source, *_ in ALLOWED}
    table = {(t.name, source) for t in TRANSITIONS.values() for source in t.sources}
    assert covered == table


@pytest.mark.parametrize(("action", "source", "target", "actor", "needs_message"), ALLOWED)
def test_workflow_allowed_transition(
    request,
    exhibit,
    zone,
    action,
    source,
    target,
    actor,
    needs_message,
    django_capture_on_commit_callbacks,
):
    user = request.getfixturevalue(actor)
    curator = request.getfixturevalue("curator")
    coordinator = request.getfixturevalue("coordinator")
    curator.email, coordinator.email = "curator@dpo.gov.hk", "coordinator@dept.gov.hk"
    curator.save()
    coordinator.save()
    put(exhibit, source, zone=zone)
    version = exhibit.version
    message = "Please add a photo of the booth." if needs_message else ""

    with django_capture_on_commit_callbacks(execute=True):
        result = exhibit_transition(
            exhibit=exhibit, action=action, user=user, message=message, expected_version=version
        )

    result.refresh_from_db()
    assert (result.status, result.version) == (target, version + 1)
    latest = result.history.latest()
    assert latest.history_user == user
    assert latest.history_change_reason.startswith(f"{action}: ")
    if message:
        assert latest.history_change_reason.endswith(message)
    told = curator if actor == "coordinator" else coordinator
    assert [m.to for m in mail.outbox] == [[told.email]]
    assert result.title_en in mail.outbox[0].subject
    if message:
        assert message in mail.outbox[0].body


def test_workflow_submit_sets_submitted_at_and_publish_sets_published_at(
    exhibit, zone, coordinator, curator
):
    exhibit = exhibit_transition(exhibit=exhibit, action="submit", user=coordinator)
    assert exhibit.submitted_at is not None
    for action in ("start_review", "approve"):
        exhibit = exhibit_transition(exhibit=exhibit, action=action, user=curator)
    put(exhibit, S.APPROVED, zone=zone)
    exhibit = exhibit_transition(exhibit=exhibit, action="publish", user=curator)
    first_published = exhibit.published_at
    assert first_published is not None
    exhibit = exhibit_transition(exhibit=exhibit, action="unpublish", user=curator, message="Typo")
    exhibit = exhibit_transition(exhibit=exhibit, action="publish", user=curator)
    assert exhibit.published_at == first_published


# --- refusals ------------------------------------------------------------------------


def test_workflow_refuses_wrong_role_editor_cannot_submit(exhibit, editor):
    with pytest.raises(NotAllowed) as excinfo:
        exhibit_transition(exhibit=exhibit, action="submit", user=editor)
    assert excinfo.value.status == 403
    assert exhibit.__class__.objects.get(pk=exhibit.pk).status == S.DRAFT


def test_workflow_refuses_wrong_role_coordinator_cannot_approve(exhibit, coordinator):
    put(exhibit, S.IN_REVIEW)
    with pytest.raises(NotAllowed):
        exhibit_transition(exhibit=exhibit, action="approve", user=coordinator)


def test_workflow_refuses_wrong_role_curator_cannot_submit(exhibit, curator):
    with pytest.raises(NotAllowed):
        exhibit_transition(exhibit=exhibit, action="submit", user=curator)


def test_workflow_refuses_other_department_with_not_found(exhibit):
    stranger = factories.MembershipFactory(role="coordinator").user
    with pytest.raises(ExhibitNotFound) as excinfo:
        exhibit_transition(exhibit=exhibit, action="submit", user=stranger)
    assert excinfo.value.status == 404


def test_workflow_refuses_partner_department_write_with_forbidden(exhibit):
    partner = factories.DepartmentFactory()
    exhibit.partner_departments.add(partner)
    partner_coordinator = factories.MembershipFactory(department=partner, role="coordinator").user
    # A draft is invisible to partners (404); once submitted they see it but may not act.
    with pytest.raises(ExhibitNotFound):
        exhibit_transition(exhibit=exhibit, action="submit", user=partner_coordinator)
    put(exhibit, S.SUBMITTED)
    with pytest.raises(NotAllowed):
        exhibit_transition(exhibit=exhibit, action="withdraw", user=partner_coordinator)


def test_workflow_refuses_anonymous_with_not_found(exhibit):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(ExhibitNotFound):
        exhibit_transition(exhibit=exhibit, action="submit", user=AnonymousUser())


@pytest.mark.parametrize(
    ("action", "status", "actor"),
    [
        ("submit", S.SUBMITTED, "coordinator"),
        ("approve", S.SUBMITTED, "curator"),
        ("publish", S.IN_REVIEW, "curator"),
        ("resubmit", S.DRAFT, "coordinator"),
        ("withdraw", S.PUBLISHED, "coordinator"),
        ("reopen", S.DECLINED, "curator"),
        ("start_review", S.DECLINED, "curator"),
    ],
)
def test_workflow_refuses_wrong_state(request, exhibit, action, status, actor):
    put(exhibit, status)
    with pytest.raises(Conflict) as excinfo:
        exhibit_transition(exhibit=exhibit, action=action, user=request.getfixturevalue(actor))
    assert (excinfo.value.status, excinfo.value.code) == (409, "wrong_state")
    exhibit.refresh_from_db()
    assert exhibit.status == status


def test_workflow_refuses_submit_when_window_closed(exhibit, coordinator, edition):
    edition.submission_opens_at = timezone.now() - dt.timedelta(days=30)
    edition.submission_closes_at = timezone.now() - dt.timedelta(days=1)
    edition.save()
    with pytest.raises(Conflict) as excinfo:
        exhibit_transition(exhibit=exhibit, action="submit", user=coordinator)
    assert excinfo.value.code == "window_closed"


def test_workflow_allows_resubmit_after_window_closed(exhibit, coordinator, edition):
    put(exhibit, S.CHANGES_REQUESTED)
    edition.submission_opens_at = timezone.now() - dt.timedelta(days=30)
    edition.submission_closes_at = timezone.now() - dt.timedelta(days=1)
    edition.save()
    assert exhibit_transition(exhibit=exhibit, action="resubmit", user=coordinator).status == (
        S.SUBMITTED
    )


def test_workflow_refuses_coordinator_reopen_when_window_closed(
    exhibit, coordinator, curator, edition
):
    put(exhibit, S.WITHDRAWN)
    edition.submission_closes_at = timezone.now() - dt.timedelta(seconds=1)
    edition.submission_opens_at = timezone.now() - dt.timedelta(days=30)
    edition.save()
    with pytest.raises(Conflict) as excinfo:
        exhibit_transition(exhibit=exhibit, action="reopen", user=coordinator)
    assert excinfo.value.code == "window_closed"
    assert exhibit_transition(exhibit=exhibit, action="reopen", user=curator).status == S.DRAFT


def test_workflow_refuses_submit_when_quota_reached(
    exhibit, coordinator, edition, department, zone
):
    factories.QuotaFactory(edition=edition, department=department, limit=1)
    already = complete_exhibit(edition, department, zone)
    put(already, S.PUBLISHED, zone=zone)
    with pytest.raises(Conflict) as excinfo:
        exhibit_transition(exhibit=exhibit, action="submit", user=coordinator)
    assert excinfo.value.code == "quota_reached"


def test_workflow_quota_ignores_drafts_withdrawn_and_declined(
    exhibit, coordinator, edition, department, zone
):
    factories.QuotaFactory(edition=edition, department=department, limit=1)
    for status in (S.DRAFT, S.WITHDRAWN, S.DECLINED):
        put(complete_exhibit(edition, department, zone), status)
    assert exhibit_transition(exhibit=exhibit, action="submit", user=coordinator).status == (
        S.SUBMITTED
    )


def test_workflow_refuses_incomplete_exhibit_listing_what_is_missing(
    edition, department, coordinator
):
    exhibit = factories.ExhibitFactory(
        edition=edition, lead_department=department, title_zh_hant="", description_en=""
    )
    with pytest.raises(Conflict) as excinfo:
        exhibit_transition(exhibit=exhibit, action="submit", user=coordinator)
    assert excinfo.value.code == "incomplete"
    assert excinfo.value.missing == ["title_zh_hant", "description_en", "proposed_zone", "images"]
    assert excinfo.value.as_dict()["missing"] == excinfo.value.missing


def test_workflow_incomplete_when_image_lacks_chinese_alt_text(exhibit):
    exhibit.images.update(alt_text_zh_hant="")
    assert missing_for_submission(exhibit) == ["images.alt_text"]


def test_workflow_refuses_missing_message(exhibit, curator):
    put(exhibit, S.IN_REVIEW)
    with pytest.raises(InvalidRequest) as excinfo:
        exhibit_transition(exhibit=exhibit, action="request_changes", user=curator, message="  ")
    assert (excinfo.value.status, excinfo.value.missing) == (400, ["message"])


def test_workflow_refuses_stale_version(exhibit, coordinator):
    seen = exhibit.version
    Exhibit.objects.filter(pk=exhibit.pk).update(version=seen + 1)
    with pytest.raises(StaleVersion) as excinfo:
        exhibit_transition(
            exhibit=exhibit, action="submit", user=coordinator, expected_version=seen
        )
    assert (excinfo.value.status, excinfo.value.code) == (409, "stale_version")
    exhibit.refresh_from_db()
    assert exhibit.status == S.DRAFT


def test_workflow_refuses_publish_without_zone(exhibit, curator):
    put(exhibit, S.APPROVED, zone=None)
    with pytest.raises(Conflict) as excinfo:
        exhibit_transition(exhibit=exhibit, action="publish", user=curator)
    assert excinfo.value.missing == ["zone"]


def test_workflow_refuses_unknown_action(exhibit, curator):
    with pytest.raises(InvalidRequest):
        exhibit_transition(exhibit=exhibit, action="teleport", user=curator)


def test_workflow_no_mail_when_transaction_rolls_back(exhibit, coordinator, curator):
    curator.email = "curator@dpo.gov.hk"
    curator.save()
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        exhibit_transition(exhibit=exhibit, action="submit", user=coordinator)
        raise RuntimeError("something later fails")
    exhibit.refresh_from_db()
    assert exhibit.status == S.DRAFT
    assert mail.outbox == []


def test_workflow_available_transitions_by_role(exhibit, coordinator, editor, curator):
    put(exhibit, S.SUBMITTED)
    assert [t.name for t in available_transitions(exhibit, coordinator)] == ["withdraw"]
    assert [t.name for t in available_transitions(exhibit, editor)] == []
    assert [t.name for t in available_transitions(exhibit, curator)] == [
        "start_review",
        "request_changes",
        "decline",
    ]


# --- approval places the exhibit in its proposed zone ---------------------------------


def test_workflow_approve_sets_the_proposed_zone_and_records_it(exhibit, zone, curator):
    put(exhibit, S.IN_REVIEW)
    assert (exhibit.zone_id, exhibit.proposed_zone_id) == (None, zone.pk)

    approved = exhibit_transition(exhibit=exhibit, action="approve", user=curator)
    published = exhibit_transition(exhibit=approved, action="publish", user=curator)

    published.refresh_from_db()
    record = published.history.filter(status=S.APPROVED).latest()
    assert (published.status, published.zone) == (S.PUBLISHED, zone)
    assert (record.zone_id, record.history_user, record.history_change_reason) == (
        zone.pk,
        curator,
        f"approve: Approve (zone set to {zone.slug}, as proposed)",
    )


def test_workflow_approve_keeps_the_zone_a_curator_chose(exhibit, edition, curator):
    chosen = factories.ZoneFactory(edition=edition)
    put(exhibit, S.IN_REVIEW, zone=chosen)

    approved = exhibit_transition(exhibit=exhibit, action="approve", user=curator)

    approved.refresh_from_db()
    assert (approved.zone, approved.history.latest().history_change_reason) == (
        chosen,
        "approve: Approve",
    )


def test_workflow_approve_without_zone_or_proposal_asks_for_one(exhibit, curator):
    put(exhibit, S.IN_REVIEW, proposed_zone=None)

    with pytest.raises(Conflict) as excinfo:
        exhibit_transition(exhibit=exhibit, action="approve", user=curator)

    exhibit.refresh_from_db()
    assert (str(excinfo.value.message), excinfo.value.missing) == (
        "Choose the exhibit's zone before approving: its department proposed none.",
        ["zone"],
    )
    assert (exhibit.status, exhibit.version, exhibit.zone_id) == (S.IN_REVIEW, 1, None)


def test_workflow_mail_subject_in_chinese_uses_the_full_width_colon(
    exhibit, zone, coordinator, curator, django_capture_on_commit_callbacks
):
    from django.utils import translation

    curator.email = "curator@dpo.gov.hk"
    curator.save()
    put(exhibit, S.DRAFT, zone=zone)

    with translation.override("zh-hant"), django_capture_on_commit_callbacks(execute=True):
        exhibit_transition(
            exhibit=exhibit, action="submit", user=coordinator, expected_version=exhibit.version
        )

    title = exhibit.title_zh_hant or exhibit.title_en
    assert mail.outbox[0].subject == f"[國際創科展 2025] {title}：已提交"  # noqa: RUF001

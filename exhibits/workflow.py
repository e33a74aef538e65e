"""The exhibit workflow: DESIGN.md's transition table and the one function that performs it.

Nothing else changes ``Exhibit.status``. The portal, the admin and the API all call
:func:`exhibit_transition`, which

1. refuses a person who may not even see the exhibit (404), a wrong role (403), a wrong
   state, a closed window, a reached quota or an incomplete exhibit (409 — with the
   missing fields), a missing message (400);
2. locks the row and checks the version the caller saw (409 on a stale version);
3. saves with ``update_fields`` and records who, when and why in the exhibit's history
   (django-simple-history: ``history_user``, ``history_date``, ``history_change_reason``);
4. e-mails the other side once the transaction commits.

Refusals are :class:`WorkflowError` subclasses carrying an HTTP status, a machine code
and a human message, so each caller renders them its own way.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from departments.models import Quota
from exhibits import rules as exhibit_rules
from exhibits.models import Exhibit, ExhibitStatus
from pavilion.groups import CURATORS
from pavilion.i18n import join_list

S = ExhibitStatus


class Actor(enum.Enum):
    COORDINATOR = "coordinator"
    CURATOR = "curator"
    # Reopen: the coordinator while the window is open, a curator at any time.
    COORDINATOR_IN_WINDOW_OR_CURATOR = "coordinator_or_curator"


@dataclasses.dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset[str]
    target: str
    actor: Actor
    label: str
    needs_message: bool = False
    needs_open_window: bool = False
    checks_completeness: bool = False
    checks_quota: bool = False


def _t(name, sources, target, actor, label, **flags) -> Transition:
    return Transition(name, frozenset(sources), target, actor, label, **flags)


#: DESIGN.md's table, one row per transition.
TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        _t(
            "submit",
            {S.DRAFT},
            S.SUBMITTED,
            Actor.COORDINATOR,
            _("Submit"),
            needs_open_window=True,
            checks_completeness=True,
            checks_quota=True,
        ),
        _t("start_review", {S.SUBMITTED}, S.IN_REVIEW, Actor.CURATOR, _("Start review")),
        _t(
            "request_changes",
            {S.SUBMITTED, S.IN_REVIEW, S.APPROVED},
            S.CHANGES_REQUESTED,
            Actor.CURATOR,
            _("Request changes"),
            needs_message=True,
        ),
        _t(
            "resubmit",
            {S.CHANGES_REQUESTED},
            S.SUBMITTED,
            Actor.COORDINATOR,
            _("Resubmit"),
            checks_completeness=True,
        ),
        _t(
            "decline",
            {S.SUBMITTED, S.IN_REVIEW, S.APPROVED},
            S.DECLINED,
            Actor.CURATOR,
            _("Decline"),
            needs_message=True,
        ),
        _t("approve", {S.IN_REVIEW}, S.APPROVED, Actor.CURATOR, _("Approve")),
        _t("publish", {S.APPROVED}, S.PUBLISHED, Actor.CURATOR, _("Publish")),
        _t(
            "unpublish",
            {S.PUBLISHED},
            S.APPROVED,
            Actor.CURATOR,
            _("Unpublish"),
            needs_message=True,
        ),
        _t(
            "withdraw",
            {S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.CHANGES_REQUESTED, S.APPROVED},
            S.WITHDRAWN,
            Actor.COORDINATOR,
            _("Withdraw"),
        ),
        _t(
            "reopen",
            {S.WITHDRAWN},
            S.DRAFT,
            Actor.COORDINATOR_IN_WINDOW_OR_CURATOR,
            _("Reopen"),
        ),
    ]
}

#: Statuses that count against a department's quota.
QUOTA_STATUSES = frozenset({S.SUBMITTED, S.IN_REVIEW, S.CHANGES_REQUESTED, S.APPROVED, S.PUBLISHED})
#: Content a submission needs, in English and Traditional Chinese.
REQUIRED_TEXT_FIELDS = ("title", "summary", "description")
REQUIRED_LANGUAGES = ("en", "zh_hant")


class WorkflowError(Exception):
    """A refused transition. ``status`` is the HTTP status a caller should answer with."""

    status = 409
    code = "conflict"

    def __init__(self, message, *, missing: Iterable[str] = (), code: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.missing = list(missing)
        if code:
            self.code = code

    def as_dict(self) -> dict:
        body = {"code": self.code, "detail": str(self.message)}
        if self.missing:
            body["missing"] = self.missing
        return body


class ExhibitNotFound(WorkflowError):
    status = 404
    code = "not_found"


class NotAllowed(WorkflowError):
    status = 403
    code = "forbidden"


class InvalidRequest(WorkflowError):
    status = 400
    code = "invalid"


class Conflict(WorkflowError):
    status = 409
    code = "conflict"


class StaleVersion(Conflict):
    code = "stale_version"


# --- reads the table implies ---------------------------------------------------------


def missing_for_submission(exhibit: Exhibit) -> list[str]:
    """Names of what an exhibit still lacks before it can be submitted."""
    missing = [
        f"{field}_{lang}"
        for field in REQUIRED_TEXT_FIELDS
        for lang in REQUIRED_LANGUAGES
        if not (getattr(exhibit, f"{field}_{lang}") or "").strip()
    ]
    if exhibit.proposed_zone_id is None and exhibit.zone_id is None:
        missing.append("proposed_zone")
    images = list(exhibit.images.all())
    if not images:
        missing.append("images")
    elif not any(
        all((getattr(image, f"alt_text_{lang}") or "").strip() for lang in REQUIRED_LANGUAGES)
        for image in images
    ):
        missing.append("images.alt_text")
    return missing


def quota_left(exhibit: Exhibit) -> int | None:
    """How many more exhibits the lead department may submit (None: no quota set)."""
    quota = Quota.objects.filter(
        edition_id=exhibit.edition_id, department_id=exhibit.lead_department_id
    ).first()
    if quota is None:
        return None
    used = (
        Exhibit.objects.filter(
            edition_id=exhibit.edition_id,
            lead_department_id=exhibit.lead_department_id,
            status__in=QUOTA_STATUSES,
        )
        .exclude(pk=exhibit.pk)
        .count()
    )
    return max(quota.limit - used, 0)


def available_transitions(exhibit: Exhibit, user) -> list[Transition]:
    """The transitions this person could attempt now (state and role; not completeness)."""
    return [
        t
        for t in TRANSITIONS.values()
        if exhibit.status in t.sources and _actor_allowed(t, exhibit, user, now=timezone.now())
    ]


def _actor_allowed(transition: Transition, exhibit: Exhibit, user, *, now) -> bool:
    if transition.actor is Actor.CURATOR:
        return exhibit_rules.is_curator(user)
    if transition.actor is Actor.COORDINATOR:
        return exhibit_rules.is_lead_coordinator(user, exhibit)
    return exhibit_rules.is_curator(user) or (
        exhibit_rules.is_lead_coordinator(user, exhibit)
        and exhibit.edition.submission_window_is_open(now)
    )


# --- the one function that changes a status ------------------------------------------


@transaction.atomic
def exhibit_transition(
    *,
    exhibit: Exhibit,
    action: str,
    user,
    message: str = "",
    expected_version: int | None = None,
) -> Exhibit:
    """Perform ``action`` on ``exhibit`` as ``user`` and return the saved exhibit.

    ``expected_version`` is the version the person saw; a different current version means
    someone else changed the exhibit meanwhile (409). ``message`` is the reason or the
    request for changes, required where the table says so, and kept in the history.
    """
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise InvalidRequest(_("Unknown action “%(action)s”.") % {"action": action})

    if not exhibit_rules.can_view_exhibit(user, exhibit):
        raise ExhibitNotFound(_("No such exhibit."))

    locked = (
        Exhibit.objects.select_for_update()
        .select_related("edition", "lead_department")
        .get(pk=exhibit.pk)
    )
    now = timezone.now()

    if not _actor_allowed(transition, locked, user, now=now):
        if transition.actor is Actor.COORDINATOR_IN_WINDOW_OR_CURATOR and (
            exhibit_rules.is_lead_coordinator(user, locked)
        ):
            raise Conflict(
                _("The submission window is closed: ask a curator to reopen it."),
                code="window_closed",
            )
        raise NotAllowed(
            _("Your role does not allow you to %(action)s this exhibit.")
            % {"action": str(transition.label).lower()}
        )
    if expected_version is not None and expected_version != locked.version:
        raise StaleVersion(
            _(
                "Someone else changed this exhibit meanwhile (version %(current)s, you saw "
                "%(seen)s). Reload it and try again."
            )
            % {"current": locked.version, "seen": expected_version}
        )
    if locked.status not in transition.sources:
        raise Conflict(
            _("“%(action)s” is not possible while the exhibit is “%(status)s”.")
            % {"status": locked.get_status_display(), "action": transition.label},
            code="wrong_state",
        )
    message = (message or "").strip()
    if transition.needs_message and not message:
        raise InvalidRequest(_("Please give a message."), missing=["message"])
    if transition.needs_open_window and not locked.edition.submission_window_is_open(now):
        raise Conflict(_("The submission window is closed."), code="window_closed")
    if transition.checks_completeness:
        missing = missing_for_submission(locked)
        if missing:
            raise Conflict(
                _("The exhibit is not complete: %(fields)s.") % {"fields": join_list(missing)},
                missing=missing,
                code="incomplete",
            )
    if transition.checks_quota:
        left = quota_left(locked)
        if left == 0:
            raise Conflict(
                _("Your department has reached its quota of exhibits for this edition."),
                code="quota_reached",
            )
    if transition.target == S.PUBLISHED and locked.zone_id is None:
        raise Conflict(_("Assign a zone before publishing."), missing=["zone"], code="incomplete")

    previous_status = locked.status
    locked.status = transition.target
    locked.status_changed_at = now
    locked.version += 1
    update_fields = ["status", "status_changed_at", "version", "updated_at"]
    if transition.target == S.SUBMITTED:
        locked.submitted_at = now
        update_fields.append("submitted_at")
    if transition.target == S.PUBLISHED and locked.published_at is None:
        locked.published_at = now
        update_fields.append("published_at")
    locked._history_user = user
    locked._change_reason = _history_reason(transition, message)
    locked.save(update_fields=update_fields)
    if transition.name == "unpublish":
        # DESIGN.md: unpublishing withdraws a pending revision (its staged images go too).
        # Imported here: exhibits.revisions imports this module's errors.
        from exhibits.revisions import withdraw_open_revision

        withdraw_open_revision(exhibit=locked, user=user, reason=message)

    transaction.on_commit(
        lambda: _notify(locked, transition, user=user, message=message, previous=previous_status)
    )
    return locked


def _history_reason(transition: Transition, message: str) -> str:
    reason = f"{transition.name}: {transition.label}"
    return f"{reason} — {message}" if message else reason


# --- e-mail to the other side --------------------------------------------------------


def _department_is_told(transition: Transition, acting_user) -> bool:
    """Curators' moves are told to the department; the department's to the curators."""
    return transition.actor is Actor.CURATOR or (
        transition.actor is Actor.COORDINATOR_IN_WINDOW_OR_CURATOR
        and exhibit_rules.is_curator(acting_user)
    )


def other_side_emails(exhibit: Exhibit, *, to_department: bool, acting_user) -> list[str]:
    """E-mail addresses of the other side of a conversation about ``exhibit``.

    ``to_department``: the lead department's members; otherwise the curators. The person
    acting is never told about their own move.
    """
    User = get_user_model()
    if to_department:
        users = User.objects.filter(
            memberships__department_id=exhibit.lead_department_id, is_active=True
        )
    else:
        users = User.objects.filter(
            Q(groups__name=CURATORS, is_staff=True) | Q(is_superuser=True), is_active=True
        )
    emails = set(users.exclude(email="").values_list("email", flat=True))
    emails.discard(getattr(acting_user, "email", ""))
    return sorted(emails)


def _recipients(exhibit: Exhibit, transition: Transition, acting_user) -> list[str]:
    return other_side_emails(
        exhibit,
        to_department=_department_is_told(transition, acting_user),
        acting_user=acting_user,
    )


def _notify(exhibit: Exhibit, transition: Transition, *, user, message: str, previous: str):
    recipients = _recipients(exhibit, transition, user)
    if not recipients:
        return
    context = {
        "exhibit": exhibit,
        "transition": transition,
        "actor": user,
        "message": message,
        "previous_status": S(previous).label,
        "new_status": S(exhibit.status).label,
        "link": settings.PAVILION_SITE_URL
        + (
            f"/portal/exhibits/{exhibit.pk}/"
            if _department_is_told(transition, user)
            else f"/admin/exhibits/exhibit/{exhibit.pk}/change/"
        ),
    }
    subject = render_to_string("exhibits/email/transition_subject.txt", context).strip()
    body = render_to_string("exhibits/email/transition_body.txt", context)
    send_mail(subject, body, None, recipients, fail_silently=False)

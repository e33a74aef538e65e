"""Reads for the department portal: what a person acting for a department may see.

The portal always acts for one department (``departments.selectors.acting_membership``).
An exhibit is found only among the acting department's own exhibits and, once submitted,
those it partners in; anything else is a 404, whoever asks, so an address reveals nothing.
What the person may then do with it comes from the ``rules`` predicates in
``exhibits.rules`` (never from checks written in a view).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from departments.models import Department, Membership, Quota
from exhibits import revisions
from exhibits import rules as exhibit_rules
from exhibits.models import (
    Exhibit,
    ExhibitComment,
    ExhibitImage,
    ExhibitRevision,
    ExhibitStatus,
    Technology,
)
from exhibits.review_selectors import (
    ExhibitHistory,
    StatusChange,
    exhibit_history,
    exhibit_status_changes,
)
from exhibits.workflow import QUOTA_STATUSES, Transition, available_transitions
from pavilion.models import Edition, Zone

S = ExhibitStatus

#: Statuses a partner department never sees (the lead department's work in progress).
HIDDEN_FROM_PARTNERS = (S.DRAFT, S.WITHDRAWN)
#: Dashboard order: what needs the department's attention first.
DASHBOARD_ORDER = (
    S.CHANGES_REQUESTED,
    S.DRAFT,
    S.SUBMITTED,
    S.IN_REVIEW,
    S.APPROVED,
    S.PUBLISHED,
    S.DECLINED,
    S.WITHDRAWN,
)
#: What the department may do from the portal (curators act in the admin).
DEPARTMENT_ACTIONS = ("submit", "resubmit", "withdraw", "reopen")


def current_edition() -> Edition | None:
    return Edition.objects.filter(is_current=True).first()


def visible_to(department: Department) -> Q:
    """Exhibits a department may see: its own in any status, and those it partners in
    unless they are drafts or withdrawn (the portal and the department API share this)."""
    return Q(lead_department=department) | (
        Q(partner_departments=department) & ~Q(status__in=HIDDEN_FROM_PARTNERS)
    )


def exhibits_for_department(*, department: Department, edition: Edition) -> list[Exhibit]:
    """The department's own exhibits in ``edition`` (any status), for the dashboard.

    Each carries ``comment_count``; zones are joined. One query, whatever the number.
    """
    return list(
        Exhibit.objects.filter(edition=edition, lead_department=department)
        .select_related("proposed_zone", "zone")
        .annotate(comment_count=Count("comments"))
        .order_by("title_en", "pk")
    )


def partner_exhibits_for_department(*, department: Department, edition: Edition) -> list[Exhibit]:
    """Submitted (or later) exhibits of other departments that name this one as a partner."""
    return list(
        Exhibit.objects.filter(edition=edition, partner_departments=department)
        .exclude(status__in=HIDDEN_FROM_PARTNERS)
        .exclude(lead_department=department)
        .select_related("lead_department")
        .order_by("title_en", "pk")
    )


@dataclasses.dataclass(frozen=True)
class StatusGroup:
    status: str
    label: str
    exhibits: list[Exhibit]

    @property
    def count(self) -> int:
        return len(self.exhibits)


@dataclasses.dataclass(frozen=True)
class Dashboard:
    """Everything the dashboard shows, loaded with a fixed number of queries."""

    department: Department
    edition: Edition | None
    groups: list[StatusGroup]
    partner_exhibits: list[Exhibit]
    quota_limit: int | None
    quota_used: int
    now: dt.datetime

    @property
    def total(self) -> int:
        return sum(group.count for group in self.groups)

    @property
    def quota_left(self) -> int | None:
        if self.quota_limit is None:
            return None
        return max(self.quota_limit - self.quota_used, 0)

    @property
    def window_open(self) -> bool:
        return self.edition is not None and self.edition.submission_window_is_open(self.now)

    @property
    def window_not_yet_open(self) -> bool:
        return self.edition is not None and self.now < self.edition.submission_opens_at


def department_dashboard(*, department: Department, edition: Edition | None) -> Dashboard:
    """The acting department's exhibits grouped by status, its quota and the window."""
    exhibits = exhibits_for_department(department=department, edition=edition) if edition else []
    by_status: dict[str, list[Exhibit]] = {status: [] for status in DASHBOARD_ORDER}
    for exhibit in exhibits:
        by_status[exhibit.status].append(exhibit)
    groups = [
        StatusGroup(status=status, label=S(status).label, exhibits=by_status[status])
        for status in DASHBOARD_ORDER
    ]
    quota = (
        Quota.objects.filter(edition=edition, department=department).first() if edition else None
    )
    return Dashboard(
        department=department,
        edition=edition,
        groups=groups,
        partner_exhibits=(
            partner_exhibits_for_department(department=department, edition=edition)
            if edition
            else []
        ),
        quota_limit=quota.limit if quota else None,
        quota_used=sum(1 for exhibit in exhibits if exhibit.status in QUOTA_STATUSES),
        now=timezone.now(),
    )


def exhibit_for_portal(*, user, membership: Membership, pk: int) -> Exhibit:
    """One exhibit the acting department may see, with what its portal pages show.

    Raises Http404 when it is not the department's own exhibit, nor (once submitted) one
    it partners in, or when the ``rules`` say this person may not view it.
    """
    exhibit = (
        Exhibit.objects.filter(visible_to(membership.department), pk=pk)
        .select_related("edition", "zone", "proposed_zone", "lead_department", "booth")
        .prefetch_related(
            Prefetch("partner_departments", queryset=Department.objects.order_by("name_en")),
            Prefetch("technologies", queryset=Technology.objects.all()),
            Prefetch("images", queryset=ExhibitImage.objects.order_by("order", "id")),
            "links",
        )
        .distinct()
        .first()
    )
    if exhibit is None or not exhibit_rules.can_view_exhibit(user, exhibit):
        raise Http404("No such exhibit in your department.")
    return exhibit


@dataclasses.dataclass(frozen=True)
class PortalAccess:
    """What the person acting for ``membership`` may do with ``exhibit``."""

    exhibit: Exhibit
    membership: Membership
    acts_for_lead: bool
    can_edit: bool
    can_comment: bool
    transitions: list[Transition]
    can_delete: bool = False  # a draft never submitted, by its coordinator

    @property
    def read_only(self) -> bool:
        return not self.can_edit


def portal_access(*, user, membership: Membership, exhibit: Exhibit) -> PortalAccess:
    """The person's rights on an exhibit, from ``exhibits.rules``, as the acting department.

    A person in several departments acts for one at a time: rights come only through the
    department chosen, so a partner's view stays read-only even for someone who is also
    in the lead department (they switch department to edit).
    """
    acts_for_lead = exhibit.lead_department_id == membership.department_id
    can_edit = acts_for_lead and user.has_perm("exhibits.edit_exhibit_in_portal", exhibit)
    can_comment = acts_for_lead and exhibit_rules.is_lead_member(user, exhibit)
    transitions = (
        [t for t in available_transitions(exhibit, user) if t.name in DEPARTMENT_ACTIONS]
        if acts_for_lead
        else []
    )
    return PortalAccess(
        exhibit=exhibit,
        membership=membership,
        acts_for_lead=acts_for_lead,
        can_edit=can_edit,
        can_comment=can_comment,
        transitions=transitions,
        can_delete=acts_for_lead and user.has_perm("exhibits.delete_draft_in_portal", exhibit),
    )


def exhibit_comments(*, exhibit: Exhibit) -> QuerySet[ExhibitComment]:
    """The exhibit's thread with the curators, oldest first, authors joined."""
    return ExhibitComment.objects.filter(exhibit=exhibit).select_related("author")


def exhibit_status_history(*, exhibit: Exhibit) -> list[StatusChange]:
    """Every change of status (and approved revision), oldest first, with who and why.

    The same reader as the back-office's (``exhibits.review_selectors``): one query.
    """
    return exhibit_status_changes(exhibit=exhibit)


def exhibit_history_for_portal(*, access: PortalAccess) -> ExhibitHistory:
    """The history page: published versions, status changes and — for the lead
    department only — its revisions (a partner reads the exhibit, not its proposals)."""
    return exhibit_history(exhibit=access.exhibit, with_revisions=access.acts_for_lead)


@dataclasses.dataclass(frozen=True)
class RevisionAccess:
    """The acting department's changes to its published exhibit, and what the person may
    do with them (from ``exhibits.rules`` through ``exhibits.revisions``)."""

    revision: ExhibitRevision | None  # the open revision (draft or submitted)
    latest: ExhibitRevision | None  # the latest revision, open or closed
    can_propose: bool
    can_submit: bool
    can_withdraw: bool

    @property
    def can_edit(self) -> bool:
        """Editing starts or continues a draft; a submitted one waits for a decision."""
        return self.can_propose and (self.revision is None or self.revision.status == "draft")

    @property
    def last_decision(self) -> ExhibitRevision | None:
        """The latest revision when it was decided and nothing is open since."""
        latest = self.latest
        if self.revision is None and latest is not None and latest.status != "withdrawn":
            return latest
        return None


NO_REVISION = RevisionAccess(
    revision=None, latest=None, can_propose=False, can_submit=False, can_withdraw=False
)


def revision_access(*, user, access: PortalAccess) -> RevisionAccess:
    """Revisions concern the lead department of a published exhibit only (one query then;
    none otherwise). The open revision, when there is one, is always the latest."""
    exhibit = access.exhibit
    if not access.acts_for_lead or exhibit.status != S.PUBLISHED:
        return NO_REVISION
    latest = (
        ExhibitRevision.objects.filter(exhibit=exhibit)
        .select_related("created_by", "updated_by", "submitted_by", "decided_by")
        .order_by("-number")
        .first()
    )
    revision = latest if latest is not None and latest.is_open else None
    coordinator = exhibit_rules.is_lead_coordinator(user, exhibit)
    return RevisionAccess(
        revision=revision,
        latest=latest,
        can_propose=revisions.can_propose(user, exhibit),
        can_submit=coordinator and revision is not None and revision.status == "draft",
        can_withdraw=coordinator and revision is not None,
    )


def latest_change_request(*, history: list[StatusChange]) -> StatusChange | None:
    """The curators' latest request for changes, to answer (from an already loaded history)."""
    for change in reversed(history):
        if change.status == S.CHANGES_REQUESTED:
            return change
    return None


def zones_for_edition(*, edition: Edition) -> QuerySet[Zone]:
    return Zone.objects.filter(edition=edition).order_by("order", "slug")


def partner_choices(*, lead: Department) -> QuerySet[Department]:
    return Department.objects.exclude(pk=lead.pk).order_by("name_en")

"""Reads for the curators' review in the back-office: the queue, a thread, the history.

The history readers here serve the department portal too (``exhibits.portal_selectors``).

Each returns what a page shows in a fixed number of queries, whatever the number of rows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from django.db.models import Count, F, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from exhibits.models import Exhibit, ExhibitComment, ExhibitRevision, ExhibitStatus

S = ExhibitStatus
R = ExhibitRevision.Status

#: Statuses in which an exhibit waits for someone: the curators (submitted, in review) or
#: the department (changes requested).
WAITING_STATUSES = (S.SUBMITTED, S.IN_REVIEW, S.CHANGES_REQUESTED)
#: The review queue proper: what waits for a curator's decision.
REVIEW_QUEUE_STATUSES = (S.SUBMITTED, S.IN_REVIEW)


def waiting_since():
    """An expression for when an exhibit entered its current status.

    The workflow sets ``status_changed_at`` on every transition; rows made otherwise (seed,
    imports) may lack it, so fall back to the submission, then the creation.
    """
    return Coalesce(F("status_changed_at"), F("submitted_at"), F("created_at"))


#: The key of submitted revisions in ``review_queue_counts``.
REVISIONS_KEY = "revisions"


def review_queue_counts() -> dict[str, int]:
    """How many exhibits wait in each waiting status, every status present, and how many
    submitted revisions of published exhibits wait (``REVISIONS_KEY``), in one query.

    The review queue (``review_queue``) is the exhibits in ``REVIEW_QUEUE_STATUSES`` plus
    those revisions: ``review_queue_total`` of these counts is its length.
    """
    counts = dict.fromkeys([*WAITING_STATUSES, REVISIONS_KEY], 0)
    exhibits = (
        Exhibit.objects.filter(status__in=WAITING_STATUSES)
        .order_by()
        .values_list("status")
        .annotate(total=Count("pk"))
    )
    revisions = (
        ExhibitRevision.objects.filter(status=R.SUBMITTED)
        .order_by()
        .annotate(key=Value(REVISIONS_KEY))
        .values_list("key")
        .annotate(total=Count("pk"))
    )
    counts.update(dict(exhibits.union(revisions, all=True)))
    return {str(key): total for key, total in counts.items()}


def review_queue_total(counts: dict[str, int]) -> int:
    """How many items wait for a curator's decision, from ``review_queue_counts``."""
    return sum(counts[str(status)] for status in REVIEW_QUEUE_STATUSES) + counts[REVISIONS_KEY]


@dataclasses.dataclass(frozen=True)
class QueueEntry:
    """One item of the review queue: an exhibit waiting for a decision, or a department's
    submitted changes to a published exhibit (``revision`` set)."""

    exhibit: Exhibit
    since: dt.datetime
    revision: ExhibitRevision | None = None

    @property
    def is_revision(self) -> bool:
        return self.revision is not None

    @property
    def status_label(self) -> str:
        if self.revision is not None:
            return str(_("Changes #%(number)s submitted") % {"number": self.revision.number})
        return str(S(self.exhibit.status).label)


def review_queue() -> list[QueueEntry]:
    """What waits for a curator's decision, the longest-waiting first (two queries).

    Exhibits submitted or in review (waiting since they entered that status) and
    submitted revisions of published exhibits (waiting since their submission), of every
    edition. Ties keep exhibits before revisions, then the older row first.
    """
    exhibits = (
        Exhibit.objects.filter(status__in=REVIEW_QUEUE_STATUSES)
        .select_related("edition", "lead_department", "zone", "proposed_zone")
        .annotate(waiting_since=waiting_since())
        .order_by()
    )
    revisions = (
        ExhibitRevision.objects.filter(status=R.SUBMITTED)
        .select_related(
            "exhibit__edition",
            "exhibit__lead_department",
            "exhibit__zone",
            "exhibit__proposed_zone",
        )
        .defer("base", "changes")  # the proposal itself is read on the revision's page
        .order_by()
    )
    entries = [QueueEntry(exhibit=e, since=e.waiting_since) for e in exhibits]
    entries += [
        QueueEntry(exhibit=r.exhibit, since=r.submitted_at or r.created_at, revision=r)
        for r in revisions
    ]
    entries.sort(
        key=lambda entry: (
            entry.since,
            entry.is_revision,
            (entry.revision or entry.exhibit).pk,
        )
    )
    return entries


def exhibit_thread(*, exhibit: Exhibit) -> QuerySet[ExhibitComment]:
    """The exhibit's comments, oldest first, with their authors (one query)."""
    return (
        ExhibitComment.objects.filter(exhibit=exhibit)
        .select_related("author")
        .order_by("created_at", "id")
    )


@dataclasses.dataclass(frozen=True)
class StatusChange:
    """A change of status, or an approved revision, in the exhibit's history.

    ``reason`` is the full change reason the workflow records ("<action>: <label> —
    <message>", or "revision #n approved — <message>"); ``message`` is the part people
    wrote. ``version`` is the exhibit's version once the change was saved.
    """

    when: dt.datetime
    who: object
    status: str
    reason: str
    version: int
    revision_number: int | None = None

    @property
    def user(self) -> object:
        return self.who

    @property
    def label(self) -> str:
        return S(self.status).label

    status_label = label

    @property
    def message(self) -> str:
        # Reasons read "<what happened> — <message>"; people read the message.
        _head, sep, message = self.reason.partition(" — ")
        return message if sep else ""

    @property
    def is_publication(self) -> bool:
        """A new published version: the first publication or an approved revision."""
        return self.status == S.PUBLISHED


_APPROVED_REVISION = re.compile(r"^revision #(\d+) approved")


def exhibit_status_changes(*, exhibit: Exhibit) -> list[StatusChange]:
    """The exhibit's changes of status and approved revisions, oldest first, with who,
    when and why (one query). The one history reader of the admin and the portal.

    The history keeps a record for every save; a record whose status differs from the one
    before it is a change of status (the first record is the creation), and a record
    saved by ``exhibits.revisions.revision_approve`` is a new published version.
    """
    records = (
        exhibit.history.select_related("history_user")
        .only("history_date", "history_user", "status", "history_change_reason", "version")
        .order_by("history_date", "history_id")
    )
    changes: list[StatusChange] = []
    previous = None
    for record in records:
        reason = record.history_change_reason or ""
        approved = _APPROVED_REVISION.match(reason)
        if record.status == previous and approved is None:
            continue
        changes.append(
            StatusChange(
                when=record.history_date,
                who=record.history_user,
                status=record.status,
                reason=reason,
                version=record.version,
                revision_number=int(approved.group(1)) if approved else None,
            )
        )
        previous = record.status
    return changes


@dataclasses.dataclass(frozen=True)
class ExhibitHistory:
    """What an exhibit's history page shows: published versions, revisions, statuses."""

    status_changes: list[StatusChange]
    revisions: list[ExhibitRevision]

    @property
    def published_versions(self) -> list[StatusChange]:
        """Newest first: each publication and each approved revision."""
        return [change for change in reversed(self.status_changes) if change.is_publication]


def exhibit_history(*, exhibit: Exhibit, with_revisions: bool = True) -> ExhibitHistory:
    """The exhibit's history for its history pages (portal and admin), in two queries.

    ``with_revisions`` False leaves the department's revisions out (a partner department
    reads the exhibit, not the lead department's proposals).
    """
    revisions = (
        list(
            ExhibitRevision.objects.filter(exhibit=exhibit)
            .select_related("created_by", "submitted_by", "decided_by")
            .order_by("-number")
        )
        if with_revisions
        else []
    )
    return ExhibitHistory(
        status_changes=exhibit_status_changes(exhibit=exhibit), revisions=revisions
    )

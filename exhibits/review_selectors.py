"""Reads for the curators' review in the back-office: the queue, a thread, a status history.

Each returns what a page shows in a fixed number of queries, whatever the number of rows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.db.models import Count, F, QuerySet
from django.db.models.functions import Coalesce

from exhibits.models import Exhibit, ExhibitComment, ExhibitStatus

S = ExhibitStatus

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


def review_queue_counts() -> dict[str, int]:
    """How many exhibits wait in each waiting status, every status present (one query)."""
    counts = dict.fromkeys(WAITING_STATUSES, 0)
    rows = (
        Exhibit.objects.filter(status__in=WAITING_STATUSES)
        .order_by()
        .values_list("status")
        .annotate(total=Count("pk"))
    )
    counts.update(dict(rows))
    return {str(status): total for status, total in counts.items()}


def exhibit_thread(*, exhibit: Exhibit) -> QuerySet[ExhibitComment]:
    """The exhibit's comments, oldest first, with their authors (one query)."""
    return (
        ExhibitComment.objects.filter(exhibit=exhibit)
        .select_related("author")
        .order_by("created_at", "id")
    )


@dataclasses.dataclass(frozen=True)
class StatusChange:
    when: dt.datetime
    user: object
    status: str
    reason: str

    @property
    def status_label(self) -> str:
        return S(self.status).label


def exhibit_status_changes(*, exhibit: Exhibit) -> list[StatusChange]:
    """The exhibit's changes of status, oldest first, with who, when and why (one query).

    The history keeps a record for every save; only a record whose status differs from
    the one before it is a change of status (the first record is the creation).
    """
    records = (
        exhibit.history.select_related("history_user")
        .only("history_date", "history_user", "status", "history_change_reason")
        .order_by("history_date", "history_id")
    )
    changes: list[StatusChange] = []
    previous = None
    for record in records:
        if record.status == previous:
            continue
        changes.append(
            StatusChange(
                when=record.history_date,
                user=record.history_user,
                status=record.status,
                reason=record.history_change_reason or "",
            )
        )
        previous = record.status
    return changes

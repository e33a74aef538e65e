"""Reads for the curators' dashboard: where the current edition stands, in five queries.

The edition, its zones, one row per exhibit (a few narrow columns: zone, status, time of
submission, which Chinese texts are present), the departments expected to take part, and
the images lacking Traditional Chinese alternative text. Every number comes with the
address of the admin list that shows exactly the rows it counts: the admin's own filter
parameters where one exists, ``id__in`` where the set is not a filter (a missing
translation may be stored as NULL or as an empty string).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from departments.models import Department, Membership
from exhibits.models import Exhibit, ExhibitImage, ExhibitRevision, ExhibitStatus
from exhibits.review_selectors import REVIEW_QUEUE_STATUSES
from pavilion.models import Edition, Zone
from pavilion.timezones import FAIR_TZ

#: Exhibits that will not be at the fair: left out of "still to do" counts.
GONE = (ExhibitStatus.DECLINED, ExhibitStatus.WITHDRAWN)
#: Statuses of a department that has submitted (at least once).
SUBMITTED = tuple(
    s for s in ExhibitStatus.values if s not in (ExhibitStatus.DRAFT, ExhibitStatus.WITHDRAWN)
)
#: A translation is missing when one of these columns is empty.
TRADITIONAL_COLUMNS = ("title_zh_hant", "summary_zh_hant", "description_zh_hant")
SIMPLIFIED_COLUMNS = ("title_zh_hans", "summary_zh_hans", "description_zh_hans")


@dataclass(frozen=True)
class Count:
    label: str
    value: int
    url: str
    colour: str | None = None
    key: str = ""


@dataclass(frozen=True)
class SubmissionDay:
    day: dt.date
    submitted: int
    total: int
    url: str


@dataclass
class Dashboard:
    edition: Edition
    exhibits_url: str
    total: int = 0
    by_zone: list[Count] = field(default_factory=list)
    by_status: list[Count] = field(default_factory=list)
    waiting: list[Count] = field(default_factory=list)
    departments_waiting: list[Count] = field(default_factory=list)
    departments: list[Count] = field(default_factory=list)
    submissions: list[SubmissionDay] = field(default_factory=list)
    deadline: dt.date | None = None
    translations: list[Count] = field(default_factory=list)
    images: list[Count] = field(default_factory=list)


def _changelist(model, **params) -> str:
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    return f"{url}?{urlencode(params)}" if params else url


def _ids(pks) -> str:
    # The admin reads "id__in=1,2,3"; an empty set must still match nothing, not everything.
    return ",".join(str(pk) for pk in sorted(pks)) or "0"


def _local_day(moment: dt.datetime) -> dt.date:
    return moment.astimezone(FAIR_TZ).date()


def _missing(values: dict, columns) -> bool:
    return any(not (values[column] or "").strip() for column in columns)


def curator_dashboard(*, edition: Edition | None = None) -> Dashboard | None:
    """The dashboard of ``edition`` (default: the current one), or None without one."""
    edition = edition or Edition.objects.filter(is_current=True).first()
    if edition is None:
        return None
    in_edition = {"edition__id__exact": edition.pk}
    board = Dashboard(edition=edition, exhibits_url=_changelist(Exhibit, **in_edition))

    rows = list(
        Exhibit.objects.filter(edition=edition)
        .order_by()
        .values(
            "pk",
            "zone_id",
            "status",
            "submitted_at",
            *TRADITIONAL_COLUMNS,
            *SIMPLIFIED_COLUMNS,
            changes_waiting=Exists(
                ExhibitRevision.objects.filter(
                    exhibit=OuterRef("pk"), status=ExhibitRevision.Status.SUBMITTED
                )
            ),
        )
    )
    board.total = len(rows)

    # Exhibits by zone, in the zones' order, then those without a zone.
    per_zone = Counter(row["zone_id"] for row in rows)
    for zone in Zone.objects.filter(edition=edition).order_by("order", "slug"):
        board.by_zone.append(
            Count(
                label=zone.name_en,
                value=per_zone.get(zone.pk, 0),
                url=_changelist(Exhibit, **in_edition, zone__id__exact=zone.pk),
                colour=zone.colour,
                key=zone.slug,
            )
        )
    board.by_zone.append(
        Count(
            label="No zone yet",
            value=per_zone.get(None, 0),
            url=_changelist(Exhibit, **in_edition, zone__isnull="True"),
            key="none",
        )
    )

    # Exhibits by status, in the workflow's order.
    per_status = Counter(row["status"] for row in rows)
    for status in ExhibitStatus:
        board.by_status.append(
            Count(
                label=str(status.label),
                value=per_status.get(status.value, 0),
                url=_changelist(Exhibit, **in_edition, status__exact=status.value),
                key=status.value,
            )
        )

    # What waits for a curator's decision: the review queue's two kinds, as its page and
    # the index count them (exhibits.review_selectors.review_queue), in this edition.
    in_queue = [row["pk"] for row in rows if row["status"] in REVIEW_QUEUE_STATUSES]
    changed = [row["pk"] for row in rows if row["changes_waiting"]]
    board.waiting = [
        Count(
            label="Exhibits waiting for review",
            value=len(in_queue),
            url=_changelist(Exhibit, id__in=_ids(in_queue)),
            key="exhibits",
        ),
        Count(
            label="Changes to published exhibits",
            value=len(changed),
            url=_changelist(
                ExhibitRevision, exhibit__edition__id__exact=edition.pk, status__exact="submitted"
            ),
            key="revisions",
        ),
    ]

    # Submissions by day (Hong Kong time), cumulative, against the deadline.
    board.deadline = _local_day(edition.submission_closes_at)
    per_day = Counter(_local_day(row["submitted_at"]) for row in rows if row["submitted_at"])
    total = 0
    for day in sorted(per_day):
        total += per_day[day]
        before = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=FAIR_TZ)
        board.submissions.append(
            SubmissionDay(
                day=day,
                submitted=per_day[day],
                total=total,
                url=_changelist(Exhibit, **in_edition, submitted_at__lt=before.isoformat()),
            )
        )

    # Translations still missing, among exhibits that will be at the fair.
    active = [row for row in rows if row["status"] not in GONE]
    no_traditional = [row["pk"] for row in active if _missing(row, TRADITIONAL_COLUMNS)]
    no_simplified = [row["pk"] for row in active if _missing(row, SIMPLIFIED_COLUMNS)]
    board.translations = [
        Count(
            label="Traditional Chinese missing",
            value=len(no_traditional),
            url=_changelist(Exhibit, id__in=_ids(no_traditional)),
            key="zh-hant",
        ),
        Count(
            label="Simplified Chinese not written",
            value=len(no_simplified),
            url=_changelist(Exhibit, id__in=_ids(no_simplified)),
            key="zh-hans",
        ),
    ]

    # Departments expected to take part (a quota in the edition, an exhibit in it, or
    # members) that have not submitted anything yet.
    in_this = Exhibit.objects.filter(edition=edition, lead_department=OuterRef("pk"))
    expected = (
        Department.objects.annotate(
            has_quota=Exists(edition.quotas.filter(department=OuterRef("pk"))),
            has_exhibit=Exists(in_this),
            has_members=Exists(Membership.objects.filter(department=OuterRef("pk"))),
            has_submitted=Exists(in_this.filter(status__in=SUBMITTED)),
        )
        .filter(Q(has_quota=True) | Q(has_exhibit=True) | Q(has_members=True))
        .order_by("name_en")
    )
    waiting, done = [], []
    for department in expected:
        (done if department.has_submitted else waiting).append(department)
    board.departments = [
        Count(
            label="Not submitted yet",
            value=len(waiting),
            url=_changelist(Department, id__in=_ids(d.pk for d in waiting)),
            key="waiting",
        ),
        Count(
            label="Submitted",
            value=len(done),
            url=_changelist(Department, id__in=_ids(d.pk for d in done)),
            key="submitted",
        ),
    ]
    board.departments_waiting = [
        Count(
            label=department.name_en,
            value=0,
            url=_changelist(Exhibit, **in_edition, department=department.pk),
            key=department.slug,
        )
        for department in waiting
    ]

    # Images without Traditional Chinese alternative text, on exhibits at the fair.
    images = list(
        ExhibitImage.objects.filter(exhibit__edition=edition)
        .exclude(exhibit__status__in=GONE)
        .filter(Q(alt_text_zh_hant__isnull=True) | Q(alt_text_zh_hant=""))
        .order_by()
        .values_list("pk", "exhibit_id")
    )
    board.images = [
        Count(
            label="Images (no Chinese alt text)",
            value=len(images),
            url=_changelist(ExhibitImage, id__in=_ids(pk for pk, _exhibit in images)),
            key="images",
        ),
        Count(
            label="Exhibits with such images",
            value=len({exhibit for _pk, exhibit in images}),
            url=_changelist(Exhibit, id__in=_ids({exhibit for _pk, exhibit in images})),
            key="exhibits",
        ),
    ]
    return board

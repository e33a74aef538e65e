"""Reads for the public site (and the public API): what visitors may see, and how to load it.

``published_exhibits`` is the only definition of what the public may see. The other
selectors start from it and load related rows with a fixed number of queries (joins for
single relations, one prefetch per many-relation), so a page's query count never grows
with the number of exhibits.
"""

from __future__ import annotations

from django.db.models import (
    Count,
    Exists,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Window,
)
from django.db.models.functions import Coalesce

from awards.models import Award, Recognition
from departments.models import Department
from exhibits.models import DemoSession, Exhibit, ExhibitImage, ExhibitStatus, Technology
from pavilion.cache import remember
from pavilion.models import Edition, Zone


def current_edition() -> Edition | None:
    """The edition the public site shows (exactly one is current), or None before set-up."""
    return Edition.objects.filter(is_current=True).first()


def published_exhibits(*, edition: Edition) -> QuerySet[Exhibit]:
    """Every exhibit the public may see in ``edition``: published ones, nothing else."""
    return Exhibit.objects.filter(edition=edition, status=ExhibitStatus.PUBLISHED)


def _images() -> Prefetch:
    return Prefetch("images", queryset=ExhibitImage.objects.order_by("order", "id"))


def _recognitions() -> Prefetch:
    return Prefetch(
        "recognitions",
        queryset=Recognition.objects.select_related("award").order_by(
            "-year", "award__order", "award__slug"
        ),
    )


def _demo_sessions() -> Prefetch:
    return Prefetch("demo_sessions", queryset=DemoSession.objects.order_by("starts_at", "id"))


def exhibit_cards(queryset: QuerySet[Exhibit]) -> QuerySet[Exhibit]:
    """What an exhibit card shows: zone, lead department, booth, images and awards."""
    return queryset.select_related("zone", "lead_department", "booth").prefetch_related(
        _images(), _recognitions()
    )


def exhibit_detail(*, edition: Edition, slug: str) -> Exhibit | None:
    """One published exhibit of ``edition`` with everything its page shows, or None.

    ``zone_updated_at`` and ``zone_count`` (the latest change among the published exhibits
    of its zone, and their number) let the page's ETag follow "more in this zone".
    """
    in_zone = published_exhibits(edition=edition).filter(zone_id=OuterRef("zone_id")).order_by()
    zone_latest = in_zone.values("zone_id").annotate(latest=Max("updated_at")).values("latest")
    zone_count = in_zone.values("zone_id").annotate(n=Count("pk")).values("n")
    return (
        published_exhibits(edition=edition)
        .select_related("edition", "zone", "booth", "lead_department")
        .annotate(zone_updated_at=Subquery(zone_latest), zone_count=Subquery(zone_count))
        .prefetch_related(
            Prefetch("partner_departments", queryset=Department.objects.order_by("name_en")),
            Prefetch("technologies", queryset=Technology.objects.all()),
            _images(),
            "links",
            _recognitions(),
            _demo_sessions(),
        )
        .filter(slug=slug)
        .first()
    )


def exhibit_in_earlier_edition(*, slug: str) -> Exhibit | None:
    """The latest published exhibit with this slug in an edition that is not current.

    Used to send an old QR code (printed with the slug) to the exhibit's archived page.
    """
    return (
        Exhibit.objects.filter(slug=slug, status=ExhibitStatus.PUBLISHED, edition__is_current=False)
        .select_related("edition")
        .order_by("-edition__starts_on")
        .first()
    )


def edition_by_slug(slug: str) -> Edition | None:
    return Edition.objects.filter(slug=slug).first()


def exhibits_nearby(exhibit: Exhibit, *, limit: int = 4) -> list[Exhibit]:
    """Other published exhibits in the same zone, for "more in this zone"."""
    return list(
        published_exhibits(edition=exhibit.edition)
        .filter(zone_id=exhibit.zone_id)
        .exclude(pk=exhibit.pk)
        .select_related("zone", "lead_department", "booth")
        .prefetch_related(_images())
        .order_by("title_en")[:limit]
    )


def zones_with_counts(*, edition: Edition) -> list[Zone]:
    """The edition's zones in order, each with ``published_count`` of its exhibits."""
    return list(
        Zone.objects.filter(edition=edition)
        .annotate(
            published_count=Count(
                "exhibits",
                filter=Q(exhibits__status=ExhibitStatus.PUBLISHED, exhibits__edition=edition),
            )
        )
        .order_by("order", "slug")
    )


def zones_summary(*, edition: Edition) -> list[Zone]:
    """``zones_with_counts``, kept under the content version (pavilion.cache.remember)."""
    return remember(f"zones:{edition.pk}", lambda: zones_with_counts(edition=edition))


def list_options(*, edition: Edition) -> dict[str, list]:
    """The exhibit list's filter choices: zones with counts, departments, technologies and
    award programmes of ``edition``'s published exhibits.

    Every list request shows the same choices until public content changes, and the
    counts aggregate the whole catalogue: they are kept under the content version
    (pavilion.cache.remember), so a visitor's filter costs none of these four queries.
    """

    def build() -> dict[str, list]:
        return {
            "zones": zones_with_counts(edition=edition),
            "departments": departments_in_edition(edition=edition),
            "technologies": technologies_in_edition(edition=edition),
            "awards": awards_in_edition(edition=edition),
        }

    return remember(f"list-options:{edition.pk}", build)


def _shows_in(edition: Edition, *, via: str) -> Exists:
    return Exists(published_exhibits(edition=edition).filter(**{via: OuterRef("pk")}).values("pk"))


def departments_in_edition(*, edition: Edition, with_counts: bool = False) -> list[Department]:
    """Departments that lead or partner in a published exhibit of ``edition``, by name.

    With ``with_counts`` each carries ``lead_count`` and ``partner_count`` (its published
    exhibits in the edition), computed in the same query.
    """
    departments = Department.objects.filter(
        _shows_in(edition, via="lead_department") | _shows_in(edition, via="partner_departments")
    )
    if with_counts:
        lead = (
            published_exhibits(edition=edition)
            .filter(lead_department=OuterRef("pk"))
            .order_by()
            .values("lead_department")
            .annotate(n=Count("pk"))
            .values("n")
        )
        partner = (
            published_exhibits(edition=edition)
            .filter(partner_departments=OuterRef("pk"))
            .order_by()
            .values("partner_departments")
            .annotate(n=Count("pk"))
            .values("n")
        )
        departments = departments.annotate(
            lead_count=Coalesce(Subquery(lead), 0), partner_count=Coalesce(Subquery(partner), 0)
        )
    return list(departments.order_by("name_en"))


def technologies_in_edition(*, edition: Edition) -> list[Technology]:
    """Technologies used by at least one published exhibit of ``edition``."""
    return list(Technology.objects.filter(_shows_in(edition, via="technologies")))


def awards_in_edition(*, edition: Edition) -> list[Award]:
    """Award programmes that recognised at least one published exhibit of ``edition``."""
    return list(
        Award.objects.filter(
            Exists(
                Recognition.objects.filter(
                    award=OuterRef("pk"),
                    exhibit__edition=edition,
                    exhibit__status=ExhibitStatus.PUBLISHED,
                )
            )
        ).order_by("order", "slug")
    )


def zone_in_edition(*, edition: Edition, slug: str) -> Zone | None:
    return Zone.objects.filter(edition=edition, slug=slug).first()


def featured_keys(*, edition: Edition, limit: int = 6) -> list[int]:
    """Primary keys of the edition's first ``limit`` featured exhibits (for their cards)."""
    return list(
        published_exhibits(edition=edition)
        .filter(featured=True)
        .order_by("zone__order", "title_en", "pk")
        .values_list("pk", flat=True)[:limit]
    )


def award_winners(*, edition: Edition, limit: int | None = None) -> list[Recognition]:
    """Recognitions of the edition's published exhibits, newest first, with their exhibit
    (the first ``limit`` of them when given)."""
    winners = (
        Recognition.objects.filter(
            exhibit__edition=edition, exhibit__status=ExhibitStatus.PUBLISHED
        )
        .select_related("award", "exhibit", "exhibit__zone", "exhibit__lead_department")
        .order_by("-year", "award__order", "award__slug", "exhibit__title_en", "pk")
    )
    return list(winners[:limit] if limit is not None else winners)


def awards_with_winners(*, edition: Edition) -> list[Award]:
    """Award programmes with ``winners``: their recognitions of published exhibits."""
    winners = Prefetch(
        "recognitions",
        queryset=Recognition.objects.filter(
            exhibit__edition=edition, exhibit__status=ExhibitStatus.PUBLISHED
        )
        .select_related("exhibit", "exhibit__zone", "exhibit__lead_department")
        .order_by("-year", "exhibit__title_en"),
        to_attr="winners",
    )
    awards = Award.objects.filter(
        Exists(
            Recognition.objects.filter(
                award=OuterRef("pk"),
                exhibit__edition=edition,
                exhibit__status=ExhibitStatus.PUBLISHED,
            )
        )
    ).prefetch_related(winners)
    return list(awards.order_by("order", "slug"))


def department_by_slug(slug: str) -> Department | None:
    return Department.objects.filter(slug=slug).first()


def department_exhibit_keys(
    *, edition: Edition, department: Department, limit: int
) -> dict[str, tuple[int, list[int]]]:
    """For ``lead`` and ``partner``: how many published exhibits of ``edition`` the
    department leads (partners in), and the primary keys of the first ``limit`` by zone
    and English title (for their cards). One query each: the count is a window over the
    same rows."""
    partner = Exists(
        Exhibit.partner_departments.through.objects.filter(
            exhibit=OuterRef("pk"), department=department
        )
    )
    found = {}
    for role, condition in (("lead", Q(lead_department=department)), ("partner", partner)):
        rows = list(
            published_exhibits(edition=edition)
            .filter(condition)
            .annotate(total=Window(Count("pk")))
            .order_by("zone__order", "title_en", "pk")
            .values_list("pk", "total")[:limit]
        )
        found[role] = (rows[0][1] if rows else 0, [pk for pk, _total in rows])
    return found


def zone_exhibit_keys(*, edition: Edition, zone: Zone, limit: int) -> tuple[int, list[int]]:
    """How many published exhibits a zone of ``edition`` has, and the primary keys of the
    first ``limit`` by English title (for their cards)."""
    in_zone = published_exhibits(edition=edition).filter(zone=zone)
    keys = list(in_zone.order_by("title_en", "pk").values_list("pk", flat=True)[:limit])
    return in_zone.count(), keys


def exhibit_demo_sessions(*, edition: Edition, slug: str) -> Exhibit | None:
    """A published exhibit of ``edition`` with its demonstrations prefetched (for its feed)."""
    return (
        published_exhibits(edition=edition)
        .select_related("edition", "zone", "booth")
        .prefetch_related(_demo_sessions())
        .filter(slug=slug)
        .first()
    )


def zone_demo_sessions(*, edition: Edition, zone: Zone) -> list[DemoSession]:
    """Demonstrations of the published exhibits of a zone of ``edition``, in time order."""
    return list(
        DemoSession.objects.filter(
            exhibit__in=published_exhibits(edition=edition).filter(zone=zone)
        )
        .select_related("exhibit", "exhibit__edition", "exhibit__zone", "exhibit__booth")
        .order_by("starts_at", "exhibit__title_en", "id")
    )


def open_data_exhibits(*, edition: Edition) -> list[Exhibit]:
    """The published catalogue of ``edition`` with everything the open data holds.

    Six queries whatever the size: the exhibits (with zone, booth, lead department), then
    partners, technologies, images and awards, one prefetch each.
    """
    return list(
        published_exhibits(edition=edition)
        .select_related("edition", "zone", "booth", "lead_department")
        .prefetch_related(
            Prefetch("partner_departments", queryset=Department.objects.order_by("slug")),
            Prefetch("technologies", queryset=Technology.objects.order_by("slug")),
            _images(),
            _recognitions(),
        )
        .order_by("zone__order", "slug")
    )

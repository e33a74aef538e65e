"""Reads for the curators' tools (booth signs, floor plans): fixed numbers of queries."""

from __future__ import annotations

from django.db.models import F, QuerySet

from exhibits.models import Exhibit, ExhibitStatus
from pavilion.models import Booth, Zone

#: Exhibits that will stand at the fair: their signs are printed per zone.
AT_THE_FAIR = (ExhibitStatus.APPROVED, ExhibitStatus.PUBLISHED)


def _for_signs(queryset: QuerySet[Exhibit]) -> QuerySet[Exhibit]:
    return queryset.select_related("edition", "zone", "booth", "lead_department")


def exhibit_for_sign(*, pk: int) -> Exhibit | None:
    """One exhibit with everything its sign shows, any status (curators print on demand)."""
    return _for_signs(Exhibit.objects.filter(pk=pk)).first()


def zone_by_pk(*, pk: int) -> Zone | None:
    return Zone.objects.select_related("edition").filter(pk=pk).first()


def zone_sign_exhibits(*, zone: Zone) -> list[Exhibit]:
    """Approved and published exhibits of a zone, by booth (those without one last), then
    English title."""
    return list(
        _for_signs(Exhibit.objects.filter(zone=zone, status__in=AT_THE_FAIR)).order_by(
            F("booth__code").asc(nulls_last=True), "title_en", "pk"
        )
    )


def zone_booths(*, zone: Zone) -> list[Booth]:
    """The zone's booths by code, each with ``holder``: the exhibit holding it, or None."""
    booths = list(
        Booth.objects.filter(zone=zone)
        .select_related("exhibit", "exhibit__lead_department")
        .order_by("code")
    )
    for booth in booths:
        try:
            booth.holder = booth.exhibit
        except Exhibit.DoesNotExist:
            booth.holder = None
    return booths


def zone_exhibits_without_booth(*, zone: Zone) -> list[Exhibit]:
    """Exhibits of the zone (not declined or withdrawn) still waiting for a booth."""
    return list(
        Exhibit.objects.filter(zone=zone, booth__isnull=True)
        .exclude(status__in=(ExhibitStatus.DECLINED, ExhibitStatus.WITHDRAWN))
        .select_related("lead_department")
        .order_by("title_en", "pk")
    )

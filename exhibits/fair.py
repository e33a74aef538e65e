"""The visitor at the fair: the floor plan and "What's on" (the site-wide feed is in feeds).

Reads (selectors) first, then the thin public views. What the public sees comes from
``exhibits.selectors.published_exhibits`` as everywhere else: a booth held by an exhibit
that is not published is drawn as a booth without an exhibit. Booths are placed by
``pavilion.floor_layout``, the layout the curators' zone plans use too.

"Now" and "next" follow the fair's clock (Hong Kong time). The selectors take ``now``
as an argument (the views pass the real time), so a test can ask what the page says at
any moment of the fair without freezing the clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import FilteredRelation, Q, QuerySet
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from exhibits import selectors
from exhibits.models import DemoSession, ExhibitStatus
from pavilion.floor_layout import FloorLayout, booth_sort_key, floor_layout, zone_layout
from pavilion.models import Booth, Edition, Zone
from pavilion.timezones import FAIR_TZ, fair_bounds

#: Upcoming demonstrations listed under "Next".
NEXT_COUNT = 4


# --- Reads --------------------------------------------------------------------------------


def public_booths(queryset: QuerySet[Booth], *, edition: Edition) -> list[Booth]:
    """The booths of ``queryset``, each with ``holder``: the published exhibit of
    ``edition`` in it, or None. One query: the exhibit is joined only when it is public
    (the same condition as ``selectors.published_exhibits``)."""
    booths = list(
        queryset.annotate(
            public_exhibit=FilteredRelation(
                "exhibit",
                condition=Q(exhibit__edition=edition, exhibit__status=ExhibitStatus.PUBLISHED),
            )
        ).select_related("public_exhibit")
    )
    for booth in booths:
        # Django sets the joined row only when there is one.
        booth.holder = getattr(booth, "public_exhibit", None)
    return booths


def edition_booths(*, edition: Edition) -> list[Booth]:
    """Every booth of ``edition`` with its zone and public holder, in floor order."""
    booths = public_booths(
        Booth.objects.filter(edition=edition).select_related("zone"), edition=edition
    )
    zone_order = {}
    for booth in booths:
        zone_order.setdefault(booth.zone_id, (booth.zone.order, booth.zone.slug))
    return sorted(booths, key=lambda b: (zone_order[b.zone_id], booth_sort_key(b.code)))


def edition_floor_plan(*, edition: Edition, highlight: str | None = None) -> FloorLayout:
    """The whole pavilion: its zones in order, each with its booths (two queries)."""
    zones = list(Zone.objects.filter(edition=edition).order_by("order", "slug"))
    by_zone: dict[int, list[Booth]] = {zone.pk: [] for zone in zones}
    for booth in public_booths(Booth.objects.filter(edition=edition), edition=edition):
        by_zone.setdefault(booth.zone_id, []).append(booth)
    layout = floor_layout([(zone, by_zone[zone.pk]) for zone in zones], highlight=highlight)
    _link_public(layout)
    return layout


def exhibit_zone_plan(exhibit) -> FloorLayout | None:
    """The exhibit's zone with its booth highlighted (one query), or None without a booth."""
    if exhibit.booth_id is None or exhibit.zone_id is None:
        return None
    booths = public_booths(Booth.objects.filter(zone_id=exhibit.zone_id), edition=exhibit.edition)
    layout = zone_layout(exhibit.zone, booths, highlight=exhibit.booth.code)
    _link_public(layout)
    return layout


def _link_public(layout: FloorLayout) -> None:
    for spot in layout.spots:
        if spot.holder is not None:
            spot.url = reverse("exhibit_detail", kwargs={"slug": spot.holder.slug})


def published_demonstrations(*, edition: Edition) -> list[DemoSession]:
    """Demonstrations of ``edition``'s published exhibits in time order, with their exhibit,
    its zone and booth (one query)."""
    return list(
        DemoSession.objects.filter(exhibit__in=selectors.published_exhibits(edition=edition))
        .select_related("exhibit", "exhibit__edition", "exhibit__zone", "exhibit__booth")
        .order_by("starts_at", "exhibit__zone__order", "exhibit__title_en", "id")
    )


@dataclass
class ScheduleZone:
    zone: Zone | None
    sessions: list[DemoSession]


@dataclass
class ScheduleDay:
    date: dt.date
    zones: list[ScheduleZone] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(group.sessions) for group in self.zones)


@dataclass
class Schedule:
    """The demonstrations of an edition by day and zone, and what is on at ``now``.

    ``state`` is ``before``, ``during`` or ``after`` the fair's days (Hong Kong time);
    ``now`` lists the demonstrations under way, ``next`` the next ones to start.
    """

    edition: Edition
    at: dt.datetime
    state: str
    days: list[ScheduleDay]
    now: list[DemoSession]
    next: list[DemoSession]
    sessions: list[DemoSession]


def _zone_order(group: ScheduleZone) -> tuple:
    zone = group.zone
    return (zone is None, zone.order if zone else 0, zone.slug if zone else "")


def demonstration_schedule(*, edition: Edition, now: dt.datetime) -> Schedule:
    """Every day of the fair (days without demonstrations too), each by zone in floor
    order; and the demonstrations under way at ``now`` and the next ``NEXT_COUNT``."""
    sessions = published_demonstrations(edition=edition)
    opens, closes = fair_bounds(edition)
    state = "before" if now < opens else "after" if now >= closes else "during"
    days = []
    for offset in range(edition.days):
        date = edition.starts_on + dt.timedelta(days=offset)
        groups: dict[int | None, ScheduleZone] = {}
        for session in sessions:
            if session.starts_at.astimezone(FAIR_TZ).date() != date:
                continue
            zone = session.exhibit.zone
            key = zone.pk if zone else None
            groups.setdefault(key, ScheduleZone(zone=zone, sessions=[])).sessions.append(session)
        ordered = sorted(groups.values(), key=_zone_order)
        days.append(ScheduleDay(date=date, zones=ordered))
    under_way = [s for s in sessions if s.starts_at <= now < s.ends_at]
    upcoming = [s for s in sessions if s.starts_at > now][:NEXT_COUNT]
    return Schedule(
        edition=edition,
        at=now.astimezone(FAIR_TZ),
        state=state,
        days=days,
        now=under_way,
        next=upcoming,
        sessions=sessions,
    )


# --- Views --------------------------------------------------------------------------------


def _current_edition() -> Edition:
    edition = selectors.current_edition()
    if edition is None:
        raise Http404("No edition is current.")
    return edition


@require_safe
def floor_plan(request):
    """The pavilion's zones and booths as a drawing (and as a list); ``?booth=E01``
    highlights a booth (``#booth-E01`` does too, in the browser)."""
    edition = _current_edition()
    wanted = (request.GET.get("booth") or "").strip()[:20] or None
    layout = edition_floor_plan(edition=edition, highlight=wanted)
    context = {
        "edition": edition,
        "layout": layout,
        "wanted": wanted,
        "found": layout.highlighted,
        "demo_layout": any(spot.booth.is_demo for spot in layout.spots),
    }
    return render(request, "exhibits/floor_plan.html", context)


@require_safe
def whats_on(request):
    """The demonstrations by day and zone, with what is on now and next (Hong Kong time)."""
    edition = _current_edition()
    schedule = demonstration_schedule(edition=edition, now=timezone.now())
    return render(request, "exhibits/whats_on.html", {"edition": edition, "schedule": schedule})

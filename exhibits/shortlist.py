"""My list: a visitor's shortlist of exhibits, shown as a route through the pavilion.

There is no account and nothing is stored on the server. With JavaScript the "Add to my
list" buttons keep slugs in the browser (``static/js/visitor.js``); the list itself is a
plain address, ``/my-list/?e=slug1,slug2,…``, rendered here for anyone: the same link
(or its QR code) opens the same list on another phone, and it works without JavaScript.

The page lists the published exhibits of the current edition among the slugs, as a route:
zone by zone (the zones' order), by booth code within a zone, exhibits without a booth
after those with one. Unknown or unpublished slugs are left out (and counted, so the
visitor is told), and the input is capped (``MAX_EXHIBITS`` slugs, ``MAX_QUERY_LENGTH``
characters): a hostile address costs one bounded query and never an error.

The page and its QR code carry no session or CSRF token, so they are cached like the
other public pages (``pavilion.cache.CACHED_PAGES``).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from django.conf import settings
from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from exhibits import selectors
from exhibits.cards import Card, exhibit_cards
from exhibits.models import Exhibit
from exhibits.qr import qr_svg
from pavilion.models import Edition, Zone

#: At most this many exhibits in one list (more are ignored, and the visitor is told).
MAX_EXHIBITS = 100
#: At most this many characters of ``?e=`` are read (a slug is at most 60).
MAX_QUERY_LENGTH = 100 * 61
SLUG = re.compile(r"^[-a-z0-9_]{1,60}$")


@dataclasses.dataclass(frozen=True)
class Requested:
    """The slugs an address asks for: valid, distinct, in the order given, capped."""

    slugs: list[str]
    truncated: bool


@dataclasses.dataclass(frozen=True)
class Stop:
    """One zone of the route and its cards; ``start`` numbers its first exhibit."""

    zone: Zone | None
    start: int
    cards: list[Card]


def requested_slugs(values: Iterable[str]) -> Requested:
    """Parse ``?e=`` (comma-separated, possibly repeated) into at most ``MAX_EXHIBITS``
    distinct slugs. What is not a slug is dropped; so is a slug cut by the length cap."""
    raw = ",".join(values)
    truncated = len(raw) > MAX_QUERY_LENGTH
    parts = raw[:MAX_QUERY_LENGTH].split(",")
    if truncated:
        parts = parts[:-1]  # the last part may be a slug cut short
    slugs: list[str] = []
    for part in parts:
        slug = part.strip().lower()
        if SLUG.match(slug) and slug not in slugs:
            slugs.append(slug)
    if len(slugs) > MAX_EXHIBITS:
        slugs = slugs[:MAX_EXHIBITS]
        truncated = True
    return Requested(slugs=slugs, truncated=truncated)


def shortlist_route(*, edition: Edition, slugs: list[str]) -> list[Exhibit]:
    """The published exhibits of ``edition`` among ``slugs``, in route order: by zone
    order, then booth code (exhibits without a booth last in their zone), then title."""
    if not slugs:
        return []
    return list(
        selectors.published_exhibits(edition=edition)
        .filter(slug__in=slugs)
        .select_related("zone")
        .order_by(
            F("zone__order").asc(nulls_last=True),
            "zone__slug",
            F("booth__code").asc(nulls_last=True),
            "title_en",
            "pk",
        )
    )


def shortlist_url(slugs: list[str], *, absolute: bool = False) -> str:
    """The list's address in the active language (a Chinese page shares a Chinese link)."""
    url = reverse("shortlist")
    if slugs:
        url = f"{url}?e={','.join(slugs)}"
    return f"{settings.PAVILION_SITE_URL}{url}" if absolute else url


def _stops(route: list[Exhibit], cards: list[Card]) -> list[Stop]:
    by_pk = {card.pk: card for card in cards}
    stops: list[Stop] = []
    number = 1
    for exhibit in route:
        card = by_pk.get(exhibit.pk)
        if card is None:
            continue
        if not stops or stops[-1].zone != exhibit.zone:
            stops.append(Stop(zone=exhibit.zone, start=number, cards=[]))
        stops[-1].cards.append(card)
        number += 1
    return stops


def _edition(request) -> Edition:
    edition = selectors.current_edition()
    if edition is None:
        raise Http404("No edition is current.")
    return edition


@require_safe
def shortlist(request):
    """My list: the exhibits the address names, as a route, with a link and QR code to
    share it. Without ``?e=`` the page is empty; the browser's script fills it from the
    visitor's stored list."""
    edition = _edition(request)
    requested = requested_slugs(request.GET.getlist("e"))
    route = shortlist_route(edition=edition, slugs=requested.slugs)
    cards = exhibit_cards(edition=edition, keys=[exhibit.pk for exhibit in route])
    stops = _stops(route, cards)
    slugs = [card.slug for stop in stops for card in stop.cards]
    share_url = shortlist_url(slugs, absolute=True)
    context = {
        "edition": edition,
        "asked": bool(requested.slugs) or "e" in request.GET,
        "stops": stops,
        "count": len(slugs),
        "slugs": ",".join(slugs),
        "missing": len(requested.slugs) - len(slugs),
        "truncated": requested.truncated,
        "max_exhibits": MAX_EXHIBITS,
        "converted": any(card.converted for card in cards),
        "share_url": share_url,
        "qr": qr_svg(share_url, gettext("QR code of the link to this list")) if slugs else "",
    }
    return render(request, "exhibits/shortlist.html", context)


@require_safe
def shortlist_qr(request):
    """The QR code of the list's absolute link, as an SVG file (to save or print)."""
    edition = _edition(request)
    requested = requested_slugs(request.GET.getlist("e"))
    route = shortlist_route(edition=edition, slugs=requested.slugs)
    url = shortlist_url([exhibit.slug for exhibit in route], absolute=True)
    markup = qr_svg(url, gettext("QR code of the link to this list"))
    svg = markup.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
    response = HttpResponse(
        f'<?xml version="1.0" encoding="utf-8"?>\n{svg}',
        content_type="image/svg+xml; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="my-list-qr.svg"'
    return response

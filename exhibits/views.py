"""Public exhibit pages: the filtered list, one exhibit, and an earlier edition's exhibit.

Views stay thin: what may be shown comes from ``exhibits.selectors``, filtering from
``exhibits.filters.ExhibitFilter``. No page touches the session, the user or the CSRF
token, so anonymous pages never vary on cookies.
"""

from __future__ import annotations

import hashlib

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.http import condition, require_safe

from exhibits import fair, selectors
from exhibits.cards import exhibit_cards
from exhibits.filters import DEFAULT_ORDERING, ExhibitFilter
from exhibits.listing import describe_filters, filter_problems, parse_page
from exhibits.qr import exhibit_public_url, qr_svg
from pavilion.i18n import active_language, localized

PAGE_SIZE = 24
NEARBY = 4


def _current_edition(request):
    """The current edition, looked up once per request (the ETag and the view share it)."""
    if not hasattr(request, "_pavilion_edition"):
        request._pavilion_edition = selectors.current_edition()
    if request._pavilion_edition is None:
        raise Http404("No edition is current.")
    return request._pavilion_edition


@require_safe
def exhibit_list(request):
    """Published exhibits of the current edition, filtered by the one FilterSet."""
    edition = _current_edition(request)
    options = selectors.list_options(edition=edition)
    filterset = ExhibitFilter(request.GET, queryset=selectors.published_exhibits(edition=edition))
    problems = filter_problems(filterset, options)
    page_obj = None
    cards = []
    total = 0
    if filterset.is_valid():
        # The page is chosen on keys alone (the count and the sort read one index on
        # PostgreSQL); its cards come rendered from the cache (exhibits.cards).
        paginator = Paginator(filterset.qs.values_list("pk", flat=True), PAGE_SIZE)
        total = paginator.count
        number, page_problem = parse_page(request.GET.get("page"), paginator)
        if page_problem:
            problems.append(page_problem)
            total = 0
        elif total:
            page_obj = paginator.page(number)
            cards = exhibit_cards(edition=edition, keys=list(page_obj.object_list))
    context = {
        "edition": edition,
        "filterset": filterset,
        "form_values": _form_values(filterset),
        "options": options,
        "page_obj": page_obj,
        "cards": cards,
        "converted": any(card.converted for card in cards),
        "total": total,
        "problems": problems,
        "active_filters": describe_filters(request.GET, options),
        "default_ordering": DEFAULT_ORDERING,
    }
    return render(request, "exhibits/exhibit_list.html", context)


def _form_values(filterset: ExhibitFilter) -> dict:
    """What the filter form shows as chosen: the request's values, valid or not."""
    data = filterset.data
    return {
        "zone": [z for value in data.getlist("zone") for z in value.split(",") if z],
        "department": data.get("department", ""),
        "technology": data.get("technology", ""),
        "award": data.get("award", ""),
        "awarded": (data.get("awarded") or "").lower() in {"true", "1", "yes", "on"},
        "q": data.get("q", ""),
        "ordering": data.get("ordering", ""),
    }


def _detail(request, slug: str):
    if not hasattr(request, "_pavilion_exhibit"):
        edition = _current_edition(request)
        request._pavilion_exhibit = selectors.exhibit_detail(edition=edition, slug=slug)
    return request._pavilion_exhibit


def _detail_etag(request, slug: str) -> str | None:
    """A fingerprint of everything the page shows, from rows already loaded for the view.

    The exhibit's version and update time alone would miss an added image or award (they
    are saved on their own rows), so every loaded related row is part of it; the zone's
    latest change and count stand for the "more in this zone" list. No extra query.
    """
    try:
        exhibit = _detail(request, slug)
    except Http404:
        return None
    if exhibit is None:
        return None
    plan = _zone_plan(exhibit)
    parts = [
        exhibit.pk,
        exhibit.version,
        exhibit.updated_at.isoformat(),
        exhibit.zone_updated_at.isoformat() if exhibit.zone_updated_at else "",
        exhibit.zone_count,
        translation.get_language(),
        _row(exhibit.zone),
        _row(exhibit.booth),
        _row(exhibit.lead_department),
        *(_row(row) for row in exhibit.partner_departments.all()),
        *(_row(row) for row in exhibit.technologies.all()),
        *(_row(row) for row in exhibit.images.all()),
        *(_row(row) for row in exhibit.links.all()),
        *(_row(row) for row in exhibit.recognitions.all()),
        *(_row(row.award) for row in exhibit.recognitions.all()),
        *(_row(row) for row in exhibit.demo_sessions.all()),
        *((_row(spot.booth), _row(spot.holder)) for spot in (plan.spots if plan else [])),
    ]
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f'W/"{digest}"'


def _zone_plan(exhibit):
    """The small plan of the exhibit's zone (current edition only), loaded once per request."""
    if not hasattr(exhibit, "_zone_plan"):
        current = exhibit.edition.is_current
        exhibit._zone_plan = fair.exhibit_zone_plan(exhibit) if current else None
    return exhibit._zone_plan


def _row(obj) -> tuple:
    if obj is None:
        return ()
    return tuple(
        (field.attname, getattr(obj, field.attname)) for field in obj._meta.concrete_fields
    )


@require_safe
@condition(etag_func=_detail_etag)
def exhibit_detail(request, slug: str):
    """One published exhibit of the current edition; an earlier edition's slug redirects."""
    exhibit = _detail(request, slug)
    if exhibit is None:
        earlier = selectors.exhibit_in_earlier_edition(slug=slug)
        if earlier is None:
            raise Http404("No published exhibit has this address.")
        return redirect("edition_exhibit_detail", edition=earlier.edition.slug, slug=slug)
    return _render_detail(request, exhibit)


@require_safe
def edition_exhibit_detail(request, edition: str, slug: str):
    """A published exhibit of any edition (the archive); the current one's has its own URL."""
    found = selectors.edition_by_slug(edition)
    if found is None:
        raise Http404("No such edition.")
    if found.is_current:
        return redirect("exhibit_detail", slug=slug, permanent=True)
    exhibit = selectors.exhibit_detail(edition=found, slug=slug)
    if exhibit is None:
        raise Http404("No published exhibit has this address.")
    return _render_detail(request, exhibit)


def _render_detail(request, exhibit):
    title = localized(exhibit, "title")
    public_url = exhibit_public_url(exhibit, language=active_language())
    context = {
        "exhibit": exhibit,
        "edition": exhibit.edition,
        "images": list(exhibit.images.all()),
        "partners": list(exhibit.partner_departments.all()),
        "technologies": list(exhibit.technologies.all()),
        "links": list(exhibit.links.all()),
        "recognitions": list(exhibit.recognitions.all()),
        "demo_sessions": list(exhibit.demo_sessions.all()),
        "nearby": selectors.exhibits_nearby(exhibit, limit=NEARBY),
        "qr": qr_svg(
            public_url,
            gettext("QR code of this page's address: %(title)s") % {"title": title},
        ),
        "public_url": public_url,
        "archived": not exhibit.edition.is_current,
        "zone_plan": _zone_plan(exhibit),
    }
    return render(request, "exhibits/exhibit_detail.html", context)

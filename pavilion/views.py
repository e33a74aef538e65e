"""Project-wide views: health check, robots.txt, and the public home and zone pages."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from exhibits import selectors
from exhibits.cards import exhibit_cards

#: Award winners the home page lists (the newest); the awards page lists them all.
HOME_WINNERS = 12
#: Cards a zone page shows; a larger zone links to the exhibit list filtered by the zone.
ZONE_CARDS = 24


@require_safe
@never_cache
def healthz(request):
    """Report whether the database and the cache answer: 200 when both do, else 503."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception:
        checks["database"] = "unavailable"
    try:
        cache.set("healthz", "ok", 5)
        checks["cache"] = "ok" if cache.get("healthz") == "ok" else "unavailable"
    except Exception:
        checks["cache"] = "unavailable"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )


@require_safe
def robots_txt(request):
    """Crawlers may read the public site; the back-office and the portal are off limits."""
    disallowed = ["/admin/", "/portal/"] + [
        f"/{code}/portal/" for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE
    ]
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in disallowed)]
    lines += ["", f"Sitemap: {settings.PAVILION_SITE_URL}/sitemap.xml", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request):
    """``/favicon.ico``, which browsers and crawlers ask for whatever the page links: the
    icon's static file (its hashed address in production, so not a permanent redirect)."""
    return redirect(static("icons/favicon.ico"))


@require_safe
def home(request):
    """The current edition: what, when, where; its zones, featured exhibits and winners."""
    edition = selectors.current_edition()
    context = {"edition": edition}
    if edition is not None:
        featured = exhibit_cards(edition=edition, keys=selectors.featured_keys(edition=edition))
        context |= {
            "zones": selectors.zones_summary(edition=edition),
            "featured": featured,
            "featured_converted": any(card.converted for card in featured),
            "winners": selectors.award_winners(edition=edition, limit=HOME_WINNERS),
        }
    return render(request, "pavilion/home.html", context)


@require_safe
def zone_detail(request, slug: str):
    """One zone of the current edition with its published exhibits."""
    edition = selectors.current_edition()
    if edition is None:
        raise Http404("No edition is current.")
    zone = selectors.zone_in_edition(edition=edition, slug=slug)
    if zone is None:
        raise Http404("No such zone.")
    total, keys = selectors.zone_exhibit_keys(edition=edition, zone=zone, limit=ZONE_CARDS)
    cards = exhibit_cards(edition=edition, keys=keys)
    context = {
        "edition": edition,
        "zone": zone,
        "cards": cards,
        "converted": any(card.converted for card in cards),
        "total": total,
    }
    return render(request, "pavilion/zone_detail.html", context)

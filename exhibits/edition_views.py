"""The public home page (the current edition) and its zone pages.

Views stay thin: what may be shown comes from ``exhibits.selectors``, the cards from
``exhibits.cards``. No page touches the session, the user or the CSRF token.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from exhibits import selectors
from exhibits.cards import exhibit_cards

#: Award winners the home page lists (the newest); the awards page lists them all.
HOME_WINNERS = 12
#: Cards a zone page shows; a larger zone links to the exhibit list filtered by the zone.
ZONE_CARDS = 24


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
    return render(request, "exhibits/home.html", context)


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
    return render(request, "exhibits/zone_detail.html", context)

"""The public awards page: programmes and the exhibits of the current edition they recognised."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from exhibits import selectors


@require_safe
def award_list(request):
    """Award programmes with their winners among the current edition's published exhibits."""
    edition = selectors.current_edition()
    if edition is None:
        raise Http404("No edition is current.")
    awards = selectors.awards_with_winners(edition=edition)
    return render(request, "awards/award_list.html", {"edition": edition, "awards": awards})

"""Public department pages: who shows exhibits in the current edition, and what.

They list exhibits, so they live with them (departments imports nothing from exhibits).
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from exhibits import selectors
from exhibits.cards import exhibit_cards

#: Cards a department page shows per list (led, partnered); more link to the filtered list.
DEPARTMENT_CARDS = 24


def _edition():
    edition = selectors.current_edition()
    if edition is None:
        raise Http404("No edition is current.")
    return edition


@require_safe
def department_list(request):
    """Departments with published exhibits in the current edition, with their counts."""
    edition = _edition()
    departments = selectors.departments_in_edition(edition=edition, with_counts=True)
    return render(
        request,
        "exhibits/department_list.html",
        {"edition": edition, "departments": departments},
    )


@require_safe
def department_detail(request, slug: str):
    """One department and the published exhibits it leads or partners in."""
    edition = _edition()
    department = selectors.department_by_slug(slug)
    if department is None:
        raise Http404("No such department.")
    found = selectors.department_exhibit_keys(
        edition=edition, department=department, limit=DEPARTMENT_CARDS
    )
    (lead_total, lead_keys), (partner_total, partner_keys) = found["lead"], found["partner"]
    cards = {
        card.pk: card for card in exhibit_cards(edition=edition, keys=lead_keys + partner_keys)
    }
    lead = [cards[pk] for pk in lead_keys if pk in cards]
    partner = [cards[pk] for pk in partner_keys if pk in cards]
    context = {
        "edition": edition,
        "department": department,
        "lead": lead,
        "lead_total": lead_total,
        "lead_converted": any(card.converted for card in lead),
        "partner": partner,
        "partner_total": partner_total,
        "partner_converted": any(card.converted for card in partner),
        "more": lead_total > len(lead) or partner_total > len(partner),
        "total": lead_total + partner_total,
    }
    return render(request, "exhibits/department_detail.html", context)

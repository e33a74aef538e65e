"""Exhibit cards of the public list, rendered once per exhibit and language.

A card (``partials/exhibit_card.html``) shows one exhibit with its zone, booth, lead
department, first image and awards. The same card appears on every list page that
includes the exhibit, whatever the other filters, the sort or the page number, and
loading its rows and rendering it is most of a list page's cost. So cards are kept in the
shared cache under the content version (``pavilion.cache.remember_many``): a list page
looks its 24 cards up in one round trip and loads and renders only the missing ones. Any
change to public content moves the version, so no card is ever stale. Without the data
cache (PAVILION_DATA_CACHE off) every card is rendered each time.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from exhibits import selectors
from pavilion.cache import remember_many
from pavilion.i18n import active_language, is_converted
from pavilion.models import Edition

TEMPLATE = "partials/exhibit_card.html"


@dataclasses.dataclass(frozen=True)
class Card:
    """One rendered card: its exhibit's key and slug, its HTML, and whether a text in it
    is shown converted from Traditional Chinese (the page then says so once)."""

    pk: int
    slug: str
    html: SafeString
    converted: bool


def exhibit_cards(*, edition: Edition, keys: Sequence[int]) -> list[Card]:
    """The cards of these published exhibits of ``edition`` (primary keys), in this order.

    An exhibit that is no longer public when its card is rendered is left out.
    """

    def render(missing: list[int]) -> dict[int, Card]:
        exhibits = selectors.exhibit_cards(
            selectors.published_exhibits(edition=edition).filter(pk__in=missing).order_by()
        )
        return {exhibit.pk: _card(exhibit) for exhibit in exhibits}

    found = remember_many(f"card:{edition.pk}:{active_language()}", keys, render)
    return [found[pk] for pk in keys if pk in found]


def _card(exhibit) -> Card:
    html = render_to_string(TEMPLATE, {"exhibit": exhibit, "awards": True})
    return Card(
        pk=exhibit.pk,
        slug=exhibit.slug,
        html=SafeString(html),
        converted=is_converted(exhibit, ("title", "summary")),
    )

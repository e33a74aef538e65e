"""What the public list page says about a request's filters: problems and removable chips.

Kept apart from the FilterSet (which the API shares) because it is about presentation:
messages for unknown values and links that remove one filter at a time.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import QueryDict
from django.utils.translation import gettext

from exhibits.filters import FALSE_VALUES, ORDERING_CHOICES, TRUE_VALUES, ExhibitFilter
from pavilion.i18n import localized

SLUG_FILTERS = ("department", "technology", "award")


def _names(options: dict) -> dict[str, dict[str, str]]:
    return {
        "zone": {zone.slug: localized(zone, "name") for zone in options["zones"]},
        "department": {d.slug: localized(d, "name") for d in options["departments"]},
        "technology": {t.slug: localized(t, "name") for t in options["technologies"]},
        "award": {a.slug: localized(a, "name") for a in options["awards"]},
    }


def filter_problems(filterset: ExhibitFilter, options: dict) -> list[str]:
    """Messages for values that cannot match or cannot be understood.

    An unknown slug is not an error for the FilterSet (it just matches nothing); the page
    still says why the result is empty.
    """
    if not filterset.is_valid():
        messages = []
        for field, errors in filterset.errors.items():
            label = filterset.form.fields[field].label if field in filterset.form.fields else field
            for error in errors:
                messages.append(
                    gettext("%(filter)s: %(error)s") % {"filter": label, "error": error}
                )
        return messages
    names = _names(options)
    messages = []
    for value in filterset.requested("zone"):
        if value not in names["zone"]:
            messages.append(
                gettext("There is no zone “%(value)s” in this edition.") % {"value": value}
            )
    templates = {
        "department": gettext("No department “%(value)s” shows exhibits in this edition."),
        "technology": gettext("No exhibit in this edition uses a technology “%(value)s”."),
        "award": gettext("No exhibit in this edition has an award “%(value)s”."),
    }
    for name in SLUG_FILTERS:
        for value in filterset.requested(name):
            if value not in names[name]:
                messages.append(templates[name] % {"value": value})
    return messages


def parse_page(raw: str | None, paginator: Paginator) -> tuple[int, str | None]:
    """The page number asked for, or a message when there is no such page."""
    if raw in (None, ""):
        return 1, None
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return 1, gettext("“%(value)s” is not a page number.") % {"value": raw}
    if number < 1 or (number > max(paginator.num_pages, 1)):
        return 1, gettext("There is no page %(number)d of these results.") % {"number": number}
    return number, None


def _without(query: QueryDict, name: str, value: str | None = None) -> str:
    remaining = query.copy()
    remaining.pop("page", None)
    if value is None:
        remaining.pop(name, None)
    else:
        kept = [
            part
            for item in remaining.getlist(name)
            for part in item.split(",")
            if part and part != value
        ]
        remaining.setlist(name, kept)
    encoded = remaining.urlencode()
    return f"?{encoded}" if encoded else "?"


def describe_filters(query: QueryDict, options: dict) -> list[dict]:
    """The active filters, each with a label and the query string that removes it."""
    names = _names(options)
    active = []
    seen_zones: list[str] = []
    for item in query.getlist("zone"):
        for value in item.split(","):
            value = value.strip()
            if value and value not in seen_zones:
                seen_zones.append(value)
                active.append(
                    {
                        "kind": gettext("Zone"),
                        "label": names["zone"].get(value, value),
                        "remove": _without(query, "zone", value),
                    }
                )
    kinds = {
        "department": gettext("Department"),
        "technology": gettext("Technology"),
        "award": gettext("Award"),
    }
    for name in SLUG_FILTERS:
        value = (query.get(name) or "").strip()
        if value:
            active.append(
                {
                    "kind": kinds[name],
                    "label": names[name].get(value, value),
                    "remove": _without(query, name),
                }
            )
    awarded = (query.get("awarded") or "").strip()
    if awarded:
        labels = {
            **dict.fromkeys(TRUE_VALUES, gettext("Award winners only")),
            **dict.fromkeys(FALSE_VALUES, gettext("Without awards")),
        }
        active.append(
            {
                "kind": gettext("Awards"),
                "label": labels.get(awarded.lower(), awarded),
                "remove": _without(query, "awarded"),
            }
        )
    if (query.get("q") or "").strip():
        active.append(
            {
                "kind": gettext("Search"),
                "label": query.get("q").strip(),
                "remove": _without(query, "q"),
            }
        )
    ordering = (query.get("ordering") or "").strip()
    if ordering:
        labels = dict(ORDERING_CHOICES)
        active.append(
            {
                "kind": gettext("Sort by"),
                "label": str(labels.get(ordering, ordering)),
                "remove": _without(query, "ordering"),
            }
        )
    return active

"""Template tags of the curators' back-office."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from exhibits.models import ExhibitStatus
from exhibits.review_selectors import (
    REVISIONS_KEY,
    WAITING_STATUSES,
    review_queue_counts,
    review_queue_total,
)

register = template.Library()


@register.simple_tag
def review_queue() -> dict:
    """The review queue's link, how many items wait in it, and how many exhibits wait in
    each waiting status and submitted changes to published exhibits (one query)."""
    changelist = reverse("admin:exhibits_exhibit_changelist")
    counts = review_queue_counts()
    revisions = reverse("admin:exhibits_exhibitrevision_changelist")
    return {
        "url": reverse("admin:exhibits_exhibit_review_queue"),
        "waiting": review_queue_total(counts),
        "statuses": [
            *(
                {
                    "label": ExhibitStatus(status).label,
                    "count": counts[status],
                    "url": f"{changelist}?status__exact={status}",
                }
                for status in WAITING_STATUSES
            ),
            {
                "label": _("Changes to published exhibits"),
                "count": counts[REVISIONS_KEY],
                "url": f"{revisions}?status__exact=submitted",
            },
        ],
    }

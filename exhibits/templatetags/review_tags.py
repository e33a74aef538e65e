"""Template tags of the curators' back-office."""

from __future__ import annotations

from django import template
from django.urls import reverse

from exhibits.models import ExhibitStatus
from exhibits.review_selectors import REVIEW_QUEUE_STATUSES, WAITING_STATUSES, review_queue_counts

register = template.Library()


@register.simple_tag
def review_queue() -> dict:
    """The review queue's link and how many exhibits wait in each waiting status."""
    changelist = reverse("admin:exhibits_exhibit_changelist")
    counts = review_queue_counts()
    return {
        "url": f"{changelist}?status__in={','.join(REVIEW_QUEUE_STATUSES)}",
        "waiting": sum(counts[status] for status in REVIEW_QUEUE_STATUSES),
        "statuses": [
            {
                "label": ExhibitStatus(status).label,
                "count": counts[status],
                "url": f"{changelist}?status__exact={status}",
            }
            for status in WAITING_STATUSES
        ],
    }

"""Template helpers of the department portal."""

from __future__ import annotations

import datetime as dt
import math

from django import template

register = template.Library()


@register.filter
def whole_minutes(value: dt.timedelta | None) -> int:
    """A duration in minutes, rounded up (a wait is never shown shorter than it is)."""
    if not value:
        return 0
    return max(math.ceil(value.total_seconds() / 60), 1)

"""DRF throttles whose rates are read on every request.

DRF copies ``DEFAULT_THROTTLE_RATES`` into a class attribute when it is imported, so a
changed setting (a test, the schemathesis run) would be ignored. Kept apart from the
views: DRF imports these classes while defining APIView itself.
"""

from __future__ import annotations

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class _LiveRate:
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonThrottle(_LiveRate, AnonRateThrottle):
    """Anonymous requests, per client address (rate ``anon``)."""


class PersonThrottle(_LiveRate, UserRateThrottle):
    """Requests with a token, per person (rate ``user``).

    Anonymous requests are left to ``AnonThrottle`` (DRF's own would count them a second
    time, per address, at the higher rate: two more cache round trips for nothing)."""

    def get_cache_key(self, request, view):
        if not request.user.is_authenticated:
            return None
        return super().get_cache_key(request, view)

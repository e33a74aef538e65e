"""The answer given while the database cannot be reached: 503, never a stack trace.

Nothing here touches the database, the session or the user: the page must render while
PostgreSQL is away.
"""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext
from django.views import defaults

# Seconds a client is asked to wait; short, since a restarted database is back in seconds.
RETRY_AFTER_SECONDS = 10


def is_database_unavailable(exception: BaseException | None) -> bool:
    """Whether ``exception`` says the database could not be reached (or was lost)."""
    return isinstance(exception, OperationalError | InterfaceError)


def database_unavailable_response(request: HttpRequest) -> HttpResponse:
    """A 503 for ``request``: JSON under /api/, the translated page elsewhere."""
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {
                "code": "unavailable",
                "detail": gettext(
                    "The service is briefly unavailable. Please try again in a moment."
                ),
            },
            status=503,
        )
    else:
        html = render_to_string("503.html", {"retry_after": RETRY_AFTER_SECONDS}, request=None)
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 handler: a database outage met outside a view still answers 503.

    Django calls the handler inside its ``except`` block, so the exception is at hand.
    """
    if is_database_unavailable(sys.exc_info()[1]):
        return database_unavailable_response(request)
    return defaults.server_error(request)

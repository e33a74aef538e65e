"""Test-only URLs: the real ones plus pages that meet a database error, in a view and
while a lazy response renders (outside the view, where only the 500 handler sees it).
"""

from django.conf.urls.i18n import i18n_patterns
from django.db import InterfaceError, OperationalError
from django.template import engines
from django.template.response import TemplateResponse
from django.urls import path

from pavilion.urls import urlpatterns as real_urlpatterns

handler500 = "pavilion.unavailable.server_error"


def refused(request):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed')


def lost(request):
    raise InterfaceError("connection already closed")


class Unreachable:
    def __str__(self):
        raise OperationalError("server closed the connection unexpectedly")


def lazy(request):
    template = engines["django"].from_string("<p>{{ edition }}</p>")
    return TemplateResponse(request, template, {"edition": Unreachable()})


def broken(request):
    raise RuntimeError("Not a database problem.")


urlpatterns = [
    path("api/v1/refused/", refused),
    *real_urlpatterns,
    *i18n_patterns(
        path("refused/", refused),
        path("lost/", lost),
        path("lazy/", lazy),
        path("broken/", broken),
        prefix_default_language=False,
    ),
]

"""Test-only URLs: the real ones plus a page that fails, to see the 500 page."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from pavilion.urls import urlpatterns as real_urlpatterns


def broken(request):
    raise RuntimeError("A test failure, on purpose.")


urlpatterns = [
    *real_urlpatterns,
    *i18n_patterns(path("broken/", broken), prefix_default_language=False),
]

"""Test-only URLs: the real ones plus an API path whose view fails (a bug, not a refusal)."""

from django.urls import path

from pavilion.urls import urlpatterns as real_urlpatterns

handler500 = "pavilion.unavailable.server_error"


def broken(request):
    raise RuntimeError("A bug in a view.")


urlpatterns = [path("api/v1/broken/", broken), *real_urlpatterns]

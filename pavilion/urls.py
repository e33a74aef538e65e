"""Root URLs: public site and portal under i18n_patterns; admin, API and feeds unprefixed.

The apps' pages are included by name (``include("exhibits.urls")``): pavilion imports no
other app, so the apps may import pavilion."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

from pavilion import pwa, views

# A database outage met outside a view still answers 503 (pavilion/unavailable.py).
handler500 = "pavilion.unavailable.server_error"

admin.site.site_header = "Smart Hong Kong Pavilion — back-office"
admin.site.site_title = "Pavilion back-office"
admin.site.index_title = "Run the pavilion"

urlpatterns = [
    # Curators' tools (signs, floor plans, dashboard), before the admin's catch-all.
    path("admin/tools/", include("curation.admin_tools")),
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    # The installable web app (pavilion/pwa.py): at the root, so the worker's scope is "/".
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("sw.js", pwa.service_worker, name="service_worker"),
    # The sitemap and the open data files: language-neutral, so unprefixed.
    path("", include("exhibits.unprefixed_urls")),
    # The REST API: unprefixed (it reads ?lang= / Accept-Language itself).
    path("api/v1/", include("exhibits.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
]

# The public site: home, zones, exhibits and departments (exhibits.urls), awards.
urlpatterns += i18n_patterns(
    path("offline/", pwa.offline, name="offline"),
    path("", include("exhibits.urls")),
    path("", include("awards.urls")),
    # Personal API tokens, for every signed-in person (curators too).
    path("portal/tokens/", include("pavilion.token_urls", namespace="tokens")),
    # The department portal (exhibits.portal_urls holds its account pages too).
    path("portal/", include("exhibits.portal_urls", namespace="portal")),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

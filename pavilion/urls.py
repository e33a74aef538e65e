"""Root URLs: public site and portal under i18n_patterns; admin, API and feeds unprefixed."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

from exhibits import open_data
from pavilion import views
from pavilion.sitemaps import SITEMAPS

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
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # Open data files: language-neutral, so unprefixed (their page is in exhibits.urls).
    path("open-data/exhibits.csv", open_data.open_data_csv, name="open_data_csv"),
    path("open-data/exhibits.json", open_data.open_data_json, name="open_data_json"),
    # The REST API: unprefixed (it reads ?lang= / Accept-Language itself).
    path("api/v1/", include("exhibits.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
]

# The public site: home and zones here, the rest from each app's urls.
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("zones/<slug:slug>/", views.zone_detail, name="zone_detail"),
    path("", include("exhibits.urls")),
    path("", include("departments.urls")),
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

"""Root URLs: public site and portal under i18n_patterns; admin, API and feeds unprefixed."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from pavilion import views

admin.site.site_header = "Smart Hong Kong Pavilion — back-office"
admin.site.site_title = "Pavilion back-office"
admin.site.index_title = "Run the pavilion"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
]

urlpatterns += i18n_patterns(
    path("", include("exhibits.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

"""Public exhibit pages (included under i18n_patterns by pavilion.urls)."""

from django.urls import path

from exhibits import views

urlpatterns = [
    path("exhibits/", views.exhibit_list, name="exhibit_list"),
    path("exhibits/<slug:slug>/", views.exhibit_detail, name="exhibit_detail"),
    path(
        "editions/<slug:edition>/exhibits/<slug:slug>/",
        views.edition_exhibit_detail,
        name="edition_exhibit_detail",
    ),
]

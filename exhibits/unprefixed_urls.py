"""Public addresses without a language prefix (included by pavilion.urls): the sitemap,
which lists every language itself, and the open-data files, which are language-neutral
(their page is in exhibits.urls)."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from exhibits import open_data
from exhibits.sitemaps import SITEMAPS

urlpatterns = [
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("open-data/exhibits.csv", open_data.open_data_csv, name="open_data_csv"),
    path("open-data/exhibits.json", open_data.open_data_json, name="open_data_json"),
]

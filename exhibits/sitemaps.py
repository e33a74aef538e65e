"""/sitemap.xml: the public pages of the current edition in every language, with hreflang."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from exhibits import selectors


class PublicSitemap(Sitemap):
    """Every item once per language, each listing its alternates (and x-default).

    Addresses use PAVILION_SITE_URL rather than the request's host, so a sitemap fetched
    through an internal address still names the public one.
    """

    i18n = True
    alternates = True
    x_default = True

    def get_protocol(self, protocol=None) -> str:
        return urlsplit(settings.PAVILION_SITE_URL).scheme or "https"

    def get_domain(self, site=None) -> str:
        return urlsplit(settings.PAVILION_SITE_URL).netloc


class StaticPagesSitemap(PublicSitemap):
    changefreq = "daily"

    def items(self) -> list[str]:
        return ["home", "exhibit_list", "floor_plan", "whats_on", "department_list", "award_list"]

    def location(self, item: str) -> str:
        return reverse(item)


class ExhibitSitemap(PublicSitemap):
    changefreq = "daily"

    def items(self):
        edition = selectors.current_edition()
        if edition is None:
            return []
        return list(
            selectors.published_exhibits(edition=edition).select_related("edition").order_by("slug")
        )

    def lastmod(self, exhibit):
        return exhibit.updated_at


class ZoneSitemap(PublicSitemap):
    def items(self):
        edition = selectors.current_edition()
        if edition is None:
            return []
        return selectors.zones_with_counts(edition=edition)


class DepartmentSitemap(PublicSitemap):
    def items(self):
        edition = selectors.current_edition()
        if edition is None:
            return []
        return selectors.departments_in_edition(edition=edition)


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "zones": ZoneSitemap,
    "exhibits": ExhibitSitemap,
    "departments": DepartmentSitemap,
}

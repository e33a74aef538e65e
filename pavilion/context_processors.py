"""Context for every page: the language switch and the page's language tags.

Nothing here touches the database, the session or the user (a public page must not vary
on cookies), so it is also safe on the 404 page.
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit, urlunsplit

from django.conf import settings
from django.urls import Resolver404, resolve, translate_url

from pavilion.i18n import HTML_LANG, OG_LOCALE, active_language


def _prefixless(path: str) -> str:
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if code != settings.LANGUAGE_CODE and (path == prefix[:-1] or path.startswith(prefix)):
            return "/" + path[len(prefix) :]
    return path


def switch_language_url(full_path: str, code: str) -> str:
    """The same page (and query) in language ``code``.

    Django's ``translate_url`` handles every page it can resolve; a path it cannot (a 404)
    gets its language prefix swapped, so the switch works on the error page too.
    """
    parts = urlsplit(full_path)
    try:
        resolve(unquote(parts.path))
    except Resolver404:
        path = _prefixless(parts.path)
        if code != settings.LANGUAGE_CODE:
            path = f"/{code}{path}"
        return urlunsplit(("", "", path, parts.query, parts.fragment))
    return translate_url(full_path, code)


def public(request) -> dict:
    language = active_language()
    full_path = request.get_full_path()
    links = [
        {
            "code": code,
            "name": name,
            "html_lang": HTML_LANG[code],
            "url": switch_language_url(full_path, code),
            "current": code == language,
        }
        for code, name in settings.LANGUAGES
    ]
    alternates = [
        {
            "hreflang": code,
            "url": settings.PAVILION_SITE_URL + switch_language_url(request.path, code),
        }
        for code, _name in settings.LANGUAGES
    ]
    return {
        "language_links": links,
        "alternates": alternates,
        "x_default_url": settings.PAVILION_SITE_URL
        + switch_language_url(request.path, settings.LANGUAGE_CODE),
        "canonical_url": settings.PAVILION_SITE_URL + request.path,
        "page_lang": HTML_LANG[language],
        "og_locale": OG_LOCALE[language],
        "site_url": settings.PAVILION_SITE_URL,
    }

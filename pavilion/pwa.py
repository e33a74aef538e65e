"""The installable web app: the manifest, the service worker and the offline page.

The fair floor has a weak signal. The service worker (``templates/pavilion/sw.js``, served
from the site root so that its scope is the whole site) keeps what a visitor needs
readable offline:

- pages network-first: online visitors always see fresh content; when the network fails
  (or is slower than ``NETWORK_TIMEOUT_MS`` and a copy is kept) the last copy is shown;
- on install it fetches the home page, the exhibit list, the floor plan, What's on, My list
  and the offline page in the visitor's language, each on its own (one that fails — a page
  not built yet, a dropped connection — does not stop the others);
- static files cache-first (their names carry a hash of their content), uploaded images
  cache-first (their names are generated once and never reused);
- a page never visited, offline: the offline page.

The worker's file embeds the *content version* (``pavilion.cache``) and the static files'
addresses: when public content changes, the next online visit finds a different worker,
which installs, fetches again every page the old one kept (keeping the old copy of any
that fails), and removes the old caches. A visitor is never shown stale content for more
than one visit online.

The content version is the shared one (Redis) in production; with a per-process cache
and several workers each worker would hand out a different file (and visitors would
reinstall the worker on every page), which is one more reason the README asks for Redis
whenever more than one worker serves the site.

It never keeps the admin, the portal, the API, anything but a GET, or a response that is
personal (``Vary: Cookie``, ``private``, ``no-store``) — see ``NEVER_CACHED``.

This module is the pavilion's own: it names pages by path or URL name and imports no other
app.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from pavilion.cache import content_version

#: The header's colour: the browser's bar and the splash screen match the site.
THEME_COLOUR = "#083b6a"
BACKGROUND_COLOUR = "#ffffff"

#: Pages kept on install, by URL name (resolved in the visitor's language) or by path
#: under the language prefix (pages another part of the project may not provide yet).
PRECACHED_PAGES = ("home", "exhibit_list", "floor-plan/", "whats-on/", "shortlist", "offline")

#: Static files kept on install.
PRECACHED_STATIC = (
    "css/site.css",
    "js/visitor.js",
    "pavilion/icons/icon-192.png",
)

#: Path prefixes (after an optional language prefix) the worker never answers or keeps.
NEVER_CACHED = ("/admin/", "/portal/", "/api/", "/healthz", "/sw.js", "/manifest.webmanifest")

#: Waiting longer than this for the network, a kept copy is shown instead.
NETWORK_TIMEOUT_MS = 4000
#: At most this many pages and uploaded images are kept (the oldest go first).
MAX_PAGES = 150
MAX_IMAGES = 200

ICONS = (
    ("pavilion/icons/icon-192.png", "192x192", "any"),
    ("pavilion/icons/icon-512.png", "512x512", "any"),
    ("pavilion/icons/icon-maskable-512.png", "512x512", "maskable"),
)


def _language(request) -> str:
    """``?lang=`` when it names one of the site's languages, else the default."""
    code = request.GET.get("lang", "")
    known = {code for code, _name in settings.LANGUAGES}
    return code if code in known else settings.LANGUAGE_CODE


def _page_path(name_or_path: str) -> str | None:
    if name_or_path.endswith("/"):
        return reverse("home") + name_or_path
    try:
        return reverse(name_or_path)
    except NoReverseMatch:
        return None


@require_safe
def manifest(request):
    """The web app manifest, in ``?lang=`` (English by default)."""
    language = _language(request)
    with translation.override(language):
        name = gettext("Smart Hong Kong Pavilion")
        data = {
            "id": "/",
            "name": name,
            "short_name": gettext("HK Pavilion"),
            "description": gettext(
                "The Smart Hong Kong Pavilion: technology solutions from government "
                "departments, public bodies, universities, companies and student teams."
            ),
            "lang": language,
            "dir": "ltr",
            "start_url": reverse("home"),
            "scope": "/",
            "display": "standalone",
            "theme_color": THEME_COLOUR,
            "background_color": BACKGROUND_COLOUR,
            "icons": [
                {"src": static(path), "sizes": sizes, "type": "image/png", "purpose": purpose}
                for path, sizes, purpose in ICONS
            ],
        }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    response["Cache-Control"] = "public, max-age=3600"
    return response


def worker_config(language: str) -> dict:
    """What the service worker's file embeds: its version and what it keeps."""
    version = content_version()
    with translation.override(language):
        pages = [path for path in map(_page_path, PRECACHED_PAGES) if path]
        offline = reverse("offline")
    assets = [static(path) for path in PRECACHED_STATIC]
    prefixes = [f"/{code}" for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    return {
        "version": f"{version or 0}",
        "language": language,
        "pages": pages,
        "offline": offline,
        "static": assets,
        "staticUrl": settings.STATIC_URL,
        "mediaUrl": settings.MEDIA_URL,
        "languagePrefixes": prefixes,
        "neverCached": list(NEVER_CACHED),
        "networkTimeout": NETWORK_TIMEOUT_MS,
        "maxPages": MAX_PAGES,
        "maxImages": MAX_IMAGES,
        # In development static names carry no hash: ask the network first there too.
        "staticCacheFirst": not settings.DEBUG,
    }


@require_safe
def service_worker(request):
    """The service worker's script, for the visitor's language (``?lang=``).

    Served at the root so that its scope is the whole site; ``no-cache`` so that the
    browser always asks whether it changed (it does whenever the content version does).
    """
    config = worker_config(_language(request))
    script = render_to_string(
        "pavilion/sw.js", {"config": json.dumps(config, ensure_ascii=True, sort_keys=True)}
    )
    response = HttpResponse(script, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


@require_safe
def offline(request):
    """What the service worker shows, offline, for a page the visitor never opened."""
    return render(request, "pavilion/offline.html")

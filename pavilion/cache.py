"""Caching of anonymous public pages and API responses that is never stale.

Every cached entry carries the *content version* it was made under: one number in the
shared cache (Redis in production, so every worker reads the same one), read together
with the entry in one round trip. Any change to public content — an exhibit saved
(publish, unpublish, revision approved), its images, links, technologies or
demonstrations, a zone, booth, department, award, recognition, technology or edition —
bumps the number once the transaction commits, and from the next request on every worker
finds every entry out of date: nothing needs deleting, nothing old is served. ``bulk_update`` and
``QuerySet.update`` send no signals: code that changes public content that way calls
``content_changed()``.

Pages are cached by ``PublicPageCacheMiddleware`` (the public views have no throttle, so
the middleware runs after everything a page depends on), the API by
``exhibits.api.base.ApiView`` inside DRF, after authentication and throttling. Keys:
scheme + host + path + sorted query + language + HX-Request. Never for signed-in people:
a request with a session cookie or an Authorization header is neither answered from nor
stored in the cache, and only responses without cookies, without ``Vary: Cookie`` and
not private are stored. Without Redis (a per-process cache could not reach other
workers) caching is off unless PAVILION_PAGE_CACHE says otherwise.

The same version keys the *data cache* (``remember``, ``remember_many``; on with Redis,
PAVILION_DATA_CACHE): what many pages share and only a content change can change — the
exhibit list's filter choices with their counts, rendered exhibit cards — so a page-cache
miss does not start from nothing, and is never stale either.

A cache that does not answer is a miss, never an error: pages are then rendered as usual.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Hashable, Sequence
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)

VERSION_KEY = "pavilion:content-version"

#: Models whose rows are public content (those absent from this checkout are skipped).
#: Not ExhibitRevision: a revision is private until approved, and approving it saves the
#: exhibit (and its images), which bumps the version.
PUBLIC_MODELS = (
    "exhibits.Exhibit",
    "exhibits.ExhibitImage",
    "exhibits.ExhibitLink",
    "exhibits.Technology",
    "exhibits.DemoSession",
    "pavilion.Edition",
    "pavilion.Zone",
    "pavilion.Booth",
    "departments.Department",
    "awards.Award",
    "awards.Recognition",
)

#: Public pages the middleware caches, by URL name.
CACHED_PAGES = frozenset(
    {
        "home",
        "zone_detail",
        "exhibit_list",
        "exhibit_detail",
        "edition_exhibit_detail",
        "department_list",
        "department_detail",
        "award_list",
        "open_data",
        "floor_plan",
        "whats_on",
        "shortlist",
        "shortlist_qr",
    }
)

#: Pages that follow the clock as well as the content ("now" and "next" on What's on):
#: kept per time slot of this many seconds, so a cached copy is at most that old.
CLOCK_PAGES = {"whats_on": 60}


def enabled() -> bool:
    return settings.PAVILION_PAGE_CACHE


def content_version() -> int | None:
    """The current content version; None when the cache does not answer."""
    try:
        version = cache.get(VERSION_KEY)
        if version is None:
            # First use, or the key was evicted: start from a number never used before,
            # so no entry stored under an older version can match.
            cache.add(VERSION_KEY, time.time_ns(), timeout=None)
            version = cache.get(VERSION_KEY)
    except Exception:  # a cache that does not answer is a miss
        logger.warning("Cache unavailable: reading the content version", exc_info=True)
        return None
    return version


def bump_content_version() -> None:
    """Make every cached page and API response of every worker a miss from now on."""
    try:
        try:
            cache.incr(VERSION_KEY)
        except ValueError:  # missing: any new number will do
            cache.set(VERSION_KEY, time.time_ns(), timeout=None)
    except Exception:
        logger.exception("Cache unavailable: could not bump the content version")


def content_changed() -> None:
    """Public content changed: bump the version when the current transaction commits."""
    transaction.on_commit(bump_content_version)


def _changed(sender, **kwargs) -> None:
    content_changed()


def connect_signals() -> None:
    """Bump the version on every save, delete and many-to-many change of public content."""
    for label in PUBLIC_MODELS:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        uid = f"pavilion_cache_{label}"
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}_save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}_delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                _changed, sender=field.remote_field.through, dispatch_uid=f"{uid}_{field.name}"
            )


def anonymous(request) -> bool:
    """No session cookie and no credentials: the visitor sees what everyone sees."""
    return (
        settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "Authorization" not in request.headers
    )


def cache_key(request, *, kind: str, language: str | None = None) -> str:
    """Where ``request``'s response is kept: scheme and host (API answers carry absolute
    links built from them), path, sorted query, language, HX-Request."""
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    identity = "\n".join(
        [
            request.scheme,
            request.get_host(),
            request.path,
            query,
            language or get_language() or "",
            request.headers.get("HX-Request", ""),
        ]
    )
    digest = hashlib.sha256(identity.encode()).hexdigest()
    return f"pavilion:{kind}:{digest}"


def storable(response) -> bool:
    """A 200 that carries nothing personal."""
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "cookie" not in response.get("Vary", "").lower()
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


def frozen(response) -> HttpResponse:
    """A plain copy of a rendered response (content and headers) to store: quick to
    unpickle, and free of what a DRF ``Response`` carries besides (its data, its request)."""
    copy = HttpResponse(response.content, status=response.status_code)
    for header, value in response.items():
        copy[header] = value
    return copy


def lookup_many(keys: Sequence[str]) -> tuple[int | None, dict[str, Any]]:
    """The content version and the values kept under ``keys`` *for that version*, read in
    one round trip (a hit costs one trip to Redis, not two).

    Entries are stored as ``(version, value)``: one read of the version key and of the
    entries together, and an entry left from an earlier version is a miss (overwritten by
    the next ``store``). The version is None when the cache does not answer: the caller
    then neither reads nor stores.
    """
    try:
        found = cache.get_many([VERSION_KEY, *keys])
    except Exception:  # a cache that does not answer is a miss
        logger.warning("Cache unavailable: reading %d entries", len(keys), exc_info=True)
        return None, {}
    version = found.pop(VERSION_KEY, None)
    if version is None:
        return content_version(), {}  # first use, or evicted: a new number, nothing valid
    return version, {
        key: entry[1]
        for key, entry in found.items()
        if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == version
    }


def lookup(key: str) -> tuple[int | None, Any]:
    """``lookup_many`` for one key: (version, value or None)."""
    version, found = lookup_many([key])
    return version, found.get(key)


def store_many(entries: dict[str, Any], *, version: int) -> None:
    """Keep ``entries`` as read under ``version`` (what a ``lookup`` returned)."""
    try:
        cache.set_many(
            {key: (version, value) for key, value in entries.items()},
            timeout=settings.PAVILION_PAGE_CACHE_SECONDS,
        )
    except Exception:
        logger.warning("Cache unavailable: storing %d entries", len(entries), exc_info=True)


def store(key: str, value: Any, *, version: int) -> None:
    store_many({key: value}, version=version)


def remember(name: str, build: Callable[[], T]) -> T:
    """``build()``, kept in the shared cache under the content version as ``name``.

    For what many pages share and only a change of public content can change (the list's
    filter choices with their counts): computed once per content version, for every
    worker. Off unless PAVILION_DATA_CACHE (default: with Redis, as for pages); a cache
    that does not answer means ``build()`` runs, as without the cache.
    """
    if not settings.PAVILION_DATA_CACHE:
        return build()
    key = f"pavilion:data:{name}"
    version, value = lookup(key)
    if value is None:
        value = build()
        if version is not None:
            store(key, value, version=version)
    return value


def remember_many(
    name: str, keys: Sequence[K], build: Callable[[list[K]], dict[K, T]]
) -> dict[K, T]:
    """``remember`` for many values at once: one look-up for all ``keys``, then one call of
    ``build(missing keys)`` (a dict by key; a key it leaves out is simply absent), stored
    together. Off unless PAVILION_DATA_CACHE, like ``remember``.
    """
    if not settings.PAVILION_DATA_CACHE:
        return build(list(keys)) if keys else {}
    names = {f"pavilion:data:{name}:{key}": key for key in keys}
    version, cached = lookup_many(list(names))
    found = {names[stored]: value for stored, value in cached.items()}
    missing = [key for key in keys if key not in found]
    if missing:
        built = build(missing)
        if version is not None:
            store_many(
                {f"pavilion:data:{name}:{key}": value for key, value in built.items()},
                version=version,
            )
        found.update(built)
    return found


def conditional(request, response):
    """Answer If-None-Match / If-Modified-Since from a cached response's validators."""
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=None,
        response=response,
    )


def _page_kind(url_name: str) -> str:
    slot = CLOCK_PAGES.get(url_name)
    return f"page:{int(time.time() // slot)}" if slot else "page"


class PublicPageCacheMiddleware:
    """Answer anonymous GETs of the public pages (``CACHED_PAGES``) from the cache.

    It looks up after URL resolution (``process_view``), so it knows which page is asked
    for; a hit skips the view, and the response still passes back through every
    middleware (language, security headers, the Content-Security-Policy).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        slot = getattr(request, "_pavilion_page_slot", None)
        if slot is not None and storable(response):
            key, version = slot
            store(key, frozen(response), version=version)
            response["X-Cache"] = "miss"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if (
            not enabled()
            or request.method != "GET"
            or match is None
            or match.url_name not in CACHED_PAGES
            or not anonymous(request)
        ):
            return None
        key = cache_key(request, kind=_page_kind(match.url_name))
        version, cached = lookup(key)
        if version is None:
            return None
        if cached is None:
            request._pavilion_page_slot = (key, version)
            return None
        cached["X-Cache"] = "hit"
        return conditional(request, cached)

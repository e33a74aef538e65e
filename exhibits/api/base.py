"""What every API view shares: JSON only, checked parameters, language, throttling, ETags.

- JSON in and out (no browsable API: a smaller surface), no OPTIONS metadata (405).
- Parameters: ``params`` (per HTTP method) are checked in ``initial`` — after
  authentication and throttling, before the handler — by ``params.validate_params``.
- Language: views with ``localized = True`` activate the requested language for the
  handler (LocaleMiddleware has already forced English on /api/), answer with
  ``Content-Language`` and ``Vary: Accept-Language``, and restore the language after.
- Conditional GET: every 200 to GET/HEAD carries a strong ``ETag`` (SHA-256 of the body,
  so it changes with the content, the language and the query); ``If-None-Match`` with it
  answers 304. Computed inside the view, after authentication and throttling (a page
  cache in middleware would answer before DRF's throttle runs, TRAPS.md).
- Throttling: anonymous and per-person rates from settings (exhibits.api.throttling), read
  on every request so tests (and the schemathesis run) can raise them.
"""

from __future__ import annotations

import hashlib

from django.db.models import Subquery
from django.http import Http404
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from rest_framework.generics import GenericAPIView
from rest_framework.pagination import PageNumberPagination
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from exhibits.api.params import (
    ALL_LANGUAGES,
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    Param,
    requested_language,
    validate_params,
)
from exhibits.api.parsers import JSONParser
from exhibits.api.throttling import AnonThrottle, PersonThrottle
from exhibits.paging import KeysFirstPaginator
from pavilion import cache as public_cache
from pavilion.i18n import ENGLISH, HTML_LANG
from pavilion.models import Edition


class Pagination(PageNumberPagination):
    """Page numbers with a count. ``page_size`` was checked (1 to 100) before this runs."""

    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_paginated_response_schema(self, schema):
        described = super().get_paginated_response_schema(schema)
        described["required"] = ["count", "next", "previous", "results"]
        return described


class CataloguePagination(Pagination):
    """The public catalogue's pages: rows chosen by key first (exhibits.paging)."""

    django_paginator_class = KeysFirstPaginator


def edition_scope(slug: str | None) -> Subquery:
    """The edition asked for (default: the current one) as a subquery.

    Filtering ``edition=<subquery>`` costs no query of its own, which keeps the public
    list at its pinned query count; an unknown slug matches no exhibit.
    """
    editions = (
        Edition.objects.filter(slug=slug)
        if slug is not None
        else Edition.objects.filter(is_current=True)
    )
    return Subquery(editions.order_by().values("pk")[:1])


def edition_or_none(slug: str | None) -> Edition | None:
    if slug is not None:
        return Edition.objects.filter(slug=slug).first()
    return Edition.objects.filter(is_current=True).first()


class ApiView(GenericAPIView):
    renderer_classes = [JSONRenderer]
    parser_classes = [JSONParser]
    throttle_classes = [AnonThrottle, PersonThrottle]
    metadata_class = None
    pagination_class = Pagination
    #: Parameters checked for each HTTP method (method → list of Param).
    params: dict[str, list[Param]] = {}
    #: Public content: localized, cacheable by anyone.
    localized = False

    language = ENGLISH
    query: dict = {}

    def dispatch(self, request, *args, **kwargs):
        # Whatever the handler activates is undone when the response leaves the view.
        with translation.override(translation.get_language()):
            return super().dispatch(request, *args, **kwargs)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        method = "GET" if request.method == "HEAD" else request.method
        self.query = validate_params(request, self.params.get(method, []))
        if self.localized:
            self.language = requested_language(request, self.query)
            translation.activate(ENGLISH if self.language == ALL_LANGUAGES else self.language)
        self._answer_from_cache(request)

    def _answer_from_cache(self, request) -> None:
        """Public content for an anonymous GET comes from the cache (pavilion/cache.py).

        Runs at the end of ``initial``: after authentication, throttling and the check of
        the parameters, so the cache never answers what DRF would refuse. A hit replaces
        this request's handler; a miss leaves the key and the version it was read under for
        ``finalize_response`` to store.
        """
        self._cache_slot = None
        self._cache_hit = False
        if not (
            self.localized
            and request.method == "GET"
            and request.auth is None
            and public_cache.enabled()
            and public_cache.anonymous(request)
        ):
            return
        key = public_cache.cache_key(request, kind="api", language=self.language)
        version, cached = public_cache.lookup(key)
        if version is None:
            return
        if cached is None:
            self._cache_slot = (key, version)
            return
        cached["X-Cache"] = "hit"
        self._cache_hit = True
        self.get = lambda request, *args, **kwargs: cached

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["language"] = self.language
        return context

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.localized:
            patch_vary_headers(response, ["Accept-Language"])
            if self.language == ALL_LANGUAGES:
                response["Content-Language"] = ", ".join(HTML_LANG.values())
            else:
                response["Content-Language"] = HTML_LANG[self.language]
            patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        else:
            patch_vary_headers(response, ["Authorization", "X-Department"])
            patch_cache_control(response, private=True, no_cache=True)
        if getattr(self, "_cache_hit", False):
            return public_cache.conditional(request, response)
        response = self._conditional(request, response)
        slot = getattr(self, "_cache_slot", None)
        if slot is not None and isinstance(response, Response) and public_cache.storable(response):
            key, version = slot
            public_cache.store(key, public_cache.frozen(response), version=version)
            response["X-Cache"] = "miss"
        return response

    def _conditional(self, request, response):
        if (
            request.method not in ("GET", "HEAD")
            or response.status_code != 200
            or not isinstance(response, Response)
        ):
            return response
        response.render()
        response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:40]}"'
        return get_conditional_response(request, etag=response["ETag"], response=response)


class NotFoundView(ApiView):
    """Every other path under /api/v1/: a JSON 404 (Django's own 404 page is HTML)."""

    schema = None  # not an operation
    permission_classes = []
    throttle_classes = []

    def _not_found(self, request, *args, **kwargs):
        raise Http404("No API endpoint at this address.")

    get = post = put = patch = delete = _not_found

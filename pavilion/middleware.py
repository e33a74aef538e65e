"""Project middleware: the Content-Security-Policy header and the 503 page.

Django 5.2 has no CSP support of its own; the policy is small enough to keep here rather
than add a dependency. Pages carry no inline script or style: the only pages that need an
inline element (the API documentation) ask for ``request.csp_nonce`` in their template,
and only then does the header name a nonce — so every other response carries the same
header, and a cached page never holds a nonce that a later response would not match.
"""

from __future__ import annotations

import logging
import secrets

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils.functional import SimpleLazyObject

from pavilion.unavailable import database_unavailable_response

logger = logging.getLogger("pavilion.unavailable")


def content_security_policy(*, nonce: str | None = None) -> str:
    """The policy header's value; with ``nonce``, inline scripts and styles carrying it run."""
    nonce_source = f" 'nonce-{nonce}'" if nonce else ""
    directives = {
        "default-src": "'self'",
        "script-src": f"'self'{nonce_source}",
        "style-src": f"'self'{nonce_source}",
        "img-src": " ".join(["'self'", "data:", *settings.CSP_EXTRA_IMG_SRC]),
        "font-src": "'self'",
        "connect-src": "'self'",
        # The service worker (/sw.js) and the web app manifest, both from the site itself.
        "worker-src": "'self'",
        "manifest-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    if nonce:
        # Only the API documentation asks for a nonce; Redoc runs its search index in a
        # worker it builds from a blob: URL.
        directives["worker-src"] = "'self' blob:"
    return "; ".join(f"{name} {value}" for name, value in directives.items())


class ContentSecurityPolicyMiddleware:
    """Give each request a lazily made nonce and each response the policy header."""

    header = "Content-Security-Policy"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        used: list[str] = []

        def make_nonce() -> str:
            used.append(secrets.token_hex(16))
            return used[0]

        request.csp_nonce = SimpleLazyObject(make_nonce)
        response = self.get_response(request)
        if self.header not in response:
            response[self.header] = content_security_policy(nonce=used[0] if used else None)
        return response


class DatabaseUnavailableMiddleware:
    """Answer 503 (a friendly page, or JSON under /api/) when the database cannot be reached.

    A lost or refused connection raises ``OperationalError``/``InterfaceError`` from the
    view; instead of the 500 page the visitor is asked to come back in a moment, with
    ``Retry-After``. The next request reconnects by itself (``CONN_HEALTH_CHECKS``), so the
    app recovers when the database returns. Failures outside a view (a middleware, the
    rendering of a lazy response) reach ``pavilion.views.server_error``, which does the same.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.warning("Database unavailable on %s: %s", request.path, exception)
        return database_unavailable_response(request)

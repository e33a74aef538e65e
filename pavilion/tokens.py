"""Personal API tokens: creating, revoking and authenticating with them.

One module for the whole feature (services, the DRF authentication class and its
OpenAPI description) because the three share the token format and nothing else uses it.

A token is ``pav_`` followed by 43 URL-safe random characters (256 bits). Only the
SHA-256 digest is stored (DRF's own tokens are stored in plain text, TRAPS.md); the raw
token is returned once, by :func:`api_token_create`. Requests send it as
``Authorization: Bearer <token>`` (``Token <token>`` is accepted too).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from pavilion.models import ApiToken

TOKEN_MARKER = "pav_"  # noqa: S105 (a public marker, not a secret)
PREFIX_LENGTH = 12  # the marker and 8 random characters, shown to tell tokens apart
KEYWORDS = ("bearer", "token")
# last_used_at is written at most this often, so a busy client does not cost a write per
# request.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)
MAX_TOKENS_PER_PERSON = 20


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _new_raw_token() -> str:
    return TOKEN_MARKER + secrets.token_urlsafe(32)


class TokenLimitReached(Exception):
    """The person already has MAX_TOKENS_PER_PERSON active tokens."""


@transaction.atomic
def api_token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """Create a token for ``user`` and return it with the raw token (shown once, never stored).

    Raises :class:`TokenLimitReached` when the person already has the maximum number of
    active tokens (revoking one makes room).
    """
    name = name.strip()
    if not name:
        raise ValueError("A token needs a name.")
    active = ApiToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True)
    if len(active) >= MAX_TOKENS_PER_PERSON:
        raise TokenLimitReached(
            _("You already have %(max)d active tokens: revoke one first.")
            % {"max": MAX_TOKENS_PER_PERSON}
        )
    raw = _new_raw_token()
    token = ApiToken.objects.create(
        user=user, name=name, prefix=raw[:PREFIX_LENGTH], digest=token_digest(raw)
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> ApiToken:
    """Revoke a token: from now on it authenticates nothing. Revoking twice changes nothing."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_touch(token: ApiToken, *, now: dt.datetime | None = None) -> None:
    """Record that the token was used, at most once per LAST_USED_RESOLUTION."""
    now = now or timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer <token>`` (or ``Token <token>``) with a hashed personal token.

    A request without the header is anonymous (public endpoints answer it; the others
    answer 401). A malformed header, an unknown or revoked token, or an inactive person
    is refused with 401 and ``WWW-Authenticate: Bearer``.
    """

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header:
            return None
        if header[0].decode("latin-1").lower() not in KEYWORDS:
            # Another scheme (e.g. Basic): not ours to judge, and no other is accepted.
            raise exceptions.AuthenticationFailed(
                _("Use “Authorization: Bearer <token>” with a personal API token.")
            )
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Invalid Authorization header: give the token after “Bearer ”.")
            )
        try:
            raw = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        return self.authenticate_token(raw)

    def authenticate_token(self, raw: str):
        token = (
            ApiToken.objects.select_related("user")
            .filter(digest=token_digest(raw), revoked_at__isnull=True)
            .first()
        )
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid or revoked token."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("This account is disabled."))
        api_token_touch(token)
        return token.user, token

    def authenticate_header(self, request) -> str:
        return f'{self.keyword} realm="api"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """Describes ApiTokenAuthentication in the OpenAPI schema as HTTP bearer."""

    target_class = "pavilion.tokens.ApiTokenAuthentication"
    name = "personalToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "A personal API token created at /portal/tokens/ (shown once), sent as "
                "`Authorization: Bearer <token>`."
            ),
        }

"""Every refusal of the API as JSON, in two shapes (DESIGN.md's refusal codes).

- 400, malformed input: ``{"<field>": ["message", …], …}`` naming each field
  (``non_field_errors`` when no single field is to blame, e.g. unparsable JSON).
- Anything else (401, 403, 404, 405, 406, 409, 415, 429): ``{"code": "…", "detail": "…"}``,
  with ``missing`` (field names) when an exhibit is incomplete or refers to something
  that does not exist.

:func:`api_exception_handler` is the one place that turns exceptions into these bodies:
DRF's own exceptions, Django's ``Http404``/``PermissionDenied``/``ValidationError`` (raised
by services) and the workflow's ``WorkflowError`` (which carries its status and code).
The serializers below only describe the two shapes in the OpenAPI schema.
"""

from __future__ import annotations

import math

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.extensions import OpenApiSerializerExtension
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler, set_rollback

from exhibits.workflow import WorkflowError

NON_FIELD = api_settings.NON_FIELD_ERRORS_KEY


def _messages(value) -> list[str]:
    """Flatten DRF's nested error details (lists, dicts by index) into plain strings."""
    if isinstance(value, dict):
        flat: list[str] = []
        for key, inner in value.items():
            flat.extend(f"{key}: {message}" for message in _messages(inner))
        return flat
    if isinstance(value, list | tuple):
        flat = []
        for inner in value:
            flat.extend(_messages(inner))
        return flat
    return [str(value)]


def field_errors(detail) -> dict[str, list[str]]:
    """A 400 body: each field with its list of messages."""
    if isinstance(detail, dict):
        return {str(field): _messages(value) for field, value in detail.items()}
    return {NON_FIELD: _messages(detail)}


def django_validation_errors(error: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {
            (NON_FIELD if field == "__all__" else field): [str(m) for m in messages]
            for field, messages in error.message_dict.items()
        }
    return {NON_FIELD: [str(message) for message in error.messages]}


def _code(exc: exceptions.APIException) -> str:
    codes = exc.get_codes()
    if isinstance(codes, str):
        return codes
    return exc.default_code


def api_exception_handler(exc, context):
    """DRF's EXCEPTION_HANDLER: the two JSON shapes described in the module docstring."""
    if isinstance(exc, WorkflowError):
        set_rollback()
        if exc.status == status.HTTP_400_BAD_REQUEST:
            fields = exc.missing or [NON_FIELD]
            return Response({field: [str(exc.message)] for field in fields}, status=400)
        return Response(exc.as_dict(), status=exc.status)
    if isinstance(exc, DjangoValidationError):
        set_rollback()
        return Response(django_validation_errors(exc), status=400)

    if isinstance(exc, Http404):
        exc = exceptions.NotFound(*exc.args)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    response = exception_handler(exc, context)
    if response is None:
        return None
    if response.status_code == status.HTTP_400_BAD_REQUEST:
        data = response.data
        if isinstance(data, dict) and set(data) == {"detail"}:
            data = {NON_FIELD: [str(data["detail"])]}
        response.data = field_errors(data)
        return response
    detail = response.data.get("detail") if isinstance(response.data, dict) else response.data
    response.data = {
        "code": _code(exc),
        "detail": str(detail),
    }
    if isinstance(exc, exceptions.Throttled):
        # Always tell the client when to come back, even under a second.
        response["Retry-After"] = str(max(1, math.ceil(exc.wait or 1)))
    return response


# --- The shapes, for the schema -------------------------------------------------------


class ErrorSerializer(serializers.Serializer):
    """A refusal other than malformed input."""

    code = serializers.CharField(
        help_text=(
            "Machine-readable reason. 401: not_authenticated, authentication_failed. "
            "403: forbidden, not_a_member, no_department. 404: not_found. 409: "
            "stale_version, wrong_state, window_closed, quota_reached, incomplete, "
            "unknown_reference, read_only, revision_required, no_edition. "
            "405: method_not_allowed. 415: unsupported_media_type. 429: throttled."
        )
    )
    detail = serializers.CharField(help_text="What went wrong, for people.")
    missing = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text="Fields an exhibit still lacks, or that name something that does not exist.",
    )


class ValidationErrorSerializer(serializers.Serializer):
    """Malformed input: each field with its messages. Described by ValidationErrorScheme."""


class ValidationErrorScheme(OpenApiSerializerExtension):
    target_class = ValidationErrorSerializer

    def map_serializer(self, auto_schema, direction):
        return {
            "type": "object",
            "description": (
                "Malformed input: each offending field (query parameter, header or body "
                f"field) with its messages; `{NON_FIELD}` when no single field is to blame."
            ),
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
            "minProperties": 1,
        }

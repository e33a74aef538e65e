"""Every refusal under /api/ as JSON, in two shapes (DESIGN.md's refusal codes).

- 400, malformed input: ``{"<field>": ["message", …], …}`` naming each field
  (``non_field_errors`` when no single field is to blame, e.g. unparsable JSON, a body
  nested too deeply, too many form fields).
- Anything else (401, 403, 404, 405, 406, 409, 413, 415, 429, 500, 503):
  ``{"code": "…", "detail": "…"}``, with ``missing`` (field names) when an exhibit is
  incomplete or refers to something that does not exist.

Two places make these bodies, one per layer:

- :func:`api_exception_handler` (DRF's ``EXCEPTION_HANDLER``) inside the API's views:
  DRF's own exceptions, Django's ``Http404``/``PermissionDenied``/``ValidationError``
  (raised by services), the workflow's ``WorkflowError`` (which carries its status and
  code), and what Django raises while reading a body: ``RequestDataTooBig`` (more than
  ``DATA_UPLOAD_MAX_MEMORY_SIZE``: 413 ``too_large``) and ``TooManyFieldsSent`` (400).
  A JSON body nested too deeply is refused by the API's parser (exhibits.api.parsers).
- :class:`JsonErrorsMiddleware` for everything else under /api/ that answered an error
  in another format: Django's HTML 404 for a path no view serves (outside /api/v1/), a
  400 or 500 page from Django's handlers, the schema view's YAML errors, the
  documentation views' plain 405. It keeps the status and headers and gives the body
  the shape above — in DEBUG too, where Django would answer with its debug pages.

The serializers below only describe the two shapes in the OpenAPI schema.
"""

from __future__ import annotations

import math
from http import HTTPStatus

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext
from drf_spectacular.extensions import OpenApiSerializerExtension
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler, set_rollback

from exhibits.workflow import WorkflowError

NON_FIELD = api_settings.NON_FIELD_ERRORS_KEY
API_PREFIX = "/api/"


class TooLarge(exceptions.APIException):
    """A body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (files in a multipart body not counted)."""

    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"

    def __init__(self):
        megabytes = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
        super().__init__(
            gettext("The request body is larger than the %(size)s MB this API accepts.")
            % {"size": megabytes}
        )


class TooManyFields(exceptions.ParseError):
    """A multipart body with more than ``DATA_UPLOAD_MAX_NUMBER_FIELDS`` fields."""

    def __init__(self):
        super().__init__(
            gettext("Too many form fields: at most %(limit)s are accepted.")
            % {"limit": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS}
        )


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
    elif isinstance(exc, RequestDataTooBig):
        exc = TooLarge()
    elif isinstance(exc, TooManyFieldsSent):
        exc = TooManyFields()
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


# --- Errors met outside the API's views ----------------------------------------------


def _error_for_status(request: HttpRequest, status_code: int) -> tuple[str, str]:
    """The code and detail describing ``status_code`` for ``request``, in DRF's words."""
    exc: exceptions.APIException
    if status_code == status.HTTP_404_NOT_FOUND:
        exc = exceptions.NotFound(gettext("No API endpoint at this address."))
    elif status_code == status.HTTP_405_METHOD_NOT_ALLOWED:
        exc = exceptions.MethodNotAllowed(request.method)
    elif status_code == status.HTTP_413_REQUEST_ENTITY_TOO_LARGE:
        exc = TooLarge()
    elif status_code == status.HTTP_415_UNSUPPORTED_MEDIA_TYPE:
        exc = exceptions.UnsupportedMediaType(request.content_type)
    elif status_code in _DRF_EXCEPTION_BY_STATUS:
        exc = _DRF_EXCEPTION_BY_STATUS[status_code]()
    elif status_code == status.HTTP_500_INTERNAL_SERVER_ERROR:
        return "server_error", gettext("Something went wrong on our side; it has been logged.")
    else:
        try:
            phrase = HTTPStatus(status_code).phrase
        except ValueError:
            phrase = "Error"
        return phrase.lower().replace(" ", "_").replace("-", "_"), phrase
    return _code(exc), str(exc.detail)


_DRF_EXCEPTION_BY_STATUS = {
    status.HTTP_400_BAD_REQUEST: lambda: exceptions.ParseError(
        gettext("The request could not be read.")
    ),
    status.HTTP_401_UNAUTHORIZED: exceptions.NotAuthenticated,
    status.HTTP_403_FORBIDDEN: exceptions.PermissionDenied,
    status.HTTP_406_NOT_ACCEPTABLE: exceptions.NotAcceptable,
    status.HTTP_429_TOO_MANY_REQUESTS: exceptions.Throttled,
}


def api_error_response(request: HttpRequest, status_code: int) -> JsonResponse:
    """The API's JSON body for ``status_code`` (the two shapes of the module docstring)."""
    code, detail = _error_for_status(request, status_code)
    if status_code == status.HTTP_400_BAD_REQUEST:
        return JsonResponse({NON_FIELD: [detail]}, status=status_code)
    return JsonResponse({"code": code, "detail": detail}, status=status_code)


class JsonErrorsMiddleware:
    """Under /api/, an error answered in any other format becomes the API's JSON error.

    The API's own views already answer JSON (``api_exception_handler``); this catches the
    rest (see the module docstring). Status and headers (``Allow``, ``Retry-After``,
    ``WWW-Authenticate``, ``Vary``…) are kept; only the body and its type change.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code < 400
            or not request.path.startswith(API_PREFIX)
            or "json" in response.get("Content-Type", "")
        ):
            return response
        replacement = api_error_response(request, response.status_code)
        for header, value in response.items():
            if header.lower() not in {"content-type", "content-length"}:
                replacement[header] = value
        replacement.cookies = response.cookies
        return replacement


# --- The shapes, for the schema -------------------------------------------------------


class ErrorSerializer(serializers.Serializer):
    """A refusal other than malformed input."""

    code = serializers.CharField(
        help_text=(
            "Machine-readable reason. 401: not_authenticated, authentication_failed. "
            "403: forbidden, not_a_member, no_department. 404: not_found. 409: "
            "stale_version, wrong_state, window_closed, quota_reached, incomplete, "
            "unknown_reference, read_only, revision_required, no_edition. "
            "405: method_not_allowed. 406: not_acceptable. 413: too_large. "
            "415: unsupported_media_type. 429: throttled. 500: server_error. "
            "503: unavailable."
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

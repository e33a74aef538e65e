"""OpenAPI pieces shared by the API views: path parameters, response sets and examples.

Every operation lists every status it can answer, with its body: 200/201/204, 304 (GET
with ``If-None-Match``), 400 (ValidationError: fields and messages), 401, 403, 404, 409
(Error: code, detail, missing), 413 for a body over the size limit, 415 for a wrong content
type and 429 (with Retry-After).
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse

from exhibits.api.errors import ErrorSerializer, ValidationErrorSerializer
from exhibits.api.params import MAX_ID, SLUG_PATTERN

SLUG_PATH = OpenApiParameter(
    "slug",
    {"type": "string", "maxLength": 80, "pattern": SLUG_PATTERN},
    OpenApiParameter.PATH,
    description="The exhibit's slug (as on its public page and QR code).",
)
ID_PATH = OpenApiParameter(
    "id",
    {"type": "integer", "minimum": 1, "maximum": MAX_ID},
    OpenApiParameter.PATH,
    description="The exhibit's id (slugs of drafts change with their title).",
)
IMAGE_ID_PATH = OpenApiParameter(
    "image_id",
    {"type": "integer", "minimum": 1, "maximum": MAX_ID},
    OpenApiParameter.PATH,
    description="The image's id.",
)


ETAG_HEADER = OpenApiParameter(
    "ETag",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=[200],
    description="Changes whenever the body would; send it back as If-None-Match.",
)
RETRY_AFTER_HEADER = OpenApiParameter(
    "Retry-After",
    {"type": "integer", "minimum": 1},
    OpenApiParameter.HEADER,
    response=[429],
    description="Seconds to wait before the next request.",
)


def response_headers(*, etag: bool = True) -> list[OpenApiParameter]:
    """Response headers: ETag on a GET's 200, Retry-After on every 429."""
    return [ETAG_HEADER, RETRY_AFTER_HEADER] if etag else [RETRY_AFTER_HEADER]


def _error(description: str, examples=None) -> OpenApiResponse:
    return OpenApiResponse(ErrorSerializer, description=description, examples=examples or [])


BAD_REQUEST = OpenApiResponse(
    ValidationErrorSerializer,
    description="Malformed input: each offending field with its messages.",
    examples=[
        OpenApiExample(
            "page_size too large",
            value={"page_size": ["Enter a number of at most 100."]},
            status_codes=["400"],
            response_only=True,
        )
    ],
)
NOT_MODIFIED = OpenApiResponse(
    None, description="Not modified: the If-None-Match ETag is still current."
)
UNAUTHENTICATED = _error(
    "No token, or an invalid or revoked one (with WWW-Authenticate: Bearer).",
    [
        OpenApiExample(
            "no token",
            value={
                "code": "not_authenticated",
                "detail": "Authentication credentials were not provided.",
            },
            status_codes=["401"],
            response_only=True,
        )
    ],
)
THROTTLED = _error("Too many requests: wait Retry-After seconds.")
NOT_FOUND = _error("Not found.")
FORBIDDEN = _error("Your role does not allow this.")
CONFLICT = _error(
    "Refused in the exhibit's current state: stale version, wrong state, closed window, "
    "reached quota, incomplete exhibit (see `missing`), unknown reference, or a published "
    "exhibit that needs a revision.",
    [
        OpenApiExample(
            "incomplete",
            value={
                "code": "incomplete",
                "detail": (
                    "The exhibit is not complete: Summary in Traditional Chinese, "
                    "At least one image."
                ),
                "missing": ["summary_zh_hant", "images"],
            },
            status_codes=["409"],
            response_only=True,
        ),
        OpenApiExample(
            "stale version",
            value={
                "code": "stale_version",
                "detail": "Someone else saved this exhibit while you were editing it.",
            },
            status_codes=["409"],
            response_only=True,
        ),
    ],
)
UNSUPPORTED = _error("Unsupported content type.")
TOO_LARGE = _error("The body is larger than the API accepts (12 MB, files not counted).")


def public_responses(serializer, *, paginated: bool = False, not_found: bool | str = False) -> dict:
    """Responses of a public read; ``not_found`` may name what a 404 means."""
    responses = {
        200: serializer,
        304: NOT_MODIFIED,
        400: BAD_REQUEST,
        401: UNAUTHENTICATED,
        429: THROTTLED,
    }
    if paginated or not_found:
        if isinstance(not_found, str):
            described = not_found
        else:
            described = "A page after the last one." if paginated else "No such published exhibit."
        responses[404] = _error(described)
    return responses


def private_responses(success: dict, *, reads: bool = False, writes: bool = False) -> dict:
    """Responses of a department or review operation; ``success`` maps status → body."""
    responses = {
        **success,
        400: BAD_REQUEST,
        401: UNAUTHENTICATED,
        403: FORBIDDEN,
        404: NOT_FOUND,
        429: THROTTLED,
    }
    if reads:
        responses[304] = NOT_MODIFIED
    if writes:
        responses[409] = CONFLICT
        responses[413] = TOO_LARGE
        responses[415] = UNSUPPORTED
    return responses


EXHIBIT_PAGE_EXAMPLE = OpenApiExample(
    "a page of exhibits (lang=en)",
    response_only=True,
    status_codes=["200"],
    value={
        "count": 1,
        "next": None,
        "previous": None,
        "results": [
            {
                "slug": "iam-smart",
                "edition": "innoex-2025",
                "url": "http://localhost:8000/exhibits/iam-smart/",
                "api_url": "http://localhost:8000/api/v1/exhibits/iam-smart/",
                "title": "iAM Smart",
                "summary": (
                    "The one-stop personalised digital services platform that provides "
                    "citizens with access to over 1,100 government, public and private "
                    "online services and government e-Forms."
                ),
                "description": "",
                "demo_notes": "",
                "converted": [],
                "featured": False,
                "zone": {
                    "slug": "smart-living",
                    "name": "Smart Living",
                    "description": "",
                    "colour": "#0b5394",
                    "order": 0,
                    "converted": [],
                },
                "booth": None,
                "lead_department": {
                    "slug": "dpo",
                    "name": "Digital Policy Office",
                    "abbreviation": "DPO",
                    "kind": "government",
                    "website": "https://www.digitalpolicy.gov.hk/",
                    "url": "http://localhost:8000/departments/dpo/",
                    "converted": [],
                },
                "partner_departments": [],
                "technologies": [],
                "awards": [],
                "images": [],
                "published_at": "2025-04-13T10:00:00+08:00",
            }
        ],
    },
)

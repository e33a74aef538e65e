"""Query parameters and request headers: one declaration gives both the schema and the check.

Each :class:`Param` holds the JSON Schema of one parameter; :func:`validate_params`
checks a request against exactly those keywords (type, enum, pattern, maxLength,
minimum, maximum, maxItems), so what the OpenAPI schema promises and what the API
accepts cannot drift apart (a schema-valid request is never a 400, a schema-invalid one
always is). Values the check accepts are then handed to ``ExhibitFilter`` unchanged.

Language: ``?lang=`` wins over ``Accept-Language``. LocaleMiddleware forces English on
unprefixed paths such as /api/ (TRAPS.md), so the API reads both itself.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation.trans_real import parse_accept_lang_header
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError

from exhibits.content import LANGUAGE_CODES
from exhibits.filters import MAX_QUERY_LENGTH, MAX_SLUGS, ORDERING_CHOICES
from exhibits.models import ExhibitStatus
from pavilion.i18n import ENGLISH, SIMPLIFIED, TRADITIONAL

ALL_LANGUAGES = "all"
CONTENT_LANGUAGES = LANGUAGE_CODES
LANG_CHOICES = (*CONTENT_LANGUAGES, ALL_LANGUAGES)
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 24
MAX_PAGE = 100_000
MAX_ID = 2**63 - 1

# No NUL: PostgreSQL cannot store or compare it, and DRF refuses it in text.
NO_NUL = "^[^\\u0000]*$"
SLUG_PATTERN = "^[-a-zA-Z0-9_]+$"
SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]+\Z")
_DIGITS = re.compile(r"^[0-9]+\Z")


@dataclasses.dataclass(frozen=True)
class Param:
    """One query parameter or header: its JSON Schema, and whether it repeats."""

    name: str
    schema: dict[str, Any]
    description: str
    location: str = OpenApiParameter.QUERY
    many: bool = False
    required: bool = False
    # Said when a value does not match the schema's pattern (lazy: translated when used).
    pattern_message: Any = None

    def openapi(self) -> OpenApiParameter:
        return OpenApiParameter(
            name=self.name,
            type=self.schema,
            location=self.location,
            required=self.required,
            description=self.description,
            style="form" if self.many else None,
            explode=True if self.many else None,
        )

    def raw(self, request) -> list[str] | None:
        """The values sent (a list), or None when the parameter is absent."""
        if self.location == OpenApiParameter.HEADER:
            value = request.headers.get(self.name)
            return None if value is None else [value]
        if self.name not in request.query_params:
            return None
        return request.query_params.getlist(self.name)


def _check_scalar(schema: dict, text: str, pattern_message=None) -> tuple[Any, str | None]:
    """Convert one sent value as the schema says and check it; (value, problem)."""
    kind = schema.get("type", "string")
    if kind == "integer":
        if not _DIGITS.match(text):
            return None, _("Enter a whole number.")
        value: Any = int(text)
        if "minimum" in schema and value < schema["minimum"]:
            return None, _("Enter a number of at least %(min)d.") % {"min": schema["minimum"]}
        if "maximum" in schema and value > schema["maximum"]:
            return None, _("Enter a number of at most %(max)d.") % {"max": schema["maximum"]}
        return value, None
    if kind == "boolean":
        if text not in ("true", "false"):
            return None, _("Use true or false.")
        return text == "true", None
    if "enum" in schema and text not in schema["enum"]:
        return None, _("“%(value)s” is not one of: %(choices)s.") % {
            "value": text,
            "choices": ", ".join(schema["enum"]),
        }
    if "maxLength" in schema and len(text) > schema["maxLength"]:
        return None, _("Use at most %(max)d characters.") % {"max": schema["maxLength"]}
    if "minLength" in schema and len(text) < schema["minLength"]:
        return None, _("Use at least %(min)d characters.") % {"min": schema["minLength"]}
    if "pattern" in schema and not re.search(schema["pattern"], text):
        return None, str(pattern_message or _("This value is not allowed here."))
    return text, None


def validate_params(request, params: list[Param]) -> dict[str, Any]:
    """The request's values for ``params``, checked against their schemas; 400 naming each."""
    values: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for param in params:
        sent = param.raw(request)
        if sent is None:
            if param.required:
                errors[param.name] = [_("This parameter is required.")]
            continue
        if param.many:
            items = param.schema["items"]
            if len(sent) > param.schema.get("maxItems", len(sent)):
                errors[param.name] = [
                    _("Give at most %(max)d values.") % {"max": param.schema["maxItems"]}
                ]
                continue
            checked = [_check_scalar(items, text, param.pattern_message) for text in sent]
            problems = [problem for _value, problem in checked if problem]
            if problems:
                errors[param.name] = sorted(set(problems))
            else:
                values[param.name] = [value for value, _problem in checked]
            continue
        if len(sent) > 1:
            errors[param.name] = [_("Give this parameter once.")]
            continue
        value, problem = _check_scalar(param.schema, sent[-1], param.pattern_message)
        if problem:
            errors[param.name] = [problem]
        else:
            values[param.name] = value
    if errors:
        raise ValidationError(errors)
    return values


def requested_language(request, values: dict[str, Any]) -> str:
    """en, zh-hant, zh-hans or all: ``?lang=`` (already checked), else Accept-Language."""
    if "lang" in values:
        return values["lang"]
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        code = code.lower()
        if code == "*" or code.startswith("en"):
            return ENGLISH
        if code.startswith("zh-hans") or code in {"zh-cn", "zh-sg", "zh-my"}:
            return SIMPLIFIED
        if code.startswith("zh"):
            return TRADITIONAL
    return ENGLISH


def text(max_length: int, *, required_text: bool = False, **extra) -> dict[str, Any]:
    """A free-text schema: at most ``max_length`` characters, no NUL."""
    pattern = "^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$" if required_text else NO_NUL
    return {"type": "string", "maxLength": max_length, "pattern": pattern, **extra}


def slug_text(max_length: int = 80) -> dict[str, Any]:
    """A slug filter value: a plain string (no enum: an unknown slug matches nothing)."""
    return {"type": "string", "maxLength": max_length, "pattern": NO_NUL}


# --- The parameters ----------------------------------------------------------------------

LANG = Param(
    "lang",
    {"type": "string", "enum": list(LANG_CHOICES)},
    "Content language: en, zh-hant (Traditional Chinese), zh-hans (Simplified Chinese, "
    "converted from Traditional where nobody wrote it) or all (every text as an object "
    '`{"en": …, "zh-hant": …, "zh-hans": …}`). Wins over Accept-Language; default en.',
)
ACCEPT_LANGUAGE = Param(
    "Accept-Language",
    {"type": "string"},
    "Used when `lang` is absent: the first of en, zh-Hant (zh-HK, zh-TW), zh-Hans (zh-CN) "
    "it names; anything else means English.",
    location=OpenApiParameter.HEADER,
)
EDITION = Param(
    "edition",
    slug_text(60),
    "Slug of an edition, e.g. innoex-2025. Default: the current edition. An unknown "
    "edition gives an empty result.",
)
PAGE = Param(
    "page",
    {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
    "Page number, from 1. A page after the last one is a 404.",
)
PAGE_SIZE = Param(
    "page_size",
    {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
    f"Results per page, 1 to {MAX_PAGE_SIZE} (default {DEFAULT_PAGE_SIZE}); more is a 400.",
)
ZONE = Param(
    "zone",
    {
        "type": "array",
        "maxItems": MAX_SLUGS,
        "items": {
            "type": "string",
            "maxLength": 80,
            "pattern": "^[^,\\u0000]*$",
        },
    },
    f"Zone slugs, e.g. smart-living; repeat for several (zone=a&zone=b, at most {MAX_SLUGS}). "
    "An exhibit in any of them matches. An unknown slug matches nothing.",
    many=True,
    pattern_message=gettext_lazy("Repeat the parameter for several zones (zone=a&zone=b)."),
)
DEPARTMENT = Param(
    "department",
    slug_text(),
    "Department slug: exhibits it leads or partners in. An unknown slug matches nothing.",
)
TECHNOLOGY = Param(
    "technology",
    slug_text(),
    "Technology slug, e.g. ai or robotics. An unknown slug matches nothing.",
)
AWARD = Param(
    "award",
    slug_text(),
    "Award programme slug: exhibits it recognised. An unknown slug matches nothing.",
)
AWARDED = Param(
    "awarded",
    {"type": "boolean"},
    "true: only exhibits with an award; false: only those without.",
)
Q = Param(
    "q",
    text(MAX_QUERY_LENGTH),
    "Text to find in titles, summaries and department names, in every language "
    "(a Simplified Chinese query also matches Traditional text).",
)
ORDERING = Param(
    "ordering",
    {"type": "string", "enum": [value for value, _label in ORDERING_CHOICES]},
    "zone (default: zone order, then title), title, -title or newest (first published).",
)
X_DEPARTMENT = Param(
    "X-Department",
    {"type": "string", "maxLength": 60, "pattern": SLUG_PATTERN},
    "Slug of the department to act for, needed only by people in several departments "
    "(or `?department=`). Not a member of it: 403.",
    location=OpenApiParameter.HEADER,
)
ACTING_DEPARTMENT = Param(
    "department",
    {"type": "string", "maxLength": 60, "pattern": SLUG_PATTERN},
    "The department to act for, as the X-Department header (the header wins).",
)
STATUS = Param(
    "status",
    {"type": "string", "enum": list(ExhibitStatus.values)},
    "Only exhibits in this status.",
)
REVIEW_STATUS = Param(
    "status",
    {"type": "string", "enum": [s for s in ExhibitStatus.values if s != ExhibitStatus.DRAFT]},
    "Only exhibits in this status (drafts are never listed for review).",
)
REVIEW_DEPARTMENT = Param(
    "department",
    slug_text(),
    "Lead department slug. An unknown slug matches nothing.",
)

EXHIBIT_FILTERS = [ZONE, DEPARTMENT, TECHNOLOGY, AWARD, AWARDED, Q, ORDERING]
PUBLIC_LIST = [LANG, EDITION, *EXHIBIT_FILTERS, PAGE, PAGE_SIZE]
PUBLIC_DETAIL = [LANG, EDITION]
PUBLIC_REFERENCE = [LANG, EDITION]
ACTING = [X_DEPARTMENT, ACTING_DEPARTMENT]
DEPARTMENT_LIST = [*ACTING, EDITION, STATUS, PAGE, PAGE_SIZE]
REVIEW_LIST = [EDITION, REVIEW_STATUS, REVIEW_DEPARTMENT, PAGE, PAGE_SIZE]


def openapi(params: list[Param]) -> list[OpenApiParameter]:
    return [param.openapi() for param in params]

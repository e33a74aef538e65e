"""The API's JSON parser: DRF's, refusing deeply nested bodies with a 400, never a 500.

Python's ``json`` module recurses once per nested array or object, so a body such as
100,000 times ``[`` raises ``RecursionError`` — not the ``ValueError`` DRF turns into a parse
error — and the request ended in a 500. No body of this API nests more than three levels
(an exhibit's links: an object holding an array of objects), so :class:`JSONParser`
refuses, as malformed input, a body that overflows the parser or that nests deeper than
:data:`MAX_DEPTH` (so nothing downstream — validation, error messages — ever walks a
structure hundreds of levels deep). The client gets the API's 400
(``{"non_field_errors": ["JSON parse error - …"]}``, exhibits.api.errors).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

#: Far deeper than any body the API accepts.
MAX_DEPTH = 32


class NestedTooDeeply(ParseError):
    default_detail = _("JSON parse error - the body is nested too deeply.")


def nests_deeper_than(value, limit: int) -> bool:
    """Whether lists and dicts in ``value`` nest deeper than ``limit`` (without recursion)."""
    pending = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        pending.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser; a body nested deeper than :data:`MAX_DEPTH` is a ParseError."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise NestedTooDeeply from None
        if nests_deeper_than(data, MAX_DEPTH):
            raise NestedTooDeeply
        return data

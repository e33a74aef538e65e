"""QR codes of exhibits' public addresses, drawn server-side as inline SVG (segno)."""

from __future__ import annotations

from functools import lru_cache

import segno
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe


def exhibit_public_url(exhibit, *, language: str = "en") -> str:
    """The exhibit's absolute public address in ``language``.

    By default the language-neutral address (English, unprefixed): booth signs are printed
    with it, and open data lists it. A page shows the address of the page in its own
    language (``language=active_language()``), so a visitor reading Chinese who scans the
    code, subscribes to the calendar or shares the link lands on the Chinese page.
    """
    with translation.override(language):
        path = (
            reverse("exhibit_detail", kwargs={"slug": exhibit.slug})
            if exhibit.edition.is_current
            else reverse(
                "edition_exhibit_detail",
                kwargs={"edition": exhibit.edition.slug, "slug": exhibit.slug},
            )
        )
    return f"{settings.PAVILION_SITE_URL}{path}"


@lru_cache(maxsize=512)
def qr_svg(url: str, title: str) -> SafeString:
    """Inline SVG markup of a QR code for ``url``, named by ``title`` for screen readers."""
    code = segno.make(url, error="m")
    markup = code.svg_inline(
        scale=4, border=4, dark="#000", light="#fff", title=title, svgclass="qr", omitsize=True
    )
    # segno escapes the title; role="img" makes the <title> the image's accessible name.
    return mark_safe(markup.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308

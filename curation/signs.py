"""Booth signs: one printable A4 page per exhibit, with a large QR code of its public page.

The QR code carries ``exhibits.qr.exhibit_public_url`` (the address the exhibit's own page
shows, language-neutral), drawn as SVG by segno at error-correction level Q: a printed sign
gets scuffed and photographed at an angle, and Q still reads with a quarter of it damaged.
The SVG has no size of its own; the print CSS (``pavilion/signs.css``) makes it 110 mm wide.
"""

from __future__ import annotations

from dataclasses import dataclass

import segno
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from exhibits.models import Exhibit
from exhibits.qr import exhibit_public_url
from pavilion.i18n import ENGLISH, TRADITIONAL, localized

QR_ERROR = "q"


def sign_qr(url: str) -> segno.QRCode:
    """The QR code printed on a sign (tests render it to PNG to decode it)."""
    return segno.make(url, error=QR_ERROR, micro=False)


def sign_qr_svg(url: str, *, label: str) -> SafeString:
    """Inline SVG of the sign's QR code, named ``label`` for screen readers."""
    markup = sign_qr(url).svg_inline(
        scale=10, border=4, dark="#000", light="#fff", omitsize=True, svgclass="sign-qr"
    )
    # segno writes no accessible name of its own when given none: add role and label.
    return mark_safe(  # noqa: S308 - segno's markup plus our escaped label
        markup.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
    )


@dataclass(frozen=True)
class Sign:
    """What one sign shows, in English and Traditional Chinese (Hong Kong's written form)."""

    exhibit: Exhibit
    title_en: str
    title_zh: str
    department_en: str
    department_zh: str
    zone_en: str
    zone_zh: str
    zone_colour: str
    booth: str
    url: str
    qr: SafeString

    @property
    def is_published(self) -> bool:
        return self.exhibit.is_published

    @property
    def long_title(self) -> bool:
        return max(len(self.title_en), 2 * len(self.title_zh)) > 60


def sign_for(exhibit: Exhibit) -> Sign:
    """The sign of an exhibit loaded with its edition, zone, booth and lead department."""
    url = exhibit_public_url(exhibit)
    title_en = localized(exhibit, "title", ENGLISH)
    zone = exhibit.zone
    return Sign(
        exhibit=exhibit,
        title_en=title_en,
        title_zh=localized(exhibit, "title", TRADITIONAL) if exhibit.title_zh_hant else "",
        department_en=localized(exhibit.lead_department, "name", ENGLISH),
        department_zh=exhibit.lead_department.name_zh_hant or "",
        zone_en=localized(zone, "name", ENGLISH) if zone else "",
        zone_zh=(zone.name_zh_hant or "") if zone else "",
        zone_colour=zone.colour if zone else "#0b5394",
        booth=exhibit.booth.code if exhibit.booth else "",
        url=url,
        qr=sign_qr_svg(url, label=f"QR code: {url}"),
    )

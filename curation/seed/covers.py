"""Cover images for the seeded exhibits: a zone-coloured card with the title in two scripts.

They are illustrations, not photographs (the alt text says so). Chinese is drawn with the
font subset shipped in ``fonts/`` because no CJK font can be assumed on a fresh machine;
a text needing a glyph the subset lacks fails loudly before anything is drawn or saved,
instead of coming out as empty boxes.
"""

from __future__ import annotations

import functools
import io
import re
import struct
from collections.abc import Iterable
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from curation.seed.data import CoverText

FONT_PATH = Path(__file__).resolve().parent / "fonts" / "NotoSansCJKtc-Bold-subset.otf"
# 1280 wide: the largest rendition the image pipeline makes, so none is upscaled or wasted.
COVER_SIZE = (1280, 720)
WHITE = (255, 255, 255)


class CoverFontError(Exception):
    """A cover text needs a character the shipped font subset cannot draw."""


# --- Which characters the font can draw ------------------------------------------------


def _cmap_subtable(data: bytes) -> tuple[int, int]:
    """Offset and format of the font's best Unicode cmap subtable (format 12, else 4)."""
    (num_tables,) = struct.unpack_from(">H", data, 4)
    cmap_offset = None
    for index in range(num_tables):
        tag, _checksum, offset, _length = struct.unpack_from(">4sLLL", data, 12 + 16 * index)
        if tag == b"cmap":
            cmap_offset = offset
    if cmap_offset is None:
        raise CoverFontError("The cover font has no character map (cmap table).")
    (_version, count) = struct.unpack_from(">HH", data, cmap_offset)
    found: dict[int, int] = {}
    for index in range(count):
        platform, encoding, offset = struct.unpack_from(">HHL", data, cmap_offset + 4 + 8 * index)
        if (platform, encoding) in {(3, 10), (0, 4), (3, 1), (0, 3)}:
            start = cmap_offset + offset
            (fmt,) = struct.unpack_from(">H", data, start)
            found.setdefault(fmt, start)
    for fmt in (12, 4):
        if fmt in found:
            return found[fmt], fmt
    raise CoverFontError("The cover font has no Unicode character map (cmap format 4 or 12).")


def _format4(data: bytes, start: int) -> set[int]:
    (seg_x2,) = struct.unpack_from(">H", data, start + 6)
    seg = seg_x2 // 2
    ends = struct.unpack_from(f">{seg}H", data, start + 14)
    starts = struct.unpack_from(f">{seg}H", data, start + 16 + seg_x2)
    deltas = struct.unpack_from(f">{seg}h", data, start + 16 + 2 * seg_x2)
    range_offsets_at = start + 16 + 3 * seg_x2
    range_offsets = struct.unpack_from(f">{seg}H", data, range_offsets_at)
    codes = set()
    for i in range(seg):
        for code in range(starts[i], ends[i] + 1):
            if code == 0xFFFF:
                continue
            if range_offsets[i] == 0:
                glyph = (code + deltas[i]) & 0xFFFF
            else:
                at = range_offsets_at + 2 * i + range_offsets[i] + 2 * (code - starts[i])
                (glyph,) = struct.unpack_from(">H", data, at)
                glyph = (glyph + deltas[i]) & 0xFFFF if glyph else 0
            if glyph:
                codes.add(code)
    return codes


def _format12(data: bytes, start: int) -> set[int]:
    (groups,) = struct.unpack_from(">L", data, start + 12)
    codes = set()
    for i in range(groups):
        first, last, glyph = struct.unpack_from(">LLL", data, start + 16 + 12 * i)
        codes.update(code for code in range(first, last + 1) if glyph + code - first)
    return codes


@functools.cache
def font_characters(path: Path = FONT_PATH) -> frozenset[str]:
    """Every character the font maps to a real glyph (read from its own cmap table)."""
    data = path.read_bytes()
    start, fmt = _cmap_subtable(data)
    codes = _format12(data, start) if fmt == 12 else _format4(data, start)
    return frozenset(chr(code) for code in codes)


def ensure_glyphs(texts: Iterable[str], *, path: Path = FONT_PATH) -> None:
    """Raise CoverFontError naming every character of ``texts`` the font cannot draw."""
    available = font_characters(path)
    missing: dict[str, str] = {}
    for text in texts:
        for character in text:
            if character not in available:
                missing.setdefault(character, text)
    if missing:
        details = "; ".join(
            f"{character!r} (U+{ord(character):04X}) in {text!r}"
            for character, text in missing.items()
        )
        raise CoverFontError(
            f"The cover font {path.name} cannot draw {details}. Regenerate the subset with "
            "curation/seed/fonts/make_subset.py (see curation/seed/fonts/README.md)."
        )


# --- Drawing -----------------------------------------------------------------------------


@functools.cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    # The basic layout engine needs no libraqm; Latin and Chinese need no shaping.
    return ImageFont.truetype(str(FONT_PATH), size, layout_engine=ImageFont.Layout.BASIC)


_TOKENS = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-]*|\s+|.")


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Greedy line breaking: Latin words stay whole, Chinese may break between characters."""
    lines: list[str] = []
    line = ""
    for token in _TOKENS.findall(text):
        candidate = line + token
        if line and font.getlength(candidate.rstrip()) > width:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line = candidate
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _balanced(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Wrap into as few lines as ``width`` allows, then even them out (no lone last word
    or character): the narrowest width that still gives that many lines."""
    lines = _wrap(text, font, width)
    low, high = width // max(len(lines), 1), width
    while high - low > 4:
        middle = (low + high) // 2
        if len(_wrap(text, font, middle)) <= len(lines):
            high = middle
        else:
            low = middle
    return _wrap(text, font, high)


def _fit(text: str, *, width: int, size: int, max_lines: int, min_size: int):
    """The largest font size (from ``size`` down) at which ``text`` fits in ``max_lines``."""
    while True:
        font = _font(size)
        lines = _wrap(text, font, width)
        if len(lines) <= max_lines or size <= min_size:
            return font, _balanced(text, font, width)
        size -= 2


def _hex_to_rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def render_cover(cover: CoverText, colour: str) -> bytes:
    """Draw one cover (PNG bytes): zone line, English and Chinese titles, pavilion footer."""
    ensure_glyphs(cover.strings())
    width, height = COVER_SIZE

    def px(value: float) -> int:
        # The layout is designed on a 1600-pixel-wide card and scaled to COVER_SIZE.
        return round(value * width / 1600)

    image = Image.new("RGB", COVER_SIZE, _hex_to_rgb(colour))

    # Thin rings in the lower right: a quiet pattern that keeps white text readable.
    rings = Image.new("RGBA", COVER_SIZE, (0, 0, 0, 0))
    ring_draw = ImageDraw.Draw(rings)
    centre_x, centre_y = width - px(120), height - px(40)
    for radius in range(px(160), px(700), px(90)):
        box = (centre_x - radius, centre_y - radius, centre_x + radius, centre_y + radius)
        ring_draw.ellipse(box, outline=(255, 255, 255, 34), width=px(5))
    image.paste(rings, (0, 0), rings)

    draw = ImageDraw.Draw(image)
    margin = px(96)
    text_width = width - 2 * margin

    draw.rectangle((margin, margin, margin + px(120), margin + px(10)), fill=WHITE)
    draw.text((margin, margin + px(36)), cover.zone_line, font=_font(px(40)), fill=WHITE)

    en_font, en_lines = _fit(
        cover.title_en, width=text_width, size=px(84), max_lines=3, min_size=px(52)
    )
    zh_font, zh_lines = _fit(
        cover.title_zh, width=text_width, size=px(76), max_lines=2, min_size=px(48)
    )
    en_step = round(en_font.size * 1.2)
    zh_step = round(zh_font.size * 1.3)
    gap = px(36)
    block = en_step * len(en_lines) + gap + zh_step * len(zh_lines)
    top_limit, bottom_limit = margin + px(120), height - margin - px(70)
    y = max(top_limit, top_limit + (bottom_limit - top_limit - block) // 2)
    for line in en_lines:
        draw.text((margin, y), line, font=en_font, fill=WHITE)
        y += en_step
    y += gap
    for line in zh_lines:
        draw.text((margin, y), line, font=zh_font, fill=WHITE)
        y += zh_step

    draw.text((margin, height - margin - px(32)), cover.footer, font=_font(px(32)), fill=WHITE)

    buffer = io.BytesIO()
    # PNG keeps the lettering crisp; the fastest level is enough for flat colour, and the
    # pipeline re-encodes it anyway.
    image.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()

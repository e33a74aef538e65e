"""Template helpers for the public site: content languages, images and absolute links."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import SafeString

from pavilion import i18n
from pavilion.i18n import LocalizedText, html_lang, is_converted, localized

register = template.Library()


@register.filter
def tr(obj, field: str) -> LocalizedText | str:
    """``{{ exhibit|tr:"title" }}``: the field's text for the active language."""
    if obj is None:
        return ""
    return localized(obj, field)


@register.filter
def join_list(items) -> str:
    """``{{ languages|join_list }}``: "English, Traditional Chinese" / "英文、繁體中文"."""
    return i18n.join_list(items or ())


@register.simple_tag
def list_separator() -> str:
    """``{% list_separator %}`` between items a loop prints: ", " or "、"."""
    return i18n.list_separator()


@register.simple_tag
def colon() -> str:
    """``{% colon %}`` between a label and its text (pavilion.i18n.colon)."""
    return i18n.colon()


@register.filter
def langattr(text) -> SafeString:
    """`` lang="en"`` when a text's language differs from the page's, else nothing."""
    lang = getattr(text, "lang", None)
    if not lang or lang == html_lang():
        return SafeString("")
    return format_html(' lang="{}"', lang)


@register.inclusion_tag("partials/converted_note.html")
def converted_note(objects, *fields: str) -> dict:
    """A visible note when any of these objects' fields is shown converted to Simplified.

    Placed once per section, not on every text:
    ``{% converted_note exhibits "title" "summary" %}``.
    """
    if objects is None:
        items: Iterable = []
    elif isinstance(objects, Iterable) and not isinstance(objects, str):
        items = objects
    else:
        items = [objects]
    return {"converted": any(_converted(item, field) for item in items for field in fields)}


def _converted(obj, path: str) -> bool:
    # "exhibit.title" follows a relation (already loaded) before naming the field.
    *relations, field = path.split(".")
    for name in relations:
        obj = getattr(obj, name, None)
        if obj is None:
            return False
    return is_converted(obj, (field,))


@register.simple_tag
def absolute(path: str) -> str:
    """The site's public address of a path (canonical links, Open Graph)."""
    if path.startswith(("http://", "https://")):
        return path
    return f"{settings.PAVILION_SITE_URL}{path}"


def _height(image, width: int) -> int:
    if not image.width or not image.height:
        return width
    return round(width * image.height / image.width)


@register.inclusion_tag("partials/picture.html")
def picture(image, sizes: str = "100vw", default_width: int = 640, *, eager: bool = False) -> dict:
    """A ``<picture>`` of an exhibit image from its renditions (WebP and JPEG srcsets).

    Uses the renditions made at upload (ExhibitImage's URL helpers): no query, no file
    opened. An image without renditions shows its re-encoded original. Images load lazily,
    except the one a page opens with (``eager=True``: fetched first, at high priority, so
    the first screen never shows an empty box while the browser decides it is visible).
    """
    if image is None:
        return {"image": None}
    widths = image.rendition_widths
    if widths:
        width = next((w for w in widths if w >= default_width), widths[-1])
        src = image.rendition_url(width, "jpeg")
        jpeg_srcset, webp_srcset = image.srcset("jpeg"), image.srcset("webp")
    else:
        width = image.width or default_width
        src = image.image.url if image.image else ""
        jpeg_srcset = webp_srcset = ""
    return {
        "image": image,
        "src": src,
        "width": width,
        "height": _height(image, width),
        "jpeg_srcset": jpeg_srcset,
        "webp_srcset": webp_srcset,
        "sizes": sizes,
        "alt": localized(image, "alt_text"),
        "eager": eager,
    }


@register.simple_tag
def og_image(image) -> str:
    """The absolute address of an image for Open Graph (the largest JPEG rendition)."""
    if image is None:
        return ""
    return absolute(image.largest_url("jpeg"))


@register.filter
def booth_anchor(code: str) -> str:
    """A booth's fragment on the public floor plan: ``E01`` → ``booth-E01``."""
    from pavilion.floor_layout import booth_anchor as anchor

    return anchor(code or "")

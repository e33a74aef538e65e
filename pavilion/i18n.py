# Chinese punctuation in docstrings is the subject of this module.
# ruff: noqa: RUF002
"""The one place that picks a content field's text for the active language.

Content is stored in English and Traditional Chinese (both written by people), and in
Simplified Chinese only where a person wrote it. Display rules:

- ``en``: the English text.
- ``zh-hant``: the Traditional text, else English (marked as a fallback, ``lang="en"``).
- ``zh-hans``: a person-written Simplified text; else the Traditional text converted with
  OpenCC ``hk2s`` (marked as converted); else English (a fallback).

modeltranslation's own fallback would show Traditional characters on a Simplified page, so
templates go through :func:`localized` (or the ``tr`` template filter) instead of reading
``obj.title``.

It also holds the punctuation the app puts between pieces of text it joins itself
(:func:`join_list`, :func:`join_parts`, :func:`colon`; in templates ``|join_list``,
``{% list_separator %}`` and ``{% colon %}``): Chinese is written with full-width marks
("欠缺：英文、繁體中文", "香港資訊及通訊科技獎 2024：年度大獎"), English with ", " and ": ".
The marks are translations (with a context), so a language added later brings its own.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from functools import lru_cache

import opencc
from django.utils import translation
from django.utils.translation import pgettext

ENGLISH = "en"
TRADITIONAL = "zh-hant"
SIMPLIFIED = "zh-hans"

# BCP 47 tags for HTML lang attributes (Django's codes are lower case).
HTML_LANG = {ENGLISH: "en", TRADITIONAL: "zh-Hant", SIMPLIFIED: "zh-Hans"}
# Open Graph locales.
OG_LOCALE = {ENGLISH: "en_GB", TRADITIONAL: "zh_HK", SIMPLIFIED: "zh_CN"}

_converters: dict[str, opencc.OpenCC] = {}
_converters_lock = threading.Lock()


def _converter(config: str) -> opencc.OpenCC:
    # Building a converter reads its dictionaries from disk: do it once per process.
    converter = _converters.get(config)
    if converter is None:
        with _converters_lock:
            converter = _converters.get(config)
            if converter is None:
                converter = opencc.OpenCC(config)
                _converters[config] = converter
    return converter


@lru_cache(maxsize=8192)
def to_simplified(text: str) -> str:
    """Hong Kong Traditional → Simplified (OpenCC ``hk2s``)."""
    if not text:
        return text
    return _converter("hk2s").convert(text)


@lru_cache(maxsize=1024)
def to_traditional(text: str) -> str:
    """Simplified → Hong Kong Traditional (OpenCC ``s2hk``), for matching searches."""
    if not text:
        return text
    return _converter("s2hk").convert(text)


def language_suffix(code: str) -> str:
    """The modeltranslation column suffix of a language code: zh-hant → zh_hant."""
    return code.replace("-", "_")


def active_language() -> str:
    code = (translation.get_language() or ENGLISH).lower()
    if code.startswith("zh-hans") or code in {"zh-cn", "zh-sg"}:
        return SIMPLIFIED
    if code.startswith("zh"):
        return TRADITIONAL
    return ENGLISH


def html_lang(code: str | None = None) -> str:
    return HTML_LANG[code or active_language()]


class LocalizedText(str):
    """A piece of content text that knows its language and how it was obtained.

    It is a ``str`` (templates escape and print it as usual) with three attributes:
    ``lang`` (BCP 47, for the ``lang`` attribute), ``converted`` (made by OpenCC from
    Traditional) and ``fallback`` (shown in another language because the requested one is
    empty).
    """

    lang: str
    converted: bool
    fallback: bool

    def __new__(cls, text: str, *, lang: str, converted: bool = False, fallback: bool = False):
        obj = super().__new__(cls, text)
        obj.lang = lang
        obj.converted = converted
        obj.fallback = fallback
        return obj


def _raw(obj, field: str, code: str) -> str:
    return getattr(obj, f"{field}_{language_suffix(code)}", None) or ""


def localized(obj, field: str, language: str | None = None) -> LocalizedText:
    """The text of ``obj.<field>`` to show in ``language`` (default: the active one)."""
    language = language or active_language()
    english = _raw(obj, field, ENGLISH)
    if language == ENGLISH:
        return LocalizedText(english, lang=HTML_LANG[ENGLISH])
    if language == SIMPLIFIED:
        written = _raw(obj, field, SIMPLIFIED)
        if written:
            return LocalizedText(written, lang=HTML_LANG[SIMPLIFIED])
        traditional = _raw(obj, field, TRADITIONAL)
        if traditional:
            return LocalizedText(
                to_simplified(traditional), lang=HTML_LANG[SIMPLIFIED], converted=True
            )
        return LocalizedText(english, lang=HTML_LANG[ENGLISH], fallback=bool(english))
    traditional = _raw(obj, field, TRADITIONAL)
    if traditional:
        return LocalizedText(traditional, lang=HTML_LANG[TRADITIONAL])
    return LocalizedText(english, lang=HTML_LANG[ENGLISH], fallback=bool(english))


def is_converted(obj, fields: tuple[str, ...] | list[str], language: str | None = None) -> bool:
    """Whether any of these fields of ``obj`` would be shown converted from Traditional."""
    language = language or active_language()
    if language != SIMPLIFIED:
        return False
    return any(
        not _raw(obj, field, SIMPLIFIED) and bool(_raw(obj, field, TRADITIONAL)) for field in fields
    )


def search_variants(query: str) -> list[str]:
    """The forms of a search query to match: as typed, and converted to Traditional.

    Only Traditional and English are always stored, so a Simplified query must also be
    tried in Traditional characters to find anything.
    """
    query = query.strip()
    if not query:
        return []
    variants = [query]
    traditional = to_traditional(query)
    if traditional != query:
        variants.append(traditional)
    return variants


def list_separator() -> str:
    """What separates the items of a list: ", " in English, "、" in Chinese."""
    return pgettext("separator between the items of a list", ", ")


def parts_separator() -> str:
    """What separates the parts of a phrase such as a place ("Booth M01, Smart Mobility,
    HKCEC"): ", " in English, "，" in Chinese."""
    return pgettext("separator between the parts of a phrase", ", ")


def colon() -> str:
    """What separates a label from its text: ": " in English, "：" in Chinese (a full-width
    colon carries its own space)."""
    return pgettext("separator between a label and its text", ": ")


def join_list(items: Iterable[object]) -> str:
    """The items as one list in the active language: "English, Traditional Chinese",
    "英文、繁體中文". Empty items are left out."""
    return list_separator().join(str(item) for item in items if item not in (None, ""))


def join_parts(parts: Iterable[object]) -> str:
    """The parts of one phrase in the active language ("Booth M01，智慧出行"). Empty parts
    are left out."""
    return parts_separator().join(str(part) for part in parts if part not in (None, ""))

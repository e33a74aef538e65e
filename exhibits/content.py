"""The one declaration of an exhibit's translated content: its languages and its text fields.

Everything that reads or writes an exhibit's texts takes them from here: the model's
translation registration (``exhibits/translation.py``), the portal's and the admin's forms,
the API's serializers and parameters, the import/export resource, the open-data files, the
revision snapshot/diff/apply, carry-forward into a new edition, the submission check and the
search filter. The *limits* live on the model (``Exhibit.title`` … ``max_length``), so the
database, the admin, the portal and the API refuse the same over-long text.

How to add a fourth content language (e.g. ``ja``):
    1. ``settings.LANGUAGES`` and ``settings.MODELTRANSLATION_LANGUAGES`` gain the code;
    2. ``makemigrations`` adds the new columns (one migration);
    3. the locale files get the interface's translations;
    4. ``LANGUAGE_LABELS`` and ``LANGUAGE_TAGS`` below get its name and short tag (and
       ``REQUIRED_LANGUAGE_CODES`` its code if a submission must have it).
Forms, API, export/import, open data, revisions and search pick it up from
``LANGUAGES``.

How to add a translated exhibit field (e.g. ``accessibility_notes``):
    1. the field on ``Exhibit`` with its limit, and its migration;
    2. a ``ContentField`` in ``EXHIBIT_FIELDS`` below;
    3. the public templates that show it.
Export/import, the API, open data, revisions (snapshot, diff, apply), carry-forward and
the portal form pick it up (``tests/exhibits/test_content.py`` proves it for every
declared field).
"""

from __future__ import annotations

import dataclasses
from functools import cached_property

from django.apps import apps
from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

#: Names of the content languages, in the interface's language.
LANGUAGE_LABELS: dict[str, Promise] = {
    "en": _("English"),
    "zh-hant": _("Traditional Chinese"),
    "zh-hans": _("Simplified Chinese"),
}
#: Short tags beside texts shown side by side (written in the language itself).
LANGUAGE_TAGS: dict[str, str] = {"en": "EN", "zh-hant": "繁", "zh-hans": "简"}
#: Languages an exhibit must be written in before it can be submitted (people write both;
#: Simplified Chinese is converted from Traditional where nobody wrote it).
REQUIRED_LANGUAGE_CODES = ("en", "zh-hant")


def _bcp47(code: str) -> str:
    """Django's lower-case code as a BCP 47 tag: "zh-hant" → "zh-Hant", "en-gb" → "en-GB"."""
    first, *rest = code.split("-")
    tags = [first]
    for part in rest:
        tags.append(part.title() if len(part) == 4 else part.upper() if len(part) == 2 else part)
    return "-".join(tags)


@dataclasses.dataclass(frozen=True)
class Language:
    """A content language: its Django code, column suffix, HTML tag and label."""

    code: str  # as in URLs, ?lang= and settings: "zh-hant"
    required: bool  # needed for submission

    @property
    def key(self) -> str:
        """The column suffix modeltranslation uses: "zh_hant" (title_zh_hant)."""
        return self.code.replace("-", "_")

    @property
    def html_lang(self) -> str:
        return _bcp47(self.code)

    @property
    def label(self) -> Promise:
        return LANGUAGE_LABELS.get(self.code, self.code)

    @property
    def tag(self) -> str:
        return LANGUAGE_TAGS.get(self.code, self.code.upper())

    def __str__(self) -> str:
        return str(self.label)


#: The content languages, in the order of settings.MODELTRANSLATION_LANGUAGES.
LANGUAGES: tuple[Language, ...] = tuple(
    Language(code=code, required=code in REQUIRED_LANGUAGE_CODES)
    for code in settings.MODELTRANSLATION_LANGUAGES
)
LANGUAGE_CODES: tuple[str, ...] = tuple(language.code for language in LANGUAGES)
#: Column suffixes: ("en", "zh_hant", "zh_hans").
LANGUAGE_KEYS: tuple[str, ...] = tuple(language.key for language in LANGUAGES)
REQUIRED_LANGUAGES: tuple[str, ...] = tuple(lang.key for lang in LANGUAGES if lang.required)
OPTIONAL_LANGUAGES: tuple[str, ...] = tuple(lang.key for lang in LANGUAGES if not lang.required)
LANGUAGE_BY_KEY: dict[str, Language] = {language.key: language for language in LANGUAGES}


def language_label(key_or_code: str) -> Promise | str:
    """The translated name of a language given its column suffix or its code."""
    return LANGUAGE_LABELS.get(key_or_code.replace("_", "-"), key_or_code)


def translated_columns(field: str) -> tuple[str, ...]:
    """A translated field's columns in every language: "title" → ("title_en", …)."""
    return tuple(f"{field}_{key}" for key in LANGUAGE_KEYS)


@dataclasses.dataclass(frozen=True)
class ContentField:
    """A translated text field of an exhibit, as departments write it."""

    name: str
    label: Promise
    help_text: Promise
    required: bool  # needed (in the required languages) for submission
    rows: int = 0  # lines of its text area in forms; 0 = a one-line input

    @cached_property
    def max_length(self) -> int:
        """The model's limit (the same for every language's column)."""
        return apps.get_model("exhibits", "Exhibit")._meta.get_field(self.name).max_length

    @property
    def columns(self) -> tuple[str, ...]:
        return translated_columns(self.name)

    def column(self, key: str) -> str:
        return f"{self.name}_{key}"


#: The exhibit's translated texts, in the order forms, exports and diffs show them.
EXHIBIT_FIELDS: tuple[ContentField, ...] = (
    ContentField(
        "title",
        _("Title"),
        _("The name visitors see on cards and on the exhibit's page."),
        required=True,
    ),
    ContentField(
        "summary",
        _("Summary"),
        _("One or two sentences for the cards (at most 600 characters)."),
        required=True,
        rows=3,
    ),
    ContentField(
        "description",
        _("Description"),
        _("What the solution does and for whom. Blank lines start new paragraphs."),
        required=True,
        rows=8,
    ),
    ContentField(
        "demo_notes",
        _("Demonstration notes"),
        _("What visitors can try at the booth, and when."),
        required=False,
        rows=4,
    ),
)
EXHIBIT_FIELD_BY_NAME: dict[str, ContentField] = {field.name: field for field in EXHIBIT_FIELDS}
EXHIBIT_FIELD_BY_COLUMN: dict[str, ContentField] = {
    column: field for field in EXHIBIT_FIELDS for column in field.columns
}
#: Their names: ("title", "summary", "description", "demo_notes").
EXHIBIT_TEXT_FIELDS: tuple[str, ...] = tuple(field.name for field in EXHIBIT_FIELDS)
#: Their columns: ("title_en", "title_zh_hant", …, "demo_notes_zh_hans").
EXHIBIT_TEXT_COLUMNS: tuple[str, ...] = tuple(
    column for field in EXHIBIT_FIELDS for column in field.columns
)
#: The fields a submission needs (in REQUIRED_LANGUAGES).
REQUIRED_TEXT_FIELDS: tuple[str, ...] = tuple(f.name for f in EXHIBIT_FIELDS if f.required)
#: Fields the public search (``q``) looks in, in every language.
SEARCHED_TEXT_FIELDS: tuple[str, ...] = ("title", "summary")
#: Labels of the text fields, for messages and diffs.
EXHIBIT_FIELD_LABELS: dict[str, Promise] = {field.name: field.label for field in EXHIBIT_FIELDS}

#: The refusal of an over-long text, in every door (forms, admin, API, services), with
#: Django's MaxLengthValidator's parameter names so form fields can use it as it is.
TOO_LONG = _("At most %(limit_value)s characters (it has %(show_value)s).")


def too_long_error(limit: int, length: int):
    from django.core.exceptions import ValidationError

    return ValidationError(
        TOO_LONG, code="max_length", params={"limit_value": limit, "show_value": length}
    )


#: How many images and links one exhibit (or its proposed changes) may have.
MAX_IMAGES = 12
MAX_LINKS = 10

#: An image's translated texts and a link's.
IMAGE_TEXT_FIELDS: tuple[str, ...] = ("alt_text", "caption")
LINK_TEXT_FIELDS: tuple[str, ...] = ("label",)


def column_label(column: str) -> str:
    """A text column as people read it: "title_zh_hant" → "Title (Traditional Chinese)"."""
    field = EXHIBIT_FIELD_BY_COLUMN.get(column)
    if field is None:
        return column
    return _("%(field)s (%(language)s)") % {
        "field": field.label,
        "language": language_label(column.removeprefix(f"{field.name}_")),
    }

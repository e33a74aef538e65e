"""Serializers of the API: the public catalogue (localized), and the department/review side.

Public serializers show content in the request's language (``context["language"]``):
a translated field is a string, or with ``?lang=all`` an object ``{"en", "zh-hant",
"zh-hans"}``. Each object with translated fields lists in ``converted`` those whose
Simplified Chinese was converted from Traditional by OpenCC (nobody wrote it). Text
comes from ``pavilion.i18n.localized`` — the same choice the public pages make.

Department and review serializers show the stored columns (``title_en``,
``title_zh_hant``…) because their readers write them back. Input serializers are strict
about types (no number for a string, no ``true`` for an integer) so the schema's types
are the whole truth; ``TextField``/``StrictIntegerField`` carry their exact schema.
"""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from departments.models import Department
from exhibits.api.params import ALL_LANGUAGES, CONTENT_LANGUAGES, SLUG_PATTERN, text
from exhibits.content import (
    EXHIBIT_FIELDS,
    EXHIBIT_TEXT_COLUMNS,
    IMAGE_TEXT_FIELDS,
    LANGUAGE_CODES,
    LANGUAGE_KEYS,
    language_label,
    too_long_error,
)
from exhibits.models import OPEN_REVISION_STATUSES, ExhibitImage, ExhibitStatus
from pavilion.i18n import ENGLISH, SIMPLIFIED, localized

_DIGITS = re.compile(r"^[0-9]+\Z")


def _absolute(request, url: str | None) -> str | None:
    if not url:
        return None
    return request.build_absolute_uri(url) if request is not None else url


# --- Localized output ---------------------------------------------------------------------


#: How each language's text is chosen when ``?lang=all`` (documentation only).
_ALL_LANGUAGES_HELP = {
    "en": "English.",
    "zh-hant": "Traditional Chinese (English if not written).",
    "zh-hans": "Simplified Chinese: written, else converted from Traditional, else English.",
}


def _with_language_columns(
    fields: dict, *, before: str, names: tuple[str, ...], make
) -> dict[str, serializers.Field]:
    """``fields`` with a ``<name>_<language>`` field for every content language inserted
    before the field ``before`` (exhibits.content declares the languages)."""
    columns = {f"{name}_{key}": make(name, key) for name in names for key in LANGUAGE_KEYS}
    result = {}
    for field_name, field in fields.items():
        if field_name == before:
            result.update(columns)
        result[field_name] = field
    return result


class AllLanguagesTextSerializer(serializers.Serializer):
    """One text in every language, as a reader of each is shown it (``?lang=all``)."""

    def get_fields(self):
        # Field names with hyphens, as the language codes are spelt everywhere else.
        return {
            code: serializers.CharField(
                help_text=_ALL_LANGUAGES_HELP.get(code, f"{language_label(code)}.")
            )
            for code in LANGUAGE_CODES
        }


class TranslatedField(serializers.Field):
    """A translated model field in the request's language (a string), or in all (an object).

    ``via`` names a relation to read the field from (``TranslatedField("name", via="award")``).
    """

    def __init__(self, model_field: str | None = None, *, via: str | None = None, **kwargs):
        self.model_field = model_field
        self.via = via
        kwargs.setdefault("help_text", "In the requested language; with lang=all an object.")
        super().__init__(source="*", read_only=True, **kwargs)

    def bind(self, field_name, parent):
        super().bind(field_name, parent)
        self.model_field = self.model_field or field_name

    def owner(self, obj):
        return getattr(obj, self.via) if self.via else obj

    def to_representation(self, obj):
        owner = self.owner(obj)
        language = self.context.get("language", ENGLISH)
        if language == ALL_LANGUAGES:
            return {
                code: str(localized(owner, self.model_field, code)) for code in CONTENT_LANGUAGES
            }
        return str(localized(owner, self.model_field, language))

    def is_converted(self, obj) -> bool:
        return localized(self.owner(obj), self.model_field, SIMPLIFIED).converted


class TranslatedFieldScheme(OpenApiSerializerFieldExtension):
    target_class = TranslatedField

    def map_serializer_field(self, auto_schema, direction):
        component = auto_schema.resolve_serializer(AllLanguagesTextSerializer, direction)
        return {
            "oneOf": [{"type": "string"}, component.ref],
            "description": "A string in the requested language; with lang=all an object.",
        }


class LocalizedSerializer(serializers.Serializer):
    """A serializer whose TranslatedFields are listed in ``converted`` when converted."""

    def get_fields(self):
        fields = super().get_fields()
        # ``converted`` describes the other fields: last.
        fields["converted"] = fields.pop("converted")
        return fields

    converted = serializers.SerializerMethodField(
        help_text=(
            "Translated fields whose Simplified Chinese is converted from Traditional by "
            "OpenCC (lang=zh-hans or all); empty in other languages."
        )
    )

    @extend_schema_field({"type": "array", "items": {"type": "string"}})
    def get_converted(self, obj) -> list[str]:
        if self.context.get("language") not in (SIMPLIFIED, ALL_LANGUAGES):
            return []
        return [
            name
            for name, field in self.fields.items()
            if isinstance(field, TranslatedField) and field.is_converted(obj)
        ]


class RenditionSerializer(serializers.Serializer):
    """One width of an image, in JPEG and WebP."""

    width = serializers.IntegerField()
    jpeg = serializers.URLField()
    webp = serializers.URLField()


class ImageSerializer(LocalizedSerializer):
    """An image with absolute URLs of its renditions (made at upload, JPEG and WebP)."""

    width = serializers.IntegerField(read_only=True)
    height = serializers.IntegerField(read_only=True)
    alt_text = TranslatedField()
    caption = TranslatedField()
    credit = serializers.CharField(read_only=True)
    url = serializers.SerializerMethodField(help_text="The largest JPEG rendition.")
    thumbnail = serializers.SerializerMethodField(help_text="A JPEG rendition ≤ 640 px wide.")
    renditions = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, image) -> str | None:
        return _absolute(self.context.get("request"), image.largest_url("jpeg"))

    @extend_schema_field(OpenApiTypes.URI)
    def get_thumbnail(self, image) -> str | None:
        return _absolute(self.context.get("request"), image.thumbnail_url)

    @extend_schema_field(RenditionSerializer(many=True))
    def get_renditions(self, image) -> list[dict]:
        request = self.context.get("request")
        return [
            {
                "width": width,
                "jpeg": _absolute(request, image.rendition_url(width, "jpeg")),
                "webp": _absolute(request, image.rendition_url(width, "webp")),
            }
            for width in image.rendition_widths
        ]


def _page_url(context, name: str, **kwargs) -> str | None:
    language = context.get("language", ENGLISH)
    with translation.override(ENGLISH if language == ALL_LANGUAGES else language):
        path = reverse(name, kwargs=kwargs)
    return _absolute(context.get("request"), path)


class ZoneSerializer(LocalizedSerializer):
    """A themed zone of the edition."""

    slug = serializers.SlugField(read_only=True)
    name = TranslatedField()
    description = TranslatedField()
    colour = serializers.CharField(read_only=True)
    order = serializers.IntegerField(read_only=True)


class DepartmentSerializer(LocalizedSerializer):
    """A department, public body, university, company or team."""

    slug = serializers.SlugField(read_only=True)
    name = TranslatedField()
    abbreviation = serializers.CharField(read_only=True)
    kind = serializers.ChoiceField(choices=Department.Kind.choices, read_only=True)
    website = serializers.CharField(read_only=True, help_text="Empty when unknown.")
    url = serializers.SerializerMethodField(help_text="The department's public page.")

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, department) -> str:
        return _page_url(self.context, "department_detail", slug=department.slug)


class TechnologySerializer(LocalizedSerializer):
    """A technology an exhibit uses."""

    slug = serializers.SlugField(read_only=True)
    name = TranslatedField()
    is_key_area = serializers.BooleanField(read_only=True, help_text="One of the fair's key areas.")


class ExhibitAwardSerializer(LocalizedSerializer):
    """A prize of the exhibit: the programme and what it won in which year."""

    slug = serializers.SlugField(source="award.slug", read_only=True)
    name = TranslatedField("name", via="award", help_text="The award programme.")
    year = serializers.IntegerField(read_only=True)
    prize = TranslatedField("title", help_text="The prize, e.g. Gold Medal.")


class LinkSerializer(LocalizedSerializer):
    """A link to more about the exhibit."""

    url = serializers.URLField(read_only=True)
    label = TranslatedField()


class ExhibitSerializer(LocalizedSerializer):
    """A published exhibit with its zone, departments, technologies, awards and images."""

    slug = serializers.SlugField(read_only=True)
    edition = serializers.SlugField(source="edition.slug", read_only=True)
    url = serializers.SerializerMethodField(help_text="The public page, in the language asked.")
    api_url = serializers.SerializerMethodField(help_text="This exhibit in the API.")
    title = TranslatedField()
    summary = TranslatedField()
    description = TranslatedField()
    demo_notes = TranslatedField(help_text="What visitors can try at the booth, and when.")
    featured = serializers.BooleanField(read_only=True)
    zone = ZoneSerializer(read_only=True)
    booth = serializers.SerializerMethodField(help_text="Booth code, once assigned.")
    lead_department = DepartmentSerializer(read_only=True)
    partner_departments = DepartmentSerializer(many=True, read_only=True)
    technologies = TechnologySerializer(many=True, read_only=True)
    awards = ExhibitAwardSerializer(source="recognitions", many=True, read_only=True)
    images = ImageSerializer(many=True, read_only=True)
    published_at = serializers.DateTimeField(read_only=True, allow_null=True)

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, exhibit) -> str:
        if exhibit.edition.is_current:
            return _page_url(self.context, "exhibit_detail", slug=exhibit.slug)
        return _page_url(
            self.context, "edition_exhibit_detail", edition=exhibit.edition.slug, slug=exhibit.slug
        )

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, exhibit) -> str:
        path = reverse("api:exhibit-detail", kwargs={"slug": exhibit.slug})
        if not exhibit.edition.is_current:
            path += f"?edition={exhibit.edition.slug}"
        return _absolute(self.context.get("request"), path)

    @extend_schema_field({"type": "string", "nullable": True})
    def get_booth(self, exhibit) -> str | None:
        return exhibit.booth.code if exhibit.booth_id else None


class ExhibitDetailSerializer(ExhibitSerializer):
    """A published exhibit with everything its page shows, links included."""

    links = LinkSerializer(many=True, read_only=True)


class ZoneListSerializer(ZoneSerializer):
    """A zone with its number of published exhibits."""

    published_count = serializers.IntegerField(
        read_only=True, help_text="Published exhibits in the zone."
    )
    url = serializers.SerializerMethodField(
        help_text="The zone's public page (current edition only)."
    )

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_url(self, zone) -> str | None:
        if not self.context.get("edition_is_current"):
            return None
        return _page_url(self.context, "zone_detail", slug=zone.slug)


class DepartmentListSerializer(DepartmentSerializer):
    """A department with its numbers of published exhibits."""

    lead_count = serializers.IntegerField(read_only=True, help_text="Published exhibits it leads.")
    partner_count = serializers.IntegerField(
        read_only=True, help_text="Published exhibits it partners in."
    )


class AwardWinnerSerializer(LocalizedSerializer):
    """A published exhibit's prize from the programme."""

    exhibit = serializers.SlugField(source="exhibit.slug", read_only=True)
    exhibit_title = TranslatedField("title", via="exhibit")
    year = serializers.IntegerField(read_only=True)
    prize = TranslatedField("title")


class AwardListSerializer(LocalizedSerializer):
    """An award programme and the exhibits it recognised."""

    slug = serializers.SlugField(read_only=True)
    name = TranslatedField()
    description = TranslatedField()
    website = serializers.CharField(read_only=True, help_text="Empty when unknown.")
    winners = AwardWinnerSerializer(
        many=True, read_only=True, help_text="Published exhibits of the edition it recognised."
    )


class EditionSerializer(LocalizedSerializer):
    """One pavilion at one fair."""

    slug = serializers.SlugField(read_only=True)
    name = TranslatedField()
    fair_name = TranslatedField()
    edition_number = serializers.IntegerField(read_only=True)
    venue = TranslatedField()
    starts_on = serializers.DateField(read_only=True)
    ends_on = serializers.DateField(read_only=True)
    theme = TranslatedField()
    focus = TranslatedField()
    co_organisers = TranslatedField()
    organiser = TranslatedField()
    website = serializers.CharField(read_only=True, help_text="Empty when unknown.")
    is_current = serializers.BooleanField(read_only=True)
    submission_opens_at = serializers.DateTimeField(read_only=True)
    submission_closes_at = serializers.DateTimeField(read_only=True)
    exhibits_url = serializers.SerializerMethodField(help_text="Its exhibits in the API.")

    @extend_schema_field(OpenApiTypes.URI)
    def get_exhibits_url(self, edition) -> str:
        path = reverse("api:exhibit-list") + f"?edition={edition.slug}"
        return _absolute(self.context.get("request"), path)


# --- Strict input fields ---------------------------------------------------------------


class TextField(serializers.CharField):
    """A string (never a number), at most ``max_length`` characters, no NUL.

    ``required_text``: it must contain something other than white space. Length is
    measured as sent; services strip the value afterwards.
    """

    def __init__(self, *, max_length: int, required_text: bool = False, **kwargs):
        self.required_text = required_text
        kwargs.setdefault("allow_blank", not required_text)
        super().__init__(max_length=max_length, trim_whitespace=False, **kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        if self.required_text and not data.strip():
            self.fail("blank")
        if self.max_length is not None and len(data) > self.max_length:
            # The portal's and the admin's sentence, not DRF's (exhibits.content).
            raise serializers.ValidationError(
                too_long_error(self.max_length, len(data)).messages, code="max_length"
            )
        return data


class TextFieldScheme(OpenApiSerializerFieldExtension):
    target_class = TextField

    def map_serializer_field(self, auto_schema, direction):
        field = self.target
        schema = text(field.max_length, required_text=field.required_text)
        if field.allow_null:
            schema["nullable"] = True
        if field.help_text:
            schema["description"] = str(field.help_text)
        return schema


class SlugRefField(serializers.CharField):
    """A slug naming another object (zone, department, technology); looked up by the view."""

    def __init__(self, **kwargs):
        super().__init__(max_length=80, trim_whitespace=False, **kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str) or not re.match(r"^[-a-zA-Z0-9_]+\Z", data):
            raise serializers.ValidationError(_("Enter a slug (letters, digits, - and _)."))
        return data


class SlugRefFieldScheme(OpenApiSerializerFieldExtension):
    target_class = SlugRefField

    def map_serializer_field(self, auto_schema, direction):
        schema = {"type": "string", "maxLength": 80, "pattern": SLUG_PATTERN}
        if self.target.allow_null:
            schema["nullable"] = True
        return schema


class StrictIntegerField(serializers.IntegerField):
    """A whole number: a JSON integer (never "1", true or 1.5); digits in a form field."""

    def __init__(self, *, form_field: bool = False, **kwargs):
        self.form_field = form_field
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, bool):
            self.fail("invalid")
        if isinstance(data, float) and data.is_integer():
            data = int(data)
        elif isinstance(data, str):
            # Multipart fields are text: there, and only there, digits are a number.
            if not self.form_field or not _DIGITS.match(data):
                self.fail("invalid")
            data = int(data)
        if not isinstance(data, int):
            self.fail("invalid")
        return data


# --- Department side: output -------------------------------------------------------------


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class SlugsOf(serializers.Field):
    """The slugs (or another attribute) of a to-many relation."""

    def __init__(self, attr: str = "slug", **kwargs):
        self.attr = attr
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, manager):
        return [getattr(item, self.attr) for item in manager.all()]


@extend_schema_field({"type": "string", "nullable": True})
class SlugOf(serializers.Field):
    """The slug (or another attribute) of a to-one relation, or null."""

    def __init__(self, attr: str = "slug", **kwargs):
        self.attr = attr
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, related):
        return getattr(related, self.attr)


class DepartmentImageSerializer(serializers.Serializer):
    """An image as the department wrote it: every language column."""

    id = serializers.IntegerField(read_only=True)
    width = serializers.IntegerField(read_only=True)
    height = serializers.IntegerField(read_only=True)
    credit = serializers.CharField(read_only=True)
    order = serializers.IntegerField(read_only=True)
    url = serializers.SerializerMethodField(help_text="The largest JPEG rendition.")
    thumbnail = serializers.SerializerMethodField()

    def get_fields(self):
        return _with_language_columns(
            super().get_fields(),
            before="credit",
            names=IMAGE_TEXT_FIELDS,
            make=lambda name, key: serializers.CharField(read_only=True, allow_null=True),
        )

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, image) -> str | None:
        return _absolute(self.context.get("request"), image.largest_url("jpeg"))

    @extend_schema_field(OpenApiTypes.URI)
    def get_thumbnail(self, image) -> str | None:
        return _absolute(self.context.get("request"), image.thumbnail_url)


class OpenRevisionSerializer(serializers.Serializer):
    """A published exhibit's open revision: changes proposed, not yet applied."""

    number = serializers.IntegerField(read_only=True)
    status = serializers.ChoiceField(
        choices=[(s.value, s.label) for s in OPEN_REVISION_STATUSES],
        read_only=True,
        help_text="draft: the department edits it; submitted: the curators decide.",
    )
    version = serializers.IntegerField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)


def _text_column_fields() -> dict[str, serializers.Field]:
    return {
        column: serializers.CharField(read_only=True, allow_null=True)
        for column in EXHIBIT_TEXT_COLUMNS
    }


class ManagedExhibitSerializer(serializers.Serializer):
    """An exhibit as its department (or a curator) works on it: stored columns, any status."""

    id = serializers.IntegerField(read_only=True)
    api_url = serializers.SerializerMethodField()
    slug = serializers.SlugField(read_only=True)
    edition = serializers.SlugField(source="edition.slug", read_only=True)
    status = serializers.ChoiceField(choices=ExhibitStatus.choices, read_only=True)
    version = serializers.IntegerField(
        read_only=True, help_text="Send it back with a change: a stale version is a 409."
    )
    lead_department = serializers.SlugField(source="lead_department.slug", read_only=True)
    partner_departments = SlugsOf()
    proposed_zone = SlugOf()
    zone = SlugOf()
    booth = SlugOf("code", help_text="Booth code, once assigned.")
    technologies = SlugsOf()
    images = DepartmentImageSerializer(many=True, read_only=True)
    missing = serializers.SerializerMethodField(
        help_text="What the exhibit still lacks before it can be submitted."
    )
    revision = serializers.SerializerMethodField(
        help_text="A published exhibit's open revision (its proposed changes), or null."
    )
    actions = serializers.SerializerMethodField(
        help_text="The transitions you may attempt now (POST to …/<action>/)."
    )
    public_url = serializers.SerializerMethodField(help_text="The public page, once published.")
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)
    submitted_at = serializers.DateTimeField(read_only=True, allow_null=True)
    published_at = serializers.DateTimeField(read_only=True, allow_null=True)

    detail_route = "api:department-exhibit-detail"

    def get_fields(self):
        fields = super().get_fields()
        texts = _text_column_fields()
        # Text columns after the identity fields, in a stable order.
        ordered = {}
        for name, field in fields.items():
            ordered[name] = field
            if name == "lead_department":
                ordered.update(texts)
        return ordered

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, exhibit) -> str:
        return _absolute(self.context.get("request"), reverse(self.detail_route, args=[exhibit.pk]))

    @extend_schema_field({"type": "array", "items": {"type": "string"}})
    def get_missing(self, exhibit) -> list[str]:
        from exhibits.workflow import missing_for_submission

        return missing_for_submission(exhibit)

    @extend_schema_field(OpenRevisionSerializer(allow_null=True))
    def get_revision(self, exhibit) -> dict | None:
        opened = getattr(exhibit, "open_revisions", None)
        if opened is None:
            opened = list(exhibit.revisions.filter(status__in=OPEN_REVISION_STATUSES))
        return OpenRevisionSerializer(opened[0]).data if opened else None

    @extend_schema_field({"type": "array", "items": {"type": "string"}})
    def get_actions(self, exhibit) -> list[str]:
        actions = self.context.get("actions")
        return actions(exhibit) if actions else []

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_public_url(self, exhibit) -> str | None:
        if exhibit.status != ExhibitStatus.PUBLISHED:
            return None
        path = exhibit.get_absolute_url()
        return _absolute(self.context.get("request"), path)


class ReviewExhibitSerializer(ManagedExhibitSerializer):
    """An exhibit as curators review it."""

    detail_route = "api:review-exhibit-detail"


# --- Department side: input ----------------------------------------------------------------


def _text_inputs(*, creating: bool) -> dict[str, TextField]:
    fields = {}
    for field in EXHIBIT_FIELDS:
        for key in LANGUAGE_KEYS:
            column = field.column(key)
            required = column == "title_en"
            fields[column] = TextField(
                max_length=field.max_length,
                required_text=required,
                required=required and creating,
            )
    return fields


class _ExhibitInput(serializers.Serializer):
    proposed_zone = SlugRefField(
        required=False, allow_null=True, help_text="Slug of a zone of the exhibit's edition."
    )
    technologies = serializers.ListField(
        child=SlugRefField(), max_length=30, required=False, help_text="Technology slugs."
    )
    partner_departments = serializers.ListField(
        child=SlugRefField(), max_length=20, required=False, help_text="Department slugs."
    )
    creating = True

    def get_fields(self):
        return {**_text_inputs(creating=self.creating), **super().get_fields()}


class ExhibitCreateSerializer(_ExhibitInput):
    """A new draft: the English title is required (it makes the address); the rest may follow."""


class ExhibitUpdateSerializer(_ExhibitInput):
    """Changes to a draft (or after changes were requested): only the fields sent change."""

    version = StrictIntegerField(
        min_value=1,
        max_value=2**31 - 1,
        help_text="The version you started from; someone else's newer save makes this a 409.",
    )
    creating = False


class ImageUploadSerializer(serializers.Serializer):
    """A new image (multipart/form-data) and its texts; English alt text is required."""

    image = serializers.FileField(
        help_text="JPEG, PNG or WebP, at most 10 MB and 40 megapixels; stored re-encoded."
    )
    credit = TextField(max_length=200, required=False)
    order = StrictIntegerField(min_value=0, max_value=32767, required=False, form_field=True)

    def get_fields(self):
        def make(name: str, key: str) -> TextField:
            limit = ExhibitImage._meta.get_field(f"{name}_{key}").max_length
            if name == "alt_text" and key == "en":
                return TextField(max_length=limit, required_text=True)
            return TextField(max_length=limit, required=False)

        return _with_language_columns(
            super().get_fields(), before="credit", names=IMAGE_TEXT_FIELDS, make=make
        )


class TransitionSerializer(serializers.Serializer):
    """An optional version check and message for a workflow action."""

    version = StrictIntegerField(
        min_value=1,
        max_value=2**31 - 1,
        required=False,
        help_text="The version you saw; if given and stale, the answer is a 409.",
    )
    message = TextField(max_length=2000, required=False, help_text="Kept in the history.")


class MessageTransitionSerializer(TransitionSerializer):
    """A workflow action that needs a message."""

    message = TextField(
        max_length=2000,
        required_text=True,
        help_text="Required: the reason, or what to change. Sent to the department.",
    )

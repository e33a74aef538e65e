"""Back-office for the pavilion itself: editions, their zones and booths.

Also holds the small helpers every app's admin shares:

- ``every_language(...)`` names each language column of a translated field. Search must
  list them all: modeltranslation rewrites ``title__icontains`` to the active language's
  column only (TRAPS.md), and a curator types Chinese as often as English.
- ``languages_side_by_side(...)`` builds one fieldset row per translated field, so
  "Title [en]", "Title [zh-hant]" and "Title [zh-hans]" sit next to each other. The
  column names are given explicitly because modeltranslation flattens a grouped row of
  *original* names into separate rows. ``language_fieldset(...)`` wraps such rows in a
  fieldset that ``PavilionTranslationAdmin``'s stylesheet lays out in equal columns.
- ``freeze_choices(...)`` evaluates a select's choices once per formset: a
  ModelChoiceField otherwise queries its options again for every row it renders.

The admin uses modeltranslation's plain TranslationAdmin: the tabbed variant loads
jQuery UI from a CDN (TRAPS.md).
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from modeltranslation.utils import get_translation_fields

from pavilion.admin_links import copy_to_new_edition, zone_tools
from pavilion.models import Booth, Edition, Zone

# Addresses typed without a scheme ("www.gov.hk") get https, as Django 6 will do.
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


def every_language(*fields: str) -> tuple[str, ...]:
    """Every language column of each (possibly related) translated field, in order.

    ``every_language("title", "lead_department__name")`` gives ``title_en``,
    ``title_zh_hant``, ``title_zh_hans``, ``lead_department__name_en``, …
    """
    return tuple(column for field in fields for column in get_translation_fields(field))


def languages_side_by_side(*fields: str) -> tuple[tuple[str, ...], ...]:
    """Fieldset rows with the language versions of each translated field in one row."""
    return tuple(tuple(get_translation_fields(field)) for field in fields)


def language_fieldset(title, *fields: str, description: str | None = None) -> tuple:
    """A fieldset of translated fields, one row per field, its languages side by side.

    The "languages" class lets ``pavilion/admin-languages.css`` give each language an
    equal column with its label on top (``PavilionTranslationAdmin`` loads it).
    """
    options = {"fields": languages_side_by_side(*fields), "classes": ("languages",)}
    if description:
        options["description"] = description
    return (title, options)


class PavilionTranslationAdmin(TranslationAdmin):
    """modeltranslation's plain TranslationAdmin (no tabs, no CDN) with our layout CSS."""

    class Media:
        css = {"all": ("pavilion/admin-languages.css",)}


def freeze_choices(form_class: type[forms.BaseForm], *names: str) -> None:
    """Evaluate the choices of the named select fields once, for every form of the class.

    Forms deep-copy ``base_fields``; a list of plain (value, label) pairs is copied, while
    a ModelChoiceField's iterator would run its query again in every row of a formset.
    Validation still goes through the field's queryset, so nothing outside it is accepted.
    """
    for name in names:
        field = form_class.base_fields.get(name)
        if field is None:
            continue
        choices = [
            (str(getattr(value, "value", value)) if value != "" else "", label)
            for value, label in field.choices
        ]
        field.choices = choices
        # The admin wraps selects in RelatedFieldWidgetWrapper, which renders its inner widget.
        inner = getattr(field.widget, "widget", None)
        if inner is not None:
            inner.choices = choices


def zone_label(zone: Zone) -> str:
    """A zone's name with its edition: every edition has its own "Smart Living"."""
    return f"{zone.name} · {zone.edition.slug}"


def booth_label(booth: Booth) -> str:
    return f"{booth.code} · {booth.zone.name} · {booth.edition.slug}"


class ZoneListFilter(admin.RelatedFieldListFilter):
    """Filter by zone, naming each zone's edition (their names repeat across editions)."""

    def field_choices(self, field, request, model_admin):
        return [
            (zone.pk, zone_label(zone))
            for zone in Zone.objects.select_related("edition").order_by(
                "-edition__starts_on", "order", "slug"
            )
        ]


class ZoneInline(TranslationTabularInline):
    model = Zone
    extra = 0
    show_change_link = True
    fields = ("slug", *every_language("name"), "order", "colour")


class BoothInline(admin.TabularInline):
    """Booths of an edition; the zone select offers only this edition's zones."""

    model = Booth
    extra = 0
    fields = ("zone", "code")
    ordering = ("zone__order", "code")

    def get_formset(self, request, obj=None, **kwargs):
        request._pavilion_edition = obj
        formset = super().get_formset(request, obj, **kwargs)
        freeze_choices(formset.form, "zone")
        return formset

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "zone":
            edition = getattr(request, "_pavilion_edition", None)
            kwargs["queryset"] = Zone.objects.filter(edition=edition).order_by("order", "slug")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("zone")


@admin.register(Edition)
class EditionAdmin(PavilionTranslationAdmin):
    formfield_overrides = URL_FIELDS
    list_display = (
        "slug",
        "name_en",
        "fair_name_en",
        "edition_number",
        "starts_on",
        "ends_on",
        "submission_opens_at",
        "submission_closes_at",
        "is_current",
        "zone_count",
        "exhibit_count",
    )
    list_display_links = ("slug", "name_en")
    list_filter = ("is_current",)
    search_fields = (
        "slug",
        *every_language("name", "fair_name", "venue", "theme", "focus"),
    )
    date_hierarchy = "starts_on"
    actions = (copy_to_new_edition,)
    fieldsets = (
        (None, {"fields": (("slug", "edition_number", "is_current"), "website")}),
        language_fieldset(_("Names"), "name", "fair_name", "organiser", "co_organisers"),
        language_fieldset(_("Venue"), "venue"),
        (_("Dates"), {"fields": (("starts_on", "ends_on"),)}),
        language_fieldset(_("Theme"), "theme", "focus"),
        (_("Submissions"), {"fields": (("submission_opens_at", "submission_closes_at"),)}),
    )

    def get_inlines(self, request, obj):
        # Booths need the edition's zones, which exist only once the edition is saved.
        return [ZoneInline, BoothInline] if obj is not None else [ZoneInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                zones_total=Count("zones", distinct=True),
                exhibits_total=Count("exhibits", distinct=True),
            )
        )

    @admin.display(description=_("zones"), ordering="zones_total")
    def zone_count(self, obj: Edition) -> int:
        return obj.zones_total

    @admin.display(description=_("exhibits"), ordering="exhibits_total")
    def exhibit_count(self, obj: Edition) -> int:
        return obj.exhibits_total


@admin.register(Zone)
class ZoneAdmin(PavilionTranslationAdmin):
    list_display = (
        "name_en",
        "name_zh_hant",
        "edition",
        "slug",
        "order",
        "colour",
        "booth_count",
        zone_tools,
    )
    list_display_links = ("name_en",)
    list_editable = ("order",)
    list_filter = ("edition",)
    list_select_related = ("edition",)
    search_fields = ("slug", "edition__slug", *every_language("name", "description"))
    fieldsets = (
        (None, {"fields": ("edition", ("slug", "order", "colour"), zone_tools)}),
        language_fieldset(_("Name and description"), "name", "description"),
    )
    readonly_fields = (zone_tools,)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(booths_total=Count("booths"))

    @admin.display(description=_("booths"), ordering="booths_total")
    def booth_count(self, obj: Zone) -> int:
        return obj.booths_total

    def get_readonly_fields(self, request, obj=None):
        # Moving a zone to another edition would strand its booths and exhibits.
        readonly = list(super().get_readonly_fields(request, obj))
        return [*readonly, "edition"] if obj is not None else readonly


@admin.register(Booth)
class BoothAdmin(admin.ModelAdmin):
    list_display = ("code", "zone", "edition", "exhibit_title", "is_demo")
    list_filter = ("edition", ("zone", ZoneListFilter), "is_demo")
    list_select_related = ("zone", "edition", "exhibit")
    search_fields = (
        "code",
        "edition__slug",
        *every_language("zone__name", "exhibit__title"),
    )
    fields = ("edition", "zone", "code")

    @admin.display(description=_("exhibit"), ordering="exhibit__title_en")
    def exhibit_title(self, obj: Booth) -> str:
        exhibit = getattr(obj, "exhibit", None)
        return exhibit.title if exhibit is not None else "—"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "zone":
            field.queryset = Zone.objects.select_related("edition").order_by(
                "-edition__starts_on", "order", "slug"
            )
            field.label_from_instance = zone_label
        return field

"""Content languages of the pavilion's own models (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from pavilion.models import Edition, Zone


@register(Edition)
class EditionTranslation(TranslationOptions):
    fields = ("name", "fair_name", "venue", "theme", "focus", "co_organisers", "organiser")


@register(Zone)
class ZoneTranslation(TranslationOptions):
    fields = ("name", "description")

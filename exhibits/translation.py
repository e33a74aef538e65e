"""Content languages of exhibits (django-modeltranslation).

English and Traditional Chinese are required for submission; Simplified Chinese is
stored only where a person wrote it, otherwise shown converted (pavilion.i18n).
"""

from modeltranslation.translator import TranslationOptions, register

from exhibits.models import DemoSession, Exhibit, ExhibitImage, ExhibitLink, Technology


@register(Technology)
class TechnologyTranslation(TranslationOptions):
    fields = ("name",)


@register(Exhibit)
class ExhibitTranslation(TranslationOptions):
    fields = ("title", "summary", "description", "demo_notes")


@register(ExhibitImage)
class ExhibitImageTranslation(TranslationOptions):
    fields = ("alt_text", "caption")


@register(ExhibitLink)
class ExhibitLinkTranslation(TranslationOptions):
    fields = ("label",)


@register(DemoSession)
class DemoSessionTranslation(TranslationOptions):
    fields = ("title", "note")

"""Content languages of exhibits (django-modeltranslation).

English and Traditional Chinese are required for submission; Simplified Chinese is
stored only where a person wrote it, otherwise shown converted (pavilion.i18n).
"""

from modeltranslation.translator import TranslationOptions, register

from exhibits.content import EXHIBIT_TEXT_FIELDS, IMAGE_TEXT_FIELDS, LINK_TEXT_FIELDS
from exhibits.models import DemoSession, Exhibit, ExhibitImage, ExhibitLink, Technology


@register(Technology)
class TechnologyTranslation(TranslationOptions):
    fields = ("name",)


@register(Exhibit)
class ExhibitTranslation(TranslationOptions):
    fields = EXHIBIT_TEXT_FIELDS


@register(ExhibitImage)
class ExhibitImageTranslation(TranslationOptions):
    fields = IMAGE_TEXT_FIELDS


@register(ExhibitLink)
class ExhibitLinkTranslation(TranslationOptions):
    fields = LINK_TEXT_FIELDS


@register(DemoSession)
class DemoSessionTranslation(TranslationOptions):
    fields = ("title", "note")

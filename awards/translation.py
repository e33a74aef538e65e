"""Content languages of awards (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from awards.models import Award, Recognition


@register(Award)
class AwardTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Recognition)
class RecognitionTranslation(TranslationOptions):
    fields = ("title",)

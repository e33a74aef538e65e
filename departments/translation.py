"""Content languages of departments (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from departments.models import Department


@register(Department)
class DepartmentTranslation(TranslationOptions):
    fields = ("name",)

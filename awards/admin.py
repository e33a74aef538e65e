"""Back-office for award programmes and the prizes exhibits received from them."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from awards.models import Award, Recognition
from pavilion.admin import (
    URL_FIELDS,
    PavilionTranslationAdmin,
    every_language,
    language_fieldset,
)


@admin.register(Award)
class AwardAdmin(PavilionTranslationAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ("name_en", "name_zh_hant", "slug", "order", "recognition_count")
    list_display_links = ("name_en",)
    list_editable = ("order",)
    search_fields = ("slug", *every_language("name"))
    fieldsets = (
        (None, {"fields": (("slug", "order"), "website")}),
        language_fieldset(_("Name and description"), "name", "description"),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(recognitions_total=Count("recognitions"))

    @admin.display(description=_("recognitions"), ordering="recognitions_total")
    def recognition_count(self, obj: Award) -> int:
        return obj.recognitions_total


@admin.register(Recognition)
class RecognitionAdmin(PavilionTranslationAdmin):
    list_display = ("exhibit", "award", "year", "title_en", "title_zh_hant")
    list_filter = ("award", "year")
    list_select_related = ("exhibit", "award")
    search_fields = (
        "exhibit__slug",
        *every_language("exhibit__title", "award__name", "title"),
    )
    autocomplete_fields = ("exhibit", "award")
    fieldsets = (
        (None, {"fields": ("exhibit", ("award", "year"))}),
        language_fieldset(_("Prize"), "title"),
    )

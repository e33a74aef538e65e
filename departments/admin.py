"""Back-office for contributors: departments, the people who act for them, their quotas."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from departments.models import Department, Membership, Quota
from pavilion.admin import (
    URL_FIELDS,
    PavilionTranslationAdmin,
    every_language,
    language_fieldset,
)

USER_SEARCH = ("user__username", "user__email", "user__first_name", "user__last_name")
DEPARTMENT_SEARCH = (
    "department__slug",
    "department__abbreviation",
    *every_language("department__name"),
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ("user", "role", "created_at")
    readonly_fields = ("created_at",)
    autocomplete_fields = ("user",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")


class QuotaInline(admin.TabularInline):
    model = Quota
    extra = 0
    fields = ("edition", "limit")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("edition")


@admin.register(Department)
class DepartmentAdmin(PavilionTranslationAdmin):
    formfield_overrides = URL_FIELDS
    list_display = (
        "name_en",
        "name_zh_hant",
        "abbreviation",
        "kind",
        "slug",
        "member_count",
        "exhibit_count",
    )
    list_display_links = ("name_en",)
    list_filter = ("kind",)
    search_fields = ("slug", "abbreviation", *every_language("name"))
    fieldsets = (
        (None, {"fields": (("slug", "abbreviation", "kind"),)}),
        language_fieldset(_("Official name"), "name"),
        (_("Links"), {"fields": ("website", "logo")}),
    )
    inlines = (MembershipInline, QuotaInline)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                members_total=Count("memberships", distinct=True),
                exhibits_total=Count("exhibits", distinct=True),
            )
        )

    @admin.display(description=_("members"), ordering="members_total")
    def member_count(self, obj: Department) -> int:
        return obj.members_total

    @admin.display(description=_("lead exhibits"), ordering="exhibits_total")
    def exhibit_count(self, obj: Department) -> int:
        return obj.exhibits_total


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "user_email", "department", "role", "created_at")
    list_filter = ("role", "department__kind", "department")
    list_select_related = ("user", "department")
    search_fields = (*USER_SEARCH, *DEPARTMENT_SEARCH)
    autocomplete_fields = ("user", "department")
    date_hierarchy = "created_at"
    fields = ("user", "department", "role", "created_at")
    readonly_fields = ("created_at",)

    @admin.display(description=_("e-mail"), ordering="user__email")
    def user_email(self, obj: Membership) -> str:
        return obj.user.email


@admin.register(Quota)
class QuotaAdmin(admin.ModelAdmin):
    list_display = ("department", "edition", "limit")
    list_editable = ("limit",)
    list_filter = ("edition",)
    list_select_related = ("department", "edition")
    search_fields = ("edition__slug", *DEPARTMENT_SEARCH)
    autocomplete_fields = ("department",)
    fields = ("edition", "department", "limit")

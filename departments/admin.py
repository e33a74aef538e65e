"""Back-office for contributors: departments, the people who act for them, their quotas,
and the invitations that bring those people in."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX

from departments.models import Department, Invitation, Membership, Quota
from departments.resources import DepartmentResource
from departments.services import invitation_create, invitations_revoke, invitations_send_again
from pavilion.admin import (
    URL_FIELDS,
    PavilionTranslationAdmin,
    every_language,
    language_fieldset,
)
from pavilion.resources import HeaderLabelsExportForm

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
class DepartmentAdmin(ImportExportMixin, PavilionTranslationAdmin):
    formfield_overrides = URL_FIELDS
    # Import (by slug, all or nothing) and export: departments/resources.py.
    resource_classes = [DepartmentResource]
    export_form_class = HeaderLabelsExportForm
    formats = [CSV, XLSX]
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


class InvitationForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ("email", "department", "role")
        help_texts = {
            "email": _(
                "The person receives a link to set a password and join the department. "
                "The link works once and expires in 14 days."
            )
        }


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Curators invite people by e-mail; an invitation is read-only once sent.

    Adding one goes through ``invitation_create``, which stores only the token's digest
    and e-mails the link when the transaction commits; nobody, the admin included, sees
    the link again. Two actions follow up: "revoke" ends open invitations at once (their
    expiry becomes now: no token to delete, and the row stays as a record), and "send
    again" revokes the selected unaccepted ones and sends each person a fresh link.
    """

    form = InvitationForm
    list_display = (
        "email",
        "department",
        "role",
        "created_at",
        "expires_at",
        "accepted_at",
        "state",
        "invited_by",
    )
    list_filter = ("role", "department")
    list_select_related = ("department", "invited_by")
    search_fields = ("email", *DEPARTMENT_SEARCH)
    autocomplete_fields = ("department",)
    date_hierarchy = "created_at"
    readonly_fields = (
        "email",
        "department",
        "role",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "accepted_by",
        "state",
    )
    actions = ("revoke", "send_again")

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("email", "department", "role")
        return self.readonly_fields

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else ()

    def has_change_permission(self, request, obj=None):
        # A sent invitation is a record: its page is read-only. The list (obj None) keeps
        # the change right, which the actions below require.
        if obj is not None:
            return False
        return super().has_change_permission(request, obj)

    # Only additions are saved (a sent invitation is read-only), and only by the service:
    # the admin's own save(commit=False) + save() would store no token and send no mail.
    def save_form(self, request, form, change):
        invitation, _token = invitation_create(
            email=form.cleaned_data["email"],
            department=form.cleaned_data["department"],
            role=form.cleaned_data["role"],
            invited_by=request.user,
        )
        return invitation

    def save_model(self, request, obj, form, change):
        pass  # saved by save_form

    def save_related(self, request, form, formsets, change):
        pass  # an invitation has no many-to-many fields nor inlines

    def response_add(self, request, obj, post_url_continue=None):
        self.message_user(
            request,
            gettext("An invitation was sent to %(email)s.") % {"email": obj.email},
            messages.SUCCESS,
        )
        return self.response_post_save_add(request, obj)

    @admin.display(description=_("state"))
    def state(self, obj: Invitation) -> str:
        if obj.accepted_at is not None:
            return gettext("accepted")
        if obj.expires_at <= timezone.now():
            return gettext("expired or revoked")
        return gettext("open")

    @admin.action(description=_("Revoke selected open invitations"), permissions=["change"])
    def revoke(self, request, queryset):
        revoked = invitations_revoke(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d invitation revoked; its link no longer works.",
                "%(count)d invitations revoked; their links no longer work.",
                revoked,
            )
            % {"count": revoked},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Send selected unaccepted invitations again (with a new link)"),
        permissions=["add"],
    )
    def send_again(self, request, queryset):
        sent = invitations_send_again(queryset, invited_by=request.user)
        skipped = queryset.count() - sent
        self.message_user(
            request,
            ngettext(
                "%(count)d invitation sent again with a new link.",
                "%(count)d invitations sent again with new links.",
                sent,
            )
            % {"count": sent},
            messages.SUCCESS,
        )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d invitation was already accepted and was not sent.",
                    "%(count)d invitations were already accepted and were not sent.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )

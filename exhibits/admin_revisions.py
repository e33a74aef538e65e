"""Back-office for revisions: a department's proposed changes to a published exhibit.

Curators find them in a list (exhibit, department, status, when; filtered by status, the
submitted ones waiting longest first), and decide on one from its page: the proposal as a
field-by-field difference against the live exhibit (``exhibits.revisions.revision_diff``),
then Approve or Reject with a message. Both go through ``exhibits.revisions``; nothing
here writes a revision or an exhibit itself, so the page is read-only (no Save buttons) and
revisions are never added or deleted by hand. Registered from ``exhibits.admin``.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from exhibits import revisions
from exhibits import rules as exhibit_rules
from exhibits.admin_review import refusal_text
from exhibits.models import ExhibitRevision, ExhibitStatus
from exhibits.workflow import WorkflowError
from pavilion.admin import every_language

R = ExhibitRevision.Status


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("reject", _("Reject"))])
    message = forms.CharField(
        label=_("Message to the department"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        help_text=_(
            "Required to reject: say what to change. Optional when approving. The "
            "department reads it in the portal and by e-mail."
        ),
    )


@admin.register(ExhibitRevision)
class ExhibitRevisionAdmin(admin.ModelAdmin):
    list_display = (
        "__str__",
        "department",
        "status",
        "created_at",
        "submitted_at",
        "decided_at",
    )
    list_filter = ("status", "exhibit__edition")
    list_select_related = ("exhibit__lead_department",)
    search_fields = ("exhibit__slug", *every_language("exhibit__title"))
    # Submitted ones waiting longest first; drafts (not yet submitted) after them.
    ordering = (F("submitted_at").asc(nulls_last=True), "-created_at")
    fields = (
        "exhibit_link",
        ("number", "status", "base_version"),
        ("created_by", "created_at"),
        ("submitted_by", "submitted_at"),
        "note",
        ("decided_by", "decided_at"),
        "decision_message",
    )
    change_form_template = "admin/exhibits/exhibitrevision/change_form.html"

    def get_readonly_fields(self, request, obj=None):
        return [
            name
            for entry in self.fields
            for name in (entry if isinstance(entry, tuple) else (entry,))
        ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related(
                "exhibit__lead_department",
                "exhibit__edition",
                "created_by",
                "submitted_by",
                "decided_by",
            )
        )

    # Revisions are made in the portal and decided here: never added, changed or deleted
    # by hand (a view-only page, with the decision's own form).
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("lead department"), ordering="exhibit__lead_department__name_en")
    def department(self, obj: ExhibitRevision) -> str:
        department = obj.exhibit.lead_department
        return department.abbreviation or department.name

    @admin.display(description=_("exhibit"))
    def exhibit_link(self, obj: ExhibitRevision) -> str:
        change = format_html(
            '<a href="{}">{}</a>',
            reverse("admin:exhibits_exhibit_change", args=[obj.exhibit_id]),
            obj.exhibit.title,
        )
        if obj.exhibit.status != ExhibitStatus.PUBLISHED:
            # Unpublished meanwhile: its public page answers 404.
            return change
        return format_html(
            '{} (<a href="{}">{}</a>)',
            change,
            obj.exhibit.get_absolute_url(),
            gettext("public page"),
        )

    # -- the decision ------------------------------------------------------------------------

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        decide = path(
            "<path:object_id>/decide/",
            self.admin_site.admin_view(self.decide_view),
            name="{}_{}_decide".format(*info),
        )
        return [decide, *super().get_urls()]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["revision_review"] = self.review_context(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def review_context(self, request, obj: ExhibitRevision, *, form: DecisionForm | None = None):
        """The difference against the live exhibit and, for a submitted revision, the
        decision form (curators only: the service decides by the same rule)."""
        can_decide = obj.status == R.SUBMITTED and exhibit_rules.is_curator(request.user)
        return {
            "diff": revisions.revision_diff(obj),
            "live_version": obj.exhibit.version,
            "moved_on": obj.exhibit.version != obj.base_version,
            "published": obj.exhibit.status == ExhibitStatus.PUBLISHED,
            "form": (form or DecisionForm()) if can_decide else None,
            "decide_url": reverse("admin:exhibits_exhibitrevision_decide", args=[obj.pk]),
        }

    def decide_view(self, request, object_id: str):
        """Approve or reject (POST), through ``exhibits.revisions``; refusals come back as
        an error message on the revision's page."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(gettext("No such revision."))
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        change_url = reverse("admin:exhibits_exhibitrevision_change", args=[obj.pk])
        form = DecisionForm(request.POST)
        if not form.is_valid():
            self.message_user(
                request,
                " ".join(message for errors in form.errors.values() for message in errors),
                messages.ERROR,
            )
            return HttpResponseRedirect(change_url)
        decision, message = form.cleaned_data["decision"], form.cleaned_data["message"]
        exhibit = obj.exhibit
        try:
            if decision == "approve":
                exhibit = revisions.revision_approve(
                    revision=obj, user=request.user, message=message
                )
            else:
                revisions.revision_reject(revision=obj, user=request.user, message=message)
        except WorkflowError as error:
            if error.status == 403:
                raise PermissionDenied from None
            self.message_user(request, refusal_text(error), messages.ERROR)
            return HttpResponseRedirect(change_url)
        done = (
            gettext("Changes #%(number)s approved: “%(title)s” is updated on the public site.")
            if decision == "approve"
            else gettext("Changes #%(number)s rejected: “%(title)s” stays as published.")
        )
        self.message_user(
            request, done % {"number": obj.number, "title": exhibit.title}, messages.SUCCESS
        )
        return HttpResponseRedirect(change_url)

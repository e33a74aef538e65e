"""Back-office for exhibits and technologies.

Curators see every exhibit with its images, links and prizes. The status is read-only here:
state changes belong to the workflow module (``exhibits.workflow``), which checks role,
state and time. The same holds for the history's "revert": it restores content, never
the status nor the other workflow fields (see ``ExhibitAdmin.keep_workflow_state``).

The review (issue 4, curators' side) lives on the exhibit's pages:

- the changelist is the review queue: the "waiting" filter and column, the longest-waiting
  first when filtering by a waiting status, a "Review queue" shortcut, and the bulk action
  "Publish selected approved exhibits";
- the change page shows the workflow buttons the curator may use now (exactly
  ``available_transitions``), the comment thread with a form to answer, and the status
  history. Each button leads to ``<pk>/transition/<action>/``: a GET shows a confirmation
  page (asking for the message where the transition needs one), a POST performs the
  transition through ``exhibit_transition`` with the version the curator saw.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ORDER_VAR
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX
from modeltranslation.admin import TranslationStackedInline, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from awards.models import Recognition
from departments.models import Department
from exhibits import admin_revisions  # noqa: F401  (registers the revisions' admin)
from exhibits import rules as exhibit_rules
from exhibits.admin_review import (
    CommentForm,
    TransitionForm,
    WaitingListFilter,
    refusal_text,
    transition_done_text,
    transition_impossible_text,
    waiting_text,
)
from exhibits.content import EXHIBIT_TEXT_COLUMNS, MAX_IMAGES, MAX_LINKS, TOO_LONG
from exhibits.forms import ExhibitImageForm, ExhibitImageInlineFormSet, ExhibitLinkInlineFormSet
from exhibits.models import DemoSession, Exhibit, ExhibitImage, ExhibitLink, Technology
from exhibits.resources import ExhibitResource
from exhibits.review_selectors import (
    REVIEW_QUEUE_STATUSES,
    WAITING_STATUSES,
    exhibit_history,
    exhibit_status_changes,
    exhibit_thread,
    review_queue,
    waiting_since,
)
from exhibits.revisions import open_revision
from exhibits.services import check_partners, exhibit_comment_add, exhibit_image_delete
from exhibits.workflow import TRANSITIONS, WorkflowError, available_transitions, exhibit_transition
from pavilion.admin import (
    URL_FIELDS,
    PavilionTranslationAdmin,
    ZoneListFilter,
    booth_label,
    every_language,
    freeze_choices,
    language_fieldset,
    zone_label,
)
from pavilion.admin_links import carry_forward_to_edition, exhibit_tools
from pavilion.models import Booth, Edition, Zone
from pavilion.resources import HeaderLabelsExportForm

# Fields only the workflow (or the model itself) may change. The admin's saves, reverts
# included, always keep the values the database holds.
WORKFLOW_FIELDS = (
    "edition_id",
    "status",
    "status_changed_at",
    "submitted_at",
    "published_at",
    "version",
    "created_by_id",
    "created_at",
)
THUMBNAIL_WIDTH = 64


def smallest_rendition(image: ExhibitImage) -> str | None:
    """The storage name of an image's smallest rendition, read from its JSON alone.

    ``renditions`` is {"320": {"webp": name, "jpeg": name}, …} (exhibits.images). Never
    opens a file nor queries: the changelist shows one per row.
    """
    widths = sorted(int(width) for width in image.renditions or {})
    for width in widths:
        formats = image.renditions[str(width)]
        name = formats.get("webp") or formats.get("jpeg")
        if name:
            return name
    return None


def thumbnail_html(image: ExhibitImage | None, *, width: int = THUMBNAIL_WIDTH) -> str:
    """An <img> of the image's smallest rendition, scaled to ``width`` px, or a dash."""
    name = smallest_rendition(image) if image is not None else None
    if name is None:
        return "—"
    height = round(width * image.height / image.width) if image.width else width
    return format_html(
        '<img src="{}" alt="{}" width="{}" height="{}" loading="lazy">',
        image.image.storage.url(name),
        image.alt_text,
        width,
        height,
    )


@admin.register(Technology)
class TechnologyAdmin(PavilionTranslationAdmin):
    list_display = (
        "name_en",
        "name_zh_hant",
        "name_zh_hans",
        "slug",
        "is_key_area",
        "order",
        "exhibit_count",
    )
    list_display_links = ("name_en",)
    list_editable = ("is_key_area", "order")
    list_filter = ("is_key_area",)
    search_fields = ("slug", *every_language("name"))
    fieldsets = (
        (None, {"fields": (("slug", "is_key_area", "order"),)}),
        language_fieldset(_("Name"), "name"),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(exhibits_total=Count("exhibits"))

    @admin.display(description=_("exhibits"), ordering="exhibits_total")
    def exhibit_count(self, obj: Technology) -> int:
        return obj.exhibits_total


class ExhibitImageInline(TranslationStackedInline):
    """Images go through the one image pipeline: the form's ``upload`` field and service."""

    model = ExhibitImage
    form = ExhibitImageForm
    formset = ExhibitImageInlineFormSet  # deleting a row deletes its files, on commit
    extra = 0
    max_num = MAX_IMAGES
    fieldsets = (
        (None, {"fields": (("preview", "upload"),)}),
        language_fieldset(_("Description"), "alt_text", "caption"),
        (None, {"fields": (("credit", "order"),)}),
    )
    readonly_fields = ("preview",)

    @admin.display(description=_("preview"))
    def preview(self, obj: ExhibitImage) -> str:
        return thumbnail_html(obj if obj.pk else None, width=160)


class ExhibitLinkInline(TranslationTabularInline):
    model = ExhibitLink
    # A plain box: the admin's URL widget adds a "Currently: …" link, too wide for a table.
    formfield_overrides = {
        models.URLField: {**URL_FIELDS[models.URLField], "widget": forms.URLInput}
    }
    formset = ExhibitLinkInlineFormSet
    extra = 0
    max_num = MAX_LINKS
    fields = ("url", *every_language("label"), "order")


class RecognitionInline(TranslationTabularInline):
    model = Recognition
    extra = 0
    fields = ("award", "year", *every_language("title"))

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        freeze_choices(formset.form, "award")
        return formset

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("award")


class DemoSessionInline(TranslationTabularInline):
    """Demonstrations on the exhibit's page: times within the fair (Hong Kong time)."""

    model = DemoSession
    extra = 0
    fields = (
        "starts_at",
        "ends_at",
        *(
            f"{field}_{code}"
            for field in ("title", "note")
            for code in ("en", "zh_hant", "zh_hans")
        ),
    )
    ordering = ("starts_at", "id")


class DepartmentListFilter(admin.SimpleListFilter):
    """Exhibits a department leads or partners in: curators ask "what does X show?"."""

    title = _("department (lead or partner)")
    parameter_name = "department"

    def lookups(self, request, model_admin):
        return [(str(d.pk), d.name) for d in Department.objects.order_by("name_en")]

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        if not value.isdigit():
            return queryset.none()
        partner_of = Exhibit.partner_departments.through.objects.filter(department_id=value)
        # A subquery, not a join: a join on partners would repeat rows.
        return queryset.filter(
            Q(lead_department_id=value) | Q(pk__in=partner_of.values("exhibit_id"))
        )


class ExhibitAdminForm(forms.ModelForm):
    """Refuses a save based on a version of the exhibit older than the one stored."""

    based_on_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["based_on_version"].initial = self.instance.version
        for column in EXHIBIT_TEXT_COLUMNS:
            if column in self.fields:
                # The same sentence as the portal and the API (exhibits.content).
                self.fields[column].error_messages["max_length"] = TOO_LONG

    def _get_validation_exclusions(self):
        # The edition (read-only once created) and the status (never in this form) take
        # part in the model's constraints — one slug per edition, a published exhibit has
        # a zone. Django skips constraints on fields outside the form, which would turn
        # those refusals into database errors; validate them with the stored values.
        exclude = super()._get_validation_exclusions()
        return exclude - {name for name in ("edition", "status") if name not in self.fields}

    def clean(self):
        cleaned = super().clean()
        lead, partners = cleaned.get("lead_department"), cleaned.get("partner_departments")
        if lead is not None and partners is not None:
            errors: dict = {}
            check_partners(lead.pk, partners, errors)
            for field, messages in errors.items():
                self.add_error(field, messages)
        based_on = cleaned.get("based_on_version")
        if self.instance.pk and based_on is not None:
            stored = (
                Exhibit.objects.filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            if stored != based_on:
                raise forms.ValidationError(
                    _(
                        "Someone changed this exhibit while you were editing it (it is now at "
                        "version %(stored)s, you started from version %(based_on)s). Open it "
                        "again to see their changes, then make yours."
                    ),
                    code="stale_version",
                    params={"stored": stored, "based_on": based_on},
                )
        return cleaned


@admin.register(Exhibit)
class ExhibitAdmin(ImportExportMixin, SimpleHistoryAdmin, PavilionTranslationAdmin):
    form = ExhibitAdminForm
    # Export (the list's filters applied) and import of drafts: exhibits/resources.py. The
    # review queue's list template stays the base of import-export's.
    resource_classes = [ExhibitResource]
    export_form_class = HeaderLabelsExportForm
    formats = [CSV, XLSX]
    change_list_template = "admin/exhibits/exhibit/change_list.html"
    list_display = (
        "thumbnail",
        "title_en",
        "title_zh_hant",
        # Where the review stands comes first: the list doubles as the review queue.
        "status",
        "waiting_for",
        "lead_department_name",
        "edition_slug",
        "zone",
        "booth",
        "featured",
        "updated_at",
    )
    list_display_links = ("title_en",)
    list_editable = ("zone", "featured")
    list_filter = (
        "edition",
        ("zone", ZoneListFilter),
        DepartmentListFilter,
        "status",
        WaitingListFilter,
        ("recognitions__award", admin.RelatedFieldListFilter),
        "featured",
        "technologies",
    )
    search_fields = (
        "slug",
        "booth__code",
        "lead_department__abbreviation",
        *every_language("title", "summary", "lead_department__name", "partner_departments__name"),
    )
    date_hierarchy = "created_at"
    list_per_page = 50
    autocomplete_fields = ("lead_department", "partner_departments", "technologies", "previous")
    readonly_fields = (
        "status",
        "version",
        "proposed_zone",
        "created_by",
        "created_at",
        "updated_at",
        "submitted_at",
        "status_changed_at",
        "published_at",
        exhibit_tools,
    )
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "based_on_version",
                    ("edition", "slug"),
                    "lead_department",
                    "partner_departments",
                    "previous",
                )
            },
        ),
        language_fieldset(_("Title and summary"), "title", "summary"),
        language_fieldset(_("Description and demonstration"), "description", "demo_notes"),
        (
            _("Place at the pavilion"),
            {
                "fields": (
                    ("proposed_zone", "zone", "booth"),
                    "featured",
                    "technologies",
                    exhibit_tools,
                )
            },
        ),
        (
            _("Workflow (changed only through the review workflow)"),
            {
                "fields": (
                    ("status", "version"),
                    ("submitted_at", "status_changed_at", "published_at"),
                    ("created_by", "created_at", "updated_at"),
                )
            },
        ),
    )
    inlines = (ExhibitImageInline, ExhibitLinkInline, RecognitionInline, DemoSessionInline)
    history_list_display = ("status",)
    actions = ("publish_selected", carry_forward_to_edition)

    class Media:
        # Added to PavilionTranslationAdmin's stylesheet (Media extends by default).
        css = {"all": ("exhibits/admin-review.css",)}

    # -- lists --------------------------------------------------------------------------

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("edition", "zone__edition", "booth", "lead_department")
            .prefetch_related(
                Prefetch("images", queryset=ExhibitImage.objects.order_by("order", "id"))
            )
            .annotate(waiting_since=waiting_since())
        )

    def get_ordering(self, request):
        # Filtering by a waiting status (or by waiting time) makes the list a queue: the
        # longest-waiting first, unless the curator sorts by a column.
        if ORDER_VAR not in request.GET and self.filters_a_queue(request):
            # The expression, not the annotation's name: ModelAdmin.get_queryset orders
            # before this class annotates.
            return (waiting_since().asc(), "pk")
        return super().get_ordering(request)

    @staticmethod
    def filters_a_queue(request) -> bool:
        if request.GET.get(WaitingListFilter.parameter_name):
            return True
        statuses = request.GET.get("status__exact") or request.GET.get("status__in") or ""
        chosen = {status for status in statuses.split(",") if status}
        return bool(chosen) and chosen <= set(WAITING_STATUSES)

    def get_changelist_formset(self, request, **kwargs):
        formset = super().get_changelist_formset(request, **kwargs)
        zone = formset.form.base_fields["zone"]
        # A plain select in the list: the add/change/delete-zone icons would crowd each row.
        zone.widget = getattr(zone.widget, "widget", zone.widget)
        freeze_choices(formset.form, "zone")
        return formset

    @admin.display(description=_("image"))
    def thumbnail(self, obj: Exhibit) -> str:
        images = obj.images.all()  # prefetched, in display order
        return thumbnail_html(images[0] if images else None)

    @admin.display(description=_("lead department"), ordering="lead_department__name_en")
    def lead_department_name(self, obj: Exhibit) -> str:
        department = obj.lead_department
        return department.abbreviation or department.name

    @admin.display(description=_("edition"), ordering="edition__starts_on")
    def edition_slug(self, obj: Exhibit) -> str:
        return obj.edition.slug

    @admin.display(description=_("waiting for"), ordering="waiting_since")
    def waiting_for(self, obj: Exhibit) -> str:
        return waiting_text(obj) or "—"

    @admin.action(description=_("Publish selected approved exhibits"), permissions=["change"])
    def publish_selected(self, request, queryset):
        """Publish each exhibit through the workflow; report the published and the refused.

        ``exhibit_transition`` runs in its own transaction per exhibit, so one refusal
        (not approved, no zone) leaves the others published.
        """
        published, refused = [], []
        for exhibit in queryset.order_by("title_en", "pk"):
            try:
                exhibit_transition(exhibit=exhibit, action="publish", user=request.user)
            except WorkflowError as error:
                refused.append((exhibit, error))
            else:
                published.append(exhibit)
        if published:
            self.message_user(
                request,
                gettext("Published %(count)d exhibit(s): %(titles)s.")
                % {"count": len(published), "titles": ", ".join(e.title for e in published)},
                messages.SUCCESS,
            )
        for exhibit, error in refused:
            self.message_user(
                request,
                gettext("Not published: “%(title)s” — %(reason)s")
                % {"title": exhibit.title, "reason": refusal_text(error)},
                messages.WARNING,
            )

    # -- forms --------------------------------------------------------------------------

    def view_on_site(self, obj: Exhibit) -> str | None:
        """ "View on site" for a published exhibit only: the public sees nothing else (404)."""
        if obj.status != Exhibit.Status.PUBLISHED:
            return None
        return obj.get_absolute_url()

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        if "edition" not in initial:
            current = Edition.objects.current()
            if current is not None:
                initial["edition"] = current.pk
        return initial

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            # An exhibit stays in its edition; its zones and booths are that edition's.
            readonly.append("edition")
            if obj.published_at is not None:
                # QR codes printed at the booth carry the slug.
                readonly.append("slug")
        return readonly

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None and getattr(obj, "_history", None) is not None:
            # The revert form: show (and later save) today's workflow state, not the old one.
            self.keep_workflow_state(obj)
        # formfield_for_foreignkey scopes zones and booths to the exhibit's edition.
        request._pavilion_exhibit = obj
        return super().get_form(request, obj, change=change, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        exhibit = getattr(request, "_pavilion_exhibit", None)
        edition_id = exhibit.edition_id if exhibit is not None else None
        if db_field.name in ("zone", "proposed_zone"):
            zones = Zone.objects.select_related("edition").order_by(
                "-edition__starts_on", "order", "slug"
            )
            kwargs["queryset"] = zones.filter(edition_id=edition_id) if edition_id else zones
        elif db_field.name == "booth":
            booths = Booth.objects.select_related("edition", "zone").order_by(
                "-edition__starts_on", "zone__order", "code"
            )
            if edition_id:
                booths = booths.filter(edition_id=edition_id)
            # Free booths, and the exhibit's own.
            taken = Q(exhibit__isnull=False)
            if exhibit is not None and exhibit.pk:
                taken &= ~Q(exhibit=exhibit.pk)
            kwargs["queryset"] = booths.exclude(taken)
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name in ("zone", "proposed_zone"):
            field.label_from_instance = zone_label
        elif db_field.name == "booth":
            field.label_from_instance = booth_label
        return field

    def keep_workflow_state(self, obj: Exhibit, *, lock: bool = False) -> None:
        """Give ``obj`` the workflow fields the database holds now.

        A revert builds the form on the historical instance, whose status, version and
        dates are the old ones; saving it would silently move the exhibit back in the
        workflow. Called before the revert form is built, and inside every save.
        """
        if obj.pk is None:
            return
        # No default ordering: it joins the zone, and PostgreSQL refuses FOR UPDATE there.
        rows = Exhibit.objects.order_by()
        if lock:
            rows = rows.select_for_update()
        stored = rows.filter(pk=obj.pk).values(*WORKFLOW_FIELDS, "slug").first()
        if stored is None:
            return
        for attname in WORKFLOW_FIELDS:
            setattr(obj, attname, stored[attname])
        if stored["published_at"] is not None:
            obj.slug = stored["slug"]

    # -- review: the change page's workflow panel, thread and status history ------------

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        review = [
            path(
                "<path:object_id>/transition/<slug:action>/",
                self.admin_site.admin_view(self.transition_view),
                name="{}_{}_transition".format(*info),
            ),
            path(
                "review-queue/",
                self.admin_site.admin_view(self.review_queue_view),
                name="{}_{}_review_queue".format(*info),
            ),
            path(
                "<path:object_id>/comment/",
                self.admin_site.admin_view(self.comment_view),
                name="{}_{}_comment".format(*info),
            ),
        ]
        # Before the default URLs: their "<path:object_id>/" catch-all would take these.
        return review + super().get_urls()

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None:
            context["review"] = self.review_context(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def review_context(self, request, obj: Exhibit, *, comment_form: CommentForm | None = None):
        """What the change page shows of the review: buttons, thread, status changes."""
        can_change = self.has_change_permission(request, obj)
        transitions = available_transitions(obj, request.user) if can_change else []
        # Only curators write as the pavilion team (the service decides by the same rule).
        can_comment = can_change and exhibit_rules.is_curator(request.user)
        return {
            "status": obj.get_status_display(),
            "version": obj.version,
            "waiting": waiting_text(obj),
            "transitions": [
                {
                    "name": t.name,
                    "label": t.label,
                    "needs_message": t.needs_message,
                    "url": self.transition_url(obj, t.name),
                }
                for t in transitions
            ],
            "comments": list(exhibit_thread(exhibit=obj)),
            "comment_form": (comment_form or CommentForm()) if can_comment else None,
            "comment_url": reverse("admin:exhibits_exhibit_comment", args=[obj.pk]),
            "status_changes": exhibit_status_changes(exhibit=obj),
            # Only a published exhibit takes revisions: no query for the others.
            "open_revision": open_revision(obj) if obj.status == Exhibit.Status.PUBLISHED else None,
            "history_url": reverse("admin:exhibits_exhibit_history", args=[obj.pk]),
        }

    # The history page: simple-history's list of records, after the exhibit's published
    # versions and the revisions proposed (the same reader as the portal's history page).
    object_history_template = "admin/exhibits/exhibit/object_history.html"

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        extra_context = dict(extra_context or {})
        if obj is not None:
            extra_context["exhibit_history"] = exhibit_history(exhibit=obj)
        return super().history_view(request, object_id, extra_context=extra_context)

    def review_queue_view(self, request):
        """Everything waiting for a curator's decision, the longest-waiting first:
        exhibits submitted or in review, and departments' submitted changes to published
        exhibits (``review_queue``)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        now = timezone.now()
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Review queue"),
            "subtitle": None,
            "opts": self.opts,
            "app_label": self.opts.app_label,
            "entries": review_queue(),
            "now": now,
            "waiting_filter_url": reverse("admin:exhibits_exhibit_changelist")
            + "?status__in="
            + ",".join(REVIEW_QUEUE_STATUSES),
            "media": self.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/exhibits/exhibit/review_queue.html", context)

    def transition_url(self, obj: Exhibit, action: str) -> str:
        return reverse("admin:exhibits_exhibit_transition", args=[obj.pk, action])

    def review_object(self, request, object_id: str) -> Exhibit:
        """The exhibit for a review view: 404 if unknown, 403 without the change right."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(gettext("No such exhibit."))
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def transition_view(self, request, object_id: str, action: str):
        """Confirm (GET) or perform (POST) one transition of the workflow.

        The POST carries the version the curator saw; the workflow refuses a stale one, a
        wrong state or role, or a missing zone, and each refusal comes back as an error
        message on the change page. A missing message re-renders this page with the error.
        """
        if request.method not in ("GET", "POST"):
            return HttpResponseNotAllowed(["GET", "POST"])
        obj = self.review_object(request, object_id)
        transition = TRANSITIONS.get(action)
        if transition is None:
            raise Http404(gettext("No such action."))
        change_url = reverse("admin:exhibits_exhibit_change", args=[obj.pk])

        if request.method == "POST":
            form = TransitionForm(request.POST, transition=transition)
            if form.is_valid():
                try:
                    exhibit = exhibit_transition(
                        exhibit=obj,
                        action=transition.name,
                        user=request.user,
                        message=form.cleaned_data.get("message", ""),
                        expected_version=form.cleaned_data["version"],
                    )
                except WorkflowError as error:
                    self.message_user(request, refusal_text(error), messages.ERROR)
                else:
                    zone_was_set = obj.zone_id is None and exhibit.zone_id is not None
                    self.message_user(
                        request,
                        transition_done_text(transition, exhibit, zone_was_set=zone_was_set),
                        messages.SUCCESS,
                    )
                return HttpResponseRedirect(change_url)
        else:
            if transition not in available_transitions(obj, request.user):
                self.message_user(
                    request, transition_impossible_text(transition, obj), messages.ERROR
                )
                return HttpResponseRedirect(change_url)
            seen = request.GET.get("version", "")
            form = TransitionForm(
                initial={"version": int(seen) if seen.isdigit() else obj.version},
                transition=transition,
            )

        context = {
            **self.admin_site.each_context(request),
            "title": gettext("%(action)s: %(title)s")
            % {"action": transition.label, "title": obj.title},
            "subtitle": None,
            "opts": self.opts,
            "app_label": self.opts.app_label,
            "original": obj,
            "transition": transition,
            "target_label": Exhibit.Status(transition.target).label,
            "form": form,
            "change_url": change_url,
            "media": self.media + form.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/exhibits/exhibit/transition_confirm.html", context)

    def comment_view(self, request, object_id: str):
        """Add a curator's comment to the exhibit's thread (POST only)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self.review_object(request, object_id)
        change_url = reverse("admin:exhibits_exhibit_change", args=[obj.pk])
        form = CommentForm(request.POST)
        if form.is_valid():
            try:
                exhibit_comment_add(exhibit=obj, user=request.user, body=form.cleaned_data["body"])
            except WorkflowError as error:
                self.message_user(request, refusal_text(error), messages.ERROR)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(request, gettext("Comment added."), messages.SUCCESS)
        else:
            self.message_user(
                request,
                " ".join(message for errors in form.errors.values() for message in errors),
                messages.ERROR,
            )
        return HttpResponseRedirect(change_url + "#review-thread")

    def delete_model(self, request, obj):
        # Images own files: delete them through the service, which removes the files
        # once the transaction commits; the cascade alone would leave them on disk.
        for image in obj.images.all():
            exhibit_image_delete(image=image)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for image in ExhibitImage.objects.filter(exhibit__in=queryset):
            exhibit_image_delete(image=image)
        super().delete_queryset(request, queryset)

    def save_model(self, request, obj, form, change):
        if change:
            # Locked, so two saves cannot both raise the version to the same number.
            self.keep_workflow_state(obj, lock=True)
            obj.version += 1
        else:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(ExhibitImage)
class ExhibitImageAdmin(PavilionTranslationAdmin):
    """Images on their own, e.g. to find those still missing a Chinese description."""

    form = ExhibitImageForm
    list_display = ("thumbnail", "alt_text_en", "alt_text_zh_hant", "exhibit", "order", "size")
    list_display_links = ("thumbnail", "alt_text_en")
    list_filter = ("exhibit__edition",)
    list_select_related = ("exhibit",)
    search_fields = (
        "exhibit__slug",
        "credit",
        *every_language("alt_text", "caption", "exhibit__title"),
    )
    autocomplete_fields = ("exhibit",)
    readonly_fields = ("preview", "size")
    fieldsets = (
        (None, {"fields": ("exhibit", ("preview", "size"), "upload")}),
        language_fieldset(_("Description"), "alt_text", "caption"),
        (None, {"fields": (("credit", "order"),)}),
    )

    @admin.display(description=_("image"))
    def thumbnail(self, obj: ExhibitImage) -> str:
        return thumbnail_html(obj)

    @admin.display(description=_("preview"))
    def preview(self, obj: ExhibitImage) -> str:
        return thumbnail_html(obj if obj.pk else None, width=320)

    @admin.display(description=_("size (pixels)"))
    def size(self, obj: ExhibitImage) -> str:
        return f"{obj.width} × {obj.height}" if obj.pk else "—"  # noqa: RUF001

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        # The service moves no image between exhibits (its files belong to the exhibit).
        return [*readonly, "exhibit"] if obj is not None else readonly

    # ExhibitImageForm writes the files and the row together, through the services: the
    # admin's usual save(commit=False) + obj.save() would bypass the image pipeline.
    def save_form(self, request, form, change):
        return form.save(commit=True)

    def save_model(self, request, obj, form, change):
        pass  # saved by save_form

    def save_related(self, request, form, formsets, change):
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def delete_model(self, request, obj):
        exhibit_image_delete(image=obj)

    def delete_queryset(self, request, queryset):
        for image in queryset:
            exhibit_image_delete(image=image)


@admin.register(ExhibitLink)
class ExhibitLinkAdmin(PavilionTranslationAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ("label_en", "label_zh_hant", "url", "exhibit", "order")
    list_display_links = ("label_en",)
    list_filter = ("exhibit__edition",)
    list_select_related = ("exhibit",)
    search_fields = ("url", "exhibit__slug", *every_language("label", "exhibit__title"))
    autocomplete_fields = ("exhibit",)
    fieldsets = (
        (None, {"fields": ("exhibit", ("url", "order"))}),
        language_fieldset(_("Label"), "label"),
    )

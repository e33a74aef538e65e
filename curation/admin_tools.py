"""Curators' tools beside the admin: booth signs, floor plans and the dashboard.

Included by ``pavilion.urls`` under ``/admin/tools/`` before the admin's own URLs. Every
view goes through ``admin.site.admin_view`` (signed-in staff, else the admin's sign-in
page) and then the shared ``is_curator`` predicate (staff outside the Curators group get
403, as in the admin itself). Views stay thin: reads in ``curation.selectors``, writes in
``curation.services``.
"""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlencode

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from curation import selectors, services
from curation.forms import BoothAssignForm, BoothReleaseForm, CarryForwardForm, EditionCopyForm
from curation.signs import sign_for
from exhibits import rules as exhibit_rules
from exhibits.models import Exhibit
from exhibits.workflow import WorkflowError
from pavilion.floor_layout import zone_layout
from pavilion.models import Edition
from pavilion.timezones import FAIR_TZ

app_name = "admin_tools"


def curator_view(view):
    """Staff sign-in through the admin, then curators only."""

    @wraps(view)
    def checked(request, *args, **kwargs):
        if not exhibit_rules.is_curator(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return admin.site.admin_view(checked)


def _zone(pk: int):
    zone = selectors.zone_by_pk(pk=pk)
    if zone is None:
        raise Http404("No such zone.")
    return zone


@require_safe
def exhibit_sign(request, pk: int):
    """One exhibit's A4 booth sign, ready to print."""
    exhibit = selectors.exhibit_for_sign(pk=pk)
    if exhibit is None:
        raise Http404("No such exhibit.")
    context = {
        "signs": [sign_for(exhibit)],
        "heading": f"Booth sign: {exhibit.title_en}",
        "back_url": reverse("admin:exhibits_exhibit_change", args=[exhibit.pk]),
    }
    return render(request, "pavilion/tools/signs.html", context)


@require_safe
def zone_signs(request, pk: int):
    """Every sign of a zone (approved and published exhibits) as one print job."""
    zone = _zone(pk)
    exhibits = selectors.zone_sign_exhibits(zone=zone)
    context = {
        "signs": [sign_for(exhibit) for exhibit in exhibits],
        "heading": f"Booth signs: {zone.name_en} ({zone.edition.slug})",
        "zone": zone,
        "back_url": reverse("admin:pavilion_zone_change", args=[zone.pk]),
    }
    return render(request, "pavilion/tools/signs.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def floor_plan(request, pk: int):
    """A zone's booths as a plan: who holds each one, which are free; assign and free them.

    POST ``action=assign`` (booth, exhibit) or ``action=release`` (booth). A refusal from
    the service (a booth already held, another zone) is shown above the plan with 409 and
    changes nothing; malformed input is 400.
    """
    zone = _zone(pk)
    errors: list[str] = []
    status = 200
    assign_form = BoothAssignForm(zone=zone)
    if request.method == "POST":
        action = request.POST.get("action")
        form_class = {"assign": BoothAssignForm, "release": BoothReleaseForm}.get(action)
        form = form_class(request.POST, zone=zone) if form_class else None
        if form is None or not form.is_valid():
            status = 400
            errors = [
                f"{field}: {' '.join(messages_)}" if field != "__all__" else " ".join(messages_)
                for field, messages_ in (form.errors.items() if form else [])
            ] or ["Choose what to do: assign or free a booth."]
            if action == "assign" and form is not None:
                assign_form = form
        else:
            try:
                if action == "assign":
                    exhibit = services.booth_assign(
                        booth=form.cleaned_data["booth"],
                        exhibit=form.cleaned_data["exhibit"],
                        user=request.user,
                    )
                    done = (
                        f"Booth {form.cleaned_data['booth'].code} now holds “{exhibit.title_en}”."
                    )
                else:
                    services.booth_release(booth=form.cleaned_data["booth"], user=request.user)
                    done = f"Booth {form.cleaned_data['booth'].code} is free."
            except WorkflowError as refusal:
                status = refusal.status
                errors = [str(refusal.message)]
                if action == "assign":
                    assign_form = form
            else:
                messages.success(request, done)
                return redirect("admin_tools:floor_plan", pk=zone.pk)
    # The same layout as the public floor plan: booths in natural code order, in rows.
    layout = zone_layout(zone, selectors.zone_booths(zone=zone))
    for spot in layout.spots:
        if spot.holder is not None:
            spot.url = reverse("admin:exhibits_exhibit_change", args=[spot.holder.pk])
    booths = [spot.booth for spot in layout.spots]
    context = {
        **admin.site.each_context(request),
        "title": f"Floor plan: {zone.name_en}",
        "zone": zone,
        "layout": layout,
        "booths": booths,
        "free_count": sum(1 for booth in booths if booth.holder is None),
        "waiting": selectors.zone_exhibits_without_booth(zone=zone),
        "assign_form": assign_form,
        "errors": errors,
    }
    return render(request, "pavilion/tools/floor_plan.html", context, status=status)


@require_safe
def dashboard(request):
    """The curators' dashboard on a page of its own (the admin's index shows it too)."""
    return render(
        request,
        "pavilion/tools/dashboard.html",
        {**admin.site.each_context(request), "title": "Dashboard"},
    )


def _next_year(value):
    """The same day (and time) a year later; 29 February becomes 28 February."""
    try:
        return value.replace(year=value.year + 1)
    except ValueError:
        return value.replace(year=value.year + 1, day=28)


@require_http_methods(["GET", "HEAD", "POST"])
def edition_copy(request, pk: int):
    """Next year's edition from this one: zones and booths copied (``edition_copy``)."""
    source = Edition.objects.filter(pk=pk).first()
    if source is None:
        raise Http404("No such edition.")
    status = 200
    # The form reads and shows times on the fair's clock, whatever TIME_ZONE says.
    with timezone.override(FAIR_TZ):
        if request.method == "POST":
            form = EditionCopyForm(request.POST)
            if form.is_valid():
                try:
                    edition = services.edition_copy(
                        source=source, user=request.user, **form.cleaned_data
                    )
                except ValidationError as error:
                    for field, problems in error.message_dict.items():
                        form.add_error(field if field in form.fields else None, problems)
                except WorkflowError as refusal:
                    form.add_error(None, str(refusal.message))
                else:
                    messages.success(
                        request,
                        f"Created {edition.slug} with {edition.zones.count()} zones and "
                        f"{edition.booths.count()} booths. Carry exhibits forward from the "
                        "exhibit list (action “Carry forward to edition…”).",
                    )
                    return redirect("admin:pavilion_edition_change", edition.pk)
            status = 400
        else:
            year = str(source.starts_on.year)
            form = EditionCopyForm(
                initial={
                    "slug": source.slug.replace(year, str(source.starts_on.year + 1)),
                    "starts_on": _next_year(source.starts_on),
                    "ends_on": _next_year(source.ends_on),
                    "submission_opens_at": _next_year(
                        source.submission_opens_at.astimezone(FAIR_TZ)
                    ).strftime("%Y-%m-%d %H:%M"),
                    "submission_closes_at": _next_year(
                        source.submission_closes_at.astimezone(FAIR_TZ)
                    ).strftime("%Y-%m-%d %H:%M"),
                }
            )
        context = {
            **admin.site.each_context(request),
            "title": f"Copy {source.slug} to a new edition",
            "source": source,
            "form": form,
            "zone_count": source.zones.count(),
            "booth_count": source.booths.count(),
        }
        return render(request, "pavilion/tools/edition_copy.html", context, status=status)


def _ids(raw: str) -> list[int] | None:
    parts = [part for part in (raw or "").split(",") if part]
    if not parts or not all(part.isdigit() for part in parts):
        return None
    return sorted({int(part) for part in parts})


@require_http_methods(["GET", "HEAD", "POST"])
def carry_forward(request):
    """Chosen exhibits into another edition as drafts (``exhibits_carry_forward``)."""
    data = request.POST if request.method == "POST" else request.GET
    ids = _ids(data.get("ids", ""))
    exhibits = (
        list(
            Exhibit.objects.filter(pk__in=ids)
            .select_related("edition", "lead_department")
            .order_by("title_en", "pk")
        )
        if ids
        else []
    )
    status = 200
    errors: list[str] = []
    if not exhibits or len(exhibits) != len(ids):
        status = 400
        errors = ["Choose exhibits in the exhibit list first, then this action."]
        form = CarryForwardForm(exclude_editions=())
    else:
        editions = {exhibit.edition_id for exhibit in exhibits}
        form = CarryForwardForm(
            request.POST if request.method == "POST" else None, exclude_editions=editions
        )
        if request.method == "POST":
            if form.is_valid():
                try:
                    drafts = services.exhibits_carry_forward(
                        exhibits=exhibits, edition=form.cleaned_data["edition"], user=request.user
                    )
                except WorkflowError as refusal:
                    status = refusal.status
                    errors = [str(refusal.message)]
                else:
                    edition = form.cleaned_data["edition"]
                    messages.success(
                        request,
                        f"Carried {len(drafts)} exhibit(s) forward into {edition.slug} as "
                        "drafts for their departments.",
                    )
                    changelist = reverse("admin:exhibits_exhibit_changelist")
                    new_ids = ",".join(str(draft.pk) for draft in drafts)
                    return redirect(f"{changelist}?{urlencode({'id__in': new_ids})}")
            else:
                status = 400
    context = {
        **admin.site.each_context(request),
        "title": "Carry exhibits forward to another edition",
        "exhibits": exhibits,
        "ids": ",".join(str(pk) for pk in ids or []),
        "form": form,
        "errors": errors,
    }
    return render(request, "pavilion/tools/carry_forward.html", context, status=status)


urlpatterns = [
    path("signs/exhibit/<int:pk>/", curator_view(exhibit_sign), name="exhibit_sign"),
    path("signs/zone/<int:pk>/", curator_view(zone_signs), name="zone_signs"),
    path("floor-plan/zone/<int:pk>/", curator_view(floor_plan), name="floor_plan"),
    path("dashboard/", curator_view(dashboard), name="dashboard"),
    path("editions/<int:pk>/copy/", curator_view(edition_copy), name="edition_copy"),
    path("carry-forward/", curator_view(carry_forward), name="carry_forward"),
]

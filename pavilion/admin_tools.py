"""Curators' tools beside the admin: booth signs, floor plans and the dashboard.

Included by ``pavilion.urls`` under ``/admin/tools/`` before the admin's own URLs. Every
view goes through ``admin.site.admin_view`` (signed-in staff, else the admin's sign-in
page) and then the shared ``is_curator`` predicate (staff outside the Curators group get
403, as in the admin itself). Views stay thin: reads in ``pavilion.selectors``, writes in
``pavilion.services``.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods, require_safe

from exhibits import rules as exhibit_rules
from exhibits.workflow import WorkflowError
from pavilion import selectors, services
from pavilion.forms import BoothAssignForm, BoothReleaseForm
from pavilion.signs import sign_for

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
    booths = selectors.zone_booths(zone=zone)
    context = {
        **admin.site.each_context(request),
        "title": f"Floor plan: {zone.name_en}",
        "zone": zone,
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


urlpatterns = [
    path("signs/exhibit/<int:pk>/", curator_view(exhibit_sign), name="exhibit_sign"),
    path("signs/zone/<int:pk>/", curator_view(zone_signs), name="zone_signs"),
    path("floor-plan/zone/<int:pk>/", curator_view(floor_plan), name="floor_plan"),
    path("dashboard/", curator_view(dashboard), name="dashboard"),
]

"""Curators' tools beside the admin: booth signs, floor plans and the dashboard.

Included by ``pavilion.urls`` under ``/admin/tools/`` before the admin's own URLs. Every
view goes through ``admin.site.admin_view`` (signed-in staff, else the admin's sign-in
page) and then the shared ``is_curator`` predicate (staff outside the Curators group get
403, as in the admin itself). Views stay thin: reads in ``pavilion.selectors``, writes in
``pavilion.services``.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import path, reverse
from django.views.decorators.http import require_safe

from exhibits import rules as exhibit_rules
from pavilion import selectors
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


urlpatterns = [
    path("signs/exhibit/<int:pk>/", curator_view(exhibit_sign), name="exhibit_sign"),
    path("signs/zone/<int:pk>/", curator_view(zone_signs), name="zone_signs"),
]

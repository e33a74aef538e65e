"""What the curators' tools add to the admin's own pages: links and actions.

Kept in one place so the model admins only name them (a line each): the Zone admin links
its floor plan and signs, the Exhibit admin its sign and the "carry forward" action; the
Edition admin its "copy" action. The tools themselves live in ``curation.admin_tools``;
these reach them by URL name only (``admin_tools:…``), so pavilion imports no other app.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html

from pavilion.models import Zone


@admin.display(description="Curators' tools")
def zone_tools(obj: Zone) -> str:
    if obj is None or obj.pk is None:
        return "—"
    return format_html(
        '<a href="{}">Floor plan</a> · <a href="{}">Booth signs</a>',
        reverse("admin_tools:floor_plan", args=[obj.pk]),
        reverse("admin_tools:zone_signs", args=[obj.pk]),
    )


@admin.display(description="Curators' tools")
def exhibit_tools(obj) -> str:
    if obj is None or obj.pk is None:
        return "—"
    sign = format_html(
        '<a href="{}">Booth sign (A4)</a>', reverse("admin_tools:exhibit_sign", args=[obj.pk])
    )
    if not obj.zone_id:
        return sign
    return format_html(
        '{} · <a href="{}">Floor plan of its zone</a>',
        sign,
        reverse("admin_tools:floor_plan", args=[obj.zone_id]),
    )


@admin.action(description="Carry forward to edition…", permissions=["add"])
def carry_forward_to_edition(modeladmin, request, queryset):
    """Ask which edition the chosen exhibits go to (``admin_tools.carry_forward``)."""
    ids = ",".join(str(pk) for pk in queryset.order_by("pk").values_list("pk", flat=True))
    return redirect(f"{reverse('admin_tools:carry_forward')}?{urlencode({'ids': ids})}")


@admin.action(description="Copy to a new edition (zones and booths)…", permissions=["add"])
def copy_to_new_edition(modeladmin, request, queryset):
    """Open the copy form for the one edition chosen (``admin_tools.edition_copy``)."""
    chosen = list(queryset.values_list("pk", flat=True)[:2])
    if len(chosen) != 1:
        modeladmin.message_user(request, "Choose exactly one edition to copy.", messages.WARNING)
        return None
    return redirect("admin_tools:edition_copy", pk=chosen[0])

"""Forms of the curators' tools (the floor plan)."""

from __future__ import annotations

from django import forms

from curation.services import NO_BOOTH_STATUSES
from exhibits.models import Exhibit
from pavilion.models import Booth, Zone


class BoothAssignForm(forms.Form):
    """Choose a booth of the zone and an exhibit of the zone. Whether the booth is free is
    the service's rule (``booth_assign``), so a taken booth is offered and then refused
    with a message naming its holder, rather than silently hidden."""

    booth = forms.ModelChoiceField(queryset=Booth.objects.none(), label="Booth")
    exhibit = forms.ModelChoiceField(queryset=Exhibit.objects.none(), label="Exhibit")

    def __init__(self, *args, zone: Zone, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["booth"].queryset = (
            Booth.objects.filter(zone=zone).select_related("exhibit").order_by("code")
        )
        self.fields["booth"].label_from_instance = _booth_label
        self.fields["exhibit"].queryset = (
            Exhibit.objects.filter(zone=zone)
            .exclude(status__in=NO_BOOTH_STATUSES)
            .order_by("title_en", "pk")
        )
        self.fields["exhibit"].label_from_instance = lambda e: e.title_en


class BoothReleaseForm(forms.Form):
    booth = forms.ModelChoiceField(queryset=Booth.objects.none())

    def __init__(self, *args, zone: Zone, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["booth"].queryset = Booth.objects.filter(zone=zone)


def _booth_label(booth: Booth) -> str:
    try:
        return f"{booth.code} (held by {booth.exhibit.title_en})"
    except Exhibit.DoesNotExist:
        return f"{booth.code} (free)"


class EditionCopyForm(forms.Form):
    """Next year's edition: its slug, days and submission window (Hong Kong time)."""

    slug = forms.SlugField(max_length=60, help_text="For example innoex-2026.")
    starts_on = forms.DateField(label="First day", help_text="YYYY-MM-DD")
    ends_on = forms.DateField(label="Last day", help_text="YYYY-MM-DD")
    submission_opens_at = forms.DateTimeField(
        label="Submissions open", help_text="YYYY-MM-DD HH:MM, Hong Kong time"
    )
    submission_closes_at = forms.DateTimeField(
        label="Submissions close", help_text="YYYY-MM-DD HH:MM, Hong Kong time"
    )


class CarryForwardForm(forms.Form):
    """Where the chosen exhibits go: an edition other than theirs."""

    edition = forms.ModelChoiceField(queryset=None, label="Into edition")

    def __init__(self, *args, exclude_editions=(), **kwargs):
        super().__init__(*args, **kwargs)
        from pavilion.models import Edition

        self.fields["edition"].queryset = Edition.objects.exclude(
            pk__in=list(exclude_editions)
        ).order_by("-starts_on")

"""The curators' review in the back-office: the waiting filter, the forms of the review pages
and how a workflow refusal reads in an admin message.

``exhibits.admin.ExhibitAdmin`` wires these into its pages; every change of status still
goes through ``exhibits.workflow.exhibit_transition`` and every comment through
``exhibits.services.exhibit_comment_add``.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from exhibits.models import Exhibit, ExhibitComment
from exhibits.review_selectors import WAITING_STATUSES
from exhibits.workflow import Transition, WorkflowError
from pavilion.i18n import join_list

#: (parameter value, label, at least, less than) — how long an exhibit has waited.
WAITING_RANGES = (
    ("lt2", _("less than 2 days"), None, dt.timedelta(days=2)),
    ("2to7", _("2 to 7 days"), dt.timedelta(days=2), dt.timedelta(days=7)),
    ("gt7", _("more than 7 days"), dt.timedelta(days=7), None),
)


class WaitingListFilter(admin.SimpleListFilter):
    """Exhibits waiting (submitted, in review, changes requested) for so long.

    Reads the ``waiting_since`` annotation ``ExhibitAdmin.get_queryset`` adds, so it
    costs no query of its own.
    """

    title = _("waiting")
    parameter_name = "waiting"

    def lookups(self, request, model_admin):
        return [(value, label) for value, label, _least, _most in WAITING_RANGES]

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        ranges = {value: (least, most) for value, _label, least, most in WAITING_RANGES}
        if value not in ranges:
            return queryset.none()
        least, most = ranges[value]
        now = timezone.now()
        queryset = queryset.filter(status__in=WAITING_STATUSES)
        if least is not None:
            queryset = queryset.filter(waiting_since__lte=now - least)
        if most is not None:
            queryset = queryset.filter(waiting_since__gt=now - most)
        return queryset


def waiting_text(exhibit: Exhibit, *, now: dt.datetime | None = None) -> str:
    """ "3 days" for an exhibit that has waited so long in a waiting status, else ""."""
    since = getattr(exhibit, "waiting_since", None)
    if exhibit.status not in WAITING_STATUSES or since is None:
        return ""
    return timesince(since, now or timezone.now(), depth=1)


#: What the curator reads once a transition is done, one sentence per transition.
TRANSITION_DONE = {
    "submit": _("“%(title)s” is submitted."),
    "start_review": _("Review started for “%(title)s”."),
    "request_changes": _("Changes requested for “%(title)s”: the department is told."),
    "resubmit": _("“%(title)s” is submitted again."),
    "decline": _("“%(title)s” is declined: the department is told."),
    "approve": _("“%(title)s” is approved."),
    "publish": _("“%(title)s” is published."),
    "unpublish": _("“%(title)s” is unpublished: the public no longer sees it."),
    "withdraw": _("“%(title)s” is withdrawn."),
    "reopen": _("“%(title)s” is reopened as a draft."),
}


def transition_done_text(transition: Transition, exhibit: Exhibit, *, zone_was_set: bool) -> str:
    """The success message after ``transition``: a sentence naming the exhibit, and on
    approval the zone it was placed in when approval took the department's proposal."""
    text = str(TRANSITION_DONE[transition.name]) % {"title": exhibit.title}
    if zone_was_set:
        text += " " + gettext("Its zone is %(zone)s, as its department proposed.") % {
            "zone": exhibit.zone.name
        }
    return text


def transition_impossible_text(transition: Transition, exhibit: Exhibit) -> str:
    """Why a workflow button cannot be used in the exhibit's status now."""
    return gettext("“%(action)s” is not possible while the exhibit is “%(status)s”.") % {
        "action": transition.label,
        "status": exhibit.get_status_display(),
    }


def refusal_text(error: WorkflowError) -> str:
    """A workflow refusal as one sentence for an admin message, missing fields listed."""
    text = str(error.message)
    if error.missing:
        text += " " + gettext("Missing: %(fields)s.") % {"fields": join_list(error.missing)}
    return text


class TransitionForm(forms.Form):
    """Confirms one transition: the version the curator saw and, where needed, a message."""

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    message = forms.CharField(
        label=_("Message to the department"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6, "cols": 80}),
    )

    def __init__(self, *args, transition: Transition, **kwargs):
        super().__init__(*args, **kwargs)
        self.transition = transition
        if not transition.needs_message:
            del self.fields["message"]
        elif transition.name == "request_changes":
            self.fields["message"].help_text = _(
                "What the department should change. They read it in the portal and by e-mail."
            )
        else:
            self.fields["message"].label = _("Reason")
            self.fields["message"].help_text = _(
                "Why. The department reads it in the portal and by e-mail."
            )
        if "message" in self.fields:
            self.fields["message"].error_messages["required"] = _(
                "Please write the message: the department needs to know why."
            )


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Add a comment as the pavilion team"),
        max_length=ExhibitComment._meta.get_field("body").max_length,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
    )

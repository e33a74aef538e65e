"""The department portal's exhibit pages: dashboard, draft editing, preview, actions, thread.

Views stay thin: what a person may see comes from ``exhibits.portal_selectors`` (an
exhibit of another department is a 404), what they may do from ``exhibits.rules`` (a
partner department writing is a 403), writes from ``exhibits.services`` and status changes
from ``exhibits.workflow`` only. Refusals keep the page and say why, with the HTTP status
DESIGN.md names (400 bad input, 403 wrong role, 404 not yours, 409 wrong state or stale).
"""

from __future__ import annotations

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from departments.selectors import acting_membership, memberships_of
from exhibits import portal_selectors as selectors
from exhibits import revisions
from exhibits import rules as exhibit_rules
from exhibits.content import EXHIBIT_FIELDS, LANGUAGES
from exhibits.labels import missing_label
from exhibits.models import Exhibit, ExhibitRevision
from exhibits.portal_forms import (
    CommentForm,
    ExhibitEditor,
    RevisionActionForm,
    RevisionEditor,
    TransitionForm,
)
from exhibits.qr import exhibit_public_url, qr_svg
from exhibits.selectors import exhibits_nearby
from exhibits.services import exhibit_comment_add, exhibit_draft_delete
from exhibits.workflow import (
    Conflict,
    ExhibitNotFound,
    NotAllowed,
    StaleVersion,
    WorkflowError,
    exhibit_transition,
    missing_for_submission,
)
from pavilion.i18n import active_language, localized

PREVIEW_NEARBY = 4


def acting_member_required(view=None, *, landing: bool = False):
    """Sign-in required, and a department to act for (``request.membership``).

    A person in several departments without a choice yet is sent to choose one; a person
    in none (a curator, say) gets a page explaining where to go instead — with status 200
    on the portal's landing page, 403 on any other page.
    """

    def decorator(view):
        @login_required
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            membership = acting_membership(request.user, request.session)
            if membership is None:
                if memberships_of(request.user):
                    target = reverse("portal:choose_department")
                    return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
                return render(
                    request,
                    "exhibits/portal/no_department.html",
                    {"is_curator": exhibit_rules.is_curator(request.user)},
                    status=200 if landing else 403,
                )
            request.membership = membership
            return view(request, *args, **kwargs)

        return wrapper

    return decorator(view) if view is not None else decorator


def _forbidden(request, message: str, *, status: int = 403):
    return render(request, "exhibits/portal/refused.html", {"message": message}, status=status)


@acting_member_required(landing=True)
def dashboard(request):
    """The acting department's exhibits by status, the submission window and the quota."""
    membership = request.membership
    board = selectors.department_dashboard(
        department=membership.department, edition=selectors.current_edition()
    )
    context = {
        "membership": membership,
        "board": board,
        "several_departments": len(memberships_of(request.user)) > 1,
    }
    return render(request, "exhibits/portal/dashboard.html", context)


@acting_member_required
@require_http_methods(["GET", "POST"])
def exhibit_create(request):
    """A new draft of the acting department, in the current edition."""
    edition = selectors.current_edition()
    if edition is None:
        raise Http404("No edition is current.")
    department = request.membership.department
    if request.method == "POST":
        editor = ExhibitEditor(
            exhibit=None,
            edition=edition,
            department=department,
            data=request.POST,
            files=request.FILES,
        )
        response = _save(request, editor)
        if response is not None:
            return response
        status = 400
    else:
        editor = ExhibitEditor(exhibit=None, edition=edition, department=department)
        status = 200
    return _render_form(request, editor, status=status)


def _load(request, pk: int):
    exhibit = selectors.exhibit_for_portal(user=request.user, membership=request.membership, pk=pk)
    return selectors.portal_access(
        user=request.user, membership=request.membership, exhibit=exhibit
    )


@acting_member_required
@require_http_methods(["GET", "POST"])
def exhibit_edit(request, pk: int):
    """Edit a draft (or an exhibit whose changes were requested) of the acting department."""
    access = _load(request, pk)
    exhibit = access.exhibit
    if not access.acts_for_lead:
        return _forbidden(
            request,
            gettext(
                "Your department is a partner in this exhibit: you can read it, not change it."
            ),
        )
    if exhibit.status == Exhibit.Status.PUBLISHED:
        return _revision_edit(request, access)
    if not access.can_edit:
        message = _read_only_reason(exhibit)
        if request.method == "GET":
            messages.info(request, message)
            return redirect("portal:exhibit_detail", pk=exhibit.pk)
        return _render_detail(request, access, status=409, error=message)
    if request.method == "POST":
        editor = ExhibitEditor(
            exhibit=exhibit,
            edition=exhibit.edition,
            department=exhibit.lead_department,
            data=request.POST,
            files=request.FILES,
        )
        response = _save(request, editor)
        if response is not None:
            return response
        status = getattr(editor, "status", 400)
    else:
        editor = ExhibitEditor(
            exhibit=exhibit, edition=exhibit.edition, department=exhibit.lead_department
        )
        status = 200
    return _render_form(request, editor, status=status, access=access)


def _save(request, editor: ExhibitEditor):
    """Save the editor's forms and redirect, or return None to show them again."""
    if not editor.is_valid():
        return None  # the page's error summary says what to correct (one banner)
    try:
        exhibit = editor.save(user=request.user)
    except StaleVersion:
        current = Exhibit.objects.only("version").get(pk=editor.exhibit.pk)
        editor.add_conflict(
            gettext(
                "Someone else saved this exhibit while you were editing it, so your changes "
                "were not saved. Your text is kept below; compare it with the saved version "
                "(open the exhibit in a new tab), then save again to replace it. Choose any "
                "new image files again."
            ),
            current_version=current.version,
        )
        editor.status = 409
        return None
    except (ValidationError, Conflict, NotAllowed) as error:
        _show_refusal(editor, error)
        return None
    except ExhibitNotFound as error:
        raise Http404(str(error.message)) from None
    if editor.creating:
        messages.success(request, gettext("The draft was created."))
    else:
        messages.success(request, gettext("Your changes were saved."))
    return redirect("portal:exhibit_detail", pk=exhibit.pk)


def _render_form(request, editor: ExhibitEditor, *, status: int, access=None):
    context = {
        "membership": request.membership,
        "editor": editor,
        "form": editor.content,
        "rows": editor.content.translation_rows(),
        "access": access,
        "exhibit": editor.exhibit,
    }
    return render(request, "exhibits/portal/exhibit_form.html", context, status=status)


def _read_only_reason(exhibit) -> str:
    if exhibit.status == exhibit.Status.PUBLISHED:
        return gettext(
            "This exhibit is published. Changes to a published exhibit go live only after "
            "the pavilion team approves them."
        )
    if exhibit.status in {exhibit.Status.SUBMITTED, exhibit.Status.IN_REVIEW}:
        return gettext(
            "This exhibit has been submitted, so it is read-only until the pavilion team "
            "requests changes (or the coordinator withdraws it)."
        )
    if exhibit.status == exhibit.Status.WITHDRAWN:
        return gettext("This exhibit was withdrawn: the coordinator can reopen it as a draft.")
    return gettext("This exhibit is read-only for your department in its current state.")


def _refusal_text(error: WorkflowError) -> str:
    """A refusal as people read it. An incomplete exhibit's missing items are listed as
    links under it (``describe_missing``), so the sentence does not list them again."""
    if error.code == "incomplete" and error.missing:
        return gettext("Not submitted: the exhibit is not complete yet.")
    return str(error.message)


def describe_missing(exhibit, names: list[str]) -> list[dict]:
    """Each missing item named in the person's language, with a link to its form field."""
    # Images are one section of the edit page; every other item is one field.
    anchors = {"images": "images", "images.alt_text": "images"}
    edit_url = reverse("portal:exhibit_edit", args=[exhibit.pk])
    return [
        {
            "name": name,
            "label": missing_label(name),
            "url": f"{edit_url}#{anchors.get(name, f'id_{name}')}",
        }
        for name in names
    ]


def _render_detail(
    request,
    access,
    *,
    status: int = 200,
    error: str | None = None,
    missing: list[str] | None = None,
    comment_form: CommentForm | None = None,
):
    exhibit = access.exhibit
    history = selectors.exhibit_status_history(exhibit=exhibit)
    if missing is None and access.acts_for_lead and access.can_edit:
        missing = missing_for_submission(exhibit)
    revision_access = selectors.revision_access(user=request.user, access=access)
    context = {
        "revisions": revision_access,
        "diff": (
            revisions.revision_diff(revision_access.revision)
            if revision_access.revision is not None
            else []
        ),
        "membership": request.membership,
        "access": access,
        "exhibit": exhibit,
        "images": list(exhibit.images.all()),
        "links": list(exhibit.links.all()),
        "comments": list(selectors.exhibit_comments(exhibit=exhibit)),
        "comment_form": comment_form or CommentForm(),
        "history": history,
        "change_request": (
            selectors.latest_change_request(history=history)
            if exhibit.status == exhibit.Status.CHANGES_REQUESTED
            else None
        ),
        "missing": describe_missing(exhibit, missing or []),
        "error": error,
        "read_only_reason": (
            None if access.can_edit or revision_access.can_propose else _read_only_reason(exhibit)
        ),
        "content_rows": [
            {
                "label": field.label,
                "texts": [
                    (language, getattr(exhibit, field.column(language.key)) or "")
                    for language in LANGUAGES
                ],
            }
            for field in EXHIBIT_FIELDS
        ],
    }
    return render(request, "exhibits/portal/exhibit_detail.html", context, status=status)


@acting_member_required
def exhibit_detail(request, pk: int):
    """An exhibit as its department sees it: status, what is missing, actions, thread."""
    return _render_detail(request, _load(request, pk))


@acting_member_required
def exhibit_preview(request, pk: int):
    """The exhibit rendered with the public site's own template, as visitors will see it.

    Until curators set the zone, the proposed zone stands in (in memory only), so the
    page shows where the department asked to be.
    """
    access = _load(request, pk)
    exhibit = access.exhibit
    revision = selectors.revision_access(user=request.user, access=access).revision
    if revision is not None:
        return _revision_preview(request, access, revision)
    if exhibit.zone_id is None and exhibit.proposed_zone_id is not None:
        exhibit.zone = exhibit.proposed_zone
    if exhibit.zone_id is None:
        messages.info(request, gettext("Choose a proposed zone first: the page shows its zone."))
        return redirect("portal:exhibit_detail", pk=exhibit.pk)
    title = localized(exhibit, "title")
    public_url = exhibit_public_url(exhibit, language=active_language())
    context = {
        "exhibit": exhibit,
        "edition": exhibit.edition,
        "images": list(exhibit.images.all()),
        "partners": list(exhibit.partner_departments.all()),
        "technologies": list(exhibit.technologies.all()),
        "links": list(exhibit.links.all()),
        "recognitions": list(exhibit.recognitions.select_related("award")),
        "nearby": exhibits_nearby(exhibit, limit=PREVIEW_NEARBY),
        "qr": qr_svg(
            public_url,
            gettext("QR code of this page's address: %(title)s") % {"title": title},
        ),
        "public_url": public_url,
        "archived": not exhibit.edition.is_current,
        "membership": request.membership,
        "access": access,
    }
    return render(request, "exhibits/portal/exhibit_preview.html", context)


def _refuse_partner_action(request):
    """A partner department reads the exhibit but may not act on it (403)."""
    return _forbidden(
        request,
        gettext(
            "Your department is a partner in this exhibit: only its lead department acts on it."
        ),
    )


@acting_member_required
@require_POST
def exhibit_action(request, pk: int):
    """Submit, resubmit, withdraw or reopen, through the workflow (the only way)."""
    access = _load(request, pk)
    exhibit = access.exhibit
    if not access.acts_for_lead:
        return _refuse_partner_action(request)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        return _render_detail(
            request,
            access,
            status=400,
            error=gettext("This action could not be read: reload the page and try again."),
        )
    action = form.cleaned_data["action"]
    try:
        exhibit_transition(
            exhibit=exhibit,
            action=action,
            user=request.user,
            message=form.cleaned_data["message"],
            expected_version=form.cleaned_data["version"],
        )
    except WorkflowError as error:
        if isinstance(error, ExhibitNotFound):
            raise Http404(str(error.message)) from None
        refreshed = _load(request, pk)
        return _render_detail(
            request,
            refreshed,
            status=error.status,
            error=_refusal_text(error),
            missing=error.missing,
        )
    messages.success(request, _ACTION_DONE[action]())
    return redirect("portal:exhibit_detail", pk=exhibit.pk)


_ACTION_DONE = {
    "submit": lambda: gettext("The exhibit was submitted to the pavilion team."),
    "resubmit": lambda: gettext("The exhibit was submitted again to the pavilion team."),
    "withdraw": lambda: gettext("The exhibit was withdrawn."),
    "reopen": lambda: gettext("The exhibit is a draft again."),
}


@acting_member_required
def exhibit_withdraw(request, pk: int):
    """Ask before withdrawing: the page's form posts to ``exhibit_action`` (the workflow)."""
    access = _load(request, pk)
    if not access.acts_for_lead:
        return _refuse_partner_action(request)
    if not any(transition.name == "withdraw" for transition in access.transitions):
        if not exhibit_rules.is_lead_coordinator(request.user, access.exhibit):
            return _forbidden(
                request, gettext("Only the department's coordinator can withdraw an exhibit.")
            )
        return _render_detail(
            request,
            access,
            status=409,
            error=gettext("This exhibit cannot be withdrawn in its current state."),
        )
    return render(
        request,
        "exhibits/portal/confirm_withdraw.html",
        {"membership": request.membership, "access": access, "exhibit": access.exhibit},
    )


@acting_member_required
@require_http_methods(["GET", "POST"])
def exhibit_delete(request, pk: int):
    """Delete a draft never submitted (its coordinator): a confirmation page, then the
    service. Refusals: an editor 403, another department 404, any other status 409."""
    access = _load(request, pk)
    exhibit = access.exhibit
    if not access.acts_for_lead:
        return _refuse_partner_action(request)
    if request.method == "POST":
        title = exhibit.title_en
        try:
            exhibit_draft_delete(exhibit=exhibit, user=request.user)
        except ExhibitNotFound as error:
            raise Http404(str(error.message)) from None
        except NotAllowed as error:
            return _forbidden(request, str(error.message))
        except Conflict as error:
            return _render_detail(request, _load(request, pk), status=409, error=str(error.message))
        messages.success(request, gettext("The draft “%(title)s” was deleted.") % {"title": title})
        return redirect("portal:dashboard")
    if not exhibit_rules.is_lead_coordinator(request.user, exhibit):
        return _forbidden(request, gettext("Only the department's coordinator can delete a draft."))
    if not access.can_delete:
        return _render_detail(
            request,
            access,
            status=409,
            error=gettext(
                "Only a draft that was never submitted can be deleted; withdraw this "
                "exhibit instead."
            ),
        )
    return render(
        request,
        "exhibits/portal/confirm_delete.html",
        {"membership": request.membership, "access": access, "exhibit": exhibit},
    )


@acting_member_required
@require_POST
def exhibit_comment(request, pk: int):
    """Add a message to the thread with the pavilion team."""
    access = _load(request, pk)
    if not access.can_comment:
        return _forbidden(
            request,
            gettext("Only the lead department writes to the pavilion team about this exhibit."),
        )
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            exhibit_comment_add(
                exhibit=access.exhibit, user=request.user, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        except NotAllowed as error:
            return _forbidden(request, str(error.message))
        else:
            messages.success(request, gettext("Your message was sent."))
            return redirect(reverse("portal:exhibit_detail", args=[pk]) + "#comments")
    return _render_detail(request, access, status=400, comment_form=form)


# --- Changes to a published exhibit (revisions) -------------------------------------------


def _revision_edit(request, access):
    """The edit page of a published exhibit: it fills the department's draft revision
    (started by the first save), never the live exhibit. A submitted revision is read-only
    until the pavilion team decides: asking to edit it then is a 409."""
    exhibit = access.exhibit
    revision_access = selectors.revision_access(user=request.user, access=access)
    revision = revision_access.revision
    if not revision_access.can_edit:
        message = (
            gettext(
                "Your changes are waiting for the pavilion team's decision, so they cannot be "
                "edited now. The coordinator can withdraw them to start again."
            )
            if revision is not None
            else _read_only_reason(exhibit)
        )
        if request.method == "GET":
            messages.info(request, message)
            return redirect("portal:exhibit_detail", pk=exhibit.pk)
        return _render_detail(request, access, status=409, error=message)
    if request.method == "POST":
        editor = RevisionEditor(
            exhibit=exhibit, revision=revision, data=request.POST, files=request.FILES
        )
        response = _save_revision(request, editor)
        if response is not None:
            return response
        status = getattr(editor, "status", 400)
    else:
        editor = RevisionEditor(exhibit=exhibit, revision=revision)
        status = 200
    context = {
        "membership": request.membership,
        "editor": editor,
        "form": editor.content,
        "rows": editor.content.translation_rows(),
        "access": access,
        "exhibit": exhibit,
        "revisions": revision_access,
        "diff": revisions.revision_diff(revision) if revision is not None else [],
    }
    return render(request, "exhibits/portal/revision_form.html", context, status=status)


def _save_revision(request, editor: RevisionEditor):
    """Save the changes into the draft revision and redirect, or None to show the page."""
    if not editor.is_valid():
        return None  # the page's error summary says what to correct (one banner)
    try:
        editor.save(user=request.user)
    except StaleVersion:
        exhibit = editor.exhibit
        current = revisions.open_revision(exhibit)
        editor.add_conflict(
            gettext(
                "Someone else changed these changes (or the exhibit) while you were editing, "
                "so yours were not saved. Your text is kept below; compare it with what is "
                "saved (open the exhibit in a new tab), then save again to replace it. "
                "Choose any new image files again."
            ),
            current=current if current is not None and current.status == "draft" else None,
            exhibit_version=Exhibit.objects.only("version").get(pk=exhibit.pk).version,
        )
        editor.status = 409
        return None
    except (ValidationError, Conflict, NotAllowed) as error:
        _show_refusal(editor, error)
        return None
    except ExhibitNotFound as error:
        raise Http404(str(error.message)) from None
    messages.success(
        request,
        gettext(
            "Your changes were saved. The public page shows the published version until "
            "the pavilion team approves them."
        ),
    )
    return redirect(reverse("portal:exhibit_detail", args=[editor.exhibit.pk]) + "#changes")


REVISION_ACTIONS = {
    "submit": (
        revisions.revision_submit,
        lambda: gettext("Your changes were sent to the pavilion team for review."),
    ),
    "withdraw": (
        revisions.revision_withdraw,
        lambda: gettext("Your changes were withdrawn; the published exhibit is unchanged."),
    ),
}


@acting_member_required
@require_POST
def revision_action(request, pk: int, action: str):
    """Submit the draft revision for review, or withdraw the open one (the coordinator)."""
    if action not in REVISION_ACTIONS:
        raise Http404("No such action.")
    access = _load(request, pk)
    exhibit = access.exhibit
    if not access.acts_for_lead:
        return _refuse_partner_action(request)
    form = RevisionActionForm(request.POST)
    if not form.is_valid():
        return _render_detail(
            request,
            access,
            status=400,
            error=gettext("This action could not be read: reload the page and try again."),
        )
    revision = ExhibitRevision.objects.filter(
        exhibit=exhibit, pk=form.cleaned_data["revision"]
    ).first()
    if revision is None:
        raise Http404("No such changes.")
    service, done = REVISION_ACTIONS[action]
    options = {"note": form.cleaned_data["note"]} if action == "submit" else {}
    try:
        service(
            revision=revision,
            user=request.user,
            expected_version=form.cleaned_data["version"],
            **options,
        )
    except WorkflowError as error:
        if isinstance(error, ExhibitNotFound):
            raise Http404(str(error.message)) from None
        return _render_detail(
            request,
            _load(request, pk),
            status=error.status,
            error=_refusal_text(error),
            missing=error.missing,
        )
    messages.success(request, done())
    return redirect(reverse("portal:exhibit_detail", args=[exhibit.pk]) + "#changes")


def _revision_preview(request, access, revision: ExhibitRevision):
    """The public page with the changes applied on an unsaved copy of the exhibit."""
    exhibit = access.exhibit
    preview = revisions.revision_preview(revision)
    title = localized(preview["exhibit"], "title")
    public_url = exhibit_public_url(exhibit, language=active_language())
    context = {
        **preview,
        "edition": exhibit.edition,
        "recognitions": list(exhibit.recognitions.select_related("award")),
        "demo_sessions": list(exhibit.demo_sessions.all()),
        "nearby": exhibits_nearby(exhibit, limit=PREVIEW_NEARBY),
        "qr": qr_svg(
            public_url,
            gettext("QR code of this page's address: %(title)s") % {"title": title},
        ),
        "public_url": public_url,
        "archived": not exhibit.edition.is_current,
        "membership": request.membership,
        "access": access,
        "revision": revision,
    }
    return render(request, "exhibits/portal/exhibit_preview.html", context)


@acting_member_required
def exhibit_history(request, pk: int):
    """Published versions, changes proposed (to the lead department) and status changes."""
    access = _load(request, pk)
    context = {
        "membership": request.membership,
        "access": access,
        "exhibit": access.exhibit,
        "history": selectors.exhibit_history_for_portal(access=access),
    }
    return render(request, "exhibits/portal/exhibit_history.html", context)


def _show_refusal(editor, error) -> None:
    """A service's refusal on the editor's forms (the draft editor and the revision
    editor): field errors next to their fields, a conflict or refusal at the top with its
    HTTP status. The forms validated already; this is the service's second check."""
    if isinstance(error, ValidationError):
        fields = editor.content.fields
        for field, errors in getattr(error, "message_dict", {None: error.messages}).items():
            editor.content.add_error(field if field in fields else None, errors)
        return
    editor.content.add_error(None, str(error.message))
    editor.status = error.status

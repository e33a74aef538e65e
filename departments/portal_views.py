"""The portal's account pages: choosing the acting department and joining by invitation.

Signing in and out and resetting a password are Django's own views (configured in
``exhibits.portal_urls``); locked-out sign-ins are answered by django-axes.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from departments.portal_forms import ChooseDepartmentForm, InvitationSignUpForm
from departments.selectors import ACTING_DEPARTMENT_SESSION_KEY, memberships_of
from departments.services import invitation_accept as accept_invitation
from departments.services import invitation_for_token

# The account created by an invitation signs in without a password check just made.
_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _next_url(request, fallback: str = "portal:dashboard"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@login_required
@require_http_methods(["GET", "POST"])
def choose_department(request):
    """Choose which department the portal acts for (people in several departments)."""
    memberships = memberships_of(request.user)
    if not memberships:
        return redirect("portal:dashboard")
    form = ChooseDepartmentForm(
        request.POST or None,
        memberships=memberships,
        initial={"department": request.session.get(ACTING_DEPARTMENT_SESSION_KEY)},
    )
    if request.method == "POST":
        if form.is_valid():
            request.session[ACTING_DEPARTMENT_SESSION_KEY] = form.cleaned_data["department"]
            chosen = next(
                m for m in memberships if m.department_id == form.cleaned_data["department"]
            )
            messages.success(
                request,
                gettext("You now act for %(department)s.") % {"department": chosen.department},
            )
            return redirect(_next_url(request))
        status = 400
    else:
        status = 200
    context = {"form": form, "next": _next_url(request, fallback="")}
    return render(request, "departments/portal/choose_department.html", context, status=status)


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token: str):
    """Join a department from an e-mailed invitation.

    A new person chooses a user name and a password; a signed-in person joins with one
    click, if the invitation was sent to their own address. A used, expired or unknown
    link gets a friendly 404 page.
    """
    invitation = invitation_for_token(token)
    if invitation is None:
        return render(request, "departments/portal/invitation_invalid.html", status=404)
    user = request.user if request.user.is_authenticated else None
    other_address = bool(
        user and (user.email or "").strip().lower() != invitation.email.strip().lower()
    )
    form = None if user else InvitationSignUpForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if other_address:
            status = 403
        elif user is not None or form.is_valid():
            try:
                joined = accept_invitation(
                    invitation=invitation,
                    user=user,
                    username=form.cleaned_data["username"] if form else "",
                    password=form.cleaned_data["password1"] if form else "",
                )
            except ValidationError as error:
                if form is None or not hasattr(error, "error_dict"):
                    return render(request, "departments/portal/invitation_invalid.html", status=404)
                for field, errors in error.message_dict.items():
                    form.add_error("password1" if field == "password" else field, errors)
                status = 400
            else:
                if user is None:
                    login(request, joined, backend=_BACKEND)
                request.session[ACTING_DEPARTMENT_SESSION_KEY] = invitation.department_id
                messages.success(
                    request,
                    gettext("Welcome: you are now a member of %(department)s.")
                    % {"department": invitation.department},
                )
                return redirect("portal:dashboard")
        else:
            status = 400
    context = {"invitation": invitation, "form": form, "other_address": other_address}
    return render(request, "departments/portal/invitation_accept.html", context, status=status)

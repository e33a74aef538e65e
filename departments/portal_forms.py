"""Forms of the department portal's account pages: joining by invitation, acting department."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _


class InvitationSignUpForm(forms.Form):
    """A new person's account: a user name and a password typed twice.

    The service (``departments.services.invitation_accept``) checks that the name is free
    and runs the password validators; its errors are shown next to these fields.
    """

    username = forms.CharField(
        label=_("User name"),
        max_length=150,
        validators=[get_user_model().username_validator],
        help_text=_("Letters, digits and @ . + - _ only; you sign in with it."),
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not only digits, not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        return cleaned


class ChooseDepartmentForm(forms.Form):
    """Which of the person's departments the portal acts for."""

    department = forms.TypedChoiceField(
        label=_("Department"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a department.")},
    )

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [
            (m.department_id, f"{m.department} — {m.get_role_display()}") for m in memberships
        ]

"""Writes about departments and the people acting for them."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from departments.models import Department, Invitation, Membership
from pavilion.groups import SUBMITTERS

INVITATION_VALID_FOR = dt.timedelta(days=14)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invitation_create(
    *, email: str, department: Department, role: str, invited_by
) -> tuple[Invitation, str]:
    """Invite a person by e-mail to join ``department`` as ``role``.

    Returns the invitation and the raw token (only ever in the e-mailed link). The
    e-mail is sent once the transaction commits.
    """
    if role not in Membership.Role.values:
        raise ValidationError({"role": _("Choose editor or coordinator.")})
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        email=email.strip().lower(),
        department=department,
        role=role,
        token_digest=token_digest(token),
        invited_by=invited_by,
        expires_at=timezone.now() + INVITATION_VALID_FOR,
    )
    link = settings.PAVILION_SITE_URL + reverse("portal:invitation_accept", args=[token])
    context = {"invitation": invitation, "link": link, "valid_days": INVITATION_VALID_FOR.days}
    subject = render_to_string("departments/email/invitation_subject.txt", context).strip()
    body = render_to_string("departments/email/invitation_body.txt", context)
    transaction.on_commit(lambda: send_mail(subject, body, None, [invitation.email]))
    return invitation, token


def invitations_revoke(invitations) -> int:
    """Close the open ones among ``invitations`` (a queryset): their links stop working at
    once. Returns how many were open."""
    now = timezone.now()
    return invitations.filter(accepted_at__isnull=True, expires_at__gt=now).update(expires_at=now)


def invitations_send_again(invitations, *, invited_by) -> int:
    """For each unaccepted invitation among ``invitations`` (a queryset): a new one with a
    new link, e-mailed, and the old link closed — together, so the old link stops working
    only if the new one is sent. Returns how many were sent again."""
    pending = list(invitations.filter(accepted_at__isnull=True).select_related("department"))
    for old in pending:
        with transaction.atomic():
            invitations_revoke(Invitation.objects.filter(pk=old.pk))
            invitation_create(
                email=old.email, department=old.department, role=old.role, invited_by=invited_by
            )
    return len(pending)


def invitation_for_token(token: str) -> Invitation | None:
    """The open (unaccepted, unexpired) invitation this token opens, if any."""
    return (
        Invitation.objects.select_related("department")
        .filter(
            token_digest=token_digest(token),
            accepted_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .first()
    )


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user=None, username: str = "", password: str = ""):
    """Join the invited person to the department; create their account if they have none.

    An existing signed-in ``user`` keeps their password; otherwise ``username`` and
    ``password`` create the account (password validators apply). Returns the user.
    """
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.accepted_at is not None or locked.expires_at <= timezone.now():
        raise ValidationError(_("This invitation has already been used or has expired."))
    User = get_user_model()
    if user is None:
        username = username.strip()
        if not username:
            raise ValidationError({"username": _("Choose a user name.")})
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError({"username": _("This user name is taken.")})
        candidate = User(username=username, email=locked.email)
        try:
            validate_password(password, candidate)
        except ValidationError as exc:
            raise ValidationError({"password": exc.messages}) from None
        candidate.set_password(password)
        candidate.save()
        user = candidate
    membership, created = Membership.objects.get_or_create(
        user=user, department=locked.department, defaults={"role": locked.role}
    )
    if not created and membership.role != locked.role:
        membership.role = locked.role
        membership.save(update_fields=["role"])
    user.groups.add(Group.objects.get(name=SUBMITTERS))
    locked.accepted_at = timezone.now()
    locked.accepted_by = user
    locked.save(update_fields=["accepted_at", "accepted_by"])
    return user

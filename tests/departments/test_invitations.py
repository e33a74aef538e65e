"""Accepting an invitation creates the account and the membership, once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from departments.models import Invitation, Membership
from departments.services import invitation_accept, invitation_for_token, token_digest
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation(department, curator):
    return Invitation.objects.create(
        email="new.editor@dsd.gov.hk",
        department=department,
        role="coordinator",
        token_digest=token_digest("the-token"),
        invited_by=curator,
        expires_at=timezone.now() + dt.timedelta(days=14),
    )


def test_invitation_for_token_finds_only_open_ones(invitation):
    assert invitation_for_token("the-token") == invitation
    assert invitation_for_token("another-token") is None
    invitation.expires_at = timezone.now() - dt.timedelta(seconds=1)
    invitation.save()
    assert invitation_for_token("the-token") is None


def test_invitation_accept_creates_account_and_membership(invitation, department):
    user = invitation_accept(
        invitation=invitation, username="dsd.chan", password="a-long-pass-phrase-2025"
    )
    assert user.check_password("a-long-pass-phrase-2025")
    assert user.email == "new.editor@dsd.gov.hk"
    assert list(Membership.objects.filter(user=user).values_list("department", "role")) == [
        (department.pk, "coordinator")
    ]
    assert list(user.groups.values_list("name", flat=True)) == ["Department submitters"]
    invitation.refresh_from_db()
    assert (invitation.accepted_by, invitation.is_accepted) == (user, True)


def test_invitation_accept_twice_refused(invitation):
    invitation_accept(
        invitation=invitation, username="dsd.chan", password="a-long-pass-phrase-2025"
    )
    with pytest.raises(ValidationError, match="already been used"):
        invitation_accept(
            invitation=invitation, username="dsd.wong", password="a-long-pass-phrase-2025"
        )
    assert get_user_model().objects.filter(username="dsd.wong").exists() is False


def test_invitation_accept_weak_password_refused_and_nothing_saved(invitation):
    with pytest.raises(ValidationError) as excinfo:
        invitation_accept(invitation=invitation, username="dsd.chan", password="123")
    assert "password" in excinfo.value.message_dict
    assert get_user_model().objects.filter(username="dsd.chan").exists() is False
    invitation.refresh_from_db()
    assert invitation.is_accepted is False


def test_invitation_accept_taken_username_refused(invitation):
    factories.UserFactory(username="dsd.chan")
    with pytest.raises(ValidationError) as excinfo:
        invitation_accept(
            invitation=invitation, username="DSD.Chan", password="a-long-pass-phrase-2025"
        )
    assert excinfo.value.message_dict == {"username": ["This user name is taken."]}


def test_invitation_accept_by_existing_user_joins_second_department(invitation, department):
    other = factories.MembershipFactory(role="editor")
    user = invitation_accept(invitation=invitation, user=other.user)
    assert set(Membership.objects.filter(user=user).values_list("department", "role")) == {
        (other.department_id, "editor"),
        (department.pk, "coordinator"),
    }

"""Curators invite people from the back-office: the add form sends one mail whose link opens
the invitation; a sent invitation is read-only; revoke and send again."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from departments.models import Invitation
from departments.services import invitation_for_token
from tests import factories
from tests.test_admin import admin_form_data

CHANGELIST = reverse("admin:departments_invitation_changelist")
ADD = reverse("admin:departments_invitation_add")


def token_of(message) -> str:
    (token,) = re.findall(r"/portal/invitations/([^/\s]+)/", message.body)
    return token


def messages_of(response) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def signed_in(client, curator):
    client.force_login(curator)
    return client


def test_invitation_admin_add_sends_one_mail_whose_link_opens_it(
    signed_in, curator, department, django_capture_on_commit_callbacks, settings
):
    data = admin_form_data(signed_in.get(ADD)) | {
        "email": " Chan.Tai-man@DSD.gov.hk ",
        "department": str(department.pk),
        "role": "coordinator",
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(ADD, data)

    invitation = Invitation.objects.get()
    (message,) = mail.outbox
    token = token_of(message)
    assert (response.status_code, response["Location"]) == (302, CHANGELIST)
    assert messages_of(response) == [
        ("success", "An invitation was sent to chan.tai-man@dsd.gov.hk.")
    ]
    assert (invitation.email, invitation.department, invitation.role, invitation.invited_by) == (
        "chan.tai-man@dsd.gov.hk",
        department,
        "coordinator",
        curator,
    )
    assert message.to == ["chan.tai-man@dsd.gov.hk"]
    assert f"{settings.PAVILION_SITE_URL}/portal/invitations/{token}/" in message.body
    assert invitation_for_token(token) == invitation
    assert token not in invitation.token_digest
    # The link opens the portal's page for this invitation.
    opened = signed_in.get(f"/portal/invitations/{token}/")
    assert (opened.status_code, opened.context["invitation"]) == (200, invitation)


def test_invitation_admin_add_refuses_a_bad_address(
    signed_in, department, django_capture_on_commit_callbacks
):
    data = admin_form_data(signed_in.get(ADD)) | {
        "email": "not an address",
        "department": str(department.pk),
        "role": "editor",
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(ADD, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"email": ["Enter a valid email address."]}
    assert (Invitation.objects.count(), mail.outbox) == (0, [])


def test_invitation_admin_sent_invitation_is_read_only(signed_in):
    invitation = factories.InvitationFactory(email="wong@dsd.gov.hk")
    url = reverse("admin:departments_invitation_change", args=[invitation.pk])

    page = signed_in.get(url)
    post = signed_in.post(url, {"email": "other@dsd.gov.hk", "role": "coordinator"})

    invitation.refresh_from_db()
    assert page.status_code == 200
    assert page.context["adminform"].form.fields == {}
    assert "wong@dsd.gov.hk" in page.content.decode()
    assert post.status_code == 403
    assert (invitation.email, invitation.role) == ("wong@dsd.gov.hk", "editor")


def test_invitation_admin_lists_each_invitations_state(signed_in):
    now = timezone.now()
    factories.InvitationFactory(email="open@dsd.gov.hk")
    factories.InvitationFactory(email="late@dsd.gov.hk", expires_at=now - dt.timedelta(days=1))
    factories.InvitationFactory(email="done@dsd.gov.hk", accepted_at=now)

    response = signed_in.get(CHANGELIST)

    html = response.content.decode()
    rows = re.findall(
        r'<th class="field-email"><a [^>]*>([^<]+)</a></th>.*?<td class="field-state">([^<]+)</td>',
        html,
        flags=re.S,
    )
    assert sorted(rows) == [
        ("done@dsd.gov.hk", "accepted"),
        ("late@dsd.gov.hk", "expired or revoked"),
        ("open@dsd.gov.hk", "open"),
    ]


def test_invitation_admin_revoke_ends_open_invitations_only(signed_in):
    accepted_at = timezone.now() - dt.timedelta(hours=1)
    open_one = factories.InvitationFactory(email="open@dsd.gov.hk")
    accepted = factories.InvitationFactory(email="done@dsd.gov.hk", accepted_at=accepted_at)
    expires = accepted.expires_at

    response = signed_in.post(
        CHANGELIST,
        {"action": "revoke", "_selected_action": [str(open_one.pk), str(accepted.pk)]},
    )

    open_one.refresh_from_db()
    accepted.refresh_from_db()
    assert response.status_code == 302
    assert messages_of(response) == [("success", "1 invitation revoked; its link no longer works.")]
    assert open_one.expires_at <= timezone.now()
    assert invitation_for_token("token-open@dsd.gov.hk") is None
    assert (accepted.expires_at, accepted.accepted_at) == (expires, accepted_at)


def test_invitation_admin_send_again_replaces_the_link(
    signed_in, curator, django_capture_on_commit_callbacks
):
    old = factories.InvitationFactory(email="open@dsd.gov.hk", role="coordinator")
    accepted = factories.InvitationFactory(email="done@dsd.gov.hk", accepted_at=timezone.now())

    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(
            CHANGELIST,
            {"action": "send_again", "_selected_action": [str(old.pk), str(accepted.pk)]},
        )

    (message,) = mail.outbox
    new = invitation_for_token(token_of(message))
    assert messages_of(response) == [
        ("success", "1 invitation sent again with a new link."),
        ("warning", "1 invitation was already accepted and was not sent."),
    ]
    assert message.to == ["open@dsd.gov.hk"]
    assert (new.email, new.department, new.role, new.invited_by) == (
        "open@dsd.gov.hk",
        old.department,
        "coordinator",
        curator,
    )
    assert new.pk != old.pk
    assert invitation_for_token("token-open@dsd.gov.hk") is None
    assert Invitation.objects.count() == 3

"""Signing in and out, lockout (django-axes), password reset by e-mail, invitations, and
choosing the acting department."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from departments.models import Invitation, Membership
from departments.selectors import ACTING_DEPARTMENT_SESSION_KEY
from departments.services import invitation_create, token_digest
from tests import factories
from tests.portal.conftest import url

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"


# --- Sign in, sign out, lockout ----------------------------------------------------------


def test_login_page_in_three_languages(client):
    english = client.get(url("login"))
    traditional = client.get("/zh-hant/portal/login/")
    simplified = client.get("/zh-hans/portal/login/")

    assert [r.status_code for r in (english, traditional, simplified)] == [200, 200, 200]
    assert "Sign in to the department portal" in english.content.decode()
    assert '<html lang="zh-Hant">' in traditional.content.decode()
    assert '<html lang="zh-Hans">' in simplified.content.decode()


def test_login_with_right_password_goes_to_dashboard(client, editor):
    response = client.post(url("login"), {"username": editor.username, "password": PASSWORD})

    assert (response.status_code, response["Location"]) == (302, url("dashboard"))
    assert client.get(url("dashboard")).status_code == 200


def test_login_wrong_password_says_so_and_keeps_username(client, editor):
    response = client.post(url("login"), {"username": editor.username, "password": "wrong"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Please enter a correct username and password." in html
    assert f'value="{editor.username}"' in html


def test_login_follows_next(client, editor):
    response = client.post(
        url("login") + "?next=/portal/exhibits/new/",
        {"username": editor.username, "password": PASSWORD, "next": "/portal/exhibits/new/"},
    )

    assert response["Location"] == "/portal/exhibits/new/"


def test_logout_by_post_signs_out(client, editor):
    client.force_login(editor)

    response = client.post(url("logout"))

    assert (response.status_code, response["Location"]) == (302, "/")
    assert client.get(url("dashboard"))["Location"].startswith(url("login"))


def test_lockout_after_five_failures_even_with_right_password(client, editor):
    statuses = [
        client.post(url("login"), {"username": editor.username, "password": "wrong"}).status_code
        for _ in range(5)
    ]

    locked = client.post(url("login"), {"username": editor.username, "password": PASSWORD})

    # django-axes answers the failure that reaches the limit with the lockout page already.
    assert statuses == [200, 200, 200, 200, 429]

    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Too many failed sign-in attempts" in html
    assert "After 5 failed attempts" in html
    assert "Try again in 15 minutes." in html
    assert client.get(url("dashboard"))["Location"].startswith(url("login"))


def test_lockout_does_not_lock_another_username_from_same_address(client, editor, coordinator):
    for _ in range(6):
        client.post(url("login"), {"username": editor.username, "password": "wrong"})

    response = client.post(url("login"), {"username": coordinator.username, "password": PASSWORD})

    assert (response.status_code, response["Location"]) == (302, url("dashboard"))


def test_lockout_page_is_translated(client, editor):
    for _ in range(5):
        client.post("/zh-hant/portal/login/", {"username": editor.username, "password": "x"})

    locked = client.post("/zh-hant/portal/login/", {"username": editor.username, "password": "x"})

    assert locked.status_code == 429
    html = locked.content.decode()
    assert '<html lang="zh-Hant">' in html
    assert "登入失敗次數過多" in html
    assert "請在 15 分鐘後再試。" in html


# --- Password reset ----------------------------------------------------------------------


def test_password_reset_mails_a_link_that_sets_a_new_password(client, editor):
    response = client.post(url("password_reset"), {"email": editor.email.upper()})

    assert (response.status_code, response["Location"]) == (302, url("password_reset_done"))
    (message,) = mail.outbox
    assert message.to == [editor.email]
    assert message.subject == "Reset your password for the Smart Hong Kong Pavilion portal"
    link = re.search(r"http://testserver(/portal/password-reset/\S+/)", message.body).group(1)

    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-new-pass-phrase-2025", "new_password2": "a-new-pass-phrase-2025"},
    )

    assert (done.status_code, done["Location"]) == (302, url("password_reset_complete"))
    editor.refresh_from_db()
    assert editor.check_password("a-new-pass-phrase-2025")
    signed_in = client.post(
        url("login"), {"username": editor.username, "password": "a-new-pass-phrase-2025"}
    )
    assert signed_in["Location"] == url("dashboard")


def test_password_reset_unknown_address_sends_nothing_and_says_the_same(client):
    response = client.post(url("password_reset"), {"email": "nobody@example.gov.hk"}, follow=True)

    assert "If an account uses this address" in response.content.decode()
    assert mail.outbox == []


def test_password_reset_invalid_email_keeps_entry(client):
    response = client.post(url("password_reset"), {"email": "not-an-address"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter a valid email address." in html
    assert 'value="not-an-address"' in html


def test_password_reset_mismatched_passwords_refused(client, editor):
    client.post(url("password_reset"), {"email": editor.email})
    link = re.search(r"http://testserver(/portal/password-reset/\S+/)", mail.outbox[0].body).group(
        1
    )
    page = client.get(link, follow=True)

    response = client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "a-new-pass-phrase-2025", "new_password2": "another-pass-phrase"},
    )

    assert response.status_code == 200
    assert "The two password fields didn’t match." in response.content.decode()  # noqa: RUF001
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)


def test_password_reset_used_link_says_it_does_not_work(client):
    response = client.get("/portal/password-reset/MQ/bad-token/")

    assert response.status_code == 200
    assert "This link does not work" in response.content.decode()


# --- Invitations -------------------------------------------------------------------------


@pytest.fixture
def invitation_token(department, curator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _invitation, token = invitation_create(
            email="new.person@dsd.gov.hk",
            department=department,
            role="coordinator",
            invited_by=curator,
        )
    return token


def test_invitation_email_link_opens_accept_page(client, invitation_token, department):
    (message,) = mail.outbox
    path = url("invitation_accept", invitation_token)
    assert path in message.body

    response = client.get(path)

    assert response.status_code == 200
    html = response.content.decode()
    assert str(department.name_en) in html
    assert "<strong>Coordinator</strong>" in html


def test_invitation_accept_creates_account_signs_in_and_acts_for_department(
    client, invitation_token, department
):
    response = client.post(
        url("invitation_accept", invitation_token),
        {
            "username": "dsd.chan",
            "password1": "a-long-pass-phrase-2025",
            "password2": "a-long-pass-phrase-2025",
        },
    )

    assert (response.status_code, response["Location"]) == (302, url("dashboard"))
    user = get_user_model().objects.get(username="dsd.chan")
    assert user.email == "new.person@dsd.gov.hk"
    assert list(user.memberships.values_list("department", "role")) == [
        (department.pk, "coordinator")
    ]
    assert client.session[ACTING_DEPARTMENT_SESSION_KEY] == department.pk
    assert "Welcome: you are now a member of" in client.get(url("dashboard")).content.decode()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {
                "username": "",
                "password1": "a-long-pass-phrase-2025",
                "password2": "a-long-pass-phrase-2025",
            },
            "username",
            "This field is required.",
        ),
        (
            {
                "username": "dsd chan!",
                "password1": "a-long-pass-phrase-2025",
                "password2": "a-long-pass-phrase-2025",
            },
            "username",
            "Enter a valid username.",
        ),
        (
            {
                "username": "dsd.chan",
                "password1": "a-long-pass-phrase-2025",
                "password2": "different-pass-phrase",
            },
            "password2",
            "The two passwords differ.",
        ),
        (
            {"username": "dsd.chan", "password1": "12345678", "password2": "12345678"},
            "password1",
            "This password is entirely numeric.",
        ),
        (
            {
                "username": "taken",
                "password1": "a-long-pass-phrase-2025",
                "password2": "a-long-pass-phrase-2025",
            },
            "username",
            "This user name is taken.",
        ),
    ],
)
def test_invitation_accept_invalid_input_keeps_username_and_creates_nothing(
    client, invitation_token, data, field, message
):
    factories.UserFactory(username="taken")
    users_before = get_user_model().objects.count()

    response = client.post(url("invitation_accept", invitation_token), data)

    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert f'id="id_{field}_errors"' in html
    if data["username"]:
        assert f'value="{data["username"]}"' in html
    assert get_user_model().objects.count() == users_before
    assert Invitation.objects.get().is_accepted is False


def test_invitation_signed_in_person_joins_with_one_click(client, invitation_token, department):
    person = factories.MembershipFactory(user__email="new.person@dsd.gov.hk").user
    client.force_login(person)

    response = client.post(url("invitation_accept", invitation_token))

    assert response["Location"] == url("dashboard")
    assert Membership.objects.filter(
        user=person, department=department, role="coordinator"
    ).exists()
    assert client.session[ACTING_DEPARTMENT_SESSION_KEY] == department.pk


def test_invitation_for_another_address_refused_when_signed_in(client, invitation_token, editor):
    client.force_login(editor)

    page = client.get(url("invitation_accept", invitation_token))
    response = client.post(url("invitation_accept", invitation_token))

    assert "Sign out first" in page.content.decode()
    assert response.status_code == 403
    assert Invitation.objects.get().is_accepted is False


@pytest.mark.parametrize("case", ["unknown", "expired", "used"])
def test_invitation_invalid_link_is_friendly_404(client, department, curator, case):
    token = "a-token-nobody-has"
    if case != "unknown":
        Invitation.objects.create(
            email="x@dsd.gov.hk",
            department=department,
            role="editor",
            token_digest=token_digest(token),
            invited_by=curator,
            expires_at=timezone.now() + dt.timedelta(days=-1 if case == "expired" else 1),
            accepted_at=timezone.now() if case == "used" else None,
        )

    get = client.get(url("invitation_accept", token))
    post = client.post(
        url("invitation_accept", token),
        {
            "username": "x",
            "password1": "a-long-pass-phrase-2025",
            "password2": "a-long-pass-phrase-2025",
        },
    )

    assert (get.status_code, post.status_code) == (404, 404)
    assert "This invitation link does not work" in get.content.decode()
    assert not get_user_model().objects.filter(username="x").exists()


# --- Choosing the acting department ------------------------------------------------------


@pytest.fixture
def two_department_person(coordinator, other_department):
    factories.MembershipFactory(user=coordinator, department=other_department, role="editor")
    return coordinator


def test_choose_department_then_dashboard_shows_it(
    client, two_department_person, other_department, edition
):
    factories.ExhibitFactory(edition=edition, lead_department=other_department, title_en="Drains")
    client.force_login(two_department_person)

    response = client.post(
        url("choose_department"), {"department": other_department.pk, "next": "/portal/"}
    )

    assert (response.status_code, response["Location"]) == (302, "/portal/")
    html = client.get(url("dashboard")).content.decode()
    assert "Drains" in html
    assert "(Editor)" in html
    assert "Switch department" in html


@pytest.mark.parametrize("value", ["", "999999", "abc"])
def test_choose_department_not_mine_refused(client, two_department_person, value):
    client.force_login(two_department_person)
    stranger = factories.DepartmentFactory()

    response = client.post(url("choose_department"), {"department": value or ""})
    other = client.post(url("choose_department"), {"department": stranger.pk})

    assert (response.status_code, other.status_code) == (400, 400)
    assert ACTING_DEPARTMENT_SESSION_KEY not in client.session


def test_choose_department_ignores_offsite_next(client, two_department_person, department):
    client.force_login(two_department_person)

    response = client.post(
        url("choose_department"), {"department": department.pk, "next": "https://evil.example/"}
    )

    assert response["Location"] == url("dashboard")

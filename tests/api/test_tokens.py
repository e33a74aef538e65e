"""Personal API tokens: created and revoked at /portal/tokens/, stored hashed, used by the API."""

from __future__ import annotations

import datetime as dt
import hashlib
import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from pavilion.models import ApiToken
from pavilion.tokens import MAX_TOKENS_PER_PERSON, api_token_create
from tests import factories
from tests.api.conftest import bearer

pytestmark = pytest.mark.django_db

TOKENS = "/portal/tokens/"
MINE = "/api/v1/department/exhibits/"


@pytest.fixture
def member(department):
    return factories.MembershipFactory(department=department, role="coordinator").user


def _raw_from_page(response) -> str:
    return response.context["raw_token"]


def test_token_page_needs_sign_in(client, db):
    response = client.get(TOKENS)

    assert response.status_code == 302
    assert response["Location"] == "/portal/login/?next=/portal/tokens/"


def test_token_create_shows_it_once_and_stores_only_its_digest(client, member):
    client.force_login(member)

    created = client.post(TOKENS, {"name": "kiosk sync"})
    raw = _raw_from_page(created)
    listed = client.get(TOKENS)

    token = ApiToken.objects.get(user=member)
    assert created.status_code == 200
    assert raw.startswith("pav_") and len(raw) == 47
    assert raw in created.content.decode()
    assert raw not in listed.content.decode()
    assert token.prefix in listed.content.decode()
    assert token.name == "kiosk sync"
    assert token.prefix == raw[:12]
    assert token.digest == hashlib.sha256(raw.encode()).hexdigest()
    stored = [str(value) for value in ApiToken.objects.values_list(flat=False).get()]
    assert raw not in stored
    assert created["Cache-Control"].startswith("max-age=0")


def test_token_create_needs_a_name(client, member):
    client.force_login(member)

    response = client.post(TOKENS, {"name": "  "})

    assert response.status_code == 200
    assert response.context["raw_token"] is None
    assert response.context["form"].errors == {"name": ["This field is required."]}
    assert ApiToken.objects.count() == 0


def test_token_create_refused_at_the_limit(client, member):
    for i in range(MAX_TOKENS_PER_PERSON):
        api_token_create(user=member, name=f"t{i}")
    client.force_login(member)

    response = client.post(TOKENS, {"name": "one more"})

    assert response.context["raw_token"] is None
    assert response.context["form"].non_field_errors() == [
        f"You already have {MAX_TOKENS_PER_PERSON} active tokens: revoke one first."
    ]
    assert ApiToken.objects.filter(user=member).count() == MAX_TOKENS_PER_PERSON


def test_token_forms_are_protected_by_csrf(member):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member)

    response = browser.post(TOKENS, {"name": "no csrf"})

    assert response.status_code == 403
    assert ApiToken.objects.count() == 0


def test_token_authenticates_the_api_and_records_last_use(client, member):
    _token, raw = api_token_create(user=member, name="script")

    response = client.get(MINE, headers=bearer(raw))

    token = ApiToken.objects.get()
    assert response.status_code == 200
    assert token.last_used_at is not None
    assert timezone.now() - token.last_used_at < dt.timedelta(seconds=10)


def test_token_last_use_is_written_at_most_once_a_minute(client, member, django_assert_num_queries):
    token, raw = api_token_create(user=member, name="script")
    recent = timezone.now() - dt.timedelta(seconds=30)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=recent)

    client.get(MINE, headers=bearer(raw))

    token.refresh_from_db()
    assert token.last_used_at == recent


def test_token_keyword_token_is_accepted_too(client, member):
    _token, raw = api_token_create(user=member, name="script")

    response = client.get(MINE, headers={"Authorization": f"Token {raw}"})

    assert response.status_code == 200


def test_token_revoke_makes_it_fail_with_401(client, member):
    token, raw = api_token_create(user=member, name="script")
    client.force_login(member)

    revoked = client.post(f"{TOKENS}{token.pk}/revoke/", follow=True)
    refused = Client().get(MINE, headers=bearer(raw))

    token.refresh_from_db()
    assert revoked.status_code == 200
    assert "The token “script” is revoked." in revoked.content.decode()
    assert token.revoked_at is not None
    assert refused.status_code == 401
    assert refused.json() == {
        "code": "authentication_failed",
        "detail": "Invalid or revoked token.",
    }
    assert refused["WWW-Authenticate"] == 'Bearer realm="api"'


def test_token_of_someone_else_cannot_be_revoked(client, member):
    token, _raw = api_token_create(user=factories.UserFactory(), name="theirs")
    client.force_login(member)

    response = client.post(f"{TOKENS}{token.pk}/revoke/")

    token.refresh_from_db()
    assert response.status_code == 404
    assert token.revoked_at is None


def test_token_page_lists_only_the_persons_own_tokens(client, member):
    api_token_create(user=member, name="mine")
    api_token_create(user=factories.UserFactory(), name="someone else's")
    client.force_login(member)

    response = client.get(TOKENS)

    assert [t.name for t in response.context["tokens"]] == ["mine"]


def test_token_page_is_open_to_curators(client, curator):
    client.force_login(curator)

    response = client.post(TOKENS, {"name": "review script"})

    assert response.status_code == 200
    assert ApiToken.objects.get().user == curator


def test_token_page_in_traditional_chinese(client, member):
    client.force_login(member)

    response = client.get("/zh-hant/portal/tokens/")

    assert response.status_code == 200
    assert "API 存取權杖" in response.content.decode()


@pytest.mark.parametrize(
    ("header", "detail"),
    [
        ("Bearer pav_unknown", "Invalid or revoked token."),
        ("Bearer", "Invalid Authorization header: give the token after “Bearer ”."),
        ("Bearer a b", "Invalid Authorization header: give the token after “Bearer ”."),
        ("Basic dXNlcjpwYXNz", "Use “Authorization: Bearer <token>” with a personal API token."),
    ],
)
def test_token_bad_header_is_a_401(client, db, header, detail):
    response = client.get(MINE, headers={"Authorization": header})

    assert response.status_code == 401
    assert response.json() == {"code": "authentication_failed", "detail": detail}


def test_token_of_a_disabled_person_is_a_401(client, member):
    _token, raw = api_token_create(user=member, name="script")
    member.is_active = False
    member.save(update_fields=["is_active"])

    response = client.get(MINE, headers=bearer(raw))

    assert response.status_code == 401
    assert response.json()["detail"] == "This account is disabled."


def test_token_bad_one_on_a_public_endpoint_is_a_401_too(client, db):
    response = client.get("/api/v1/zones/", headers=bearer("pav_wrong"))

    assert response.status_code == 401


def test_no_token_on_a_department_endpoint_is_a_401(client, db):
    response = client.get(MINE)

    assert response.status_code == 401
    assert response.json() == {
        "code": "not_authenticated",
        "detail": "Authentication credentials were not provided.",
    }
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_create_api_token_command_prints_a_working_token(client, member):
    out = io.StringIO()

    call_command("create_api_token", member.username, "--name", "demo", stdout=out)
    raw = out.getvalue().strip()

    assert ApiToken.objects.get().name == "demo"
    assert client.get(MINE, headers=bearer(raw)).status_code == 200


def test_create_api_token_command_unknown_user(db):
    with pytest.raises(CommandError, match=r'No user "nobody"\.'):
        call_command("create_api_token", "nobody")

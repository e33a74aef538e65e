"""Security headers, the Content-Security-Policy and its nonces, production settings
(`check --deploy`), secure cookies and HSTS, and sign-in lockout on the admin.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests import factories

ROOT = Path(__file__).resolve().parents[2]

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; "
    "object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "production-like-" + "k3y" * 20,
    "ALLOWED_HOSTS": "pavilion.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://pavilion.example.org",
    "PAVILION_SITE_URL": "https://pavilion.example.org",
}


def inline_elements(html: str) -> list[tuple[str, str]]:
    """(tag, attributes) of every <script> without src and every <style> in ``html``."""
    found = []
    for tag, attributes in re.findall(r"<(script|style)\b([^>]*)>", html):
        if tag == "script" and "src=" in attributes:
            continue
        found.append((tag, attributes))
    return found


def header_nonce(response) -> str:
    match = re.search(r"script-src 'self' 'nonce-([\w-]+)'", response["Content-Security-Policy"])
    assert match, response["Content-Security-Policy"]
    return match.group(1)


@pytest.fixture(autouse=True)
def _no_extra_image_origins(settings):
    settings.CSP_EXTRA_IMG_SRC = []


@pytest.mark.django_db
def test_security_headers_on_a_public_page(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert {
        name: response[name]
        for name in (
            "Content-Security-Policy",
            "X-Content-Type-Options",
            "Referrer-Policy",
            "X-Frame-Options",
            "Cross-Origin-Opener-Policy",
        )
    } == {
        "Content-Security-Policy": POLICY,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "X-Frame-Options": "DENY",
        "Cross-Origin-Opener-Policy": "same-origin",
    }


@pytest.mark.django_db
def test_csp_public_home_has_no_inline_script_or_style(client, edition):
    response = client.get("/")
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == POLICY
    html = response.content.decode()
    assert inline_elements(html) == []
    assert re.findall(r"\s(style|on[a-z]+)=\"", html) == []


@pytest.mark.django_db
def test_csp_image_origins_from_settings(client, settings):
    settings.CSP_EXTRA_IMG_SRC = ["https://media.example.org"]
    response = client.get("/robots.txt")
    assert "img-src 'self' data: https://media.example.org;" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_csp_redoc_page_inline_elements_all_carry_the_header_nonce(client):
    response = client.get("/api/redoc/")
    assert response.status_code == 200
    nonce = header_nonce(response)
    policy = response["Content-Security-Policy"]
    assert f"style-src 'self' 'nonce-{nonce}';" in policy
    assert "worker-src 'self' blob:" in policy
    assert "unsafe-inline" not in policy
    html = response.content.decode()
    elements = inline_elements(html)
    assert [tag for tag, _attributes in elements] == ["style", "script", "script"]
    assert all(f'nonce="{nonce}"' in attributes for _tag, attributes in elements)
    # Redoc's own run-time styles get the nonce through its `nonce` option.
    assert f'{{nonce: "{nonce}"}}' in html
    # No web fonts from a CDN.
    assert "fonts.googleapis.com" not in html


@pytest.mark.django_db
def test_csp_swagger_page_loads_its_script_from_a_file(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    nonce = header_nonce(response)
    html = response.content.decode()
    assert inline_elements(html) == [("style", f' nonce="{nonce}"')]
    assert '<script src="/api/docs/?script="></script>' in html
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200
    assert script["Content-Type"] == "application/javascript"


@pytest.mark.django_db
def test_csp_nonce_is_new_on_every_request(client):
    first = header_nonce(client.get("/api/redoc/"))
    second = header_nonce(client.get("/api/redoc/"))
    assert first != second
    assert len(first) == len(second) == 32


@pytest.mark.django_db
def test_admin_login_locks_out_after_failures_even_with_the_right_password(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    curator = factories.CuratorFactory()
    curator.set_password("the-right-password-1")
    curator.save()
    statuses = [
        client.post(
            "/admin/login/", {"username": curator.username, "password": f"wrong-{i}"}
        ).status_code
        for i in range(3)
    ]
    locked = client.post(
        "/admin/login/", {"username": curator.username, "password": "the-right-password-1"}
    )
    assert statuses == [200, 200, 429]
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_admin_login_lockout_leaves_other_usernames_alone(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    victim = factories.CuratorFactory()
    other = factories.CuratorFactory()
    other.set_password("the-right-password-2")
    other.save()
    for i in range(3):
        client.post("/admin/login/", {"username": victim.username, "password": f"wrong-{i}"})
    response = client.post(
        "/admin/login/",
        {"username": other.username, "password": "the-right-password-2", "next": "/admin/"},
    )
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert client.session["_auth_user_id"] == str(other.pk)


# Variables of the test process that a production start would not have (the browser
# tests' conftest sets DJANGO_ALLOW_ASYNC_UNSAFE).
NOT_IN_PRODUCTION = {
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "REDIS_URL",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def run_production(
    code: str, *, without: tuple[str, ...] = (), **extra: str
) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh interpreter with production settings (DEBUG off), the
    variables named in ``without`` unset."""
    environment = {k: v for k, v in os.environ.items() if k not in NOT_IN_PRODUCTION}
    environment.update(PRODUCTION_ENV, DJANGO_SETTINGS_MODULE="pavilion.settings", **extra)
    for name in without:
        environment.pop(name, None)
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_passes_with_production_settings():
    result = run_production(
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


CHECK_DEPLOY = (
    "from django.core.management import execute_from_command_line; "
    "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])"
)


@pytest.mark.parametrize(
    ("site_url", "problem"),
    [
        (None, "PAVILION_SITE_URL (http://localhost:8000) points at this machine"),
        ("", "PAVILION_SITE_URL is not set."),
        ("http://127.0.0.1:8000", "PAVILION_SITE_URL (http://127.0.0.1:8000) points at this"),
        ("pavilion.example.org", "PAVILION_SITE_URL (pavilion.example.org) is not an absolute"),
    ],
)
def test_check_deploy_fails_without_the_public_site_url(site_url, problem):
    if site_url is None:
        result = run_production(CHECK_DEPLOY, without=("PAVILION_SITE_URL",))
    else:
        result = run_production(CHECK_DEPLOY, PAVILION_SITE_URL=site_url)

    assert result.returncode == 1
    assert f"(pavilion.E001) {problem}" in result.stderr
    assert "Set PAVILION_SITE_URL to the public address" in result.stderr


@pytest.mark.parametrize(
    ("debug", "site_url", "errors"),
    [
        (False, "http://localhost:8000", ["pavilion.E001"]),
        (False, "http://[::1]:8000", ["pavilion.E001"]),
        (False, "http://0.0.0.0:8000", ["pavilion.E001"]),
        (False, "https://pavilion.example.org", []),
        (False, "http://192.168.1.20:8000", []),
        (True, "http://localhost:8000", []),
    ],
)
def test_site_url_check_only_with_debug_off(settings, debug, site_url, errors):
    from django.core.checks import Tags, run_checks

    settings.DEBUG = debug
    settings.PAVILION_SITE_URL = site_url

    # Only the project's own (other tests may leave, say, an admin check unhappy).
    messages = run_checks(tags=[Tags.security], include_deployment_checks=True)
    found = [m.id for m in messages if m.id.startswith("pavilion.")]

    assert found == errors


PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
client = Client(HTTP_HOST="pavilion.example.org")
plain = client.get("/robots.txt")
secure = client.get("/robots.txt", secure=True)
print(json.dumps({
    "plain": [plain.status_code, plain.get("Location")],
    "hsts": secure.get("Strict-Transport-Security"),
    "csp": secure.get("Content-Security-Policy"),
    "cookies": {
        "csrf_secure": settings.CSRF_COOKIE_SECURE,
        "session_secure": settings.SESSION_COOKIE_SECURE,
        "session_httponly": settings.SESSION_COOKIE_HTTPONLY,
        "session_samesite": settings.SESSION_COOKIE_SAMESITE,
    },
    "img_src": settings.CSP_EXTRA_IMG_SRC,
}))
"""


def test_production_redirects_to_https_with_hsts_and_secure_cookies(tmp_path):
    result = run_production(
        PROBE,
        DATABASE_URL=f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        STATIC_ROOT=str(tmp_path),
        AWS_STORAGE_BUCKET_NAME="pavilion-media",
        AWS_S3_CUSTOM_DOMAIN="media.example.org",
    )
    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    assert probe == {
        "plain": [301, "https://pavilion.example.org/robots.txt"],
        "hsts": "max-age=31536000; includeSubDomains; preload",
        "csp": POLICY.replace(
            "img-src 'self' data:", "img-src 'self' data: https://media.example.org"
        ),
        "cookies": {
            "csrf_secure": True,
            "session_secure": True,
            "session_httponly": True,
            "session_samesite": "Lax",
        },
        "img_src": ["https://media.example.org"],
    }


@pytest.mark.django_db
def test_api_throttle_ignores_a_forged_x_forwarded_for(client, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/min", "user": "100/min"},
        "NUM_PROXIES": 0,
    }
    statuses = [
        client.get("/api/v1/zones/", headers={"X-Forwarded-For": f"192.0.2.{i}"}).status_code
        for i in range(3)
    ]
    assert statuses == [200, 200, 429]


@pytest.mark.django_db
def test_api_throttle_behind_one_proxy_counts_each_visitor(client, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/min", "user": "100/min"},
        "NUM_PROXIES": 1,
    }
    visitor = {"X-Forwarded-For": "198.51.100.7, 192.0.2.1"}
    statuses = [client.get("/api/v1/zones/", headers=visitor).status_code for _ in range(3)]
    other = client.get("/api/v1/zones/", headers={"X-Forwarded-For": "198.51.100.8, 192.0.2.2"})
    assert statuses == [200, 200, 429]
    assert other.status_code == 200

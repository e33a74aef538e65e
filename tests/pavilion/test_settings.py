"""Settings come from the environment, and bad values stop start-up with a clear message."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from pavilion import env

ROOT = Path(__file__).resolve().parents[2]


def start_django(**overrides: str) -> subprocess.CompletedProcess:
    """Import the settings in a fresh interpreter, as a server start would.

    An override of "" removes the variable from the environment.
    """
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
    environment.update(overrides)
    environment = {k: v for k, v in environment.items() if v != ""}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        cwd=ROOT,
        env={**environment, "DJANGO_SETTINGS_MODULE": "pavilion.settings"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_settings_debug_off_refuses_insecure_default_secret_key():
    result = start_django(DEBUG="false", SECRET_KEY="")
    assert result.returncode != 0
    assert (
        result.stderr.strip()
        .splitlines()[-1]
        .startswith("django.core.exceptions.ImproperlyConfigured: SECRET_KEY is not set")
    )


def test_settings_debug_off_starts_with_a_real_secret_key():
    result = start_django(DEBUG="false", SECRET_KEY="a-real-secret-" + "x" * 40)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "started"


@pytest.mark.parametrize(
    "url",
    ["mysqlx://nowhere", "not a url", "postgres://user@host:notaport/db", "postgres://localhost"],
)
def test_settings_malformed_database_url_names_the_variable(url):
    result = start_django(DATABASE_URL=url)
    assert result.returncode != 0
    assert "ImproperlyConfigured: DATABASE_URL" in result.stderr
    assert "Traceback" in result.stderr  # Django's own start-up failure, with our message last
    assert (
        result.stderr.strip()
        .splitlines()[-1]
        .startswith("django.core.exceptions.ImproperlyConfigured: DATABASE_URL")
    )


def test_env_database_parses_postgres_url():
    config = env.env_database("UNSET_FOR_TEST", "postgres://pav:secret@db.internal:5433/pavilion")
    assert (config["ENGINE"], config["HOST"], config["PORT"], config["NAME"], config["USER"]) == (
        "django.db.backends.postgresql",
        "db.internal",
        5433,
        "pavilion",
        "pav",
    )


def test_env_database_sqlite_default_has_no_persistent_connections():
    config = env.env_database("UNSET_FOR_TEST", "sqlite:////tmp/pavilion-test.sqlite3")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == "/tmp/pavilion-test.sqlite3"  # noqa: S108
    assert config["CONN_MAX_AGE"] == 0


@pytest.mark.parametrize("raw", ["maybe", "2", "enabled"])
def test_env_bool_rejects_unclear_values(monkeypatch, raw):
    monkeypatch.setenv("PAVILION_FLAG", raw)
    with pytest.raises(ImproperlyConfigured, match="PAVILION_FLAG must be true or false"):
        env.env_bool("PAVILION_FLAG", default=False)


@pytest.mark.parametrize(
    ("raw", "expected"), [("true", True), ("0", False), ("Yes", True), ("off", False)]
)
def test_env_bool_reads_common_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("PAVILION_FLAG", raw)
    assert env.env_bool("PAVILION_FLAG", default=not expected) is expected


def test_env_int_rejects_words(monkeypatch):
    monkeypatch.setenv("PAVILION_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured, match="PAVILION_NUMBER must be a whole number"):
        env.env_int("PAVILION_NUMBER", 1)


def test_env_list_splits_and_trims(monkeypatch):
    monkeypatch.setenv("PAVILION_HOSTS", " a.example , b.example,,")
    assert env.env_list("PAVILION_HOSTS", []) == ["a.example", "b.example"]


def test_settings_redis_url_selects_the_redis_cache():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.CACHES['default']['BACKEND'])",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "REDIS_URL": "redis://127.0.0.1:6379/9",
            "DJANGO_SETTINGS_MODULE": "pavilion.settings",
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.stdout.strip() == "pavilion.redis_cache.RedisCache"

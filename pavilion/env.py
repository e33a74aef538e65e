"""Reading settings from environment variables, with errors that name the variable."""

from __future__ import annotations

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, *, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false (1/0, yes/no, on/off), not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


_SUPPORTED_ENGINES = {
    "django.db.backends.sqlite3",
    "django.db.backends.postgresql",
}


def env_database(name: str, default: str) -> dict:
    """Parse a database URL (sqlite:///path or postgres://user@host:port/name).

    A malformed value stops start-up with a message naming the variable, rather than a
    traceback from deep inside the database layer on the first request.
    """
    raw = os.environ.get(name) or default
    try:
        config = dj_database_url.parse(raw, conn_max_age=600, conn_health_checks=True)
    except (ValueError, KeyError) as exc:  # both of its errors are ValueErrors
        raise ImproperlyConfigured(
            f"{name} is not a valid database URL ({exc}). Use sqlite:///path/to/db.sqlite3 "
            "or postgres://user:password@host:5432/name."
        ) from None
    engine = config.get("ENGINE", "")
    if engine not in _SUPPORTED_ENGINES:
        raise ImproperlyConfigured(
            f"{name} names an unsupported database ({engine or 'none'}): "
            "use sqlite:// or postgres://."
        )
    if engine == "django.db.backends.postgresql" and not config.get("NAME"):
        raise ImproperlyConfigured(
            f"{name} has no database name after the host: postgres://host/NAME."
        )
    if engine == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        config.pop("CONN_HEALTH_CHECKS", None)
    return config

"""The project's own system checks (``manage.py check``; deploy ones with ``--deploy``).

``PAVILION_SITE_URL`` is the absolute address printed on booth QR codes and signs, and
written into e-mails, calendar feeds, the sitemap and canonical links. Its default serves
the demo on this machine; a production start that forgets it would print QR codes that
point at localhost, silently. With ``DEBUG`` off, ``check --deploy`` therefore refuses an
address that is missing, not absolute, or on this machine.
"""

from __future__ import annotations

from ipaddress import ip_address
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register

LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "0.0.0.0"}  # noqa: S104


def is_local_host(host: str) -> bool:
    """Whether ``host`` names this machine (localhost, a loopback or unspecified address)."""
    host = host.lower().rstrip(".")
    if host in LOCAL_NAMES or host.endswith(".localhost"):
        return True
    try:
        address = ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def site_url_problem(url: str) -> str | None:
    """What is wrong with ``url`` as the public address, or None."""
    if not url:
        return "PAVILION_SITE_URL is not set."
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return f"PAVILION_SITE_URL ({url}) is not an absolute http(s) address."
    if is_local_host(parts.hostname):
        return f"PAVILION_SITE_URL ({url}) points at this machine, not at the public site."
    return None


@register(Tags.security, deploy=True)
def check_site_url(app_configs, **kwargs) -> list[Error]:
    """With DEBUG off, the public address must be set to the site's real one."""
    if settings.DEBUG:
        return []
    problem = site_url_problem(settings.PAVILION_SITE_URL)
    if problem is None:
        return []
    return [
        Error(
            problem,
            hint=(
                "QR codes, printed signs, e-mails and calendar feeds would point there. Set "
                "PAVILION_SITE_URL to the public address, e.g. https://pavilion.example.org."
            ),
            id="pavilion.E001",
        )
    ]

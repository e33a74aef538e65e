"""iCal feeds of on-site demonstrations: one per exhibit, one per zone, one for the whole
pavilion (current edition).

``/exhibits/<slug>/demos.ics``, ``/zones/<slug>/demos.ics`` and ``/demos.ics`` live inside
``i18n_patterns`` like the pages they belong to: the unprefixed address gives English
titles, ``/zh-hant/…`` and ``/zh-hans/…`` the same events titled in Chinese. Event UIDs
do not depend on the language, so a calendar that subscribed in one language and then in
another sees the same events, not copies.

Each event links the exhibit's page in the feed's language. Times are written with
``TZID=Asia/Hong_Kong`` and a VTIMEZONE (the fair's clock, whatever TIME_ZONE a
deployment sets). Only published exhibits have feeds; anything else is a 404.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils.translation import gettext
from django.views.decorators.http import require_safe
from icalendar import Calendar, Event

from exhibits import selectors
from exhibits.fair import published_demonstrations
from exhibits.models import DemoSession
from exhibits.qr import exhibit_public_url
from pavilion.i18n import active_language, join_parts, localized
from pavilion.timezones import FAIR_TZ

PRODID = "-//Digital Policy Office//Smart Hong Kong Pavilion//EN"


def demo_session_uid(session: DemoSession) -> str:
    """A UID that stays the same for the life of the session, in every language."""
    host = urlsplit(settings.PAVILION_SITE_URL).hostname or "pavilion.invalid"
    return f"demo-session-{session.pk}@{host}"


def _event(session: DemoSession) -> Event:
    exhibit = session.exhibit
    title = localized(session, "title")
    exhibit_title = localized(exhibit, "title")
    url = exhibit_public_url(exhibit, language=active_language())
    event = Event()
    event.add("uid", demo_session_uid(session))
    event.add("dtstamp", session.updated_at.astimezone(dt.UTC))
    event.add("last-modified", session.updated_at.astimezone(dt.UTC))
    event.add("dtstart", session.starts_at.astimezone(FAIR_TZ))
    event.add("dtend", session.ends_at.astimezone(FAIR_TZ))
    event.add("summary", f"{title} — {exhibit_title}")
    where = [localized(exhibit.zone, "name")] if exhibit.zone else []
    if exhibit.booth:
        where.insert(0, gettext("Booth %(code)s") % {"code": exhibit.booth.code})
    where.append(localized(exhibit.edition, "venue"))
    event.add("location", join_parts(where))
    note = localized(session, "note")
    event.add("description", "\n\n".join(part for part in (note, url) if part))
    event.add("url", url)
    return event


def build_calendar(sessions: list[DemoSession], *, name: str, edition) -> bytes:
    """An iCalendar (RFC 5545) document of ``sessions``, named ``name``."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", str(FAIR_TZ))
    for session in sessions:
        calendar.add_component(_event(session))
    # Hong Kong has kept UTC+8 all year since 1979: describing the zone from the fair's
    # year on keeps the VTIMEZONE to one STANDARD block.
    calendar.add_missing_timezones(
        first_date=dt.date(edition.starts_on.year, 1, 1),
        last_date=dt.date(edition.ends_on.year + 1, 1, 1),
    )
    return calendar.to_ical()


def calendar_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _current_edition():
    edition = selectors.current_edition()
    if edition is None:
        raise Http404("No edition is current.")
    return edition


@require_safe
def exhibit_demos_ics(request, slug: str):
    """The demonstrations of one published exhibit of the current edition."""
    edition = _current_edition()
    exhibit = selectors.exhibit_demo_sessions(edition=edition, slug=slug)
    if exhibit is None:
        raise Http404("No published exhibit has this address.")
    sessions = list(exhibit.demo_sessions.all())
    for session in sessions:
        session.exhibit = exhibit  # already loaded: no query per event
    name = gettext("Demonstrations: %(title)s") % {"title": localized(exhibit, "title")}
    return calendar_response(
        build_calendar(sessions, name=name, edition=edition), f"{exhibit.slug}-demos.ics"
    )


@require_safe
def zone_demos_ics(request, slug: str):
    """The demonstrations of every published exhibit in one zone of the current edition."""
    edition = _current_edition()
    zone = selectors.zone_in_edition(edition=edition, slug=slug)
    if zone is None:
        raise Http404("No such zone.")
    sessions = selectors.zone_demo_sessions(edition=edition, zone=zone)
    name = gettext("Demonstrations: %(zone)s") % {"zone": localized(zone, "name")}
    return calendar_response(
        build_calendar(sessions, name=name, edition=edition), f"{zone.slug}-demos.ics"
    )


@require_safe
def pavilion_demos_ics(request):
    """Every demonstration of the current edition's published exhibits (the site-wide feed)."""
    edition = _current_edition()
    sessions = published_demonstrations(edition=edition)
    name = gettext("Demonstrations: %(pavilion)s") % {"pavilion": localized(edition, "name")}
    return calendar_response(
        build_calendar(sessions, name=name, edition=edition), f"{edition.slug}-demos.ics"
    )

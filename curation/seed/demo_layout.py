# Chinese text uses full-width punctuation on purpose.
# ruff: noqa: RUF001
"""Demo layout: booths and demonstration times for the demo site (only while PAVILION_DEMO).

The press release names no booths and no demonstration times, so a real pavilion has
none until curators set them. The demo site would then show no floor plan and nothing in
"What's on"; like the demo logins, this fills the gap only while ``PAVILION_DEMO`` is on,
and says so: every booth made here is marked ``Booth.is_demo`` (the public plan then
tells visitors it is a sample layout), and every demonstration is titled after its
exhibit ("Live demonstration: …") with a note that its time is a sample. No fact is
invented.

Idempotent and respectful of curators: an exhibit that holds a booth keeps it; a booth
code that exists already (a curator's, or a demo booth a curator freed) is never taken
over or changed; an exhibit with any demonstration gets none. A second run writes nothing.
"""

from __future__ import annotations

import datetime as dt

from curation.seed import data
from exhibits.models import DemoSession, Exhibit
from pavilion.models import Booth, Edition, Zone
from pavilion.timezones import FAIR_TZ

DEMO_LAYOUT_REASON = "Demo layout by seed_pavilion (PAVILION_DEMO): a sample booth"
#: Start times (Hong Kong) of the sample demonstrations; each lasts DEMO_MINUTES.
DEMO_SLOTS = ((10, 30), (12, 0), (14, 30), (16, 0))
DEMO_MINUTES = 30
DEMO_TITLE = data.Text(en="Live demonstration: {title}", zh_hant="現場示範：{title}")
DEMO_NOTE = data.Text(
    en="Sample time on the demo site, not an announced schedule.",
    zh_hant="示範網站的樣本時間，並非已公布的時間表。",
)


def demo_booth_code(zone: Zone, number: int) -> str:
    """A zone's n-th demo booth: a letter per zone in floor order (A, B, …), two digits."""
    return f"{chr(ord('A') + zone.order % 26)}{number:02d}"


def seed_demo_booths(edition: Edition, zones: dict[str, Zone], exhibits: dict[str, Exhibit]) -> int:
    """Give each seeded exhibit without a booth a demo booth in its zone; the count made."""
    taken = set(Booth.objects.filter(edition=edition).values_list("code", flat=True))
    made = 0
    numbers: dict[str, int] = {}
    for seed in data.EXHIBITS:
        numbers[seed.zone] = numbers.get(seed.zone, 0) + 1
        exhibit = exhibits[seed.slug]
        zone = zones[seed.zone]
        code = demo_booth_code(zone, numbers[seed.zone])
        if exhibit.booth_id is not None or exhibit.zone_id != zone.pk or code in taken:
            continue
        booth = Booth.objects.create(edition=edition, zone=zone, code=code, is_demo=True)
        taken.add(code)
        exhibit.booth = booth
        exhibit._change_reason = DEMO_LAYOUT_REASON
        exhibit.save(update_fields=["booth", "updated_at"])
        made += 1
    return made


def demo_session_times(edition: Edition, index: int) -> list[tuple[dt.datetime, dt.datetime]]:
    """Two sample times for the ``index``-th exhibit, on different days of the fair."""
    days = edition.days
    times = []
    for shift in (0, 2):
        day = edition.starts_on + dt.timedelta(days=(index + shift) % days)
        hour, minute = DEMO_SLOTS[(index // days + shift) % len(DEMO_SLOTS)]
        starts = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=FAIR_TZ)
        times.append((starts, starts + dt.timedelta(minutes=DEMO_MINUTES)))
    return times


def seed_demo_sessions(edition: Edition, exhibits: dict[str, Exhibit]) -> int:
    """Two sample demonstrations for each seeded exhibit that has none; the count made."""
    with_sessions = set(
        DemoSession.objects.filter(exhibit__in=exhibits.values()).values_list(
            "exhibit_id", flat=True
        )
    )
    made = 0
    for index, seed in enumerate(data.EXHIBITS):
        exhibit = exhibits[seed.slug]
        if exhibit.pk in with_sessions:
            continue
        for starts, ends in demo_session_times(edition, index):
            session = DemoSession(
                exhibit=exhibit,
                starts_at=starts,
                ends_at=ends,
                title_en=DEMO_TITLE.en.format(title=exhibit.title_en)[:200],
                title_zh_hant=DEMO_TITLE.zh_hant.format(
                    title=exhibit.title_zh_hant or exhibit.title_en
                )[:200],
                note_en=DEMO_NOTE.en,
                note_zh_hant=DEMO_NOTE.zh_hant,
            )
            session.full_clean()
            session.save()
            made += 1
    return made

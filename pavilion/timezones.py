"""The fair's clock: Hong Kong time, whatever TIME_ZONE a deployment sets."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

#: The fair takes place in Hong Kong; its days begin and end at midnight there.
FAIR_TZ = ZoneInfo("Asia/Hong_Kong")


def fair_bounds(edition) -> tuple[dt.datetime, dt.datetime]:
    """The first and the last instant of the edition's days: [starts_on 00:00, ends_on+1 00:00)
    in Hong Kong time, as aware datetimes."""
    opens = dt.datetime.combine(edition.starts_on, dt.time.min, tzinfo=FAIR_TZ)
    closes = dt.datetime.combine(
        edition.ends_on + dt.timedelta(days=1), dt.time.min, tzinfo=FAIR_TZ
    )
    return opens, closes

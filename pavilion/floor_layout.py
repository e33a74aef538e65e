"""Where each booth is drawn on a floor plan: the one layout every plan uses.

The curators' plan of a zone (``/admin/tools/floor-plan/zone/<pk>/``), the public floor
plan (``/floor-plan/``), the small plan on an exhibit's page and the API's
``/api/v1/floor-plan/`` all place booths with these functions, so a booth stands in the
same spot wherever it is drawn.

The pavilion records which zone a booth belongs to and its code, not measured
positions: a zone is drawn as a block of booths in rows of ``BOOTHS_PER_ROW``, in
natural code order (E2 before E10), and the zones as blocks in floor order,
``ZONES_PER_ROW`` to a row. Sizes are in SVG user units. Nothing here reads the
database: callers pass zones and their booths (each booth may carry ``holder``, the
exhibit shown in it, or None).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

BOOTH_WIDTH = 88
BOOTH_HEIGHT = 52
GAP = 10
ZONE_PADDING = 12
ZONE_HEADING = 40
BOOTHS_PER_ROW = 4
ZONES_PER_ROW = 2

_NUMBER = re.compile(r"(\d+)")


def booth_sort_key(code: str) -> tuple:
    """Natural order of booth codes: E2 before E10, case ignored."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part.casefold())
        for part in _NUMBER.split(code)
        if part
    )


def booth_anchor(code: str) -> str:
    """The booth's fragment on the public plan (``#booth-E01``): the code, spaces as dashes."""
    return "booth-" + re.sub(r"\s+", "-", code.strip())


@dataclass
class BoothSpot:
    """One booth drawn at (x, y); ``holder`` is the exhibit shown in it, or None (free)."""

    booth: Any
    x: int
    y: int
    width: int = BOOTH_WIDTH
    height: int = BOOTH_HEIGHT
    highlighted: bool = False
    #: Where the booth links to, set by the caller (the exhibit's page, the admin's form).
    url: str = ""

    @property
    def code(self) -> str:
        return self.booth.code

    @property
    def anchor(self) -> str:
        return booth_anchor(self.booth.code)

    @property
    def holder(self):
        return getattr(self.booth, "holder", None)

    @property
    def centre_x(self) -> int:
        return self.x + self.width // 2

    @property
    def centre_y(self) -> int:
        return self.y + self.height // 2


@dataclass
class ZoneBlock:
    """A zone's area on the plan: its heading band and its booths."""

    zone: Any
    x: int
    y: int
    width: int
    height: int
    spots: list[BoothSpot] = field(default_factory=list)

    @property
    def heading_y(self) -> int:
        return self.y + ZONE_HEADING // 2 + 6

    @property
    def text_x(self) -> int:
        return self.x + ZONE_PADDING


@dataclass
class FloorLayout:
    """Every zone block of a plan, and the size of the drawing (its SVG viewBox)."""

    width: int
    height: int
    blocks: list[ZoneBlock]

    @property
    def spots(self) -> list[BoothSpot]:
        return [spot for block in self.blocks for spot in block.spots]

    @property
    def highlighted(self) -> BoothSpot | None:
        return next((spot for spot in self.spots if spot.highlighted), None)


def zone_width(columns: int = BOOTHS_PER_ROW) -> int:
    return 2 * ZONE_PADDING + columns * BOOTH_WIDTH + (columns - 1) * GAP


def zone_block(
    zone,
    booths: Iterable,
    *,
    x: int = 0,
    y: int = 0,
    columns: int = BOOTHS_PER_ROW,
    highlight: str | None = None,
) -> ZoneBlock:
    """A zone's booths in rows of ``columns``, in natural code order, from (x, y).

    A zone without booths keeps the height of one row, so its name still has room.
    ``highlight`` is a booth code (compared without regard to case).
    """
    ordered = sorted(booths, key=lambda booth: booth_sort_key(booth.code))
    wanted = highlight.casefold() if highlight else None
    spots = []
    for index, booth in enumerate(ordered):
        row, column = divmod(index, columns)
        spots.append(
            BoothSpot(
                booth=booth,
                x=x + ZONE_PADDING + column * (BOOTH_WIDTH + GAP),
                y=y + ZONE_HEADING + row * (BOOTH_HEIGHT + GAP),
                highlighted=wanted is not None and booth.code.casefold() == wanted,
            )
        )
    rows = max(1, -(-len(ordered) // columns))
    height = ZONE_HEADING + rows * BOOTH_HEIGHT + (rows - 1) * GAP + ZONE_PADDING
    return ZoneBlock(zone=zone, x=x, y=y, width=zone_width(columns), height=height, spots=spots)


def floor_layout(
    zones: Sequence[tuple[Any, Iterable]],
    *,
    zones_per_row: int = ZONES_PER_ROW,
    highlight: str | None = None,
) -> FloorLayout:
    """Zones (``(zone, booths)`` in floor order) as blocks, ``zones_per_row`` to a row.

    The blocks of a row share its top; the next row starts below the tallest of them.
    """
    blocks: list[ZoneBlock] = []
    top = 0
    width = 0
    for start in range(0, len(zones), zones_per_row):
        row = []
        for column, (zone, booths) in enumerate(zones[start : start + zones_per_row]):
            x = column * (zone_width() + GAP)
            row.append(zone_block(zone, booths, x=x, y=top, highlight=highlight))
        blocks.extend(row)
        width = max(width, max(block.x + block.width for block in row))
        top += max(block.height for block in row) + GAP
    return FloorLayout(width=width, height=max(top - GAP, 0), blocks=blocks)


def zone_layout(zone, booths: Iterable, *, highlight: str | None = None) -> FloorLayout:
    """One zone on its own (a curator's zone plan, the plan on an exhibit's page)."""
    block = zone_block(zone, booths, highlight=highlight)
    return FloorLayout(width=block.width, height=block.height, blocks=[block])
